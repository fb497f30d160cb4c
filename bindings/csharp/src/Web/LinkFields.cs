using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace CognitoFeedback.Web
{
    /// <summary>A query or form that cannot be a feedback link's; the message says why without quoting it.</summary>
    internal sealed class BadLinkException : Exception
    {
        internal BadLinkException(string message) : base(message)
        {
        }
    }

    /// <summary>What a valid feedback link says: username, event, token, verdict.</summary>
    internal sealed class Click
    {
        internal string Username;
        internal string EventId;
        internal string Token;
        internal string Verdict;

        /// <summary><c>Valid</c> or <c>Invalid</c>, as UpdateAuthEventFeedback takes it.</summary>
        internal FeedbackValueType FeedbackValue
        {
            get { return Verdict == "valid" ? FeedbackValueType.Valid : FeedbackValueType.Invalid; }
        }
    }

    /// <summary>Reads the fields of a URL-encoded query or form, strictly.</summary>
    internal static class LinkFields
    {
        private static readonly Regex EventId = new Regex("^[A-Za-z0-9_+-]{1,50}$", RegexOptions.CultureInvariant);
        private static readonly Regex FeedbackToken = new Regex("^[A-Za-z0-9_=.-]{1,2048}$", RegexOptions.CultureInvariant);
        private static readonly UTF8Encoding StrictUtf8 = new UTF8Encoding(false, true);

        /// <summary>
        /// The fields <paramref name="names"/> of <paramref name="encoded"/>, each there exactly
        /// once and not empty (others are ignored); <see cref="BadLinkException"/> otherwise, or
        /// for a malformed escape or bytes that are not UTF-8.
        /// </summary>
        internal static Dictionary<string, string> Parse(string encoded, params string[] names)
        {
            Dictionary<string, List<string>> values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (string pair in encoded.Split('&', ';'))
            {
                if (pair.Length == 0)
                {
                    continue;
                }
                int equals = pair.IndexOf('=');
                string name = Decode(equals < 0 ? pair : pair.Substring(0, equals));
                string value = equals < 0 ? "" : Decode(pair.Substring(equals + 1));
                if (Array.IndexOf(names, name) >= 0)
                {
                    List<string> given;
                    if (!values.TryGetValue(name, out given))
                    {
                        given = new List<string>();
                        values[name] = given;
                    }
                    given.Add(value);
                }
            }
            Dictionary<string, string> fields = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (string name in names)
            {
                List<string> given;
                if (!values.TryGetValue(name, out given) || (given.Count == 1 && given[0].Length == 0))
                {
                    throw new BadLinkException("parameter '" + name + "' is missing or empty");
                }
                if (given.Count > 1)
                {
                    throw new BadLinkException("parameter '" + name + "' is given " + given.Count + " times");
                }
                fields[name] = given[0];
            }
            return fields;
        }

        /// <summary>The click a link's query (or the form's body) describes; <see cref="BadLinkException"/> when it is not one.</summary>
        internal static Click ParseClick(string encoded)
        {
            Dictionary<string, string> fields = Parse(encoded, "username", "event", "token", "verdict");
            if (!IsValidUsername(fields["username"]))
            {
                throw new BadLinkException("parameter 'username' is not a valid Cognito username");
            }
            if (!EventId.IsMatch(fields["event"]))
            {
                throw new BadLinkException("parameter 'event' is not a valid Cognito EventId");
            }
            if (!FeedbackToken.IsMatch(fields["token"]))
            {
                throw new BadLinkException("parameter 'token' is not a valid feedback token");
            }
            string verdict = fields["verdict"].ToLowerInvariant();
            if (verdict != "valid" && verdict != "invalid")
            {
                throw new BadLinkException("parameter 'verdict' is neither 'valid' nor 'invalid'");
            }
            return new Click { Username = fields["username"], EventId = fields["event"], Token = fields["token"], Verdict = verdict };
        }

        /// <summary>Percent-decodes (and <c>+</c> as space) one name or value as UTF-8, strictly.</summary>
        private static string Decode(string text)
        {
            List<byte> bytes = new List<byte>(text.Length);
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c == '%')
                {
                    int high, low;
                    if (i + 2 >= text.Length || (high = Hex(text[i + 1])) < 0 || (low = Hex(text[i + 2])) < 0)
                    {
                        throw new BadLinkException("malformed percent-escape");
                    }
                    bytes.Add((byte)((high << 4) | low));
                    i += 2;
                }
                else if (c == '+')
                {
                    bytes.Add((byte)' ');
                }
                else
                {
                    bytes.AddRange(StrictUtf8.GetBytes(text.Substring(i, char.IsHighSurrogate(c) && i + 1 < text.Length ? 2 : 1)));
                    if (char.IsHighSurrogate(c))
                    {
                        i++;
                    }
                }
            }
            try
            {
                return StrictUtf8.GetString(bytes.ToArray());
            }
            catch (ArgumentException)
            {
                throw new BadLinkException("not UTF-8 once decoded");
            }
        }

        private static int Hex(char c)
        {
            if (c >= '0' && c <= '9') return c - '0';
            if (c >= 'a' && c <= 'f') return c - 'a' + 10;
            if (c >= 'A' && c <= 'F') return c - 'A' + 10;
            return -1;
        }

        /// <summary>Cognito's Username constraint: 1-128 UTF-16 code units of letters, marks, symbols, numbers, punctuation.</summary>
        private static bool IsValidUsername(string name)
        {
            if (name.Length < 1 || name.Length > 128)
            {
                return false;
            }
            for (int i = 0; i < name.Length; i += char.IsSurrogatePair(name, i) ? 2 : 1)
            {
                switch (CharUnicodeInfo.GetUnicodeCategory(name, i))
                {
                    case UnicodeCategory.Control:
                    case UnicodeCategory.Format:
                    case UnicodeCategory.Surrogate:
                    case UnicodeCategory.PrivateUse:
                    case UnicodeCategory.OtherNotAssigned:
                    case UnicodeCategory.SpaceSeparator:
                    case UnicodeCategory.LineSeparator:
                    case UnicodeCategory.ParagraphSeparator:
                        return false;
                }
            }
            return true;
        }
    }
}
