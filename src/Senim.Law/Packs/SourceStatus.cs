namespace Senim.Law.Packs;

/// <summary>How sure the pack is of an item, as in the law brief: [T], [S] or [U].</summary>
public enum SourceStatus
{
    /// <summary>[T] confirmed by the law's text.</summary>
    Text,

    /// <summary>[S] reported by a secondary source, not checked against a primary text.</summary>
    Secondary,

    /// <summary>[U] uncertain: a single unverified source, conflicting reports, or an inference.</summary>
    Uncertain,
}

/// <summary>The one-letter codes of <see cref="SourceStatus"/> used in pack files.</summary>
public static class SourceStatuses
{
    /// <summary>T, S or U.</summary>
    public static string Code(this SourceStatus status) => status switch
    {
        SourceStatus.Text => "T",
        SourceStatus.Secondary => "S",
        _ => "U",
    };

    /// <summary>Parses T, S or U.</summary>
    public static SourceStatus? Parse(string code) => code switch
    {
        "T" => SourceStatus.Text,
        "S" => SourceStatus.Secondary,
        "U" => SourceStatus.Uncertain,
        _ => null,
    };
}
