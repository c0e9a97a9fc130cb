using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Senim.Notices;

/// <summary>How a text notice is written.</summary>
public enum TextNoticeFormat
{
    /// <summary>Plain text lines.</summary>
    PlainText,

    /// <summary>A Markdown block quote.</summary>
    Markdown,

    /// <summary>An HTML &lt;aside role="note"&gt;, one paragraph per language.</summary>
    Html,
}

/// <summary>Where a notice goes relative to the text it labels.</summary>
public enum NoticePosition
{
    /// <summary>Before the text, so a reader meets it first.</summary>
    Before,

    /// <summary>After the text.</summary>
    After,
}

/// <summary>
/// The standard notice for AI-generated text: one sentence per language saying that artificial
/// intelligence generated the text, with the system's register number and the verification address
/// when given. Every variable part is checked (register number format, http(s) address) and escaped for
/// the chosen format.
/// </summary>
public static class TextNotice
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>The notice block, without a trailing newline.</summary>
    public static string Block(TextNoticeFormat format, string? registerNumber = null, Uri? verificationUrl = null, IReadOnlyList<NoticeLanguage>? languages = null)
    {
        NoticeTexts.CheckRegisterNumber(registerNumber);
        if (verificationUrl is not null)
        {
            NoticeTexts.CheckUrl(verificationUrl);
        }

        var chosen = NoticeTexts.CheckLanguages(languages);
        return format switch
        {
            TextNoticeFormat.PlainText => string.Join('\n', chosen.Select(l => Line(l, registerNumber, verificationUrl, LineStyle.Plain))),
            TextNoticeFormat.Markdown => string.Join("\n>\n", chosen.Select(l => "> " + Line(l, registerNumber, verificationUrl, LineStyle.Markdown))),
            TextNoticeFormat.Html => HtmlBlock(chosen, registerNumber, verificationUrl),
            _ => throw new ArgumentOutOfRangeException(nameof(format)),
        };
    }

    /// <summary>Puts the notice block before or after <paramref name="text"/>, separated by a blank line (plain text, Markdown) or as a sibling element (HTML).</summary>
    public static string Attach(string text, NoticePosition position, TextNoticeFormat format, string? registerNumber = null, Uri? verificationUrl = null, IReadOnlyList<NoticeLanguage>? languages = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var block = Block(format, registerNumber, verificationUrl, languages);
        var separator = format == TextNoticeFormat.Html ? "\n" : "\n\n";
        var body = text.TrimEnd('\r', '\n');
        return position == NoticePosition.Before
            ? block + separator + text
            : body + separator + block + "\n";
    }

    private static string Line(NoticeLanguage language, string? registerNumber, Uri? url, LineStyle style)
    {
        var line = new StringBuilder();
        line.Append(style.Abbreviation.Open).Append(NoticeTexts.Abbreviation(language)).Append(style.Abbreviation.Close).Append(' ').Append(NoticeTexts.Sentence(language));
        if (registerNumber is not null)
        {
            line.Append(' ').Append(NoticeTexts.Register(language)).Append(": ").Append(style.Number.Open).Append(registerNumber).Append(style.Number.Close).Append('.');
        }

        if (url is not null)
        {
            line.Append(' ').Append(NoticeTexts.Verify(language)).Append(": ").Append(style.Url.Open).Append(url.AbsoluteUri).Append(style.Url.Close);
        }

        return line.ToString();
    }

    /// <summary>What goes around the abbreviation, the register number and the address of a plain-text or Markdown line.</summary>
    private sealed record LineStyle((string Open, string Close) Abbreviation, (string Open, string Close) Number, (string Open, string Close) Url)
    {
        public static readonly LineStyle Plain = new(("[", "]"), ("", ""), ("", ""));

        // The register number is [A-Z0-9-] only; the address goes in an autolink, whose only
        // forbidden characters (space, <, >) an absolute URI never contains unescaped.
        public static readonly LineStyle Markdown = new(("**", "**"), ("`", "`"), ("<", ">"));
    }

    private static string HtmlBlock(IReadOnlyList<NoticeLanguage> languages, string? registerNumber, Uri? url)
    {
        var html = new StringBuilder();
        html.Append("<aside class=\"senim-notice\" role=\"note\">");
        foreach (var language in languages)
        {
            html.Append("<p lang=\"").Append(NoticeTexts.Code(language)).Append("\"><strong>")
                .Append(Html.Encode(NoticeTexts.Abbreviation(language))).Append("</strong> ")
                .Append(Html.Encode(NoticeTexts.Sentence(language)));
            if (registerNumber is not null)
            {
                html.Append(' ').Append(Html.Encode(NoticeTexts.Register(language))).Append(": <code>").Append(Html.Encode(registerNumber)).Append("</code>.");
            }

            if (url is not null)
            {
                html.Append(" <a href=\"").Append(Html.Encode(url.AbsoluteUri)).Append("\">").Append(Html.Encode(NoticeTexts.Verify(language))).Append("</a>");
            }

            html.Append("</p>");
        }

        return html.Append("</aside>").ToString();
    }
}
