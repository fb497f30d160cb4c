using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace CognitoFeedback.Web
{
    /// <summary>
    /// The confirmation form's anti-forgery value, <c>ISSUED.MAC</c>: the Unix time the page was
    /// served and an HMAC-SHA256, under the application's secret, of that time, the user pool and
    /// the link's username, event and token; and the memory of the values already spent. The
    /// same construction as Python's cognito_feedback.web, so either checks the other's forms.
    /// </summary>
    internal sealed class FormSigner
    {
        private const long ClockSkewSeconds = 60;
        private static readonly byte[] Context = Encoding.ASCII.GetBytes("cognito-feedback link form v1");

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

        /// <summary>A fresh value for the form of this link.</summary>
        internal string Issue(string userPoolId, Click click)
        {
            long issued = clock().ToUnixTimeSeconds();
            return issued.ToString(CultureInfo.InvariantCulture) + "." + Mac(issued, userPoolId, click);
        }

        /// <summary>Empty when <paramref name="value"/> is good for this link (it is then spent), else why it is not.</summary>
        internal string Accept(string value, string userPoolId, Click click)
        {
            int dot = value.IndexOf('.');
            long issued;
            if (dot < 1 || dot > 12 || !long.TryParse(value.Substring(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out issued))
            {
                return "malformed";
            }
            string mac = value.Substring(dot + 1);
            if (!FixedTimeEquals(mac, Mac(issued, userPoolId, click)))
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

        private string Mac(long issued, string userPoolId, Click click)
        {
            // NUL cannot occur in any of the fields (their constraints exclude control characters).
            List<byte> message = new List<byte>(Context);
            foreach (string field in new[] { issued.ToString(CultureInfo.InvariantCulture), userPoolId, click.Username, click.EventId, click.Token })
            {
                message.Add(0);
                message.AddRange(Encoding.UTF8.GetBytes(field));
            }
            return Convert.ToBase64String(HmacSha256.Mac(secret, message.ToArray())).TrimEnd('=').Replace('+', '-').Replace('/', '_');
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
