using Senim.Registry.Labels;
using Senim.Registry.Log;
using Senim.Registry.Mail;
using Senim.Registry.Text;

namespace Senim.Registry.Services;

/// <summary>
/// The one way a change reaches the register. A service stages its rows on the context (a workflow event, a new
/// classification, a document's sections) and calls one method here, which makes the change one transaction: the rows,
/// the new version of the record with its snapshot (named after the change: edited, classified, submit, ...), the
/// notifications staged with <see cref="Notify"/> (and their e-mails, <see cref="MailOutbox"/>), the rebuilt public record, and the transparency log's entries for
/// public events and changed public records. A lost race on a system's version becomes a <see cref="ConcurrencyException"/>.
/// After the commit, a change of status goes to the status observer (label certificates are held, revoked or released).
/// </summary>
/// <remarks>
/// Inside a transaction the caller began (a batch of checklist verdicts, a test that rolls back) the change joins it;
/// otherwise it begins and commits its own.
/// </remarks>
public sealed class RegisterWriter(RegistryDb db, LawCatalog catalog, LogKey log, TimeProvider time, MailOutbox mail, ISystemStatusObserver? statusObserver = null)
{
    /// <summary>The time every row of the change carries.</summary>
    public DateTime Now => time.GetUtcNow().UtcDateTime;

    private readonly List<StatDay> _counts = [];

    /// <summary>
    /// Stages a count for the statistics (<see cref="StatMeasures"/>): the measure's total and each key get one more
    /// (and <paramref name="sum"/>) on today's row, on their all-time rows and the total on its month's row, in the
    /// transaction of the change it counts.
    /// </summary>
    public void Count(string measure, long sum = 0, params string[] keys) => _counts.AddRange(StatMeasures.Rows(measure, StatMeasures.Day(Now), sum, keys));

    /// <summary>Stages a notification; it is saved with the change it reports.</summary>
    /// <param name="organisationId">The organisation whose members read it; null for a personal one.</param>
    /// <param name="userId">The person who reads it; null for an organisation's.</param>
    /// <param name="kind">One of <see cref="NotificationKinds"/>: the code the web host gives words to.</param>
    public void Notify(Guid? organisationId, Guid? userId, Guid? systemId, string kind, params string[] args) =>
        db.Notifications.Add(new Notification
        {
            Id = Guid.NewGuid(),
            OrganisationId = organisationId,
            UserId = userId,
            SystemId = systemId,
            Kind = kind,
            ArgsJson = Json.Write(args),
            CreatedAt = Now,
        });

