namespace Senim.Ledger;

/// <summary>
/// Input that the ledger cannot accept: a malformed note, key, checkpoint, tile, proof or receipt, a bad
/// signature, an unknown key or a wrong origin. The message says what was wrong, for people; <see cref="Kind"/>
/// says it for programs.
/// </summary>
public sealed class LedgerException(LedgerError kind, string message) : Exception(message)
{
    /// <summary>What kind of problem this is.</summary>
    public LedgerError Kind { get; } = kind;
}

/// <summary>The kinds of <see cref="LedgerException"/>.</summary>
public enum LedgerError
{
    /// <summary>The bytes do not follow the format (note, key, checkpoint, tile, bundle, proof, receipt, JSON).</summary>
    Malformed,

    /// <summary>No signature by a trusted key was found.</summary>
    UnknownKey,

    /// <summary>A signature by a trusted key did not verify.</summary>
    BadSignature,

    /// <summary>The checkpoint is for another log.</summary>
    WrongOrigin,

    /// <summary>A proof did not verify: wrong length, wrong order, wrong leaf or wrong root.</summary>
    ProofFailed,

    /// <summary>Two tree heads that cannot both be true: a smaller tree after a larger one, or different roots.</summary>
    Inconsistent,

    /// <summary>A size, index or range that is not allowed (from &gt; to, index ≥ size, too large).</summary>
    OutOfRange,

    /// <summary>Something the log needs is missing (a tile, an entry bundle, a checkpoint).</summary>
    Missing,

    /// <summary>The store changed under an append (another appender won the race).</summary>
    Conflict,
}
