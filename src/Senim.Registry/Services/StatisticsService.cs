using Senim.Registry.Citizens;
using Senim.Registry.Workflow;

namespace Senim.Registry.Services;

/// <summary>One month's count of a measure under one key ("" is the total).</summary>
public sealed record StatMonth(int Year, int Month, string Key, long Count, long Sum);

/// <summary>A measure's count under one key over the whole period.</summary>
public sealed record StatTotal(string Key, long Count, long Sum);

/// <summary>
/// The public statistics (issue 12 item 9): reads the pre-counted <see cref="StatDay"/> rows grouped in the database —
/// a few hundred rows whatever the number of systems and requests — and rebuilds them from the facts.
/// </summary>
public sealed class StatisticsService(RegistryDb db)
{
    /// <summary>
    /// The measure's total per month from <paramref name="from"/> (a first of month) on, oldest first: a range read of the
    /// total's days on the key's index, summed by month here.
    /// </summary>
    public async Task<IReadOnlyList<StatMonth>> MonthlyAsync(string measure, DateOnly from, CancellationToken cancellationToken = default)
    {
        var days = await db.StatDays.AsNoTracking().Where(s => s.Measure == measure && s.Key == "" && s.Day >= from && s.Day != StatMeasures.AllTime)
            .Select(s => new { s.Day, s.Count, s.Sum }).ToListAsync(cancellationToken);
        return [.. days.GroupBy(d => (d.Day.Year, d.Day.Month))
            .Select(g => new StatMonth(g.Key.Year, g.Key.Month, "", g.Sum(d => d.Count), g.Sum(d => d.Sum)))
            .OrderBy(m => m.Year).ThenBy(m => m.Month)];
    }

    /// <summary>The measures' counts per key over all days, from their all-time rows (<see cref="StatMeasures.AllTime"/>) in one query.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<StatTotal>>> TotalsAsync(IReadOnlyList<string> measures, CancellationToken cancellationToken = default)
    {
        var rows = await db.StatDays.AsNoTracking().Where(s => measures.Contains(s.Measure) && s.Day == StatMeasures.AllTime)
            .Select(s => new { s.Measure, s.Key, s.Count, s.Sum })
            .ToListAsync(cancellationToken);
        return measures.ToDictionary(m => m, m => (IReadOnlyList<StatTotal>)[.. rows.Where(r => r.Measure == m)
            .Select(r => new StatTotal(r.Key, r.Count, r.Sum)).OrderBy(t => t.Key, StringComparer.Ordinal)]);
    }

    /// <summary>The measure's counts per key over all days, the total first.</summary>
    public async Task<IReadOnlyList<StatTotal>> TotalsAsync(string measure, CancellationToken cancellationToken = default) =>
        (await TotalsAsync([measure], cancellationToken))[measure];

    /// <summary>
    /// Recomputes every count from the facts (workflow events, citizens' requests) and replaces the stored ones, in one
    /// transaction. A listing counts the tier and sector the system has now (the running counts took them as they were
    /// at the time). Returns the number of rows written.
    /// </summary>
    public async Task<int> RebuildAsync(CancellationToken cancellationToken = default)
    {
        var counts = new Dictionary<(string Measure, string Key, DateOnly Day), StatDay>();
        void Add(string measure, DateTime at, params string[] keys)
        {
            foreach (var day in (ReadOnlySpan<DateOnly>)[StatMeasures.Day(at), StatMeasures.AllTime])
            {
                foreach (var key in keys.Prepend(""))
                {
                    if (!counts.TryGetValue((measure, key, day), out var row))
                    {
                        counts[(measure, key, day)] = row = new StatDay { Measure = measure, Key = key, Day = day };
                    }

                    row.Count++;
                }
            }
        }

        string[] listing = [RegistrationWorkflow.Publish, RegistrationWorkflow.Register, RegistrationWorkflow.RegisterWithConditions];
        var listings = db.WorkflowEvents.AsNoTracking().Where(e => listing.Contains(e.Action))
            .Join(db.Systems.AsNoTracking(), e => e.SystemId, s => s.Id, (e, s) => new { e.At, e.Action, s.Tier, s.Sector })
            .AsAsyncEnumerable();
        await foreach (var e in listings.WithCancellation(cancellationToken))
        {
            Add(StatMeasures.Listings, e.At, StatMeasures.Key("tier", e.Tier ?? "none"), StatMeasures.Key("sector", e.Sector),
                StatMeasures.Key("route", e.Action == RegistrationWorkflow.Publish ? "notification" : "registration"));
        }

        var requests = db.CitizenRequests.AsNoTracking()
            .Select(r => new { r.Kind, r.FiledAt, r.DueAt, r.AnsweredAt, r.EscalatedAt, r.ClosedAt, r.Outcome })
            .AsAsyncEnumerable();
        await foreach (var r in requests.WithCancellation(cancellationToken))
        {
            Add(StatMeasures.Requests, r.FiledAt, StatMeasures.Key("kind", r.Kind.Code()));
            if (r.AnsweredAt is { } answered)
            {
                Add(StatMeasures.RequestsAnswered, answered, StatMeasures.Key("on-time", answered < r.DueAt ? "yes" : "no"));
            }

            if (r.EscalatedAt is { } escalated)
            {
                Add(StatMeasures.RequestsEscalated, escalated);
            }

            if (r.ClosedAt is { } closed)
            {
                Add(StatMeasures.RequestsClosed, closed, StatMeasures.Key("outcome", r.Outcome?.Code() ?? "none"));
            }
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.StatDays.ExecuteDeleteAsync(cancellationToken);
        db.StatDays.AddRange(counts.Values);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return counts.Count;
    }
}
