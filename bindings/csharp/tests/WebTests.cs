using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using CognitoFeedback.Web;

namespace CognitoFeedback.Tests
{
    /// <summary>
    /// CognitoFeedback.Web: the feedback-link handler's core against the emulator (both
    /// runtimes), and served by HttpListener (Mono: on CoreCLR 3.1, HttpListener needs OpenSSL
    /// 1.x, which Debian 12 no longer has).
    /// </summary>
    internal static class WebTests
    {
        private const string Secret = "test-secret-0123456789-abcdefghijklmnopqrstuvwxyz";
        private const string AliceLink = "username=alice&event=evt-alice-1&token=tok-alice-1.AbC%3D&verdict=valid";
        private static DateTimeOffset now = DateTimeOffset.FromUnixTimeSeconds(1800000000);

        private static FeedbackLinkHandler NewHandler(List<string> log)
        {
            FeedbackLinkOptions options = new FeedbackLinkOptions { Log = (level, message) => { lock (log) { log.Add(level + " " + message); } } };
            options.Clock = () => now;
            options.Translate("fr", "confirm", "title", "\u00c9tait-ce vous\u00a0?");
            return new FeedbackLinkHandler(Fixture.Shared, Fixture.PoolId, Secret, options);
        }

        private static FeedbackLinkResponse Get(FeedbackLinkHandler handler, string query, string language = null)
        {
            Dictionary<string, string> headers = new Dictionary<string, string>();
            if (language != null)
            {
                headers["Accept-Language"] = language;
            }
            return handler.Handle(new FeedbackLinkRequest("GET", "/feedback", query, headers, null));
        }

        private static FeedbackLinkResponse Post(FeedbackLinkHandler handler, string body, string type = "application/x-www-form-urlencoded")
        {
            Dictionary<string, string> headers = new Dictionary<string, string> { { "content-type", type } };
            return handler.Handle(new FeedbackLinkRequest("POST", "/feedback", "", headers, Encoding.UTF8.GetBytes(body)));
        }

        /// <summary>The form of a confirmation page as a browser sends it, with <paramref name="verdict"/> chosen.</summary>
        private static string FormBody(FeedbackLinkResponse page, string verdict, string proof = null)
        {
            string html = Encoding.UTF8.GetString(page.Body);
            List<string> fields = Regex.Matches(html, "<input type=\"hidden\" name=\"(\\w+)\" value=\"([^\"]*)\">").Cast<Match>()
                .Select(m => m.Groups[1].Value + "=" + Uri.EscapeDataString(m.Groups[1].Value == "proof" && proof != null ? proof : WebUtility.HtmlDecode(m.Groups[2].Value)))
                .ToList();
            fields.Add("verdict=" + verdict);
            return string.Join("&", fields);
        }

        private static string Title(FeedbackLinkResponse page)
        {
            Match title = Regex.Match(Encoding.UTF8.GetString(page.Body), "<h1>(.*?)</h1>");
            return title.Success ? WebUtility.HtmlDecode(title.Groups[1].Value) : "";
        }

        private static int Recorded(string eventId)
        {
            return File.ReadAllLines(Settings.FeedbackLogPath).Count(l => l.Contains("\"event_id\":\"" + eventId + "\""));
        }

        private static string Hex(byte[] bytes)
        {
            return string.Concat(bytes.Select(b => b.ToString("x2")));
        }

