using System.Globalization;
using Senim.Law.Texts;
using Senim.Web.Infrastructure.Hosting;

namespace Senim.Web.Infrastructure;

/// <summary>
/// The UI texts in the current request's language: <c>@T["home.title"]</c> in a page; and numbers, sizes and times
/// as the reader expects them (<c>@T.Size(bytes)</c>, <c>@T.Time(utc)</c> in the configured zone).
/// </summary>
public sealed class PageText(IHttpContextAccessor accessor, UiText texts, LocalTime time)
{
    public Language Language => accessor.HttpContext is { } context ? RequestLanguage.Get(context) : Language.En;

    public string this[string key] => texts.Get(key, Language);

    public string Format(string key, params object[] args) => texts.Format(key, Language, args);

    /// <summary>Whether a text exists (for optional explanations with a fallback).</summary>
    public bool Has(string key) => texts.Has(key);

    /// <summary>A report label from Senim.Law's vocabulary.</summary>
    public string Word(string key) => Vocabulary.Get(key, Language);

    public string WordFormat(string key, params object[] args) => Vocabulary.Format(key, Language, args);

    /// <summary>A number with at most one decimal, in the reader's style ("10,5" in kk and ru).</summary>
    public string Number(double value) => ReaderFormat.Number(value, Language);

    /// <summary>A byte count with its unit in the reader's alphabet ("50 МБ", "50 MB").</summary>
    public string Size(long bytes) => ReaderFormat.Size(bytes, Language);

    /// <summary>A stored UTC time as the reader's clock shows it: "2026-01-18 14:05 UTC+5" in the configured zone.</summary>
    public string Time(DateTime utc) => time.Format(utc);

    public string Time(DateTimeOffset at) => Time(at.UtcDateTime);

    /// <summary>The calendar day of a stored UTC time in the configured zone (an evening in UTC may be the next day in Almaty).</summary>
    public string Date(DateTime utc) => time.Day(utc);

    public string Date(DateTimeOffset at) => Date(at.UtcDateTime);

    public string Date(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The UTC time for a machine: the datetime attribute of a time element.</summary>
    public static string Iso(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
