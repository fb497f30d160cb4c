using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace CognitoFeedback.Web
{
    /// <summary>
    /// The confirmation form's anti-forgery value, <c>ISSUED.NONCE.MAC</c>: the Unix time the page
    /// was served, a random nonce (each page's value is its own) and an HMAC-SHA256, under the
    /// application's secret, of those, the user pool and the link's username, event and token;
    /// and the memory of the values already spent. The same construction as Python's
    /// cognito_feedback.web, so either checks the other's forms.
    /// </summary>
    internal sealed class FormSigner
    {
        private const long ClockSkewSeconds = 60;
        private static readonly byte[] Context = Encoding.ASCII.GetBytes("cognito-feedback link form v1");
        private static readonly Regex Value = new Regex("^([0-9]{1,12})\\.([A-Za-z0-9_-]{1,64})\\.([A-Za-z0-9_-]{43})$", RegexOptions.CultureInvariant);

        private readonly byte[] secret;
        private readonly long maxAgeSeconds;
        private readonly Func<DateTimeOffset> clock;
        private readonly object gate = new object();
        private Dictionary<string, long> spentUntil = new Dictionary<string, long>(StringComparer.Ordinal);
        private int purgeAt = 1024;

        internal FormSigner(byte[] secret, TimeSpan maxAge, Func<DateTimeOffset> clock)
        {
            this.secret = secret;
            maxAgeSeconds = (long)maxAge.TotalSeconds;
            this.clock = clock;
        }

        /// <summary>A fresh value for the form of this link (<paramref name="nonce"/>: random unless given, for tests).</summary>
        internal string Issue(string userPoolId, Click click, string nonce = null)
        {
            long issued = clock().ToUnixTimeSeconds();
            // Guid.NewGuid draws from the system's CSPRNG on Mono and CoreCLR alike (the nonce
            // only has to be unique; RandomNumberGenerator aborts CoreCLR 3.1 without OpenSSL 1.x).
            nonce = nonce ?? Base64Url(Guid.NewGuid().ToByteArray());
            return issued.ToString(CultureInfo.InvariantCulture) + "." + nonce + "." + Mac(issued, nonce, userPoolId, click);
        }

        /// <summary>Empty when <paramref name="value"/> is good for this link (it is then spent), else why it is not.</summary>
        internal string Accept(string value, string userPoolId, Click click)
        {
            Match parts = Value.Match(value);
            if (!parts.Success)
            {
                return "malformed";
            }
            long issued = long.Parse(parts.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture);
            string mac = parts.Groups[3].Value;
            if (!FixedTimeEquals(mac, Mac(issued, parts.Groups[2].Value, userPoolId, click)))
            {
                return "forged";
            }
            long now = clock().ToUnixTimeSeconds();
            if (issued > now + ClockSkewSeconds || now - issued > maxAgeSeconds)
            {
                return "expired";
            }
            lock (gate)
            {
                if (spentUntil.Count >= purgeAt)
                {
                    Dictionary<string, long> kept = new Dictionary<string, long>(StringComparer.Ordinal);
                    foreach (KeyValuePair<string, long> entry in spentUntil)
                    {
                        if (entry.Value >= now)
                        {
                            kept[entry.Key] = entry.Value;
                        }
                    }
                    spentUntil = kept;
                    purgeAt = Math.Max(1024, 2 * kept.Count);
                }
                long until;
                if (spentUntil.TryGetValue(mac, out until) && until >= now)
                {
                    return "already used";
                }
                spentUntil[mac] = issued + maxAgeSeconds + ClockSkewSeconds;
            }
            return "";
        }

        private string Mac(long issued, string nonce, string userPoolId, Click click)
        {
            // NUL cannot occur in any of the fields (their constraints exclude control characters).
            List<byte> message = new List<byte>(Context);
            foreach (string field in new[] { issued.ToString(CultureInfo.InvariantCulture), nonce, userPoolId, click.Username, click.EventId, click.Token })
            {
                message.Add(0);
                message.AddRange(Encoding.UTF8.GetBytes(field));
            }
            return Base64Url(HmacSha256.Mac(secret, message.ToArray()));
        }

        private static string Base64Url(byte[] raw)
        {
            return Convert.ToBase64String(raw).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        }

        private static bool FixedTimeEquals(string given, string expected)
        {
            int difference = given.Length ^ expected.Length;
            for (int i = 0; i < expected.Length; i++)
            {
                difference |= (i < given.Length ? given[i] : 0) ^ expected[i];
            }
            return difference == 0;
        }
    }
}
