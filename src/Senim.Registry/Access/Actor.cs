namespace Senim.Registry.Access;

/// <summary>API token scopes. A browser session has them all.</summary>
public static class Scopes
{
    public const string Read = "read";
    public const string Write = "write";
    public const string Review = "review";
    public const string Supervise = "supervise";
    public const string Admin = "admin";

    public static IReadOnlyList<string> All { get; } = [Read, Write, Review, Supervise, Admin];

    /// <summary>
    /// The scopes that do something for this person: read and write for everyone (organisations are anyone's to
    /// create), review for experts, supervise for the supervisory body, admin for platform admins.
    /// </summary>
    public static IReadOnlyList<string> UsableBy(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return [.. All.Where(scope => scope switch
        {
            Review => actor.HasRole(PlatformRoles.Expert),
            Supervise => actor.HasRole(PlatformRoles.Supervisor),
            Admin => actor.HasRole(PlatformRoles.Admin),
            _ => true,
        })];
    }
}

/// <summary>
/// Who is acting, with what rights: platform roles, organisation memberships, and (for API tokens)
/// the scopes and organisation the token is limited to. Every Registry service decides with it, so
/// pages, the API, the CLI and background jobs enforce the same rules.
/// </summary>
public sealed class Actor
{
    private readonly HashSet<string> _roles;
    private readonly HashSet<string>? _scopes;

    public Actor(Guid userId, string name, IEnumerable<string> platformRoles, IReadOnlyDictionary<Guid, MemberRole> memberships, IEnumerable<string>? scopes = null, Guid? tokenOrganisation = null, bool emailConfirmed = true)
    {
        UserId = userId;
        EmailConfirmed = emailConfirmed;
        Name = name;
        _roles = new HashSet<string>(platformRoles, StringComparer.Ordinal);
        _scopes = scopes is null ? null : new HashSet<string>(scopes, StringComparer.Ordinal);
        TokenOrganisation = tokenOrganisation;
        Memberships = tokenOrganisation is { } only
            ? memberships.Where(m => m.Key == only).ToDictionary(m => m.Key, m => m.Value)
            : memberships;
    }

    /// <summary>Nobody signed in: sees only the public register.</summary>
    public static Actor Anonymous { get; } = new(Guid.Empty, "", [], new Dictionary<Guid, MemberRole>(), []);

    /// <summary>Senim itself (seeding, law-pack re-evaluation): may do anything, recorded as "system".</summary>
    public static Actor System { get; } = new(Guid.Empty, "Senim", PlatformRoles.All, new Dictionary<Guid, MemberRole>());

    public Guid UserId { get; }

    public string Name { get; }

    public bool IsAuthenticated => UserId != Guid.Empty || ReferenceEquals(this, System);

    public bool IsSystem => ReferenceEquals(this, System);

    public Guid? TokenOrganisation { get; }

    /// <summary>
    /// False until the person opened the link mailed to their address: they may sign in, read and keep their account,
    /// but act for no organisation (<see cref="Services.ActorService"/> gives them no memberships, and creating one is refused).
    /// </summary>
    public bool EmailConfirmed { get; }

    public IReadOnlyDictionary<Guid, MemberRole> Memberships { get; }

    /// <summary>True when acting through an API token (which carries scopes).</summary>
    public bool IsToken => _scopes is not null;

    public bool Allows(string scope) => _scopes is null || _scopes.Contains(scope);

    public bool HasRole(string role) => _roles.Contains(role);

    public bool IsAdmin => HasRole(PlatformRoles.Admin) && Allows(Scopes.Admin);

    public bool IsSupervisor => HasRole(PlatformRoles.Supervisor) && Allows(Scopes.Supervise);

    public bool IsExpert => HasRole(PlatformRoles.Expert) && Allows(Scopes.Review);

    public IEnumerable<string> PlatformRoleNames => _roles;

    public bool IsMember(Guid organisationId) => Memberships.ContainsKey(organisationId) && Allows(Scopes.Read);

    public bool IsOrganisationAdmin(Guid organisationId) =>
        Memberships.TryGetValue(organisationId, out var role) && role == MemberRole.Admin && Allows(Scopes.Write);

    /// <summary>May change the organisation's systems and documents and submit them.</summary>
    public bool CanEdit(Guid organisationId) => Memberships.ContainsKey(organisationId) && Allows(Scopes.Write);

    /// <summary>May see the organisation's drafts and documents: members, supervisors and admins (experts see only what they review).</summary>
    public bool CanReadOrganisation(Guid organisationId) =>
        IsMember(organisationId) || (Allows(Scopes.Read) && (HasRole(PlatformRoles.Supervisor) || HasRole(PlatformRoles.Admin)));
}
