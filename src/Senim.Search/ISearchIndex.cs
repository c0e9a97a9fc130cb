namespace Senim.Search;

/// <summary>How much a match in a field counts when results are ranked.</summary>
public enum SearchFieldKind
{
    /// <summary>A description or purpose: counts least.</summary>
    Description = 1,

    /// <summary>The organisation's name.</summary>
    Organisation = 2,

    /// <summary>The document's own name: counts most.</summary>
    Name = 3,
}

/// <summary>One field of a document in one language ("kk", "ru", "en", or null when unknown).</summary>
public sealed record SearchField(SearchFieldKind Kind, string? Language, string? Text);

/// <summary>
/// A document of the index: its id, its text fields in every language it has, the exact keys it is found by (BIN,
/// register number: matched whole, never as words) and the facets a search can be limited to ("sector:finance").
/// </summary>
public sealed record SearchDocument(Guid Id, IReadOnlyList<SearchField> Fields, IReadOnlyList<string>? Keys = null, IReadOnlyList<string>? Facets = null);

/// <summary>A search: the text as typed, facets every result must have, and the page of ranked results wanted.</summary>
public sealed record SearchRequest(string? Text, IReadOnlyList<string>? Facets = null, int Skip = 0, int Take = 20)
{
    /// <summary>The deepest result a request can reach (<see cref="Skip"/> + <see cref="Take"/>).</summary>
    public const int MaxDepth = 10_000;
}

/// <summary>One result: the document's id and its score (higher is better; only the order is meaningful).</summary>
public readonly record struct SearchHit(Guid Id, float Score);

/// <summary>
/// The requested page of results, best first, and how many documents matched, counted up to <see cref="CountCap"/>:
/// when <see cref="MoreThanCap"/> is true there are more than that many.
/// </summary>
public sealed record SearchResult(IReadOnlyList<SearchHit> Hits, int Count, bool MoreThanCap)
{
    public const int CountCap = 1000;

    /// <summary>No query (no words, no key): nothing is searched.</summary>
    public static SearchResult Empty { get; } = new([], 0, false);
}

/// <summary>
/// A search index of documents in kk, ru and en. Writes and searches may run at the same time from any threads; a search
/// sees every write that returned before it started. A query never throws for what it contains: anything it cannot use
/// (operators, punctuation, 10,000 characters) is ignored or cut.
/// </summary>
public interface ISearchIndex
{
    /// <summary>How many documents are in the index.</summary>
    int Count { get; }

    /// <summary>Adds documents, or replaces those with the same id.</summary>
    void Upsert(IEnumerable<SearchDocument> documents);

    /// <summary>Takes documents out; ids not in the index are ignored.</summary>
    void Remove(IEnumerable<Guid> ids);

    /// <summary>The ranked results of a request.</summary>
    SearchResult Search(SearchRequest request);
}
