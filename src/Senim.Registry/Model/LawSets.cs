namespace Senim.Registry.Model;

/// <summary>Whether a law set is in use.</summary>
public enum LawSetStatus
{
    /// <summary>Loaded by an admin, impact not yet confirmed.</summary>
    Staged,

    /// <summary>The packs Senim applies now (exactly one set).</summary>
    Active,

    /// <summary>Replaced by a newer set; kept so old classifications can still be explained.</summary>
    Retired,
}

/// <summary>A snapshot of a whole law folder (every pack and crosswalk), stored so any classification can be re-explained.</summary>
public sealed class LawSet
{
    public Guid Id { get; set; }

    /// <summary>"kz-230 2026.11.0, eu-ai-act 2026.11.0".</summary>
    public string Label { get; set; } = "";

    /// <summary>[{path, text}] of every YAML file, as JSON.</summary>
    public string FilesJson { get; set; } = "[]";

    /// <summary>[{id, version, hash}] of the packs.</summary>
    public string PacksJson { get; set; } = "[]";

    public LawSetStatus Status { get; set; }

    public DateTime LoadedAt { get; set; }

    public Guid? LoadedBy { get; set; }

    public DateTime? ActivatedAt { get; set; }
}

/// <summary>A message to an organisation's members (law-pack updates, review requests, decisions).</summary>
public sealed class Notification
{
    public Guid Id { get; set; }

    public Guid? OrganisationId { get; set; }

    public Guid? UserId { get; set; }

    public Guid? SystemId { get; set; }

    /// <summary>A UI text key (notification.law-update, ...); the text is rendered in the reader's language.</summary>
    public string Kind { get; set; } = "";

    /// <summary>Arguments for the text, as a JSON array of strings.</summary>
    public string ArgsJson { get; set; } = "[]";

    public DateTime CreatedAt { get; set; }

    public DateTime? ReadAt { get; set; }
}
