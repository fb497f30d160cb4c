using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;

namespace CognitoFeedback.Web
{
    /// <summary>
    /// Serves a <see cref="FeedbackLinkHandler"/> with <see cref="HttpListener"/> (Mono and .NET):
    /// for an application without ASP.NET Core, behind a reverse proxy that terminates TLS.
    /// </summary>
    public sealed class FeedbackLinkListener : IDisposable
    {
        private readonly FeedbackLinkHandler handler;
        private readonly HttpListener listener;
        private readonly Task serving;

        /// <summary>Starts serving on <c>http://127.0.0.1:PORT/</c>; port 0 picks a free one.</summary>
        /// <exception cref="HttpListenerException">The port cannot be listened on.</exception>
        public FeedbackLinkListener(FeedbackLinkHandler handler, int port)
        {
            if (handler == null)
            {
                throw new ArgumentNullException("handler");
            }
            this.handler = handler;
            // HttpListener takes no port 0: ask the system for a free port, then listen on it
            // (another process may take it in between: try a few).
            for (int attempt = 1; ; attempt++)
            {
                int chosen = port != 0 ? port : FreePort();
                HttpListener candidate = new HttpListener();
                candidate.Prefixes.Add("http://127.0.0.1:" + chosen + "/");
                try
                {
                    candidate.Start();
                }
                catch (HttpListenerException)
                {
                    candidate.Close();
                    if (port != 0 || attempt == 5)
                    {
                        throw;
                    }
                    continue;
                }
                listener = candidate;
                Url = "http://127.0.0.1:" + chosen;
                break;
            }
            serving = Task.Run(Serve);
        }

        /// <summary>The base URL, <c>http://127.0.0.1:PORT</c>.</summary>
        public string Url { get; private set; }

        /// <summary>Stops listening; requests in flight are abandoned.</summary>
        public void Dispose()
        {
            listener.Close();
            try
            {
                serving.Wait(TimeSpan.FromSeconds(10));
            }
            catch (AggregateException)
            {
            }
        }

        private static int FreePort()
        {
            TcpListener probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            int port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            return port;
        }

        private async Task Serve()
        {
            while (listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await listener.GetContextAsync().ConfigureAwait(false);
                }
                catch (Exception e) when (e is HttpListenerException || e is ObjectDisposedException || e is InvalidOperationException)
                {
                    return;
                }
                _ = Task.Run(() => Answer(context));
            }
        }

        private async Task Answer(HttpListenerContext context)
        {
            HttpListenerResponse response = context.Response;
            try
            {
                HttpListenerRequest request = context.Request;
                Dictionary<string, string> headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                foreach (string name in request.Headers.AllKeys)
                {
                    headers[name] = request.Headers[name];
                }
                // The raw target, as the browser sent it (Url would be decoded and re-encoded).
                string target = request.RawUrl ?? "/";
                int question = target.IndexOf('?');
                string path = Uri.UnescapeDataString(question < 0 ? target : target.Substring(0, question));
                string query = question < 0 ? "" : target.Substring(question + 1);
                FeedbackLinkRequest core = new FeedbackLinkRequest(request.HttpMethod, path, query, headers, null);
                FeedbackLinkResponse answer;
                if (request.ContentLength64 > handler.MaxBodyBytes || (request.HasEntityBody && request.ContentLength64 < 0))
                {
                    answer = handler.BodyTooLarge(core);
                }
                else
                {
                    byte[] body = await ReadBody(request).ConfigureAwait(false);
                    answer = await handler.HandleAsync(new FeedbackLinkRequest(request.HttpMethod, path, query, headers, body)).ConfigureAwait(false);
                }
                response.StatusCode = answer.StatusCode;
                foreach (KeyValuePair<string, string> header in answer.Headers)
                {
                    if (string.Equals(header.Key, "Content-Length", StringComparison.OrdinalIgnoreCase))
                    {
                        response.ContentLength64 = long.Parse(header.Value, System.Globalization.CultureInfo.InvariantCulture);
                    }
                    else if (string.Equals(header.Key, "Content-Type", StringComparison.OrdinalIgnoreCase))
                    {
                        response.ContentType = header.Value;
                    }
                    else
                    {
                        response.Headers[header.Key] = header.Value;
                    }
                }
                await response.OutputStream.WriteAsync(answer.Body, 0, answer.Body.Length).ConfigureAwait(false);
                response.Close();
            }
            catch (Exception)
            {
                // The client went away, or the listener closed: nothing to answer.
                response.Abort();
            }
        }

        private static async Task<byte[]> ReadBody(HttpListenerRequest request)
        {
            if (!request.HasEntityBody)
            {
                return new byte[0];
            }
            using (MemoryStream body = new MemoryStream())
            {
                await request.InputStream.CopyToAsync(body).ConfigureAwait(false);
                return body.ToArray();
            }
        }
    }
}
