using Senim.Registry.Text;

namespace Senim.Registry.Log;

/// <summary>
/// A search of the log's public events, newest first. <see cref="Text"/> matches the system the way the public
/// register's search does (name, purpose, organisation, register number, in kk, ru and en); <see cref="Kind"/> is one
/// of <see cref="RegisterLogEntry.Kinds"/>. Pages are cut at an entry index (keyset): <see cref="Before"/> gives the
/// entries older than an index, <see cref="After"/> those newer, so every page costs the same however deep it is.
/// </summary>
public sealed record LogEventQuery(string? Text = null, string? Kind = null, long? Before = null, long? After = null, int PageSize = LogEventQuery.DefaultPageSize)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;
    public const int MaxTextLength = 200;

    /// <summary>The query-string values as they arrive, checked together so one answer names every bad one.</summary>
    public static LogEventQuery Parse(string? q, string? kind, string? before, string? after, string? pageSize)
    {
        var errors = new FieldErrors();
        var text = string.IsNullOrWhiteSpace(q) ? null : q.Trim();
        if (text is { Length: > MaxTextLength })
        {
            errors.Add("q", "too-long", "is {0} characters long; at most {1} are allowed", text.Length, MaxTextLength);
        }

        var known = string.IsNullOrEmpty(kind) ? null : RegisterLogEntry.Kinds.FirstOrDefault(k => k == kind);
        if (!string.IsNullOrEmpty(kind) && known is null)
        {
            errors.Add("kind", "log-kind-unknown", "choose one of: {0}", string.Join(", ", RegisterLogEntry.Kinds));
        }

        var beforeIndex = Index(errors, "before", before);
        var afterIndex = Index(errors, "after", after);
        if (beforeIndex is not null && afterIndex is not null)
        {
            errors.Add("after", "log-cursor-both", "give before or after, not both");
        }

        var size = DefaultPageSize;
        if (!string.IsNullOrEmpty(pageSize) && (!int.TryParse(pageSize, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > MaxPageSize))
        {
            errors.Add("page_size", "page-size-range", "must be between 1 and {0}", MaxPageSize);
        }

        errors.ThrowIfAny();
        return new LogEventQuery(text, known, beforeIndex, afterIndex, size);
    }

    private static long? Index(FieldErrors errors, string field, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (text.Length <= 19 && text.All(char.IsAsciiDigit) && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value <= LogService.MaxSize)
        {
            return value;
        }

        errors.Add(field, "log-index", "is an entry index: a whole number from 0 to {0}", LogService.MaxSize);
        return null;
    }

    /// <summary>Whether the search narrows the log (by text or kind), so the number of matches is counted.</summary>
    public bool Narrowed => SearchText.Terms(Text).Count > 0 || Kind is not null;
}

/// <summary>One public event as the log holds it: its entry, when and what happened, the published reason, and the system (or organisation) it is about.</summary>
/// <param name="At">When the event happened (UTC), as logged.</param>
/// <param name="Kind">One of <see cref="RegisterLogEntry.Kinds"/> (an unknown kind only if the log holds one this version does not name).</param>
/// <param name="RegisterNumber">The register number the entry records (null before registration).</param>
/// <param name="Reason">The reason published with the decision, if any.</param>
/// <param name="Listed">Whether the system is in the public register now (its entry page exists).</param>
public sealed record LogEventRow(long Index, DateTime At, string Kind, Guid? SystemId, string? RegisterNumber, string? NameKk, string? NameRu, string? NameEn, string? OrganisationName, string? Reason, bool Listed)
{
    /// <summary>The organisation an organisation's event (verification, BIN transfer) is about; null for a system's entry.</summary>
    public Guid? OrganisationId { get; init; }

    /// <summary>The organisation's BIN as logged, for an organisation's event.</summary>
    public string? Bin { get; init; }

    /// <summary>SHA-256 of the signature over a signed decision, when the event carries one.</summary>
    public string? SignatureSha256 { get; init; }

    /// <summary>An enforcement case's public decision (its page is /decisions/{id}); null for every other kind.</summary>
    public Guid? DecisionId { get; init; }
}

/// <summary>
/// A page of public events, newest first. <see cref="OlderBefore"/> and <see cref="NewerAfter"/> are the cursors of
/// the neighbouring pages (null when there is none). <see cref="Matches"/> is the log's size without a search; for a
/// search it is counted on the first page only (in the page's own query), up to <see cref="LogEventPage.MatchCap"/>
/// (<see cref="MoreMatches"/> when there are more), and null on the pages after it.
/// </summary>
public sealed record LogEventPage(IReadOnlyList<LogEventRow> Items, long? OlderBefore, long? NewerAfter, long? Matches, bool MoreMatches, long LogSize)
{
    /// <summary>How many matches a search counts at most: counting is bounded like every other part of the query.</summary>
    public const int MatchCap = 1000;
}
