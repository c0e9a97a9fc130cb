namespace Senim.Web.Features.Log;

/// <summary>
/// Times on the log's pages, shown in Kazakhstan's time (Asia/Almaty, UTC+5 since March 2024, UTC+6 before; the
/// time-zone database knows the history). The one place a page turns a stored UTC time into a readable one: point it
/// at the shared time-zone setting when there is one. Machine-readable times stay UTC (ISO 8601 with Z).
/// </summary>
public static class LogTimes
{
    /// <summary>The zone times are shown in.</summary>
    public static TimeZoneInfo Zone { get; } = FindZone();

    /// <summary>The UTC time as the reader's wall clock shows it: 2026-11-25 14:03.</summary>
    public static string Format(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>The UTC time as the reader's wall clock shows it, with the offset: 2026-11-25 14:03 (UTC+5).</summary>
    public static string FormatWithOffset(DateTime utc) => $"{Format(utc)} ({Offset(utc)})";

    /// <summary>The UTC time for a <c>&lt;time datetime&gt;</c> attribute and JSON: 2026-11-25T09:03:00Z.</summary>
    public static string Iso(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>The zone's offset from UTC now, as the pages name it ("UTC+5").</summary>
    public static string Offset(DateTime utcNow)
    {
        var offset = Zone.GetUtcOffset(DateTime.SpecifyKind(utcNow, DateTimeKind.Utc));
        return "UTC+" + (offset.Minutes == 0 ? offset.Hours.ToString(CultureInfo.InvariantCulture) : offset.ToString(@"h\:mm", CultureInfo.InvariantCulture));
    }

    // A host without the time-zone database (a slim container) still shows Kazakhstan's current offset.
    private static TimeZoneInfo FindZone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Asia/Almaty");
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return TimeZoneInfo.CreateCustomTimeZone("Asia/Almaty", TimeSpan.FromHours(5), "Kazakhstan", "Kazakhstan");
        }
    }
}
