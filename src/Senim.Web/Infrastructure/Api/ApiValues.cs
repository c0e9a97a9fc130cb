namespace Senim.Web.Infrastructure.Api;

/// <summary>Small conversions every API shares: database times as UTC, dates as ISO days, yes/no query flags.</summary>
public static class ApiValues
{
    /// <summary>A database time as UTC, so JSON carries the "Z".</summary>
    public static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);

    public static DateTime? Utc(DateTime? value) => value is { } v ? Utc(v) : null;

    /// <summary>A date as yyyy-mm-dd.</summary>
    public static string Day(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string? Day(DateOnly? value) => value is { } v ? Day(v) : null;

    /// <summary>An optional yes/no query flag: true, false, 1, 0, yes, no (absent: false); anything else is a 400 naming it.</summary>
    public static bool Flag(string name, string? value)
    {
        switch (value?.Trim().ToLowerInvariant())
        {
            case null or "" or "false" or "0" or "no":
                return false;
            case "true" or "1" or "yes":
                return true;
            default:
                throw Invalid.Field(name, "query-flag", "use true or false");
        }
    }
}
