using System;
using System.Collections.Generic;

namespace CognitoFeedback.Web
{
    /// <summary>The settings of a <see cref="FeedbackLinkHandler"/>; every one has a default.</summary>
    public sealed class FeedbackLinkOptions
    {
        private readonly Dictionary<string, Dictionary<string, Dictionary<string, string[]>>> translations =
            new Dictionary<string, Dictionary<string, Dictionary<string, string[]>>>(StringComparer.OrdinalIgnoreCase);

        /// <summary>The options with their defaults.</summary>
        public FeedbackLinkOptions()
        {
            Path = "/feedback";
            FormMaxAge = TimeSpan.FromHours(1);
            MaxBodyBytes = 8192;
            Clock = () => DateTimeOffset.UtcNow;
        }

        /// <summary>The path the email's links point at, as the application sees it (default <c>/feedback</c>).</summary>
        public string Path { get; set; }

        /// <summary>How long a confirmation page's form stays good (default one hour).</summary>
        public TimeSpan FormMaxAge { get; set; }

        /// <summary>The largest request body read (default 8192 bytes; the form is a few hundred).</summary>
        public int MaxBodyBytes { get; set; }

        /// <summary>Receives the handler's log lines (never a username or a token); null: none.</summary>
        public Action<LogLevel, string> Log { get; set; }

        /// <summary>The time, for the forms' lifetime (tests set it).</summary>
        internal Func<DateTimeOffset> Clock { get; set; }

        /// <summary>The translations given, by language tag.</summary>
        internal IDictionary<string, Dictionary<string, Dictionary<string, string[]>>> Translations
        {
            get { return translations; }
        }

        /// <summary>
        /// Gives the text of one part of one page in <paramref name="language"/> (e.g. <c>fr</c>,
        /// <c>pt-BR</c>): pages and parts are those of <c>pages.json</c> (e.g. <c>confirm</c>,
        /// <c>title</c>); <c>text</c> takes one or more paragraphs, every other part exactly one
        /// string. Parts never given are English. Returns these options.
        /// </summary>
        /// <exception cref="ArgumentException">An unknown page or part, a bad language tag, or empty text.</exception>
        public FeedbackLinkOptions Translate(string language, string page, string part, params string[] text)
        {
            Dictionary<string, string[]> english;
            if (string.IsNullOrEmpty(language) || !IsLanguageTag(language))
            {
                throw new ArgumentException("'" + language + "' is not a language tag such as 'fr' or 'pt-BR'", "language");
            }
            if (page == null || !PageDefinitions.English().TryGetValue(page, out english))
            {
                throw new ArgumentException("there is no page '" + page + "' (pages: " + string.Join(", ", PageDefinitions.English().Keys) + ")", "page");
            }
            if (part == null || !english.ContainsKey(part))
            {
                throw new ArgumentException("the page '" + page + "' has no part '" + part + "'", "part");
            }
            bool paragraphs = PageDefinitions.ParagraphParts.Contains(part);
            if (text == null || text.Length == 0 || (!paragraphs && text.Length != 1) || Array.Exists(text, string.IsNullOrEmpty))
            {
                throw new ArgumentException(paragraphs ? "expected one or more non-empty paragraphs" : "expected one non-empty string", "text");
            }
            Dictionary<string, Dictionary<string, string[]>> pages;
            if (!translations.TryGetValue(language, out pages))
            {
                pages = new Dictionary<string, Dictionary<string, string[]>>();
                translations[language.ToLowerInvariant()] = pages;
            }
            Dictionary<string, string[]> parts;
            if (!pages.TryGetValue(page, out parts))
            {
                parts = new Dictionary<string, string[]>();
                pages[page] = parts;
            }
            parts[part] = (string[])text.Clone();
            return this;
        }

        private static bool IsLanguageTag(string language)
        {
            foreach (string part in language.Split('-'))
            {
                if (part.Length == 0 || part.Length > 8)
                {
                    return false;
                }
                foreach (char c in part)
                {
                    if (!(c < 128 && char.IsLetterOrDigit(c)))
                    {
                        return false;
                    }
                }
            }
            return true;
        }
    }
}
