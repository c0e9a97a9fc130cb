using System.Net;
using Senim.Law.Texts;
using Senim.Web.Infrastructure;
using Senim.Web.Infrastructure.Hosting;
using Senim.Web.Tests.Support;
using static Senim.Web.Tests.Accounts.AccountTestKit;

namespace Senim.Web.Tests.Formats;

/// <summary>Numbers, sizes and times as the reader of each language expects them; machine formats stay invariant.</summary>
public sealed class ReaderFormatTests(SenimFactory factory) : IClassFixture<SenimFactory>
{
    private const char NoBreak = '\u00A0';

    [Theory]
    [InlineData(10.49041748046875, "kk", "10,5")]
    [InlineData(10.49041748046875, "ru", "10,5")]
    [InlineData(10.49041748046875, "en", "10.5")]
    [InlineData(20.0, "ru", "20")]
    [InlineData(1234567.0, "ru", "1\u00A0234\u00A0567")]
    [InlineData(1234567.0, "en", "1,234,567")]
    [InlineData(0.04, "en", "0")]
    public void Numbers_follow_the_readers_language(double value, string lang, string expected) =>
        Assert.Equal(expected, ReaderFormat.Number(value, Parse(lang)));

    [Theory]
    [InlineData(50L * 1024 * 1024, "kk", "50 МБ")]
    [InlineData(50L * 1024 * 1024, "ru", "50 МБ")]
    [InlineData(50L * 1024 * 1024, "en", "50 MB")]
    [InlineData(1536L * 1024, "ru", "1,5 МБ")]
    [InlineData(1536L * 1024, "en", "1.5 MB")]
    [InlineData(11_000_000L, "ru", "10 МБ")]
    [InlineData(64L * 1024, "kk", "64 КБ")]
    [InlineData(512L, "en", "512 B")]
    [InlineData(0L, "ru", "0 Б")]
    [InlineData(3L * 1024 * 1024 * 1024, "en", "3 GB")]
    public void Sizes_are_written_in_the_readers_alphabet(long bytes, string lang, string expected) =>
        Assert.Equal(expected.Replace(' ', NoBreak), ReaderFormat.Size(bytes, Parse(lang)));

    [Fact]
    public void A_register_error_with_a_raw_number_reads_as_the_reader_writes_it()
    {
        var texts = new UiText();
        // The register carries its arguments as invariant text: 10.49041748046875 MB was shown as such on ru pages.
        Assert.Equal("размер файла 10,5 МБ; принимается не более 20 МБ", texts.Format("error.file-size", Language.Ru, "10.49041748046875", "20"));
        Assert.Equal("the file is 10.5 MB; at most 20 MB are accepted", texts.Format("error.file-size", Language.En, "10.49041748046875", "20"));
        Assert.Equal($"длина 12{NoBreak}000 символов; допускается не более 10{NoBreak}000", texts.Format("error.too-long", Language.Ru, "12000", "10000"));
        // Plain placeholders stay as they were: a year is not grouped.
        Assert.Equal("версия 2026", texts.Format("common.version-n", Language.Ru, 2026));
    }

    [Theory]
    [InlineData("Asia/Almaty", "2026-01-18T09:05:00Z", "2026-01-18 14:05 UTC+5", "2026-01-18")]
    [InlineData("Asia/Almaty", "2026-01-18T20:30:00Z", "2026-01-19 01:30 UTC+5", "2026-01-19")]
    [InlineData("Asia/Kolkata", "2026-01-18T20:30:00Z", "2026-01-19 02:00 UTC+5:30", "2026-01-19")]
    [InlineData("UTC", "2026-01-18T20:30:00Z", "2026-01-18 20:30 UTC+0", "2026-01-18")]
    public void Times_are_shown_in_the_configured_zone_with_its_offset(string zone, string utc, string time, string day)
    {
        var local = new LocalTime(new SenimSettings { TimeZone = zone });
        var at = DateTime.Parse(utc, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal);
        Assert.Equal(time.Replace(" UTC", NoBreak + "UTC", StringComparison.Ordinal), local.Format(at));
        Assert.Equal(day, local.Day(at));
    }

    [Fact]
    public async Task A_lockouts_end_is_shown_on_the_readers_clock()
    {
        // A lock with an end (as earlier versions set after wrong passwords; wrong passwords no longer lock).
        var user = await NewUserAsync(factory, "locked.reader@example.kz");
        await Db(factory, async db =>
        {
            var stored = await db.Users.FindAsync(user.Id);
            stored!.LockoutEnd = DateTimeOffset.UtcNow.AddMinutes(15);
            return await db.SaveChangesAsync();
        });
        var client = factory.CreateClient();
        var page = await SignInAsync(client, user.Email!, DemoPassword);

        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
        var end = await Db(factory, db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Users.Where(u => u.Id == user.Id).Select(u => u.LockoutEnd)));
        var expected = TimeZoneInfo.ConvertTimeFromUtc(end!.Value.UtcDateTime, TimeZoneInfo.FindSystemTimeZoneById("Asia/Almaty"));
        var message = page.Document.QuerySelector("[role=alert]")!.TextContent;
        Assert.Contains(expected.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) + NoBreak + "UTC+5", message, StringComparison.Ordinal);
        Assert.DoesNotContain(" UTC.", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Machine_readable_times_stay_in_utc()
    {
        var client = factory.CreateClient();
        var csv = await client.GetStringAsync(new Uri("/register.csv", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Matches(@"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z", csv);
        var entry = await Browser.Get(client, "/register");
        var link = entry.Document.QuerySelector(".register-item .register-name a")!.GetAttribute("href")!;
        var page = await Browser.Get(client, link);
        Assert.All(page.Document.QuerySelectorAll("time[datetime]"), t => Assert.EndsWith("Z", t.GetAttribute("datetime"), StringComparison.Ordinal));
        Assert.NotEmpty(page.Document.QuerySelectorAll("time[datetime]"));
    }

    private static Language Parse(string code) => Languages.TryParse(code, out var language) ? language : throw new ArgumentException(code);
}
