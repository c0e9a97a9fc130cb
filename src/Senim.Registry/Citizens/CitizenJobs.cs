using Senim.Registry.Services;

namespace Senim.Registry.Citizens;

/// <summary>
/// The two jobs that keep citizens' requests to their rules, callable by a background job or the CLI, safe to run
/// again at any time (each step is taken once): escalation when a deadline passes unanswered, and the erasure of
/// personal data when its retention period ends.
/// </summary>
public sealed class CitizenJobs(RegistryDb db, CitizenCases cases, CitizenSettings settings)
{
    private const int Batch = 100;

    /// <summary>
    /// Moves every request still waiting for its owner whose due instant is at or before <paramref name="now"/> to the
    /// supervisory body; notifies the supervisors, the owner organisation and the person. Returns how many moved.
    /// </summary>
    public async Task<int> EscalateOverdueAsync(DateTime now, CancellationToken cancellationToken = default)
    {
        var moved = 0;
        var waiting = CitizenWorkflow.Waiting.ToList();
        // A request whose step lost a race is tried once per run (the next run takes it again), so a run always ends.
        var tried = new List<Guid>();
        while (true)
        {
            var ids = await db.CitizenRequests.AsNoTracking()
                .Where(r => waiting.Contains(r.Status) && r.DueAt <= now && !tried.Contains(r.Id))
                .OrderBy(r => r.DueAt).Select(r => r.Id).Take(Batch).ToListAsync(cancellationToken);
            if (ids.Count == 0)
            {
                return moved;
            }

            tried.AddRange(ids);
            foreach (var id in ids)
            {
                db.ChangeTracker.Clear();
                var request = await db.CitizenRequests.AsTracking().FirstAsync(r => r.Id == id, cancellationToken);
                if (!waiting.Contains(request.Status))
                {
                    continue;
                }

                var version = request.Version;
                await cases.StepAsync(request, CitizenAction.Escalate, Actor.System, null, cancellationToken);
                request.EscalatedAt = now;
                await cases.NotifySupervisorsAsync(request, NotificationKinds.CitizenRequestEscalated, cancellationToken);
                cases.Notify(request.OrganisationId, null, request, NotificationKinds.CitizenRequestEscalated);
                var details = await cases.DetailsAsync(request, cancellationToken);
                cases.MailCitizen(request, details, CitizenAction.Escalate, await cases.SystemNameAsync(request, request.Language, cancellationToken));
                try
                {
                    await cases.SaveAsync(request, version, cancellationToken);
                    moved++;
                }
                catch (ConcurrencyException)
                {
                    // The handler answered at the same moment: their step stands; if it still waits, the next round takes it.
                }
            }

            db.ChangeTracker.Clear();
        }
    }

    /// <summary>
    /// Erases the personal data of every request closed longer ago than its kind's retention period
    /// (<see cref="CitizenSettings.RetentionDays"/>), leaving the request's other facts and an erasure event. Returns how many.
    /// </summary>
    public async Task<int> EraseExpiredAsync(DateTime now, CancellationToken cancellationToken = default)
    {
        var erased = 0;
        foreach (var kind in CitizenCodes.Kinds)
        {
            var before = now.AddDays(-settings.Retention(kind));
            while (true)
            {
                db.ChangeTracker.Clear();
                var requests = await db.CitizenRequests.AsTracking()
                    .Where(r => r.Kind == kind && r.PersonalDataId != null && r.ClosedAt != null && r.ClosedAt <= before)
                    .OrderBy(r => r.ClosedAt).Take(Batch).ToListAsync(cancellationToken);
                if (requests.Count == 0)
                {
                    break;
                }

                var dataIds = requests.Select(r => r.PersonalDataId!.Value).ToList();
                db.PersonalData.RemoveRange(await db.PersonalData.AsTracking().Where(p => dataIds.Contains(p.Id)).ToListAsync(cancellationToken));
                foreach (var request in requests)
                {
                    await cases.StepAsync(request, CitizenAction.EraseData, Actor.System, null, cancellationToken);
                    request.PersonalDataId = null;
                    request.ContactHash = null;
                    request.ErasedAt = now;
                    request.Version++;
                }

                // One transaction per batch: the rows and their tombstones go together.
                await db.SaveChangesAsync(cancellationToken);
                erased += requests.Count;
            }
        }

        return erased;
    }
}
