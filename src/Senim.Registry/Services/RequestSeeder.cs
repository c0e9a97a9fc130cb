using System.Diagnostics;
using System.Security.Cryptography;
using Senim.Registry.Citizens;
using Senim.Registry.Incidents;

namespace Senim.Registry.Services;

/// <summary>
/// Fills a register with many citizens' requests for load tests (`senim demo seed --requests N`): spread over the last
/// three years across the listed systems, of every kind, answered, escalated and closed in realistic shares, with an
/// incident beside about every 500 requests and a decided enforcement case (fines, warnings, appeals) beside every 1,000.
/// The facts only: no personal data (a load test has no persons), no case timelines and no counts (the seed command
/// rebuilds the statistics after, which is itself measured). Written past the change tracker with <see cref="Data.BulkRows"/> (COPY on PostgreSQL, a prepared insert on SQLite), one transaction per batch.
/// </summary>
public sealed class RequestSeeder(RegistryDb db, TimeProvider time)
{
    public const int BatchSize = 5000;

    public async Task<int> SeedAsync(int count, IProgress<(int Done, TimeSpan Elapsed)>? progress = null, int seed = 2026, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var systems = await db.Systems.AsNoTracking().Where(s => s.Listed).Select(s => new { s.Id, s.OrganisationId }).ToListAsync(cancellationToken);
        if (systems.Count == 0)
        {
            throw new InvalidOperationException("The register has no listed system to file requests against: seed systems first.");
        }

        var random = new Random(seed);
        var clock = Stopwatch.StartNew();
        var now = time.GetUtcNow().UtcDateTime;
        var kinds = CitizenCodes.Kinds;
        var outcomes = Enum.GetValues<ReviewOutcome>();
        var batch = new List<CitizenRequest>(BatchSize);
        var incidents = new List<Incident>();
        var cases = new List<EnforcementCase>();
        for (var done = 0; done < count;)
        {
            var size = Math.Min(BatchSize, count - done);
            batch.Clear();
            incidents.Clear();
            cases.Clear();
            for (var i = 0; i < size; i++)
            {
                var system = systems[random.Next(systems.Count)];
                var kind = kinds[random.Next(kinds.Count)];
                var filed = now.AddMinutes(-random.Next(3 * 365 * 24 * 60));
                var due = filed.AddDays(kind is CitizenRequestKind.InteractionRefusal or CitizenRequestKind.SyntheticContentComplaint ? 7 : 21);
                var request = new CitizenRequest
                {
                    Id = Guid.NewGuid(),
                    TrackingHash = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)),
                    Kind = kind,
                    SystemId = system.Id,
                    OrganisationId = system.OrganisationId,
                    DeadlineId = "kz.deadline.objection-reply",
                    FiledAt = filed,
                    DueAt = due,
                    DueDate = DateOnly.FromDateTime(due),
                    Language = "kk",
                    Status = CitizenRequestStatus.Received,
                    Version = 1,
                };
                var fate = random.Next(100);
                if (due < now && fate < 80)
                {
                    // Four in five answered, one in ten of those late; objections get an outcome; closed a few days later.
                    request.AnsweredAt = filed.AddHours(random.Next(fate < 8 ? 600 : 300));
                    request.Answer = "Reviewed.";
                    request.Outcome = kind == CitizenRequestKind.Objection ? outcomes[random.Next(outcomes.Length)] : null;
                    request.ClosedAt = request.AnsweredAt.Value.AddDays(2) < now ? request.AnsweredAt.Value.AddDays(2) : null;
                    request.Status = request.ClosedAt is null ? CitizenRequestStatus.Answered : CitizenRequestStatus.Closed;
                }
                else if (due < now)
                {
                    request.EscalatedAt = due;
                    request.Status = CitizenRequestStatus.Escalated;
                }

                batch.Add(request);
                // Beside every 500 requests an incident, beside every 1,000 a decided enforcement case.
                if (random.Next(500) == 0)
                {
                    incidents.Add(NewIncident(random, system.Id, system.OrganisationId, filed, now));
                }

                if (random.Next(1000) == 0)
                {
                    cases.Add(NewCase(random, system.Id, system.OrganisationId, filed, now));
                }
            }

            await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
            {
                await BulkRows.InsertAsync(db, batch, cancellationToken);
                await BulkRows.InsertAsync(db, incidents, cancellationToken);
                await BulkRows.InsertAsync(db, cases, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }

            (done, Incidents, Cases) = (done + size, Incidents + incidents.Count, Cases + cases.Count);
            progress?.Report((done, clock.Elapsed));
        }