        [Test]
        public static void ManagedSha256AndHmacMatchTheStandardVectors()
        {
            Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Hex(HmacSha256.Sha256(Encoding.ASCII.GetBytes("abc"))), "SHA-256 abc");
            Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Hex(HmacSha256.Sha256(new byte[0])), "SHA-256 empty");
            Assert.Equal("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
                Hex(HmacSha256.Sha256(Encoding.ASCII.GetBytes("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"))), "SHA-256 two blocks");
            Assert.Equal("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
                Hex(HmacSha256.Sha256(Encoding.ASCII.GetBytes(new string('a', 1000000)))), "SHA-256 a million a");
            Assert.Equal("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
                Hex(HmacSha256.Mac(Enumerable.Repeat((byte)0x0b, 20).ToArray(), Encoding.ASCII.GetBytes("Hi There"))), "RFC 4231 case 1");
            Assert.Equal("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
                Hex(HmacSha256.Mac(Enumerable.Repeat((byte)0xaa, 131).ToArray(), Encoding.ASCII.GetBytes("Test Using Larger Than Block-Size Key - Hash Key First"))), "RFC 4231 case 6");
        }

        [Test]
        public static void TheFormValueIsTheSameAsPythons()
        {
            // bindings/python/tests/test_web.py checks the same vector.
            FormSigner signer = new FormSigner(Encoding.UTF8.GetBytes(Secret), TimeSpan.FromHours(1), () => DateTimeOffset.FromUnixTimeSeconds(1800000000));
            Click zoe = new Click { Username = "Zo\u00eb", EventId = "evt-zoe-1", Token = "tok-zoe-1.GhI=", Verdict = "valid" };
            string value = signer.Issue("us-east-1_PlusPool1", zoe, "bm9uY2Utbm9uY2U");
            Assert.Equal("1800000000.bm9uY2Utbm9uY2U.hu_dk9GJIEhWzaeTcN2FNsLqZTj5eMFLQhm7HY0SRpw", value, "form value");
            Assert.Equal("", signer.Accept(value, "us-east-1_PlusPool1", zoe), "accepted");
            Assert.True(signer.Issue("us-east-1_PlusPool1", zoe) != signer.Issue("us-east-1_PlusPool1", zoe), "each page's value is its own");
        }

        [Test]
        public static void TheLinkOpensAConfirmationPageThatRecordsNothing()
        {
            FeedbackLinkHandler handler = NewHandler(new List<string>());
            int before = Recorded("evt-alice-1");
            FeedbackLinkResponse page = Get(handler, AliceLink.Replace("verdict=valid", "verdict=invalid"));
            Assert.Equal(200, page.StatusCode, "status");
            Assert.Equal("Was this sign-in you?", Title(page), "title");
            string html = Encoding.UTF8.GetString(page.Body);
            Assert.True(html.Contains("<form method=\"post\" action=\"feedback\">"), "the form posts to the path without the query: " + html);
            Assert.True(html.Contains("value=\"invalid\" checked>"), "the link's verdict is preselected");
            Assert.Equal("no-store", page.Header("Cache-Control"), "Cache-Control");
            Assert.Equal("no-referrer", page.Header("Referrer-Policy"), "Referrer-Policy");
            Assert.Equal("DENY", page.Header("X-Frame-Options"), "X-Frame-Options");
            Assert.Equal("nosniff", page.Header("X-Content-Type-Options"), "X-Content-Type-Options");
            Assert.True(page.Header("Content-Security-Policy").StartsWith("default-src 'none'; style-src 'sha256-", StringComparison.Ordinal), "CSP");
            Assert.Equal(before, Recorded("evt-alice-1"), "feedback recorded by a GET");
        }

        [Test]
        public static void TheFormRecordsOnceAndRedirectsToAPageWithoutTheToken()
        {
            List<string> log = new List<string>();
            FeedbackLinkHandler handler = NewHandler(log);
            int before = Recorded("evt-alice-1");
            FeedbackLinkResponse page = Get(handler, AliceLink);
            FeedbackLinkResponse sent = Post(handler, FormBody(page, "invalid"));
            Assert.Equal(303, sent.StatusCode, "status");
            Assert.Equal("?outcome=recorded-invalid", sent.Header("Location"), "Location");
            Assert.Equal(before + 1, Recorded("evt-alice-1"), "recorded");
            FeedbackLinkResponse result = Get(handler, "outcome=recorded-invalid");
            Assert.Equal(200, result.StatusCode, "result status");
            Assert.Equal("Thanks \u2014 we've secured your account", Title(result), "result title");

            FeedbackLinkResponse replay = Post(handler, FormBody(page, "invalid"));
            Assert.Equal(403, replay.StatusCode, "replay status");
            Assert.Equal("This page has expired", Title(replay), "replay title");
            string proof = Regex.Match(Encoding.UTF8.GetString(Get(handler, AliceLink).Body), "name=\"proof\" value=\"([^\"]*)\"").Groups[1].Value;
            Assert.Equal(403, Post(handler, FormBody(page, "valid", proof.Substring(0, proof.Length - 4) + "AAAA")).StatusCode, "forged");
            Assert.Equal(403, Post(handler, FormBody(page, "valid", "1800000001" + proof.Substring(10))).StatusCode, "another time");
            Assert.Equal(403, Post(handler, FormBody(page, "valid", proof.Substring(0, 11) + "x" + proof.Substring(11))).StatusCode, "another nonce");
            Assert.Equal(before + 1, Recorded("evt-alice-1"), "recorded after the replay and the forgeries");
            string all = string.Join("\n", log);
            Assert.True(all.Contains("Info feedback recorded: event evt-alice-1 is Invalid"), "logged: " + all);
            Assert.True(all.Contains("anti-forgery value is already used"), "replay logged: " + all);
            Assert.DoesNotContain("tok-", all, "log");
            Assert.DoesNotContain("alice", all.Replace("evt-alice", ""), "log");
        }

        [Test]
        public static void AFormOlderThanItsLifetimeIsRefused()
        {
            FeedbackLinkHandler handler = NewHandler(new List<string>());
            FeedbackLinkResponse page = Get(handler, AliceLink);
            DateTimeOffset then = now;
            now = then.AddSeconds(3601);
            try
            {
                Assert.Equal(403, Post(handler, FormBody(page, "valid")).StatusCode, "an hour and a second later");
            }
            finally
            {
                now = then;
            }
            Assert.Equal(303, Post(handler, FormBody(Get(handler, AliceLink), "valid")).StatusCode, "a fresh form");
        }

        [Test]
        public static void EveryServiceAnswerHasItsResultPage()
        {
            FeedbackLinkHandler handler = NewHandler(new List<string>());
            string[][] cases =
            {
                new[] { "carol", "evt-carol-expired", "tok-carol-old.PqR%3D", "expired-link", "403", "This link has expired or was already used" },
                new[] { "alice", "evt-user-not-found", "tok-x", "unknown-account", "404", "We couldn't find your account" },
                new[] { "alice", "evt-resource-not-found", "tok-x", "unknown-sign-in", "404", "We couldn't find that sign-in" },
                new[] { "alice", "evt-too-many-requests", "tok-x", "busy", "503", "We're busy right now" },
                new[] { "alice", "evt-unknown-code", "tok-x", "error", "502", "Something went wrong on our side" },
            };
            foreach (string[] c in cases)
            {
                FeedbackLinkResponse page = Get(handler, "username=" + c[0] + "&event=" + c[1] + "&token=" + c[2] + "&verdict=valid");
                FeedbackLinkResponse sent = Post(handler, FormBody(page, "valid"));
                Assert.Equal("303 ?outcome=" + c[3], sent.StatusCode + " " + sent.Header("Location"), c[1]);
                FeedbackLinkResponse result = Get(handler, "outcome=" + c[3]);
                Assert.Equal(c[4] + " " + c[5], result.StatusCode + " " + Title(result), c[1] + " result");
                Assert.Equal(c[3] == "busy" ? "60" : null, result.Header("Retry-After"), c[1] + " Retry-After");
            }
        }

        [Test]
        public static void BadRequestsGetTheirPages()
        {
            FeedbackLinkHandler handler = NewHandler(new List<string>());
            Assert.Equal(400, Get(handler, "username=alice&event=evt-alice-1&verdict=valid").StatusCode, "no token");
            Assert.Equal(400, Get(handler, AliceLink + "&token=again").StatusCode, "token twice");
            Assert.Equal(400, Get(handler, AliceLink.Replace("alice&", "%E9&")).StatusCode, "not UTF-8");
            Assert.Equal(400, Get(handler, AliceLink + "&x=%zz").StatusCode, "malformed escape");
            Assert.Equal(400, Get(handler, "outcome=pwned").StatusCode, "unknown outcome");
            string form = FormBody(Get(handler, AliceLink), "valid");
            Assert.Equal(415, Post(handler, form, "text/plain").StatusCode, "wrong type");
            Assert.Equal(413, Post(handler, form + "&pad=" + new string('x', 9000)).StatusCode, "too large");
            Assert.Equal(400, Post(handler, form.Replace("verdict=valid", "verdict=maybe")).StatusCode, "bad verdict");
            FeedbackLinkResponse put = handler.Handle(new FeedbackLinkRequest("PUT", "/feedback", "", null, null));
            Assert.Equal("405 GET, HEAD, POST", put.StatusCode + " " + put.Header("Allow"), "PUT");
            Assert.Equal(404, handler.Handle(new FeedbackLinkRequest("GET", "/feedback/x", AliceLink, null, null)).StatusCode, "other path");
            FeedbackLinkResponse head = handler.Handle(new FeedbackLinkRequest("HEAD", "/feedback", AliceLink, null, null));
            Assert.Equal("200 0", head.StatusCode + " " + head.Body.Length, "HEAD");
            Assert.True(int.Parse(head.Header("Content-Length")) > 500, "HEAD's Content-Length is the page's");
        }

        [Test]
        public static void TheUsersLanguageWhenTheApplicationSuppliesIt()
        {
            FeedbackLinkHandler handler = NewHandler(new List<string>());
            FeedbackLinkResponse french = Get(handler, AliceLink, "de;q=0.9, fr-CH, en;q=0.5");
            Assert.Equal("fr \u00c9tait-ce vous\u00a0?", french.Header("Content-Language") + " " + Title(french), "French");
            Assert.True(Encoding.UTF8.GetString(french.Body).Contains("Yes, this was me"), "untranslated parts are English");
            FeedbackLinkResponse english = Get(handler, AliceLink, "de, fr;q=0");
            Assert.Equal("en Was this sign-in you?", english.Header("Content-Language") + " " + Title(english), "English");
            FeedbackLinkOptions options = new FeedbackLinkOptions();
            Assert.True(Assert.Throws<ArgumentException>(() => options.Translate("fr", "confirmation", "title", "x")).Message.Contains("there is no page 'confirmation'"), "unknown page");
            Assert.True(Assert.Throws<ArgumentException>(() => options.Translate("fr", "confirm", "heading", "x")).Message.Contains("has no part 'heading'"), "unknown part");
            Assert.Throws<ArgumentException>(() => options.Translate("fr", "confirm", "title", "a", "b"));
        }

        [Test]
        public static void AMissingOrShortSecretIsAnError()
        {
            Assert.True(Assert.Throws<ArgumentException>(() => new FeedbackLinkHandler(Fixture.Shared, Fixture.PoolId, null)).Message
                .Contains("no link secret: set COGNITO_FEEDBACK_LINK_SECRET"), "missing");
            Assert.True(Assert.Throws<ArgumentException>(() => new FeedbackLinkHandler(Fixture.Shared, Fixture.PoolId, new string('x', 31))).Message
                .Contains("is 31 bytes long; it must be at least 32"), "short");
        }

        [Test]
        public static void HttpListenerServesTheJourneyOnMono()
        {
            if (Type.GetType("Mono.Runtime") == null)
            {
                Console.WriteLine("  (CoreCLR 3.1: HttpListener needs OpenSSL 1.x; served on Mono only)");
                return;
            }
            int before = Recorded("evt-alice-2");
            using (FeedbackLinkListener listener = new FeedbackLinkListener(NewHandler(new List<string>()), 0))
            {
                string link = listener.Url + "/feedback?username=alice&event=evt-alice-2&token=tok-alice-2.DeF%3D&verdict=valid";
                HttpWebRequest get = WebRequest.CreateHttp(link);
                string html;
                using (HttpWebResponse page = (HttpWebResponse)get.GetResponse())
                using (StreamReader reader = new StreamReader(page.GetResponseStream()))
                {
                    Assert.Equal(HttpStatusCode.OK, page.StatusCode, "confirmation status");
                    Assert.Equal("DENY", page.Headers["X-Frame-Options"], "X-Frame-Options");
                    html = reader.ReadToEnd();
                }
                string proof = Regex.Match(html, "name=\"proof\" value=\"([^\"]*)\"").Groups[1].Value;
                byte[] body = Encoding.ASCII.GetBytes("username=alice&event=evt-alice-2&token=tok-alice-2.DeF%3D&verdict=valid&proof=" + Uri.EscapeDataString(proof));
                HttpWebRequest post = WebRequest.CreateHttp(listener.Url + "/feedback");
                post.Method = "POST";
                post.ContentType = "application/x-www-form-urlencoded";
                post.AllowAutoRedirect = false;
                using (Stream stream = post.GetRequestStream())
                {
                    stream.Write(body, 0, body.Length);
                }
                using (HttpWebResponse sent = (HttpWebResponse)post.GetResponse())
                {
                    Assert.Equal(HttpStatusCode.SeeOther, sent.StatusCode, "POST status");
                    Assert.Equal("?outcome=recorded-valid", sent.Headers["Location"], "Location");
                }
                Assert.Equal(before + 1, Recorded("evt-alice-2"), "recorded");
            }
        }
    }
}
