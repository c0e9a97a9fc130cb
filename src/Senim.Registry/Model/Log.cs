namespace Senim.Registry.Model;

/// <summary>
/// One entry of the register's transparency log: the RFC 8785 canonical JSON of a public register event, at a
/// fixed index. Written only by the sequencer, in the same transaction as the register change it records.
/// </summary>
public sealed class LogEntry
{
    /// <summary>The entry's index in the log (0-based, dense, never reused).</summary>
    public long Index { get; set; }

    /// <summary>The system the entry is about; null for an organisation's event.</summary>
    public Guid? SystemId { get; set; }

    /// <summary>The organisation an organisation event (verification, BIN transfer) is about; null for a system's entry.</summary>
    public Guid? OrganisationId { get; set; }

    /// <summary>The public event it records (a workflow event, or an organisation event), or null for a change of a published record without an event (reclassification, edit).</summary>
    public Guid? EventId { get; set; }

    /// <summary>What happened: publication, registration, conditions, refusal, suspension, reinstatement, withdrawal, removal, reclassification, record-update, backfill, organisation-verification, bin-transfer.</summary>
    public string Kind { get; set; } = "";

    /// <summary>Lowercase hex SHA-256 of the canonical public record after the change, or null when the system is no longer listed.</summary>
    public string? RecordHash { get; set; }

    /// <summary>The entry bytes (canonical JSON, UTF-8) exactly as hashed into the log.</summary>
    public byte[] Data { get; set; } = [];

    /// <summary>RFC 9162 leaf hash of <see cref="Data"/>.</summary>
    public byte[] LeafHash { get; set; } = [];
}

/// <summary>A stored hash of the log: the root of the complete subtree at (level, index). Level 0 holds leaf hashes.</summary>
public sealed class LogHash
{
    public int Level { get; set; }

    public long Index { get; set; }

    public byte[] Hash { get; set; } = [];
}

/// <summary>A signed checkpoint the log published: one per appended batch.</summary>
public sealed class LogCheckpoint
{
    /// <summary>The tree size the checkpoint signs (unique: a log never signs two checkpoints of one size).</summary>
    public long Size { get; set; }

    public byte[] Root { get; set; } = [];

    /// <summary>The whole signed note.</summary>
    public string Note { get; set; } = "";
}

/// <summary>The log's single head row: appenders lock it (PostgreSQL <c>SELECT … FOR UPDATE</c>) so indices are never reused.</summary>
public sealed class LogHead
{
    public const int SingletonId = 1;

    public int Id { get; set; }

    /// <summary>How many entries the log holds.</summary>
    public long Size { get; set; }
}