    /// <summary>A new system: adds it with its first version ("created"). A draft is not public, so nothing else is written.</summary>
    public async Task CreateAsync(AiSystem system, Organisation organisation, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(system);
        db.Systems.Add(system);
        NewVersion(system, organisation, "created", actor, null);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// A change that makes a new version of the system's record: snapshot named <paramref name="change"/>, the staged rows,
    /// notifications, public record and log, in one transaction.
    /// </summary>
    /// <param name="classificationNumber">The current classification's number for the snapshot; null reads it from the database
    /// (pass it when the change adds a classification that is not saved yet).</param>
    public async Task SaveVersionAsync(AiSystem system, string change, Actor actor, int expectedVersion, CancellationToken cancellationToken, int? classificationNumber = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        var organisation = system.Organisation
            ?? await db.Organisations.AsNoTracking().Where(o => o.Id == system.OrganisationId).FirstAsync(cancellationToken);
        var classification = classificationNumber
            ?? await db.Classifications.Where(c => c.SystemId == system.Id && c.IsCurrent).Select(c => (int?)c.Number).FirstOrDefaultAsync(cancellationToken);
        NewVersion(system, organisation, change, actor, classification);
        await SaveOrConflictAsync(system, async () =>
        {
            var current = await db.Systems.AsNoTracking().Where(s => s.Id == system.Id).Select(s => s.Version).FirstOrDefaultAsync(cancellationToken);
            return new ConcurrencyException("system", expectedVersion, current);
        }, cancellationToken);
    }

    /// <summary>
    /// A change beside the system's record that its public record shows (documentation): no new version; the staged rows,
    /// notifications, public record and log in one transaction. A lost race (a row's concurrency token, a unique index)
    /// becomes the exception <paramref name="conflict"/> builds, after the context was cleared.
    /// </summary>
    public Task SaveBesideAsync(AiSystem system, Func<Task<ConcurrencyException>> conflict, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(conflict);
        return SaveOrConflictAsync(system, conflict, cancellationToken);
    }

    /// <summary>A change no public record shows (a declaration, a checklist verdict, an evidence file): the staged rows and notifications.</summary>
    public async Task SaveAsync(CancellationToken cancellationToken)
    {
        await mail.StageNotificationsAsync(cancellationToken);
        if (_counts.Count == 0)
        {
            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        await InTransactionAsync(async () =>
        {
            await db.SaveChangesAsync(cancellationToken);
            await FlushCountsAsync(cancellationToken);
        }, cancellationToken);
    }

    /// <summary>
    /// A change of organisations that the public sees (a verification, a BIN transfer): the staged rows and
    /// notifications, and <paramref name="events"/> appended to the transparency log, in one transaction.
    /// </summary>
    public async Task SaveOrganisationEventsAsync(IReadOnlyList<OrganisationEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        db.OrganisationEvents.AddRange(events);
        await InTransactionAsync(async () =>
        {
            await db.SaveChangesAsync(cancellationToken);
            await LogSequencer.AppendAsync(db, log, events, cancellationToken);
        }, cancellationToken);
    }

    /// <summary>
    /// A step of an enforcement case: the staged rows and notifications (with their mails), and <paramref name="decisions"/>
    /// — the public decisions it makes, if any — saved and appended to the transparency log, in one transaction.
    /// </summary>
    public async Task SaveDecisionsAsync(IReadOnlyList<EnforcementDecision> decisions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decisions);
        if (decisions.Count == 0)
        {
            await SaveAsync(cancellationToken);
            return;
        }

        db.EnforcementDecisions.AddRange(decisions);
        await InTransactionAsync(async () =>
        {
            await SaveAsync(cancellationToken);
            await LogSequencer.AppendAsync(db, log, decisions, cancellationToken);
        }, cancellationToken);
    }

    /// <summary>
    /// A change whose public events are not a system's workflow events (a trusted list's entry or removal): the staged rows and
    /// notifications, and <paramref name="drafts"/> appended to the transparency log, in one transaction.
    /// </summary>
    public async Task SaveLoggedAsync(IReadOnlyList<LogEntryDraft> drafts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(drafts);
        await InTransactionAsync(async () =>
        {
            await mail.StageNotificationsAsync(cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await FlushCountsAsync(cancellationToken);
            await new RegistryLogStore(db).AppendAsync(drafts, log, cancellationToken);
        }, cancellationToken);
    }

    /// <summary>
    /// Stages a new version of the record of one system of a batch (its organisation loaded); <see cref="SaveManyAsync"/>
    /// commits the batch. A single system's change is <see cref="SaveVersionAsync"/>.
    /// </summary>
    public void NewVersion(AiSystem system, string change, Actor actor, int? classificationNumber)
    {
        ArgumentNullException.ThrowIfNull(system);
        var organisation = system.Organisation ?? throw new InvalidOperationException("NewVersion needs the system's organisation loaded.");
        NewVersion(system, organisation, change, actor, classificationNumber);
    }

    /// <summary>
    /// Changes of many systems in one transaction (a law-pack re-evaluation, an organisation's new name): the staged rows,
    /// versions and notifications, the public records of <paramref name="systems"/> rebuilt (three queries for all; their
    /// organisations loaded), and the log's entries for those that changed.
    /// </summary>
    public Task SaveManyAsync(IReadOnlyList<AiSystem> systems, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(systems);
        return CommitAsync(systems, cancellationToken);
    }

    private async Task SaveOrConflictAsync(AiSystem system, Func<Task<ConcurrencyException>> conflict, CancellationToken cancellationToken)
    {
        try
        {
            await CommitAsync([system], cancellationToken);
        }
        catch (DbUpdateException ex) when (ex is DbUpdateConcurrencyException || DatabaseErrors.IsUniqueViolation(ex))
        {
            // Two writers that both read version N both insert snapshot N+1 (or both create a document): the unique index or
            // the concurrency token rejects the second, and nothing of its change is kept.
            db.ChangeTracker.Clear();
            throw await conflict();
        }
    }

    private async Task CommitAsync(IReadOnlyList<AiSystem> systems, CancellationToken cancellationToken)
    {
        var before = systems.Select(s => new RecordChange(s, s.PublicJson)).ToList();
        var statuses = systems.Select(s => db.Entry(s).State == EntityState.Detached ? s.Status : db.Entry(s).Property(x => x.Status).OriginalValue).ToList();
        await InTransactionAsync(async () =>
        {
            await mail.StageNotificationsAsync(cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            if (systems.Count == 1)
            {
                await PublicRecords.RefreshAsync(db, catalog, systems[0], cancellationToken);
            }
            else if (systems.Count > 1)
            {
                await PublicRecords.RefreshManyAsync(db, catalog, systems, cancellationToken: cancellationToken);
            }

            await db.SaveChangesAsync(cancellationToken);
            await FlushCountsAsync(cancellationToken);
            await LogSequencer.AppendAsync(db, log, before, cancellationToken);
        }, cancellationToken);

        if (statusObserver is null)
        {
            return;
        }

        for (var i = 0; i < systems.Count; i++)
        {
            if (systems[i].Status != statuses[i])
            {
                await statusObserver.StatusChangedAsync(systems[i], statuses[i], cancellationToken);
            }
        }
    }

    // One upsert per (measure, key, day): concurrent changes add to the same row without losing a count, and the
    // counts commit or roll back with the change. Staged counts never outlive the save that was to carry them.
    private async Task FlushCountsAsync(CancellationToken cancellationToken)
    {
        var counts = _counts.GroupBy(c => (c.Measure, c.Key, c.Day)).Select(g => (g.Key, Count: g.Sum(c => c.Count), Sum: g.Sum(c => c.Sum))).ToList();
        _counts.Clear();
        foreach (var ((measure, key, day), count, sum) in counts)
        {
            await db.Database.ExecuteSqlAsync(
                $"""INSERT INTO "StatDays" ("Measure", "Key", "Day", "Count", "Sum") VALUES ({measure}, {key}, {day}, {count}, {sum}) ON CONFLICT ("Measure", "Key", "Day") DO UPDATE SET "Count" = "StatDays"."Count" + excluded."Count", "Sum" = "StatDays"."Sum" + excluded."Sum" """,
                cancellationToken);
        }
    }

    /// <summary>Runs <paramref name="work"/> in the caller's transaction, or in one of its own that commits when the work is done.</summary>
    private async Task InTransactionAsync(Func<Task> work, CancellationToken cancellationToken)
    {
        await using var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            await work();
        }
        finally
        {
            _counts.Clear();
        }

        if (own is not null)
        {
            await own.CommitAsync(cancellationToken);
        }
    }

    /// <summary>Bumps the version, refreshes the derived fields (sort name, search text) and adds the snapshot.</summary>
    private void NewVersion(AiSystem system, Organisation organisation, string change, Actor actor, int? classificationNumber)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var now = Now;
        system.Version++;
        system.UpdatedAt = now;
        system.SortName = (system.NameRu ?? system.NameKk ?? system.NameEn ?? "").ToLowerInvariant();
        system.SearchText = SearchText.Of(system, organisation);
        db.SystemVersions.Add(new SystemVersion
        {
            Id = Guid.NewGuid(),
            SystemId = system.Id,
            Version = system.Version,
            SnapshotJson = Json.Write(SystemSnapshot.Of(system, classificationNumber)),
            Change = change,
            ChangedBy = actor.UserId == Guid.Empty ? null : actor.UserId,
            ChangedByName = actor.Name,
            ChangedAt = now,
        });
    }
}
