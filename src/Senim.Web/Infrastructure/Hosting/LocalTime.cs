namespace Senim.Web.Infrastructure.Hosting;

/// <summary>
/// Times as people in Kazakhstan read them: pages show the configured zone (Senim:TimeZone, default
/// Asia/Almaty, UTC+5); machine-readable formats (JSON, CSV, Atom, the log) stay in UTC.
/// </summary>
public sealed class LocalTime(SenimSettings settings)
{
    public TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById(settings.TimeZone);

    /// <summary>A UTC time (as the database stores it) in the configured zone.</summary>
    public DateTime Of(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    /// <summary>A UTC time as the zone's clock shows it, with the offset: "2026-01-18 14:05 UTC+5".</summary>
    public string Format(DateTime utc) =>
        Of(utc).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + "\u00A0" + OffsetLabel(utc);

    /// <summary>The calendar day of a UTC time in the zone: "2026-01-18".</summary>
    public string Day(DateTime utc) => Of(utc).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The zone's offset at that moment, as "UTC+5".</summary>
    public string OffsetLabel(DateTime utc)
    {
        var offset = Zone.GetUtcOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
        var sign = offset < TimeSpan.Zero ? "−" : "+";
        var abs = offset.Duration();
        return abs.Minutes == 0
            ? string.Create(CultureInfo.InvariantCulture, $"UTC{sign}{abs.Hours}")
            : string.Create(CultureInfo.InvariantCulture, $"UTC{sign}{abs.Hours}:{abs.Minutes:00}");
    }
}
