using Senim.Registry.Citizens;
using Senim.Registry.Enforcement;
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
    /// The measure's total per month from <paramref name="from"/> (a first of month) on, oldest first: its month rows
    /// (<see cref="StatMeasures.MonthKey"/>), one per month, whatever the number of days and facts.
    /// </summary>
    public async Task<IReadOnlyList<StatMonth>> MonthlyAsync(string measure, DateOnly from, CancellationToken cancellationToken = default) =>
        Months(await TotalsAsync(measure, cancellationToken), from);

    /// <summary>The months from <paramref name="from"/> on among a measure's all-time rows, oldest first.</summary>
    public static IReadOnlyList<StatMonth> Months(IReadOnlyList<StatTotal> totals, DateOnly from)
    {
        ArgumentNullException.ThrowIfNull(totals);
        var first = StatMeasures.MonthKey(from);
        // "month:yyyy-MM" sorts as the months do.
        return [.. totals.Where(t => t.Key.StartsWith("month:", StringComparison.Ordinal) && string.CompareOrdinal(t.Key, first) >= 0)
            .OrderBy(t => t.Key, StringComparer.Ordinal)
            .Select(t => new StatMonth(int.Parse(t.Key.AsSpan(6, 4), CultureInfo.InvariantCulture), int.Parse(t.Key.AsSpan(11, 2), CultureInfo.InvariantCulture), "", t.Count, t.Sum))];
    }

    /// <summary>The measures' counts per key over all days, from their all-time rows (<see cref="StatMeasures.AllTime"/>) in one query.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<StatTotal>>> TotalsAsync(IReadOnlyList<string> measures, CancellationToken cancellationToken = default)
    {
        var rows = await TotalsQuery(db, measures).ToListAsync(cancellationToken);
        return measures.ToDictionary(m => m, m => (IReadOnlyList<StatTotal>)[.. rows.Where(r => r.Measure == m)
            .Select(r => new StatTotal(r.Key, r.Count, r.Sum)).OrderBy(t => t.Key, StringComparer.Ordinal)]);
    }

    /// <summary>The measures' all-time rows: one range of the (Day, Measure) index.</summary>
    internal static IQueryable<StatDay> TotalsQuery(RegistryDb db, IReadOnlyList<string> measures) =>
        db.StatDays.AsNoTracking().Where(s => s.Day == StatMeasures.AllTime && measures.Contains(s.Measure));

    /// <summary>The measure's counts per key over all days, the total first.</summary>
    public async Task<IReadOnlyList<StatTotal>> TotalsAsync(string measure, CancellationToken cancellationToken = default) =>
        (await TotalsAsync([measure], cancellationToken))[measure];

    /// <summary>
    /// Recomputes every count from the facts (workflow events, citizens' requests, incidents, enforcement cases) and
    /// replaces the stored ones, in one transaction. A listing counts the tier and sector the system has now, and an
    /// incident whether its use is suspended now (the running counts took them as they were at the time). Returns the
    /// number of rows written.
    /// </summary>
    public async Task<int> RebuildAsync(CancellationToken cancellationToken = default)
    {
        var counts = new Dictionary<(string Measure, string Key, DateOnly Day), StatDay>();
        void Add(string measure, DateTime at, long sum, params string[] keys)
        {
            foreach (var one in StatMeasures.Rows(measure, StatMeasures.Day(at), sum, keys))
            {
                if (counts.TryGetValue((one.Measure, one.Key, one.Day), out var row))
                {
                    row.Count++;
                    row.Sum += sum;
                }
                else
                {
                    counts[(one.Measure, one.Key, one.Day)] = one;
                }
            }
        }

        string[] listing = [RegistrationWorkflow.Publish, RegistrationWorkflow.Register, RegistrationWorkflow.RegisterWithConditions];
        var listings = db.WorkflowEvents.AsNoTracking().Where(e => listing.Contains(e.Action))
            .Join(db.Systems.AsNoTracking(), e => e.SystemId, s => s.Id, (e, s) => new { e.At, e.Action, s.Tier, s.Sector })
            .AsAsyncEnumerable();
        await foreach (var e in listings.WithCancellation(cancellationToken))
        {
            Add(StatMeasures.Listings, e.At, 0, StatMeasures.Key("tier", e.Tier ?? "none"), StatMeasures.Key("sector", e.Sector),
                StatMeasures.Key("route", e.Action == RegistrationWorkflow.Publish ? "notification" : "registration"));
        }

        var requests = db.CitizenRequests.AsNoTracking()
            .Select(r => new { r.Kind, r.FiledAt, r.DueAt, r.AnsweredAt, r.EscalatedAt, r.ClosedAt, r.Outcome })
            .AsAsyncEnumerable();
        await foreach (var r in requests.WithCancellation(cancellationToken))
        {
            Add(StatMeasures.Requests, r.FiledAt, 0, StatMeasures.Key("kind", r.Kind.Code()));
            if (r.AnsweredAt is { } answered)
            {
                Add(StatMeasures.RequestsAnswered, answered, 0, StatMeasures.Key("on-time", answered < r.DueAt ? "yes" : "no"));
            }

            if (r.EscalatedAt is { } escalated)
            {
                Add(StatMeasures.RequestsEscalated, escalated, 0);
            }

            if (r.ClosedAt is { } closed)
            {
                Add(StatMeasures.RequestsClosed, closed, 0, StatMeasures.Key("outcome", r.Outcome?.Code() ?? "none"));
            }
        }

        var incidents = db.Incidents.AsNoTracking().Select(i => new { i.Kind, i.ReportedAt, i.ClosedAt, i.UseSuspended, Eu = i.EuDeadlineId != null }).AsAsyncEnumerable();
        await foreach (var i in incidents.WithCancellation(cancellationToken))
        {
            Add(StatMeasures.Incidents, i.ReportedAt, 0, StatMeasures.IncidentKeys(i.Kind, i.Eu, i.UseSuspended));
            if (i.ClosedAt is { } closed)
            {
                Add(StatMeasures.IncidentsFinal, closed, 0, StatMeasures.IncidentKeys(i.Kind, null, i.UseSuspended));
            }
        }

        var cases = db.EnforcementCases.AsNoTracking().Where(c => c.DecidedAt != null)
            .Select(c => new { c.Decision, c.DecidedAt, c.OffenderCategory, c.FineAmount, c.FineUnits, c.FineRepeat, c.AppealedAt, c.AppealDecidedAt, c.AppealOutcome })
            .AsAsyncEnumerable();
        await foreach (var c in cases.WithCancellation(cancellationToken))
        {
            var decided = c.DecidedAt!.Value;
            Add(StatMeasures.Decisions, decided, 0, StatMeasures.DecisionKeys(c.Decision!.Value, c.OffenderCategory));
            if (c.Decision == EnforcementDecisionKind.Fine)
            {
                Add(StatMeasures.Fines, decided, StatMeasures.Whole(c.FineAmount), StatMeasures.FineKeys(c.OffenderCategory, c.FineRepeat));
                Add(StatMeasures.FinesMci, decided, StatMeasures.Whole(c.FineUnits), StatMeasures.FineKeys(c.OffenderCategory, null));
            }

            if (c.AppealedAt is { } appealed)
            {
                Add(StatMeasures.Appeals, appealed, 0);
            }

            if (c.AppealDecidedAt is { } appealDecided && c.AppealOutcome is { } outcome)
            {
                Add(StatMeasures.AppealsDecided, appealDecided, 0, StatMeasures.Key("outcome", outcome.Code()));
            }
        }

        counts[(StatMeasures.Layout, "", StatMeasures.AllTime)] = new StatDay { Measure = StatMeasures.Layout, Key = "", Day = StatMeasures.AllTime, Count = StatMeasures.LayoutVersion };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.StatDays.ExecuteDeleteAsync(cancellationToken);
        db.StatDays.AddRange(counts.Values);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return counts.Count;
    }

    /// <summary>Whether the stored rows have the current layout (<see cref="StatMeasures.LayoutVersion"/>); if not, a rebuild makes them.</summary>
    public Task<bool> CurrentAsync(CancellationToken cancellationToken = default) =>
        db.StatDays.AsNoTracking().AnyAsync(s => s.Measure == StatMeasures.Layout && s.Key == "" && s.Day == StatMeasures.AllTime && s.Count >= StatMeasures.LayoutVersion, cancellationToken);
}
