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

    private static readonly (string Kk, string Ru, string En)[] Kinds =
    [
        ("скоринг", "скоринг", "scoring"), ("чат-бот", "чат-бот", "chatbot"), ("ассистент", "ассистент", "assistant"),
        ("болжам жүйесі", "система прогнозирования", "forecasting system"), ("бейнеталдау", "видеоаналитика", "video analytics"),
        ("құжаттарды тану", "распознавание документов", "document recognition"), ("ұсыныс жүйесі", "рекомендательная система", "recommender"),
        ("триаж", "триаж", "triage"), ("аудармашы", "переводчик", "translator"), ("алаяқтықты анықтау", "выявление мошенничества", "fraud detection"),
        ("сөйлеуді тану", "распознавание речи", "speech recognition"), ("маршрутизация", "маршрутизация", "routing"),
        ("сапаны бақылау", "контроль качества", "quality control"), ("кезек басқару", "управление очередью", "queue management"),
    ];

    private static readonly (string Kk, string Ru, string En, string Sector)[] Domains =
    [
        ("кредиттік", "кредитный", "credit", "finance"), ("медициналық", "медицинский", "medical", "healthcare"),
        ("білім беру", "образовательный", "education", "education"), ("кадрлық", "кадровый", "HR", "employment"),
        ("энергетикалық", "энергетический", "energy", "energy"), ("көліктік", "транспортный", "transport", "transport"),
        ("байланыс", "телеком", "telecom", "telecommunications"), ("мемлекеттік қызмет", "госуслуги", "public service", "public-administration"),
        ("сот", "судебный", "court", "justice"), ("сауда", "торговый", "retail", "retail"), ("медиа", "медиа", "media", "media"),
        ("аграрлық", "аграрный", "farming", "agriculture"), ("өндірістік", "производственный", "factory", "manufacturing"),
        ("сақтандыру", "страховой", "insurance", "finance"), ("қалалық", "городской", "city", "public-administration"),
    ];

    private static readonly string[] OrgWords = ["Ақжол", "Алтын", "Qazaq", "Digital", "Steppe", "Nomad", "Астана", "Алматы", "Тұран", "Сарыарқа", "Caspian", "Baiterek", "Jetisu", "Orda", "Kazyna", "Shanyraq"];
    private static readonly string[] OrgForms = ["JSC", "LLP", "ТОО", "АО", "ЖШС", "АҚ"];
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
        var organisations = new List<Organisation>();
        var organisationCount = Math.Max(1, count / 40);
        for (var i = 0; i < organisationCount; i++)
        {
            var name = $"{OrgWords[random.Next(OrgWords.Length)]} {OrgWords[random.Next(OrgWords.Length)]} {OrgForms[random.Next(OrgForms.Length)]} #{existing + i + 1}";
            organisations.Add(new Organisation
            {
                Id = Guid.NewGuid(),
                Bin = BulkBin(existing + i + 1),
                Name = name,
                Size = (SizeClass)random.Next(3),
                ContactEmail = $"office{existing + i + 1}@example.kz",
                CreatedAt = now.AddDays(-random.Next(400)),
                Version = 1,
            });
        }

        db.Organisations.AddRange(organisations);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();

        var year = now.Year;
        var nextNumber = (await db.RegisterCounters.ForYearAsync(year, cancellationToken)).Next;
        var done = 0;
        while (done < count)
        {
            var batch = Math.Min(BatchSize, count - done);
            for (var i = 0; i < batch; i++)
            {
                var organisation = organisations[random.Next(organisations.Count)];
                var kind = Kinds[random.Next(Kinds.Length)];
                var domain = Domains[random.Next(Domains.Length)];
                var template = templates[random.Next(templates.Count)];
                var roll = random.Next(100);
                var status = roll < 60 ? SystemStatus.Published : roll < 90 ? SystemStatus.Registered : roll < 95 ? SystemStatus.RegisteredWithConditions : roll < 98 ? SystemStatus.Suspended : SystemStatus.Withdrawn;
                var registered = status != SystemStatus.Published;
                var created = now.AddDays(-random.Next(1, 300)).AddMinutes(-random.Next(1440));
                var updated = created.AddDays(random.Next(0, 30));
                var number = done + i + 1;
                var system = new AiSystem
                {
                    Id = Guid.NewGuid(),
                    OrganisationId = organisation.Id,
                    NameKk = $"{Capital(domain.Kk)} {kind.Kk} {number}",
                    NameRu = $"{Capital(domain.Ru)} {kind.Ru} {number}",
                    NameEn = $"{Capital(domain.En)} {kind.En} {number}",
                    PurposeKk = $"{Capital(domain.Kk)} салада шешім қабылдауды қолдау ({kind.Kk}).",
                    PurposeRu = $"Поддержка решений в сфере «{domain.Ru}» ({kind.Ru}).",
                    PurposeEn = $"Supports {domain.En} decisions ({kind.En}).",
                    Sector = domain.Sector,
                    Role = random.Next(2) == 0 ? OwnershipRole.Owner : OwnershipRole.Holder,
                    Mode = (UsageMode)random.Next(3),
                    Status = status,
                    Tier = registered ? "high" : template.Tier == "high" ? "medium" : template.Tier,
                    RegisterNumber = registered ? RegisterCounter.Format(year, nextNumber++) : null,
                    RegisteredAt = registered ? updated : null,
                    PublishedAt = updated,
                    Conditions = status == SystemStatus.RegisteredWithConditions ? "Independent audit of outputs within six months." : null,
                    ConditionsDeadline = status == SystemStatus.RegisteredWithConditions ? DateOnly.FromDateTime(updated).AddMonths(6) : null,
                    CreatedAt = created,
                    UpdatedAt = updated,
                    Version = 2,
                };
                system.SortName = system.NameRu!.ToLowerInvariant();
                system.SearchText = SearchText.Normalize(system.NameKk, system.NameRu, system.NameEn, system.PurposeKk, system.PurposeRu, system.PurposeEn, organisation.Name, system.RegisterNumber);
                db.Systems.Add(system);
                db.SystemVersions.Add(new SystemVersion
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
                db.Classifications.Add(new Classification
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
                });
                var sequence = 1;
                var events = new List<WorkflowEvent> { Event(system.Id, sequence++, SystemStatus.Draft, registered ? SystemStatus.Registered : SystemStatus.Published, registered ? "decide-register" : "publish", updated, null) };
                if (status is SystemStatus.Suspended or SystemStatus.Withdrawn)
                {
                    events.Add(Event(system.Id, sequence, SystemStatus.Registered, status, status == SystemStatus.Suspended ? "suspend" : "withdraw", updated.AddDays(1), "Seeded decision."));
                }

                db.WorkflowEvents.AddRange(events);
                var current = db.Classifications.Local.Last();
                system.Listed = true;
                system.PublicJson = PublicRecords.Build(system, organisation, current, template.Result, template.Packs, template.Documents, events);
            }

            db.ChangeTracker.DetectChanges();
            await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
            {
                await db.SaveChangesAsync(cancellationToken);
                var drafts = db.Systems.Local.SelectMany(s => LogSequencer.Drafts(s, [.. db.WorkflowEvents.Local.Where(e => e.SystemId == s.Id).OrderBy(e => e.Sequence)], "publication")).ToList();
                await LogSequencer.AppendAllAsync(db, log, drafts, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }

            db.ChangeTracker.Clear();
            done += batch;
            progress?.Report((done, clock.Elapsed));
        }

        var stored = await db.RegisterCounters.FirstAsync(c => c.Year == year, cancellationToken);
        stored.Next = Math.Max(stored.Next, nextNumber);
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.AutoDetectChangesEnabled = true;
        return done;
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

    private static string Capital(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

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
