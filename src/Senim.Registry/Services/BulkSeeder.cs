using System.Diagnostics;
using Senim.Law.Engine;
using Senim.Law.Systems;
using Senim.Registry.Log;
using Senim.Registry.Text;

namespace Senim.Registry.Services;

/// <summary>
/// Fills a register with many realistic public records for load tests (`senim demo seed --systems N`):
/// organisations, systems named in three languages, a classification, a version and the public
/// events of each. Inserted in batches with the change tracker cleared, so 100,000 systems take
/// well under two minutes on SQLite or PostgreSQL.
/// </summary>
public sealed class BulkSeeder(RegistryDb db, LawCatalog catalog, TimeProvider time, LogKey log)
{
    public const int BatchSize = 2000;

    private static readonly string[] Examples = ["credit-scoring", "customer-service-chatbot", "spam-filter", "cv-screening", "hospital-triage", "translation-tool", "shop-recommender", "exam-proctoring", "court-drafting-assistant"];

    /// <summary>Adds <paramref name="count"/> public systems; reports progress after each batch.</summary>
    public async Task<int> SeedAsync(int count, IProgress<(int Done, TimeSpan Elapsed)>? progress = null, int seed = 2026, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var random = new Random(seed);
        var clock = Stopwatch.StartNew();
        var now = time.GetUtcNow().UtcDateTime;
        var library = catalog.Active;
        var templates = Examples.Select(name => Template(name, library, now)).ToList();
        db.ChangeTracker.AutoDetectChangesEnabled = false;

        var existing = await db.Organisations.CountAsync(cancellationToken);
        var organisations = new List<(Organisation Organisation, OrganisationKind Kind)>();
        var organisationCount = Math.Max(1, count / 40);
        for (var i = 0; i < organisationCount; i++)
        {
            var n = existing + i + 1;
            var kind = DemoVocabulary.Organisations[random.Next(DemoVocabulary.Organisations.Count)];
            var names = DemoVocabulary.OrganisationName(kind, DemoVocabulary.Places[random.Next(DemoVocabulary.Places.Count)]);
            // The number keeps names apart; one in ten has no English name (it is optional in law), so the register's
            // fallback to another language shows in the demo too.
            var english = random.Next(10) == 0 ? null : $"{names.En} #{n}";
            var organisation = new Organisation
            {
                Id = Guid.NewGuid(),
                Bin = BulkBin(n),
                NameKk = $"{names.Kk} #{n}",
                NameRu = $"{names.Ru} #{n}",
                NameEn = english,
                Size = (SizeClass)random.Next(3),
                ContactEmail = $"office{n}@example.kz",
                CreatedAt = now.AddDays(-random.Next(400)),
                Version = 1,
            };
            organisation.Name = OrganisationNames.Default(organisation.NameKk, organisation.NameRu, organisation.NameEn);
            organisations.Add((organisation, kind));
        }

        db.Organisations.AddRange(organisations.Select(o => o.Organisation));
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();

        var year = now.Year;
        // The year's counter (new, or read and tracked) takes the numbers given when the seeding ends.
        var counter = await db.RegisterCounters.ForYearAsync(year, cancellationToken);
        var state = new SeedState(random, now, year, counter.Next, organisations, templates);
        var done = 0;
        // A pipeline: the next batch is built (records, their hashes: CPU) while the current one is written (I/O).
        var next = Task.Run(() => Build(state, 0, Math.Min(BatchSize, count)), cancellationToken);
        while (done < count)
        {
            var rows = await next;
            var batch = rows.Systems.Count;
            if (done + batch < count)
            {
                var first = done + batch;
                next = Task.Run(() => Build(state, first, Math.Min(BatchSize, count - first)), cancellationToken);
            }

            // Rows go in without the change tracker (COPY on PostgreSQL, a prepared statement on SQLite), one transaction
            // and one signed checkpoint per batch.
            await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
            {
                await BulkRows.InsertAsync(db, rows.Systems, cancellationToken);
                await BulkRows.InsertAsync(db, rows.Versions, cancellationToken);
                await BulkRows.InsertAsync(db, rows.Classifications, cancellationToken);
                await BulkRows.InsertAsync(db, rows.Events, cancellationToken);
                await LogSequencer.AppendAllAsync(db, log, rows.Drafts, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }

            done += batch;
            progress?.Report((done, clock.Elapsed));
        }

        counter.Next = Math.Max(counter.Next, state.NextNumber);
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.AutoDetectChangesEnabled = true;
        return done;
    }

    /// <summary>What the batches share: the seeded random (drawn from by one batch at a time, in order) and the next register number.</summary>
    private sealed class SeedState(Random random, DateTime now, int year, int nextNumber, List<(Organisation Organisation, OrganisationKind Kind)> organisations, List<SeedTemplate> templates)
    {
        public Random Random { get; } = random;

        public DateTime Now { get; } = now;

        public int Year { get; } = year;

        public int NextNumber { get; set; } = nextNumber;

        public List<(Organisation Organisation, OrganisationKind Kind)> Organisations { get; } = organisations;

        public List<SeedTemplate> Templates { get; } = templates;
    }

    private sealed class SeedRows(int count)
    {
        public List<AiSystem> Systems { get; } = new(count);

        public List<SystemVersion> Versions { get; } = new(count);

        public List<Classification> Classifications { get; } = new(count);

        public List<WorkflowEvent> Events { get; } = new(count * 2);

        public List<List<WorkflowEvent>> Owned { get; } = new(count);

        public List<LogEntryDraft> Drafts { get; } = new(count * 2);
    }

    /// <summary>One batch of systems with their rows and log entries, without the database.</summary>
    private SeedRows Build(SeedState state, int first, int batch)
    {
        var (random, now, year, organisations, templates) = (state.Random, state.Now, state.Year, state.Organisations, state.Templates);
        var rows = new SeedRows(batch);
        for (var i = 0; i < batch; i++)
        {
            var (organisation, orgKind) = organisations[random.Next(organisations.Count)];
            var kind = DemoVocabulary.Systems[random.Next(DemoVocabulary.Systems.Count)];
            var template = templates[random.Next(templates.Count)];
            var roll = random.Next(100);
            var status = roll < 60 ? SystemStatus.Published : roll < 90 ? SystemStatus.Registered : roll < 95 ? SystemStatus.RegisteredWithConditions : roll < 98 ? SystemStatus.Suspended : SystemStatus.Withdrawn;
            var registered = status != SystemStatus.Published;
            var created = now.AddDays(-random.Next(1, 300)).AddMinutes(-random.Next(1440));
            var updated = created.AddDays(random.Next(0, 30));
            var number = first + i + 1;
            var names = DemoVocabulary.SystemName(orgKind, kind, number);
            var purposes = DemoVocabulary.Purpose(orgKind, kind);
            var system = new AiSystem
            {
                Id = Guid.NewGuid(),
                OrganisationId = organisation.Id,
                NameKk = names.Kk,
                NameRu = names.Ru,
                NameEn = names.En,
                PurposeKk = purposes.Kk,
                PurposeRu = purposes.Ru,
                PurposeEn = purposes.En,
                Sector = orgKind.Sector,
                Role = random.Next(2) == 0 ? OwnershipRole.Owner : OwnershipRole.Holder,
                Mode = (UsageMode)random.Next(3),
                Status = status,
                Tier = registered ? "high" : template.Tier == "high" ? "medium" : template.Tier,
                RegisterNumber = registered ? RegisterCounter.Format(year, state.NextNumber++) : null,
                RegisteredAt = registered ? updated : null,
                PublishedAt = updated,
                Conditions = status == SystemStatus.RegisteredWithConditions ? "Independent audit of outputs within six months." : null,
                ConditionsDeadline = status == SystemStatus.RegisteredWithConditions ? DateOnly.FromDateTime(updated).AddMonths(6) : null,
                CreatedAt = created,
                UpdatedAt = updated,
                Version = 2,
            };
            system.SortName = system.NameRu!.ToLowerInvariant();
            system.SearchText = SearchText.Of(system, organisation);
            rows.Systems.Add(system);
            rows.Versions.Add(new SystemVersion
            {
                Id = Guid.NewGuid(),
                SystemId = system.Id,
                Version = 2,
                SnapshotJson = Json.Write(SystemSnapshot.Of(system, 1)),
                Change = registered ? "decide-register" : "publish",
                ChangedByName = "Senim (seed)",
                ChangedAt = updated,
            });
            var classification = template.Classification;
            var current = new Classification
            {
                Id = Guid.NewGuid(),
                SystemId = system.Id,
                Number = 1,
                IsCurrent = true,
                Law = classification.Law,
                // The date the template was classified at: the stored record is rebuilt from this row (integrity check).
                At = classification.At,
                AnswersJson = classification.AnswersJson,
                PacksJson = classification.PacksJson,
                LawSetId = catalog.ActiveSetId == Guid.Empty ? null : catalog.ActiveSetId,
                KzTier = system.Tier,
                EuTier = classification.EuTier,
                Complete = true,
                ObligationIds = classification.ObligationIds,
                ClassifiedAt = created,
                Reason = "owner",
            };
            rows.Classifications.Add(current);
            var sequence = 1;
            var own = new List<WorkflowEvent> { Event(system.Id, sequence++, SystemStatus.Draft, registered ? SystemStatus.Registered : SystemStatus.Published, registered ? "decide-register" : "publish", updated, null) };
            if (status is SystemStatus.Suspended or SystemStatus.Withdrawn)
            {
                own.Add(Event(system.Id, sequence, SystemStatus.Registered, status, status == SystemStatus.Suspended ? "suspend" : "withdraw", updated.AddDays(1), "Seeded decision."));
            }

            rows.Events.AddRange(own);
            system.Listed = true;
            system.PublicJson = PublicRecords.Build(system, organisation, current, template.Result, template.Packs, template.Documents, own);
            rows.Owned.Add(own);
        }

        // The log entries carry each record's RFC 8785 hash, the costliest part: computed on every core, kept in order.
        var drafts = new List<LogEntryDraft>[batch];
        Parallel.For(0, batch, i => drafts[i] = [.. LogSequencer.Drafts(rows.Systems[i], rows.Owned[i], "publication")]);
        foreach (var own in drafts)
        {
            rows.Drafts.AddRange(own);
        }

        return rows;
    }

    private static WorkflowEvent Event(Guid systemId, int sequence, SystemStatus from, SystemStatus to, string action, DateTime at, string? reason) => new()
    {
        Id = Guid.NewGuid(),
        SystemId = systemId,
        Sequence = sequence,
        From = from,
        To = to,
        Action = action,
        ActorName = "Senim (seed)",
        ActorRole = "system",
        At = at,
        Reason = reason,
        IsPublic = true,
    };

    private sealed record SeedTemplate(string? Tier, Classification Classification, ClassificationResult Result, IReadOnlyList<LawSets.PackRef> Packs, IReadOnlyList<PublicDocument> Documents);

    private static SeedTemplate Template(string example, Law.Packs.LawLibrary library, DateTime now)
    {
        using var stream = typeof(BulkSeeder).Assembly.GetManifestResourceStream($"Senim.Registry.Demo.{example}.yaml")
            ?? throw new InvalidOperationException($"example {example} is not embedded");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var answers = SystemDescriptions.Read(example + ".yaml", buffer.ToArray(), library, new DateOnly(2026, 11, 25)).Answers;
        var at = DateOnly.FromDateTime(now);
        var result = Classifier.Classify(library.Select("all"), answers, at);
        var classification = ClassificationService.Summarize(Guid.Empty, 1, answers, "all", at, result, Guid.Empty, Actor.System, "owner", now);
        var documents = result.Packs.SelectMany(p => p.Documents).Where(d => d.State == Applicability.Applies)
            .Select(d => new PublicDocument(d.Document.Id, d.Document.Title, 0, null, null)).ToList();
        return new SeedTemplate(classification.KzTier, classification, result, LawSets.Refs(library), documents);
    }

    /// <summary>A valid BIN for the n-th bulk organisation: "7", ten digits of n, and the check digit (numbers whose check digit is undefined move on).</summary>
    private static string BulkBin(int n)
    {
        for (var stem = (long)n * 10; ; stem++)
        {
            var first = "7" + stem.ToString("0000000000", System.Globalization.CultureInfo.InvariantCulture);
            for (var digit = 0; digit < 10; digit++)
            {
                if (Senim.Signatures.Identifiers.Bin.TryParse(first + digit.ToString(System.Globalization.CultureInfo.InvariantCulture), out var bin))
                {
                    return bin.Value;
                }
            }
        }
    }
}
