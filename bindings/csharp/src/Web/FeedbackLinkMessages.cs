using System;
using System.Collections.Generic;

namespace CognitoFeedback.Web
{
    /// <summary>An HTTP request as <see cref="FeedbackLinkHandler"/> sees it, whatever server received it.</summary>
    public sealed class FeedbackLinkRequest
    {
        /// <summary>A request; <paramref name="headers"/> may be null (none), names are matched ignoring case.</summary>
        /// <param name="method">The method, e.g. <c>GET</c>.</param>
        /// <param name="path">The path as the application sees it, without the query.</param>
        /// <param name="query">The raw query without its <c>?</c> (still percent-encoded), or empty.</param>
        /// <param name="headers">The request's headers.</param>
        /// <param name="body">The body, at most <see cref="FeedbackLinkOptions.MaxBodyBytes"/> long, or null.</param>
        public FeedbackLinkRequest(string method, string path, string query, IDictionary<string, string> headers, byte[] body)
        {
            Method = (method ?? "GET").ToUpperInvariant();
            Path = path ?? "/";
            Query = query ?? "";
            Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (headers != null)
            {
                foreach (KeyValuePair<string, string> header in headers)
                {
                    Headers[header.Key] = header.Value;
                }
            }
            Body = body ?? new byte[0];
        }

        /// <summary>The method, upper case.</summary>
        public string Method { get; private set; }

        /// <summary>The path, without the query.</summary>
        public string Path { get; private set; }

        /// <summary>The raw query, without its <c>?</c>.</summary>
        public string Query { get; private set; }

        /// <summary>The headers, names matched ignoring case.</summary>
        public IDictionary<string, string> Headers { get; private set; }

        /// <summary>The body.</summary>
        public byte[] Body { get; private set; }

        /// <summary>A header's value, or empty when absent.</summary>
        internal string Header(string name)
        {
            string value;
            return Headers.TryGetValue(name, out value) && value != null ? value : "";
        }
    }

    /// <summary>What <see cref="FeedbackLinkHandler"/> answers: status, headers, body.</summary>
    public sealed class FeedbackLinkResponse
    {
        internal FeedbackLinkResponse(int statusCode, IList<KeyValuePair<string, string>> headers, byte[] body)
        {
            StatusCode = statusCode;
            Headers = headers;
            Body = body;
        }

        /// <summary>The HTTP status code.</summary>
        public int StatusCode { get; private set; }

        /// <summary>The headers to send, in order (Content-Length included).</summary>
        public IList<KeyValuePair<string, string>> Headers { get; private set; }

        /// <summary>The body (empty for a redirect or a HEAD).</summary>
        public byte[] Body { get; private set; }

        /// <summary>The value of the header <paramref name="name"/> (matched ignoring case), or null.</summary>
        public string Header(string name)
        {
            foreach (KeyValuePair<string, string> header in Headers)
            {
                if (string.Equals(header.Key, name, StringComparison.OrdinalIgnoreCase))
                {
                    return header.Value;
                }
            }
            return null;
        }
    }
}
