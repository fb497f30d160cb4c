using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using CognitoFeedback.Model;
using CognitoFeedback.Runtime;

namespace CognitoFeedback.Web
{
    /// <summary>
    /// Serves the two links of Cognito's threat-protection email, safe from mail scanners, in any
    /// web framework: a <see cref="FeedbackLinkRequest"/> in, a <see cref="FeedbackLinkResponse"/>
    /// out (ASP.NET Core middleware or <see cref="FeedbackLinkListener"/> adapt it).
    /// <para>
    /// A <c>GET</c> of a link (<c>?username=…&amp;event=…&amp;token=…&amp;verdict=valid|invalid</c>)
    /// records nothing: it answers a confirmation page with the link's answer preselected. Only
    /// that page's form <c>POST</c> reports the answer with UpdateAuthEventFeedback, once its
    /// anti-forgery value checks out (an HMAC of the link under the application's secret, fresh
    /// and not used before); the browser is then redirected (303) to a result page whose URL holds
    /// no token. Thread-safe: one instance serves every request.
    /// </para>
    /// </summary>
    public sealed class FeedbackLinkHandler
    {
        /// <summary>The environment variable <see cref="FromEnvironment"/> takes the secret from.</summary>
        public const string SecretEnvironmentVariable = "COGNITO_FEEDBACK_LINK_SECRET";

        /// <summary>The shortest secret accepted, in bytes (of its UTF-8).</summary>
        public const int MinSecretBytes = 32;

        private const string FormType = "application/x-www-form-urlencoded";

        private readonly IAmazonCognitoIdentityProvider client;
        private readonly string userPoolId;
        private readonly FeedbackLinkOptions options;
        private readonly FormSigner signer;
        private readonly PageCatalog catalog;
        private readonly string formAction;

        /// <summary>
        /// A handler reporting with <paramref name="client"/> for the pool <paramref name="userPoolId"/>;
        /// <paramref name="secret"/> keys the forms' anti-forgery value (at least 32 bytes, the
        /// same on every instance behind one address).
        /// </summary>
        /// <exception cref="ArgumentException">The secret is missing or too short, or an option is invalid.</exception>
        public FeedbackLinkHandler(IAmazonCognitoIdentityProvider client, string userPoolId, string secret, FeedbackLinkOptions options = null)
        {
            if (client == null)
            {
                throw new ArgumentNullException("client");
            }
            if (string.IsNullOrEmpty(userPoolId))
            {
                throw new ArgumentException("a user pool id is required", "userPoolId");
            }
            this.options = options ?? new FeedbackLinkOptions();
            if (string.IsNullOrEmpty(this.options.Path) || this.options.Path[0] != '/')
            {
                throw new ArgumentException("Path must start with '/', not '" + this.options.Path + "'", "options");
            }
            if (this.options.FormMaxAge <= TimeSpan.Zero || this.options.MaxBodyBytes <= 0)
            {
                throw new ArgumentException("FormMaxAge and MaxBodyBytes must be positive", "options");
            }
            this.client = client;
            this.userPoolId = userPoolId;
            signer = new FormSigner(SecretBytes(secret), this.options.FormMaxAge, this.options.Clock);
            catalog = new PageCatalog(this.options.Translations);
            // Relative: a reverse proxy may mount the handler under any prefix.
            string last = this.options.Path.Substring(this.options.Path.LastIndexOf('/') + 1);
            formAction = last.Length > 0 ? last : "./";
        }

        /// <summary>A handler whose secret is <c>$COGNITO_FEEDBACK_LINK_SECRET</c>.</summary>
        /// <exception cref="ArgumentException">The variable is unset, empty or too short.</exception>
        public static FeedbackLinkHandler FromEnvironment(IAmazonCognitoIdentityProvider client, string userPoolId, FeedbackLinkOptions options = null)
        {
            return new FeedbackLinkHandler(client, userPoolId, Environment.GetEnvironmentVariable(SecretEnvironmentVariable), options);
        }

        /// <summary>The path the links point at.</summary>
        public string Path
        {
            get { return options.Path; }
        }

        /// <summary>The largest body a request may have; adapters answer <see cref="BodyTooLarge"/> to a longer one unread.</summary>
        public int MaxBodyBytes
        {
            get { return options.MaxBodyBytes; }
        }

        /// <summary>The response to <paramref name="request"/>; reports to Cognito (blocking) when it is a confirmed answer.</summary>
        public FeedbackLinkResponse Handle(FeedbackLinkRequest request)
        {
            return HandleAsync(request, CancellationToken.None).GetAwaiter().GetResult();
        }

