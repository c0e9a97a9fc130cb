namespace Senim.Registry.Services;

/// <summary>
/// The overdue reminders of the registration workflow: a system whose step passed its deadline
/// (<see cref="AiSystem.StepDueAt"/>, set by the workflow from the law pack) tells the people it waits on once —
/// the panel's experts during review, the owner organisation for a requested change, each supervisor for a decision
/// (an overdue review shows on the supervisors' lists; they are not mailed for it). Safe to run at any time, any number
/// of times: each step is told once, and a step that moved on meanwhile is left alone.
/// </summary>
public sealed class RegistrationDeadlines(RegistryDb db, RegisterWriter writer, CaseTimeline timeline)
{
    public const int Batch = 100;

    /// <summary>Tells the people every overdue step waits on, once per step; returns how many steps were told.</summary>
    public async Task<int> NotifyOverdueAsync(DateTime now, CancellationToken cancellationToken = default)
    {
        var told = 0;
        IReadOnlyList<Guid>? supervisors = null;
        var tried = new List<Guid>();
        while (true)
        {
            db.ChangeTracker.Clear();
            var systems = await db.Systems.AsTracking()
                .Where(s => s.StepDueAt != null && s.StepDueAt <= now && s.StepOverdueNotifiedAt == null && !tried.Contains(s.Id))
                .OrderBy(s => s.StepDueAt).Take(Batch).ToListAsync(cancellationToken);
            if (systems.Count == 0)
            {
                return told;
            }

            tried.AddRange(systems.Select(s => s.Id));
            var ids = systems.Select(s => s.Id).ToList();
            var panels = await db.ReviewAssignments.AsNoTracking().Where(a => ids.Contains(a.SystemId) && a.Active)
                .Select(a => new { a.SystemId, a.ExpertId }).ToListAsync(cancellationToken);
            foreach (var system in systems)
            {
                system.StepOverdueNotifiedAt = now;
                string[] args = [system.StepDeadline ?? "", system.StepDueDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? ""];
                switch (system.Status)
                {
                    case SystemStatus.InReview:
                        foreach (var expert in panels.Where(p => p.SystemId == system.Id).Select(p => p.ExpertId).Distinct())
                        {
                            writer.Notify(null, expert, system.Id, NotificationKinds.ReviewOverdue, args);
                        }

                        break;
                    case SystemStatus.ChangesRequested:
                        writer.Notify(system.OrganisationId, null, system.Id, NotificationKinds.ChangeOverdue, args);
                        break;
                    default:
                        supervisors ??= await timeline.SupervisorIdsAsync(cancellationToken);
                        foreach (var supervisor in supervisors)
                        {
                            writer.Notify(null, supervisor, system.Id, NotificationKinds.DecisionOverdue, args);
                        }

                        break;
                }
            }

            try
            {
                await writer.SaveAsync(cancellationToken);
                told += systems.Count;
            }
            catch (DbUpdateConcurrencyException)
            {
                // A step moved at the same moment (its new deadline starts untold); what is still overdue is taken next run.
            }
        }
    }
}