        return count;
    }

    /// <summary>Incidents added by the last <see cref="SeedAsync"/>.</summary>
    public int Incidents { get; private set; }

    /// <summary>Decided enforcement cases added by the last <see cref="SeedAsync"/>.</summary>
    public int Cases { get; private set; }

    // Mostly "other serious" incidents; a quarter under the EU clock, a third with use suspended, most with their final report.
    private static Incident NewIncident(Random random, Guid systemId, Guid organisationId, DateTime reported, DateTime now)
    {
        var kind = random.Next(10) switch { 0 => IncidentKind.Death, 1 or 2 => IncidentKind.Widespread, _ => IncidentKind.Serious };
        var closed = reported.AddDays(random.Next(1, 30));
        var eu = random.Next(4) == 0;
        var due = DateOnly.FromDateTime(reported.AddHours(5)).AddDays(kind switch { IncidentKind.Death => 10, IncidentKind.Widespread => 2, _ => 15 });
        return new Incident
        {
            Id = Guid.NewGuid(),
            SystemId = systemId,
            OrganisationId = organisationId,
            Kind = kind,
            Status = closed < now ? IncidentStatus.Closed : IncidentStatus.Open,
            Summary = "Load-test incident.",
            Harm = "None.",
            Measures = "Rolled back.",
            PeopleAffected = random.Next(1000),
            UseSuspended = random.Next(3) == 0,
            OccurredAt = reported.AddHours(-random.Next(1, 48)),
            AwareAt = reported.AddHours(-1),
            ReportedAt = reported,
            EuDeadlineId = eu ? IncidentWorkflow.EuDeadlineId(kind) : null,
            EuDueDate = eu ? due : null,
            EuDueAt = eu ? due.ToDateTime(new TimeOnly(19, 0), DateTimeKind.Utc) : null,
            ClosedAt = closed < now ? closed : null,
            Version = 1,
        };
    }

    // The first offence's fine in MCI per offender category (CoAO Art. 641-1, the kz pack's table) and the 2026 MCI.
    private static readonly (string Category, int Units)[] FineRows = [("individual", 15), ("small", 20), ("medium", 30), ("large", 100)];
    private const int Mci = 4325;

    // Half fines, the rest warnings, a few suspension orders and findings of no violation; one decision in ten appealed.
    private static EnforcementCase NewCase(Random random, Guid systemId, Guid organisationId, DateTime opened, DateTime now)
    {
        var decided = opened.AddDays(random.Next(5, 40));
        decided = decided < now ? decided : now;
        var kind = random.Next(20) switch
        {
            < 10 => EnforcementDecisionKind.Fine,
            < 16 => EnforcementDecisionKind.Warning,
            17 => EnforcementDecisionKind.SuspensionOrder,
            _ => EnforcementDecisionKind.NoViolation,
        };
        var (category, units) = FineRows[random.Next(FineRows.Length)];
        var fine = kind == EnforcementDecisionKind.Fine;
        var appealed = kind != EnforcementDecisionKind.NoViolation && random.Next(10) == 0 && decided.AddDays(3) < now;
        return new EnforcementCase
        {
            Id = Guid.NewGuid(),
            Origin = EnforcementOrigin.Monitoring,
            OrganisationId = organisationId,
            SystemId = systemId,
            Status = appealed ? EnforcementStatus.Closed : EnforcementStatus.Decided,
            Subject = "Load-test case.",
            OpenedAt = opened,
            Decision = kind,
            DecidedAt = decided,
            DecisionReasons = "Load test.",
            OffenderCategory = kind == EnforcementDecisionKind.NoViolation ? null : category,
            OffenceDate = fine ? DateOnly.FromDateTime(opened) : null,
            FineUnits = fine ? units : null,
            FineAmount = fine ? units * Mci : null,
            UnitValue = fine ? Mci : null,
            UnitYear = fine ? 2026 : null,
            SuspensionOrdered = kind == EnforcementDecisionKind.SuspensionOrder,
            AppealedAt = appealed ? decided.AddDays(2) : null,
            AppealOutcome = appealed ? (AppealOutcome)random.Next(3) : null,
            AppealDecidedAt = appealed ? decided.AddDays(3) : null,
            ClosedAt = appealed ? decided.AddDays(3) : null,
            Version = 1,
        };
    }
}