        /// <summary>The response to <paramref name="request"/>; the report to Cognito runs asynchronously.</summary>
        public async Task<FeedbackLinkResponse> HandleAsync(FeedbackLinkRequest request, CancellationToken cancellationToken = default(CancellationToken))
        {
            string language = catalog.Choose(request.Header("Accept-Language"));
            Click click;
            FeedbackLinkResponse refusal = Decide(request, language, out click);
            if (click == null)
            {
                return refusal;
            }
            Exception failure = null;
            try
            {
                await client.UpdateAuthEventFeedbackAsync(new UpdateAuthEventFeedbackRequest
                {
                    UserPoolId = userPoolId,
                    Username = click.Username,
                    EventId = click.EventId,
                    FeedbackToken = click.Token,
                    FeedbackValue = click.FeedbackValue,
                }, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                failure = e;
            }
            return Reported(click, language, failure);
        }

        /// <summary>The 413 page, for a request whose body an adapter refused to read.</summary>
        public FeedbackLinkResponse BodyTooLarge(FeedbackLinkRequest request)
        {
            return Page("too-large", catalog.Choose(request.Header("Accept-Language")), null);
        }

        /// <summary>The response when no call is to be made (click null), else the click to report.</summary>
        private FeedbackLinkResponse Decide(FeedbackLinkRequest request, string language, out Click click)
        {
            click = null;
            try
            {
                if (request.Path != options.Path)
                {
                    return Page("not-found", language, null);
                }
                if (request.Method == "GET" || request.Method == "HEAD")
                {
                    FeedbackLinkResponse page = Get(request, language);
                    return request.Method == "HEAD" ? new FeedbackLinkResponse(page.StatusCode, page.Headers, new byte[0]) : page;
                }
                if (request.Method == "POST")
                {
                    return Post(request, language, out click);
                }
                FeedbackLinkResponse notAllowed = Page("method-not-allowed", language, null);
                notAllowed.Headers.Add(new KeyValuePair<string, string>("Allow", "GET, HEAD, POST"));
                return notAllowed;
            }
            catch (Exception e)
            {
                click = null;
                Log(LogLevel.Error, "unexpected failure answering " + request.Method + " " + options.Path + ": " + e.GetType().Name);
                return Page("internal-error", language, null);
            }
        }

        private FeedbackLinkResponse Get(FeedbackLinkRequest request, string language)
        {
            if (HasField(request.Query, "outcome"))
            {
                // The result page a POST redirected to: its URL holds no token; it records nothing.
                string outcome;
                try
                {
                    outcome = LinkFields.Parse(request.Query, "outcome")["outcome"];
                }
                catch (BadLinkException)
                {
                    outcome = "";
                }
                return Page(PageDefinitions.ResultPages.Contains(outcome) ? outcome : "broken-link", language, null);
            }
            Click click;
            try
            {
                click = LinkFields.ParseClick(request.Query);
            }
            catch (BadLinkException problem)
            {
                Log(LogLevel.Warn, "refused a feedback link: " + problem.Message);
                return Page("broken-link", language, null);
            }
            ConfirmationForm form = new ConfirmationForm
            {
                Action = formAction,
                Hidden = new[]
                {
                    new KeyValuePair<string, string>("username", click.Username),
                    new KeyValuePair<string, string>("event", click.EventId),
                    new KeyValuePair<string, string>("token", click.Token),
                    new KeyValuePair<string, string>("proof", signer.Issue(userPoolId, click)),
                },
                Verdict = click.Verdict,
            };
            Log(LogLevel.Info, "confirmation page for event " + click.EventId + " (link says " + click.Verdict + ")");
            return Page("confirm", language, form);
        }

        private FeedbackLinkResponse Post(FeedbackLinkRequest request, string language, out Click click)
        {
            click = null;
            string contentType = request.Header("Content-Type").Split(';')[0].Trim().ToLowerInvariant();
            if (contentType != FormType)
            {
                return Page("unsupported-form", language, null);
            }
            if (request.Body.Length > options.MaxBodyBytes)
            {
                return Page("too-large", language, null);
            }
            Click posted;
            string proof;
            try
            {
                string body = Encoding.ASCII.GetString(request.Body);
                if (Array.Exists(request.Body, b => b > 127))
                {
                    throw new BadLinkException("the form is not URL-encoded ASCII");
                }
                posted = LinkFields.ParseClick(body);
                proof = LinkFields.Parse(body, "proof")["proof"];
            }
            catch (BadLinkException problem)
            {
                Log(LogLevel.Warn, "refused a feedback form: " + problem.Message);
                return Page("broken-link", language, null);
            }
            string refusal = signer.Accept(proof, userPoolId, posted);
            if (refusal.Length > 0)
            {
                Log(LogLevel.Warn, "refused the feedback form for event " + posted.EventId + ": its anti-forgery value is " + refusal);
                return Page("stale-form", language, null);
            }
            click = posted;
            return null;
        }

        /// <summary>The redirect to the result page for the call's outcome, after logging it.</summary>
        private FeedbackLinkResponse Reported(Click click, string language, Exception failure)
        {
            string outcome;
            AmazonServiceException service = failure as AmazonServiceException;
            InvalidParameterException local = failure as InvalidParameterException;
            if (local != null && local.ParameterName != null)
            {
                // Found before sending: the link's values are garbled.
                service = null;
            }
            if (failure == null)
            {
                Log(LogLevel.Info, "feedback recorded: event " + click.EventId + " is " + click.FeedbackValue.Value);
                outcome = "recorded-" + click.Verdict;
            }
            else if (service != null)
            {
                string code = service.ErrorCode ?? "?";
                if (!PageDefinitions.CognitoErrorPages.TryGetValue(code, out outcome))
                {
                    outcome = "error";
                }
                Log(outcome == "error" ? LogLevel.Error : LogLevel.Warn, "feedback for event " + click.EventId + " not recorded: "
                    + Printable(code) + " (request id " + Printable(service.RequestId ?? "?") + ")");
            }
            else
            {
                outcome = failure is ArgumentException || local != null ? "broken-link" : "error";
                Log(LogLevel.Error, "feedback for event " + click.EventId + " not recorded: " + failure.GetType().Name);
            }
            if (!PageDefinitions.ResultPages.Contains(outcome))
            {
                return Page(outcome, language, null);
            }
            List<KeyValuePair<string, string>> headers = SecurityHeaders();
            headers.Add(new KeyValuePair<string, string>("Location", "?outcome=" + outcome));
            headers.Add(new KeyValuePair<string, string>("Content-Length", "0"));
            return new FeedbackLinkResponse(303, headers, new byte[0]);
        }

        private FeedbackLinkResponse Page(string name, string language, ConfirmationForm form)
        {
            byte[] body = catalog.Render(language, name, form);
            List<KeyValuePair<string, string>> headers = SecurityHeaders();
            headers.Add(new KeyValuePair<string, string>("Content-Type", "text/html; charset=utf-8"));
            headers.Add(new KeyValuePair<string, string>("Content-Length", body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            headers.Add(new KeyValuePair<string, string>("Content-Language", language));
            headers.Add(new KeyValuePair<string, string>("Vary", "Accept-Language"));
            if (name == "busy")
            {
                headers.Add(new KeyValuePair<string, string>("Retry-After", PageDefinitions.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }
            return new FeedbackLinkResponse(PageDefinitions.Status[name], headers, body);
        }

        private static List<KeyValuePair<string, string>> SecurityHeaders()
        {
            return new List<KeyValuePair<string, string>>
            {
                new KeyValuePair<string, string>("Cache-Control", "no-store"),
                new KeyValuePair<string, string>("Referrer-Policy", "no-referrer"),
                new KeyValuePair<string, string>("Content-Security-Policy", PageCatalog.ContentSecurityPolicy),
                new KeyValuePair<string, string>("X-Content-Type-Options", "nosniff"),
                new KeyValuePair<string, string>("X-Frame-Options", "DENY"),
            };
        }

        private static bool HasField(string query, string name)
        {
            foreach (string pair in query.Split('&', ';'))
            {
                if (pair == name || pair.StartsWith(name + "=", StringComparison.Ordinal))
                {
                    return true;
                }
            }
            return false;
        }

        private static byte[] SecretBytes(string secret)
        {
            if (string.IsNullOrEmpty(secret))
            {
                throw new ArgumentException("no link secret: set " + SecretEnvironmentVariable + " (or pass secret) to a random value of at least "
                    + MinSecretBytes + " bytes, e.g. the output of `openssl rand -base64 48`", "secret");
            }
            byte[] bytes = Encoding.UTF8.GetBytes(secret);
            if (bytes.Length < MinSecretBytes)
            {
                throw new ArgumentException("the link secret is " + bytes.Length + " bytes long; it must be at least " + MinSecretBytes
                    + " (e.g. the output of `openssl rand -base64 48`)", "secret");
            }
            return bytes;
        }

        /// <summary>Network text made safe for a log line: printable ASCII, at most 200 characters.</summary>
        private static string Printable(string text)
        {
            StringBuilder safe = new StringBuilder();
            for (int i = 0; i < text.Length && i < 200; i++)
            {
                safe.Append(text[i] >= ' ' && text[i] <= '~' ? text[i] : '?');
            }
            return safe.ToString();
        }

        private void Log(LogLevel level, string message)
        {
            Action<LogLevel, string> log = options.Log;
            if (log != null)
            {
                log(level, message);
            }
        }
    }
}
