namespace Senim.Registry.Services;

/// <summary>A notification as its reader sees it: the text key and arguments, and the system it is about.</summary>
public sealed record NotificationItem(
    Guid Id,
    string Kind,
    IReadOnlyList<string> Args,
    Guid? SystemId,
    string? SystemNameKk,
    string? SystemNameRu,
    string? SystemNameEn,
    Guid? OrganisationId,
    string? OrganisationName,
    bool Personal,
    DateTime CreatedAt,
    DateTime? ReadAt);

/// <summary>
/// What a notification says, as the code it is stored with: the web host gives each its words in kk, ru and en
/// through one table, so every kind here must have its texts (a test enumerates <see cref="All"/>).
/// </summary>
public static class NotificationKinds
{
    /// <summary>An expert was put on a system's review panel (personal).</summary>
    public const string Assigned = "notification.assigned";

    /// <summary>An expert asked the owner for changes.</summary>
    public const string ChangesRequested = "notification.changes-requested";

    /// <summary>The supervisory body decided, suspended, reinstated or withdrew; the argument is the new status's code.</summary>
    public const string Decided = "notification.decided";

    /// <summary>A law update changed the system's classification; the argument is the law set's label.</summary>
    public const string LawUpdate = "notification.law-update";

    /// <summary>Someone accepted the organisation's invitation; the argument is the address invited.</summary>
    public const string InvitationAccepted = "notification.invitation-accepted";

    /// <summary>Someone declined the organisation's invitation; the argument is the address invited.</summary>
    public const string InvitationDeclined = "notification.invitation-declined";

    /// <summary>A citizen filed a request about one of the organisation's systems; the arguments are the kind's code, the request's id and the due date.</summary>
    public const string CitizenRequestReceived = "notification.citizen-request-received";

    /// <summary>An admin of the organisation made the reader the handler of a citizen's request (personal); arguments as above.</summary>
    public const string CitizenRequestAssigned = "notification.citizen-request-assigned";

    /// <summary>A citizen's request went to the supervisory body (deadline passed, or the system is not in the register); arguments as above.</summary>
    public const string CitizenRequestEscalated = "notification.citizen-request-escalated";

    /// <summary>The expert review passed its deadline (personal, to the panel's experts); the arguments are the law pack's deadline id and the due date.</summary>
    public const string ReviewOverdue = "notification.review-overdue";

    /// <summary>The owner's requested change passed its deadline (the organisation's); arguments as above.</summary>
    public const string ChangeOverdue = "notification.change-overdue";

    /// <summary>The supervisory body's decision passed its deadline (personal, to each supervisor); arguments as above.</summary>
    public const string DecisionOverdue = "notification.decision-overdue";


    /// <summary>Enforcement cases (docs/enforcement.md): the arguments are the case's id and a detail (a due date, a decision's or an outcome's code, or empty).</summary>
    public const string EnforcementOpened = "notification.enforcement-opened";

    public const string EnforcementResponseRequested = "notification.enforcement-response-requested";

    public const string EnforcementResponded = "notification.enforcement-responded";

    public const string EnforcementDecided = "notification.enforcement-decided";

    public const string EnforcementAppealed = "notification.enforcement-appealed";

    public const string EnforcementAppealDecided = "notification.enforcement-appeal-decided";

    public const string EnforcementClosed = "notification.enforcement-closed";

    /// <summary>The enforcement kinds: the offender's members get opened, response-requested, decided, appeal-decided, closed; supervisors responded and appealed.</summary>
    public static IReadOnlyList<string> Enforcement { get; } = [EnforcementOpened, EnforcementResponseRequested, EnforcementResponded, EnforcementDecided, EnforcementAppealed, EnforcementAppealDecided, EnforcementClosed];

    /// <summary>An owner reported an incident, or sent its final report (personal, to each supervisor); the arguments are the kind's code, the incident's id and the EU due date (empty when none).</summary>
    public const string IncidentReported = "notification.incident-reported";

    /// <summary>The supervisory body asked for information about an incident; arguments as above.</summary>
    public const string IncidentInformationRequested = "notification.incident-information-requested";

    /// <summary>The supervisory body reviewed an incident's final report; arguments as above.</summary>
    public const string IncidentReviewed = "notification.incident-reviewed";

    /// <summary>An audit of the system was planned (to the owner organisation, and the auditor personally); the arguments are the sector, the audit's id and the planned start.</summary>
    public const string AuditPlanned = "notification.audit-planned";

    /// <summary>The auditor asked for a corrective action; the arguments are the sector, the audit's id and the due date.</summary>
    public const string CorrectiveActionRequested = "notification.corrective-action-requested";

    /// <summary>The owner reported a corrective action done (to the auditor); the arguments are the sector, the audit's id and the planned start.</summary>
    public const string CorrectiveActionDone = "notification.corrective-action-done";

    /// <summary>An audit was completed or cancelled; the arguments are the sector, the audit's id and the status's code (passed, failed, cancelled).</summary>
    public const string AuditCompleted = "notification.audit-completed";

    /// <summary>The system entered or left a trusted list; the arguments are the log kind (trusted-list-entry, trusted-list-removal) and the sector.</summary>
    public const string TrustedListChanged = "notification.trusted-list-changed";

