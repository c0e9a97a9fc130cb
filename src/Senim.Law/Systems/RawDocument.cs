namespace Senim.Law.Systems;

/// <summary>
/// A parsed input document reduced to what Senim reads: nested mappings, lists and scalar strings,
/// each with its line. Both YAML and JSON inputs become this, so one validator serves both.
/// </summary>
internal abstract record RawNode(int Line);

internal sealed record RawScalar(string? Value, int Line) : RawNode(Line)
{
    public bool IsNull => Value is null;
}

internal sealed record RawList(IReadOnlyList<RawNode> Items, int Line) : RawNode(Line);

internal sealed record RawMap(IReadOnlyList<KeyValuePair<string, RawNode>> Entries, int Line) : RawNode(Line)
{
    public RawNode? this[string key] => Entries.FirstOrDefault(e => e.Key == key).Value;
}
