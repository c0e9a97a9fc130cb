namespace Senim.Law.Packs;

/// <summary>Where an item was read from: a path relative to the law folder, and a 1-based line.</summary>
public sealed record SourceLocation(string File, int Line)
{
    /// <summary>Used for items built in code rather than read from a file.</summary>
    public static SourceLocation None { get; } = new("(memory)", 0);

    /// <inheritdoc />
    public override string ToString() => $"{File}:{Line}";
}