    /// <summary>The incident, audit and trusted-list kinds.</summary>
    public static IReadOnlyList<string> Audits { get; } =
        [IncidentReported, IncidentInformationRequested, IncidentReviewed, AuditPlanned, CorrectiveActionRequested, CorrectiveActionDone, AuditCompleted, TrustedListChanged];

    public static IReadOnlyList<string> All { get; } =
    [
        Assigned, ChangesRequested, Decided, LawUpdate, InvitationAccepted, InvitationDeclined, CitizenRequestReceived, CitizenRequestAssigned, CitizenRequestEscalated,
        ReviewOverdue, ChangeOverdue, DecisionOverdue, .. Enforcement, .. Audits,
    ];
}

/// <summary>
/// The reader's notifications: those addressed to them personally (an expert's assignment) and those
/// addressed to the organisations they belong to (change requests, decisions, law updates).
/// An organisation's notification is one row for all its members, so reading it marks it read for all.
/// </summary>
public sealed class NotificationService(RegistryDb db, TimeProvider time)
{
    public const int MaxPageSize = 100;

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>Newest first.</summary>
    public async Task<Page<NotificationItem>> ListAsync(Actor actor, bool unreadOnly, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        var visible = Visible(actor);
        ValidatePage(page, pageSize);
        if (unreadOnly)
        {
            visible = visible.Where(n => n.ReadAt == null);
        }

        var total = await visible.CountAsync(cancellationToken);
        var rows = await visible.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id)
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new Page<NotificationItem>(await DescribeAsync(actor, rows, cancellationToken), total, page, pageSize);
    }

    public Task<int> UnreadCountAsync(Actor actor, CancellationToken cancellationToken = default) =>
        Visible(actor).CountAsync(n => n.ReadAt == null, cancellationToken);

    /// <summary>Marks one notification read (reading it twice is harmless); 404 when it is not the reader's.</summary>
    public async Task<NotificationItem> MarkReadAsync(Actor actor, Guid notificationId, CancellationToken cancellationToken = default)
    {
        var notification = await Visible(actor).AsTracking().FirstOrDefaultAsync(n => n.Id == notificationId, cancellationToken)
            ?? throw new NotFoundException("notification", notificationId);
        if (notification.ReadAt is null)
        {
            notification.ReadAt = Now;
            await db.SaveChangesAsync(cancellationToken);
        }

        return (await DescribeAsync(actor, [notification], cancellationToken))[0];
    }

    /// <summary>Marks every unread notification of the reader read, in one statement; returns how many.</summary>
    public Task<int> MarkAllReadAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        var now = Now;
        return Visible(actor).Where(n => n.ReadAt == null).ExecuteUpdateAsync(u => u.SetProperty(n => n.ReadAt, now), cancellationToken);
    }

    private IQueryable<Notification> Visible(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsAuthenticated || actor.IsSystem || !actor.Allows(Scopes.Read))
        {
            throw new ForbiddenException("notifications-sign-in", "Sign in (or use a token with the read scope) to read notifications.");
        }

        var user = actor.UserId;
        var organisations = actor.Memberships.Keys.ToList();

        // A token limited to one organisation sees that organisation's notifications only.
        var personal = actor.TokenOrganisation is null;
        return db.Notifications.AsNoTracking().Where(n =>
            (personal && n.UserId == user) || (n.UserId == null && n.OrganisationId != null && organisations.Contains(n.OrganisationId.Value)));
    }

    private async Task<IReadOnlyList<NotificationItem>> DescribeAsync(Actor actor, IReadOnlyList<Notification> rows, CancellationToken cancellationToken)
    {
        var systemIds = rows.Where(n => n.SystemId is not null).Select(n => n.SystemId!.Value).Distinct().ToList();
        var systems = await db.Systems.AsNoTracking().Where(s => systemIds.Contains(s.Id))
            .Select(s => new { s.Id, s.NameKk, s.NameRu, s.NameEn }).ToDictionaryAsync(s => s.Id, cancellationToken);
        var organisationIds = rows.Where(n => n.OrganisationId is not null).Select(n => n.OrganisationId!.Value).Distinct().ToList();
        var organisations = await db.Organisations.AsNoTracking().Where(o => organisationIds.Contains(o.Id))
            .Select(o => new { o.Id, o.Name }).ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
        return [.. rows.Select(n =>
        {
            var system = n.SystemId is { } id ? systems.GetValueOrDefault(id) : null;
            return new NotificationItem(n.Id, n.Kind, Json.Read<List<string>>(n.ArgsJson), n.SystemId, system?.NameKk, system?.NameRu, system?.NameEn,
                n.OrganisationId, n.OrganisationId is { } org ? organisations.GetValueOrDefault(org) : null, n.UserId == actor.UserId, n.CreatedAt, n.ReadAt);
        })];
    }

    internal static void ValidatePage(int page, int pageSize)
    {
        var errors = new FieldErrors();
        if (page is < 1 or > RegisterQuery.MaxPage)
        {
            errors.Add("page", "page-range", "must be between 1 and {0}", RegisterQuery.MaxPage);
        }

        if (pageSize is < 1 or > MaxPageSize)
        {
            errors.Add("page_size", "page-size-range", "must be between 1 and {0}", MaxPageSize);
        }

        errors.ThrowIfAny();
    }
}
