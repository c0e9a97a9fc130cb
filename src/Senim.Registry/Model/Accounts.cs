using Microsoft.AspNetCore.Identity;

namespace Senim.Registry.Model;

/// <summary>A person who signs in. Platform roles (admin, supervisor, expert) are Identity roles.</summary>
public sealed class SenimUser : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = "";

    /// <summary>kk, ru or en; used for notifications.</summary>
    public string PreferredLanguage { get; set; } = "kk";

    public DateTime CreatedAt { get; set; }
}

/// <summary>The platform roles, granted by platform admins.</summary>
public static class PlatformRoles
{
    public const string Admin = "admin";
    public const string Supervisor = "supervisor";
    public const string Expert = "expert";

    public static IReadOnlyList<string> All { get; } = [Admin, Supervisor, Expert];
}

/// <summary>Size class of an organisation (it also selects the row of the fine table).</summary>
public enum SizeClass
{
    Small,
    Medium,
    Large,
}

/// <summary>An owner or holder of AI systems: a company or a state body, identified by its BIN.</summary>
public sealed class Organisation
{
    public Guid Id { get; set; }

    /// <summary>
    /// Business identification number: 12 digits with the state check digit. Several unverified organisations may
    /// claim one BIN; only one verified organisation holds it (a unique index over the verified ones).
    /// </summary>
    public string Bin { get; set; } = "";

    /// <summary>
    /// The one name shown where only one fits (owners' pages, log entries, e-mails): the English name, else the Russian,
    /// else the Kazakh. Derived from the three names on every change (ADR 0028); the public register picks by the reader's language.
    /// </summary>
    public string Name { get; set; } = "";

    /// <summary>The official name in Kazakh; null when not given.</summary>
    public string? NameKk { get; set; }

    /// <summary>The official name in Russian; null when not given.</summary>
    public string? NameRu { get; set; }

    /// <summary>The name in English (optional in law); null when not given.</summary>
    public string? NameEn { get; set; }

    public SizeClass Size { get; set; }

    public string ContactEmail { get; set; } = "";

    public string? ContactPhone { get; set; }

    public string? Address { get; set; }

    public string? Website { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>Set when the organisation is deleted; its members lose access and its tokens stop working.</summary>
    public DateTime? DeletedAt { get; set; }

    /// <summary>Incremented on every change; the optimistic-concurrency token and the ETag.</summary>
    public int Version { get; set; }

    /// <summary>Whether and how the organisation proved that its BIN is its own; unverified until then.</summary>
    public VerificationState Verification { get; set; }

    /// <summary>When the current verification was made.</summary>
    public DateTime? VerifiedAt { get; set; }

    /// <summary>True when the organisation may publish, be registered and get label certificates.</summary>
    public bool IsVerified => Verification != VerificationState.Unverified;

    public List<Membership> Members { get; set; } = [];
}

/// <summary>A member's role inside an organisation.</summary>
public enum MemberRole
{
    /// <summary>Manages members and everything the organisation owns.</summary>
    Admin,

    /// <summary>Edits systems and documentation and submits them.</summary>
    Editor,
}

/// <summary>The codes of <see cref="MemberRole"/> in the API, forms and UI text keys.</summary>
public static class MemberRoles
{
    public static string Code(this MemberRole role) => role == MemberRole.Admin ? "admin" : "editor";
}

public sealed class Membership
{
    public Guid Id { get; set; }

    public Guid OrganisationId { get; set; }

    public Organisation? Organisation { get; set; }

    public Guid UserId { get; set; }

    public SenimUser? User { get; set; }

    public MemberRole Role { get; set; }

    public DateTime CreatedAt { get; set; }
}

/// <summary>
/// A personal API token. Only a SHA-256 of its secret is stored; the token itself is shown once.
/// A token may be limited to one organisation and to some scopes, and always expires.
/// </summary>
public sealed class ApiToken
{
    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    public SenimUser? User { get; set; }

    /// <summary>When set, the token acts only within this organisation.</summary>
    public Guid? OrganisationId { get; set; }

    public string Name { get; set; } = "";

    /// <summary>Lowercase hex SHA-256 of the secret part.</summary>
    public string SecretHash { get; set; } = "";

    /// <summary>Space-separated scopes: read, write, review, supervise, admin.</summary>
    public string Scopes { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    public DateTime? RevokedAt { get; set; }

    public DateTime? LastUsedAt { get; set; }
}

/// <summary>
/// A form posted after its session had ended, kept until its author signs in again. The web host encrypts it with
/// Data Protection before it is stored, deletes it when it puts it back into the form, and sweeps it after
/// <see cref="ExpiresAt"/>; the register never reads it.
/// </summary>
public sealed class KeptForm
{
    public Guid Id { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    /// <summary>The form's fields, encrypted (the web host's Data Protection keys).</summary>
    public byte[] Payload { get; set; } = [];
}
