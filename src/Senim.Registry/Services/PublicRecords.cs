using System.Text.Encodings.Web;
using System.Text.Json;
using Senim.Law.Engine;

namespace Senim.Registry.Services;

/// <summary>
/// The public record of a system: the JSON the public register publishes about it (senim.register/1,
/// without the host-dependent url), rebuilt and stored on every change, so reading an entry is one
/// indexed lookup. Keys are always written in the same order. Only <see cref="RegisterWriter"/> (and the integrity
/// check, to compare) rebuilds a record, in the transaction of the change that made it.
/// </summary>
public static class PublicRecords
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Builds the public records that are missing (systems listed before records existed), in batches.</summary>
    public static async Task<int> BackfillAsync(RegistryDb db, LawCatalog catalog, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var total = 0;
        while (true)
        {
            var batch = await db.Systems.Include(s => s.Organisation).Where(s => s.Listed && s.PublicJson == null).OrderBy(s => s.Id).Take(200).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                return total;
            }

            foreach (var system in batch)
            {
                await RefreshAsync(db, catalog, system, cancellationToken);
                system.PublicJson ??= "{}";
            }

            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            total += batch.Count;
        }
    }

    /// <summary>Sets <see cref="AiSystem.Listed"/> and <see cref="AiSystem.PublicJson"/> from what is stored now.</summary>
    internal static async Task RefreshAsync(RegistryDb db, LawCatalog catalog, AiSystem system, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(system);
        system.Listed = SystemStatuses.IsPublic(system.Status);
        if (!system.Listed)
        {
            system.PublicJson = null;
            return;
        }

        var organisation = system.Organisation ?? await db.Organisations.AsNoTracking().FirstAsync(o => o.Id == system.OrganisationId, cancellationToken);
        var classification = await db.Classifications.AsNoTracking().Where(c => c.SystemId == system.Id && c.IsCurrent).OrderByDescending(c => c.Number).FirstOrDefaultAsync(cancellationToken);
        var documents = classification is null ? [] : await db.Documents.AsNoTracking().Where(d => d.SystemId == system.Id)
            .Select(d => new StoredDocument(d.SystemId, d.DocumentId, d.SectionsJson, d.LastReviewDate, d.NextReviewDate)).ToListAsync(cancellationToken);
        var history = await db.WorkflowEvents.AsNoTracking().Where(e => e.SystemId == system.Id && e.IsPublic).OrderBy(e => e.Sequence).ToListAsync(cancellationToken);
        system.PublicJson = await ComposeAsync(db, catalog, system, organisation, classification, documents, history, cancellationToken);
    }

    /// <summary>
    /// Rebuilds the public records of many systems (their organisations loaded) with three queries in all, instead of
    /// three per system: what the integrity check and bulk re-evaluations use. Sets Listed and PublicJson like
    /// <see cref="RefreshAsync"/>; <paramref name="publicEvents"/> may pass the systems' public events when the caller has them.
    /// </summary>
    internal static async Task RefreshManyAsync(RegistryDb db, LawCatalog catalog, IReadOnlyList<AiSystem> systems, ILookup<Guid, WorkflowEvent>? publicEvents = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(systems);
        foreach (var system in systems)
        {
            system.Listed = SystemStatuses.IsPublic(system.Status);
        }

        var ids = systems.Where(s => s.Listed).Select(s => s.Id).ToList();
        var classifications = ids.Count == 0 ? [] : await db.Classifications.AsNoTracking().Where(c => ids.Contains(c.SystemId) && c.IsCurrent).ToListAsync(cancellationToken);
        var current = classifications.GroupBy(c => c.SystemId).ToDictionary(g => g.Key, g => g.MaxBy(c => c.Number)!);
        var classified = current.Keys.ToList();
        var documents = (classified.Count == 0 ? [] : await db.Documents.AsNoTracking().Where(d => classified.Contains(d.SystemId))
            .Select(d => new StoredDocument(d.SystemId, d.DocumentId, d.SectionsJson, d.LastReviewDate, d.NextReviewDate)).ToListAsync(cancellationToken)).ToLookup(d => d.SystemId);
        publicEvents ??= ids.Count == 0 ? Array.Empty<WorkflowEvent>().ToLookup(e => e.SystemId) : (await db.WorkflowEvents.AsNoTracking().Where(e => ids.Contains(e.SystemId) && e.IsPublic)
            .OrderBy(e => e.Sequence).ToListAsync(cancellationToken)).ToLookup(e => e.SystemId);
        foreach (var system in systems)
        {
            if (!system.Listed)
            {
                system.PublicJson = null;
                continue;
            }

            var organisation = system.Organisation ?? throw new InvalidOperationException("RefreshManyAsync needs the systems' organisations loaded.");
            system.PublicJson = await ComposeAsync(db, catalog, system, organisation, current.GetValueOrDefault(system.Id), [.. documents[system.Id]],
                [.. publicEvents[system.Id].Where(e => e.IsPublic).OrderBy(e => e.Sequence)], cancellationToken);
        }
    }

    private sealed record StoredDocument(Guid SystemId, string DocumentId, string SectionsJson, DateOnly? LastReviewDate, DateOnly? NextReviewDate);

    /// <summary>The record from the rows already read: the classification re-run under its law set, documentation completeness, public history.</summary>
    private static async Task<string> ComposeAsync(RegistryDb db, LawCatalog catalog, AiSystem system, Organisation organisation, Classification? classification,
        IReadOnlyList<StoredDocument> stored, IReadOnlyList<WorkflowEvent> history, CancellationToken cancellationToken)
    {
        var documents = new List<PublicDocument>();
        IReadOnlyList<LawSets.PackRef> packs = [];
        ClassificationResult? result = null;
        if (classification is not null)
        {
            packs = Json.Read<List<LawSets.PackRef>>(classification.PacksJson);
            var library = classification.LawSetId is { } setId ? await catalog.GetAsync(db, setId, cancellationToken) : catalog.Active;
            result = Classifier.Classify(library.Select(classification.Law), StoredAnswers.Read(classification.AnswersJson, library), classification.At);
            foreach (var outcome in result.Packs.SelectMany(p => p.Documents).Where(d => d.State == Applicability.Applies))
            {
                var requirement = outcome.Document;
                var document = stored.FirstOrDefault(d => d.DocumentId == requirement.Id);
                var sections = document is null ? new Dictionary<string, string>() : Json.Read<Dictionary<string, string>>(document.SectionsJson);
                var required = requirement.Sections.Where(s => s.Required).ToList();
                var filled = required.Count(s => !string.IsNullOrWhiteSpace(sections.GetValueOrDefault(s.Id)));
                documents.Add(new PublicDocument(requirement.Id, requirement.Title, required.Count == 0 ? 100 : filled * 100 / required.Count, document?.LastReviewDate, document?.NextReviewDate));
            }
        }

        return Build(system, organisation, classification, result, packs, documents, history);
    }

    /// <summary>The canonical public JSON of a system.</summary>
    public static string Build(AiSystem system, Organisation organisation, Classification? classification, ClassificationResult? result, IReadOnlyList<LawSets.PackRef> packs,
        IReadOnlyList<PublicDocument> documents, IReadOnlyList<WorkflowEvent> history)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(organisation);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            w.WriteStartObject();
            w.WriteString("id", system.Id);
            RegisterFormats.WriteSummary(w, RegisterRow.Of(system, organisation));
            w.WriteBoolean("prohibited", system.Prohibited);
            w.WriteString("role", system.Role.ToString().ToLowerInvariant());
            w.WriteStringOrNull("usage_mode", system.Mode?.ToString().ToLowerInvariant());
            w.WriteStringOrNull("published_at", Json.Iso(system.PublishedAt));
            w.WriteStringOrNull("registered_at", Json.Iso(system.RegisteredAt));
            w.WriteString("updated_at", Json.Iso(system.UpdatedAt));
            w.WriteNumber("version", system.Version);
            w.WriteStartObject("decision");
            w.WriteStringOrNull("conditions", system.Conditions);
            w.WriteStringOrNull("conditions_deadline", system.ConditionsDeadline?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            w.WriteStringOrNull("reason", system.DecisionReason);
            w.WriteEndObject();
            if (classification is not null)
            {
                w.WriteStartObject("classification");
                w.WriteNumber("number", classification.Number);
                w.WriteString("at", classification.At.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                w.WriteString("classified_at", Json.Iso(classification.ClassifiedAt));
                w.WriteStringOrNull("kz_tier", classification.KzTier);
                w.WriteStringOrNull("eu_tier", classification.EuTier);
                w.WriteBoolean("complete", classification.Complete);
                w.WriteStartArray("prohibited");
                foreach (var id in classification.ProhibitedIds.Split(',', StringSplitOptions.RemoveEmptyEntries))
                {
                    w.WriteStringValue(id);
                }

                w.WriteEndArray();
                w.WriteStartArray("packs");
                foreach (var pack in packs)
                {
                    w.WriteStartObject();
                    w.WriteString("id", pack.Id);
                    w.WriteString("version", pack.Version);
                    w.WriteString("hash", pack.Hash);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteStringOrNull("law_set", classification.LawSetId?.ToString());
                w.WriteString("law", classification.Law);
                w.WriteStartArray("results");
                foreach (var pack in result?.Packs ?? [])
                {
                    WritePackResult(w, pack);
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }
            else
            {
                w.WriteNull("classification");
            }

            w.WriteStartArray("documents");
            foreach (var d in documents)
            {
                w.WriteStartObject();
                w.WriteString("id", d.Id);
                w.WriteTexts("title", d.Title.Kk, d.Title.Ru, d.Title.En);
                w.WriteNumber("complete_percent", d.Percent);
                w.WriteStringOrNull("last_review", d.LastReview?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                w.WriteStringOrNull("next_review", d.NextReview?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("history");
            foreach (var e in history)
            {
                w.WriteStartObject();
                w.WriteString("at", Json.Iso(e.At));
                w.WriteString("action", e.Action);
                w.WriteString("status", e.To.Code());
                w.WriteStringOrNull("reason", e.Reason);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>What each conclusion came to and by which rules, and which obligations apply: the explanation, by id.</summary>
    private static void WritePackResult(Utf8JsonWriter w, PackResult pack)
    {
        w.WriteStartObject();
        w.WriteString("pack", pack.Pack.Pack.Id);
        w.WriteBoolean("complete", pack.IsComplete);
        w.WriteStartArray("conclusions");
        foreach (var c in pack.Conclusions)
        {
            w.WriteStartObject();
            w.WriteString("id", c.Conclusion.Id);
            w.WriteString("state", c.IsNotApplicable ? "not-applicable" : c.IsDetermined ? "determined" : "undetermined");
            if (c.Flag is { } flag && !c.IsNotApplicable)
            {
                w.WriteBoolean("flag", flag);
            }
            else
            {
                w.WriteNull("flag");
            }

            w.WriteStartArray("values");
            foreach (var v in c.Values)
            {
                w.WriteStringValue(v.Id);
            }

            w.WriteEndArray();
            w.WriteStartArray("rules");
            foreach (var f in c.Fired)
            {
                w.WriteStringValue(f.Rule.Id);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("obligations");
        foreach (var o in pack.Obligations)
        {
            w.WriteStartObject();
            w.WriteString("id", o.Obligation.Id);
            w.WriteString("state", o.State switch { Applicability.Applies => "applies", Applicability.Upcoming => "upcoming", _ => "undetermined" });
            w.WriteString("effective", o.Effective.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>The stored record as served: format and urls first (they depend on the host), then the record.</summary>
    public static string Serve(string publicJson, Guid id, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(publicJson);
        var url = RegisterFormats.EntryUrl(baseUrl, id);
        return $"{{\"format\":\"{RegisterFormats.Format}\",\"url\":{JsonSerializer.Serialize(url)},\"explanation\":{JsonSerializer.Serialize(url + "/classification.json")},{publicJson[1..]}";
    }
}
