using SkiaSharp;

namespace Senim.Notices.Tests;

public class NoticeFontTests
{
    [Fact]
    public void The_bundled_font_is_DejaVu_Sans_Bold()
    {
        Assert.Equal("DejaVu Sans", NoticeFont.Typeface.FamilyName);
        Assert.Equal(SKFontStyleWeight.Bold, (SKFontStyleWeight)NoticeFont.Typeface.FontStyle.Weight);
    }

    [Theory]
    [InlineData("Ә")]
    [InlineData("ә")]
    [InlineData("Ғ")]
    [InlineData("ғ")]
    [InlineData("Қ")]
    [InlineData("қ")]
    [InlineData("Ң")]
    [InlineData("ң")]
    [InlineData("Ө")]
    [InlineData("ө")]
    [InlineData("Ұ")]
    [InlineData("ұ")]
    [InlineData("Ү")]
    [InlineData("ү")]
    [InlineData("Һ")]
    [InlineData("һ")]
    [InlineData("І")]
    [InlineData("і")]
    public void Every_Kazakh_letter_has_a_glyph(string letter)
    {
        Assert.True(NoticeFont.Covers(letter));
        using var font = new SKFont(NoticeFont.Typeface, 12);
        Assert.NotEqual((ushort)0, font.GetGlyph(letter[0]));
    }

    [Fact]
    public void The_whole_Kazakh_and_Russian_alphabets_and_every_notice_text_are_covered()
    {
        Assert.True(NoticeFont.Covers(NoticeFont.KazakhLetters));
        Assert.True(NoticeFont.Covers("АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюя"));
        foreach (var language in NoticeTexts.All)
        {
            Assert.True(NoticeFont.Covers(NoticeTexts.Headline(language) + NoticeTexts.Abbreviation(language) + NoticeTexts.Register(language) + " /:·-0123456789KZ"));
        }
    }

    [Fact]
    public void A_letter_the_font_lacks_is_reported()
    {
        Assert.False(NoticeFont.Covers("漢"));
        Assert.False(NoticeFont.Covers("Ә漢"));
    }
}
