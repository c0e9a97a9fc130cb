using Senim.Registry.Citizens;

namespace Senim.Web.Features.Audits;

/// <summary>What the incident, audit and trusted-list APIs share: the system a case is about, its timeline, and the values their bodies carry.</summary>
public static class CaseDocs
{
    public sealed record SystemDoc(Guid? Id, string? RegisterNumber, string? NameKk, string? NameRu, string? NameEn, string? Organisation);

    public sealed record StepDoc(int Sequence, string Action, string? From, string To, string Role, string? ActorName, DateTime At, string? Text);

    /// <summary>A case's state after a step: its id, status code and new version (also the ETag).</summary>
    public sealed record StateDoc(Guid Id, string Status, int Version);

    /// <summary>A step that takes one text and the version (a question, a note, a reason, a conclusion).</summary>
    public sealed record TextBody(string? Text, int? Version);

    public static SystemDoc System(RequestSystem s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new(s.Id, s.RegisterNumber, s.NameKk, s.NameRu, s.NameEn, s.Organisation);
    }

    public static IReadOnlyList<StepDoc> Timeline(IReadOnlyList<CaseStep> steps) =>
        [.. steps.Select(s => new StepDoc(s.Sequence, s.Action, s.From, s.To, s.Role, s.ActorName, ApiValues.Utc(s.At), s.Text))];

    /// <summary>A date given as yyyy-mm-dd; null when absent; a 400 naming the field when malformed.</summary>
    public static DateOnly? Day(string field, string? value) =>
        string.IsNullOrWhiteSpace(value) ? null
        : DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day
        : throw Invalid.Field(field, "date-invalid", "use the form yyyy-mm-dd");

    /// <summary>An instant given in ISO 8601 with its offset (or Z), as UTC; a 400 naming the field when absent or malformed.</summary>
    public static DateTime Instant(string field, string? value) =>
        value?.Trim() is { } text && HasOffset(text)
            && DateTimeOffset.TryParseExact(text, ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
            ? at.UtcDateTime
            : throw Invalid.Field(field, "instant-invalid", "use ISO 8601 with an offset, e.g. 2026-11-25T14:00:00+05:00");

    /// <summary>The time says where it is: Z or ±hh:mm at the end (without one the server's own zone would be guessed).</summary>
    private static bool HasOffset(string text) =>
        text.EndsWith('Z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');

    /// <summary>A code of an enum (kebab-case, <see cref="Senim.Registry.Services.CaseCodes"/>); a 400 naming the field when unknown.</summary>
    public static T Code<T>(string field, string? value, string key)
        where T : struct, Enum =>
        CaseCodes.Parse<T>(value?.Trim()) ?? throw Invalid.Field(field, key, "use one of: {0}", string.Join(", ", Enum.GetValues<T>().Select(CaseCodes.Code)));
}
