using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace CognitoFeedback.Web
{
    /// <summary>The confirmation form's fields: where it posts, the link's values, the preselected verdict.</summary>
    internal sealed class ConfirmationForm
    {
        internal string Action;
        internal KeyValuePair<string, string>[] Hidden;
        internal string Verdict;
    }

    /// <summary>The pages' text in English and the application's languages, and their HTML.</summary>
    internal sealed class PageCatalog
    {
        /// <summary>The Content-Security-Policy of every page: nothing external, no script, the one stylesheet.</summary>
        internal static readonly string ContentSecurityPolicy = "default-src 'none'; style-src 'sha256-"
            + Convert.ToBase64String(HmacSha256.Sha256(Encoding.UTF8.GetBytes(PageDefinitions.Stylesheet)))
            + "'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

        private readonly Dictionary<string, Dictionary<string, Dictionary<string, string[]>>> languages =
            new Dictionary<string, Dictionary<string, Dictionary<string, string[]>>>(StringComparer.Ordinal);

        internal PageCatalog(IDictionary<string, Dictionary<string, Dictionary<string, string[]>>> translations)
        {
            languages["en"] = PageDefinitions.English();
            foreach (KeyValuePair<string, Dictionary<string, Dictionary<string, string[]>>> translation in translations)
            {
                Dictionary<string, Dictionary<string, string[]>> pages = PageDefinitions.English();
                foreach (KeyValuePair<string, Dictionary<string, string[]>> page in translation.Value)
                {
                    foreach (KeyValuePair<string, string[]> part in page.Value)
                    {
                        pages[page.Key][part.Key] = part.Value;
                    }
                }
                languages[translation.Key.ToLowerInvariant()] = pages;
            }
        }

        /// <summary>The language to answer in, from an <c>Accept-Language</c> header (English by default).</summary>
        internal string Choose(string acceptLanguage)
        {
            List<Tuple<double, int, string>> weighted = new List<Tuple<double, int, string>>();
            string[] items = acceptLanguage.Split(',');
            for (int position = 0; position < items.Length && position < 32; position++)
            {
                string[] pieces = items[position].Split(';');
                string tag = pieces[0].Trim().ToLowerInvariant();
                double quality = 1.0;
                if (pieces.Length > 1)
                {
                    string parameter = pieces[1].Trim();
                    if (parameter.StartsWith("q=", StringComparison.OrdinalIgnoreCase)
                        && !double.TryParse(parameter.Substring(2), NumberStyles.Float, CultureInfo.InvariantCulture, out quality))
                    {
                        quality = 0;
                    }
                }
                if (tag.Length > 0 && quality > 0)
                {
                    weighted.Add(Tuple.Create(-quality, position, tag));
                }
            }
            weighted.Sort();
            foreach (Tuple<double, int, string> choice in weighted)
            {
                if (languages.ContainsKey(choice.Item3))
                {
                    return choice.Item3;
                }
                string primary = choice.Item3.Split('-')[0];
                if (languages.ContainsKey(primary))
                {
                    return primary;
                }
            }
            return "en";
        }

        /// <summary>The page <paramref name="name"/> in <paramref name="language"/> as UTF-8 HTML.</summary>
        internal byte[] Render(string language, string name, ConfirmationForm form)
        {
            Dictionary<string, string[]> parts = languages[language][name];
            string title = Text(parts["title"][0]);
            StringBuilder html = new StringBuilder();
            html.Append("<!DOCTYPE html>\n<html lang=\"").Append(language).Append("\"><head><meta charset=\"utf-8\">")
                .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .Append("<title>").Append(title).Append("</title><style>").Append(PageDefinitions.Stylesheet).Append("</style></head>")
                .Append("<body><h1>").Append(title).Append("</h1>");
            foreach (string paragraph in parts["text"])
            {
                html.Append("<p>").Append(Text(paragraph)).Append("</p>");
            }
            if (form != null)
            {
                html.Append("<form method=\"post\" action=\"").Append(Attribute(form.Action)).Append("\">");
                foreach (KeyValuePair<string, string> field in form.Hidden)
                {
                    html.Append("<input type=\"hidden\" name=\"").Append(field.Key).Append("\" value=\"").Append(Attribute(field.Value)).Append("\">");
                }
                html.Append("<fieldset>");
                foreach (string[] choice in new[] { new[] { "valid", "yes" }, new[] { "invalid", "no" } })
                {
                    html.Append("<label><input type=\"radio\" name=\"verdict\" value=\"").Append(choice[0]).Append('"')
                        .Append(choice[0] == form.Verdict ? " checked" : "").Append("> ").Append(Text(parts[choice[1]][0])).Append("</label>");
                }
                html.Append("</fieldset><button type=\"submit\">").Append(Text(parts["send"][0])).Append("</button></form>");
            }
            html.Append("</body></html>\n");
            return Encoding.UTF8.GetBytes(html.ToString());
        }

        private static string Text(string text)
        {
            return text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
        }

        private static string Attribute(string value)
        {
            return Text(value).Replace("\"", "&quot;").Replace("'", "&#x27;");
        }
    }
}
