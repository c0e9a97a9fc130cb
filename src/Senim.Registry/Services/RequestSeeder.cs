using System.Diagnostics;
using System.Security.Cryptography;
using Senim.Registry.Citizens;

namespace Senim.Registry.Services;

/// <summary>
/// Fills a register with many citizens' requests for load tests (`senim demo seed --requests N`): spread over the last
/// three years across the listed systems, of every kind, answered, escalated and closed in realistic shares. The facts
/// only: no personal data (a load test has no persons) and no counts (the seed command rebuilds the statistics after,
/// which is itself measured). Inserted in batches with the change tracker cleared.
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
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        for (var done = 0; done < count;)
        {
            var batch = Math.Min(BatchSize, count - done);
            for (var i = 0; i < batch; i++)
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

                db.CitizenRequests.Add(request);
            }

            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            done += batch;
            progress?.Report((done, clock.Elapsed));
        }

        db.ChangeTracker.AutoDetectChangesEnabled = true;
        return count;
    }
}
