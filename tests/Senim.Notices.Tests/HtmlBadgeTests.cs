using AngleSharp.Html.Parser;
using SkiaSharp;

namespace Senim.Notices.Tests;

public class HtmlBadgeTests
{
    private static readonly Uri Verify = new("https://senim.example.kz/verify?system=KZ-AI-2026-000001");

    [Fact]
    public void The_badge_is_one_link_with_inline_styles_and_no_script()
    {
        var html = HtmlBadge.Render("KZ-AI-2026-000001", Verify, NoticeLanguage.Kk);
        Assert.Equal(
            "<a class=\"senim-badge\" lang=\"kk\" href=\"https://senim.example.kz/verify?system=KZ-AI-2026-000001\"" +
            " title=\"Жасанды интеллект жасаған · KZ-AI-2026-000001. Senim тізілімінде тексеру\"" +
            " style=\"display:inline-flex;align-items:center;gap:0.4em;padding:0.3em 0.7em;border:1px solid #ffffff;border-radius:0.35em;background:#111111;color:#ffffff;font:600 14px/1.3 system-ui,'DejaVu Sans',sans-serif;text-decoration:none\">" +
            "<span aria-hidden=\"true\" style=\"padding:0 0.3em;border:1px solid #ffffff;border-radius:0.2em\">ЖИ</span>" +
            "<span>Жасанды интеллект жасаған · KZ-AI-2026-000001</span></a>",
            html);
    }

    [Theory]
    [InlineData(NoticeLanguage.Kk, "Жасанды интеллект жасаған · KZ-AI-2026-000001")]
    [InlineData(NoticeLanguage.Ru, "Создано искусственным интеллектом · KZ-AI-2026-000001")]
    [InlineData(NoticeLanguage.En, "AI-generated · KZ-AI-2026-000001")]
    public void The_accessible_name_is_the_visible_text_and_the_title_says_where_it_leads(NoticeLanguage language, string visible)
    {
        var body = new HtmlParser().ParseDocument("<body>" + HtmlBadge.Render("KZ-AI-2026-000001", Verify, language) + "</body>").Body!;
        var link = Assert.Single(body.Children);
        Assert.Equal("A", link.TagName);
        Assert.Equal(NoticeTexts.Code(language), link.GetAttribute("lang"));
        // No aria-label: the name comes from the content (the abbreviation box is hidden), so it is exactly
        // the visible text (WCAG 2.5.3; axe's label-content-name-mismatch flagged an aria-label that repeated it).
        Assert.Null(link.GetAttribute("aria-label"));
        Assert.StartsWith(visible + ". ", link.GetAttribute("title"), StringComparison.Ordinal);
        Assert.Equal(NoticeTexts.Abbreviation(language) + visible, link.TextContent);
        Assert.Equal("true", link.Children[0].GetAttribute("aria-hidden"));
    }

    [Fact]
    public void A_hostile_label_id_or_address_cannot_break_out_of_the_attribute()
    {
        var url = VerificationLink.For(new Uri("https://senim.example.kz/"), "KZ-AI-2026-000001", "\"><script>alert(1)</script><a href=\"");
        var html = HtmlBadge.Render("KZ-AI-2026-000001", url);
        var document = new HtmlParser().ParseDocument("<body>" + html + "</body>");
        Assert.Empty(document.QuerySelectorAll("script"));
        var link = Assert.Single(document.QuerySelectorAll("a"));
        Assert.Equal(url.AbsoluteUri, link.GetAttribute("href"));
        Assert.Equal(["class", "lang", "href", "title", "style"], link.Attributes.Select(a => a.Name));

        var quoted = HtmlBadge.Render("KZ-AI-2026-000001", new Uri("https://x.example/\" onmouseover=\"alert(1)"));
        var parsed = new HtmlParser().ParseDocument("<body>" + quoted + "</body>").QuerySelector("a")!;
        Assert.Null(parsed.GetAttribute("onmouseover"));
    }

    [Fact]
    public void Bad_inputs_are_refused()
    {
        Assert.Throws<ArgumentException>(() => HtmlBadge.Render("<b>KZ</b>", Verify));
        Assert.Throws<ArgumentException>(() => HtmlBadge.Render("KZ-AI-2026-000001", new Uri("javascript:alert(1)")));
        Assert.Throws<ArgumentException>(() => HtmlBadge.Render("KZ-AI-2026-000001", new Uri("data:text/html,hi")));
        Assert.Throws<ArgumentOutOfRangeException>(() => HtmlBadge.Render("KZ-AI-2026-000001", Verify, (NoticeLanguage)5));
    }

    [Fact]
    public void The_badge_colours_meet_WCAG_AA()
    {
        Assert.True(Contrast.Ratio(SKColor.Parse(HtmlBadge.Foreground), SKColor.Parse(HtmlBadge.Background)) >= Contrast.Minimum);
    }
}
