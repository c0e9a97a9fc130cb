using System.Text.Json;
using Senim.Law.Engine;
using Senim.Law.Texts;
using Senim.Registry.Log;
using Senim.Registry.Workflow;

namespace Senim.Registry.Services;

/// <summary>A required document as the public sees it: which, how complete, when risks were last reviewed. Never its text.</summary>
public sealed record PublicDocument(string Id, LocalizedText Title, int Percent, DateOnly? LastReview, DateOnly? NextReview);

/// <summary>The stored public record, read back (the shape of senim.register/1).</summary>
public sealed record PublicRecord(
    Guid Id,
    string? RegisterNumber,
    string Status,
    PublicTexts Name,
    PublicTexts Purpose,
    PublicOrganisation Organisation,
    string Sector,
    string? Tier,
    bool Prohibited,
    string Role,
    string? UsageMode,
    DateTime? PublishedAt,
    DateTime? RegisteredAt,
    DateTime UpdatedAt,
    int Version,
    PublicDecision Decision,
    PublicClassification? Classification,
    IReadOnlyList<PublicRecordDocument> Documents,
    IReadOnlyList<PublicEvent> History);

public sealed record PublicTexts(string? Kk, string? Ru, string? En);

/// <summary>The organisation as a record names it: its default name, and its names by language when it gave more than one (ADR 0028).</summary>
public sealed record PublicOrganisation(Guid Id, string Name, string Bin, PublicTexts? Names = null)
{
    /// <summary>The names by language; an organisation with one name has it in the language its letters show.</summary>
    public PublicTexts Texts => Names ?? Text.ScriptLanguage.Detect(Name) switch
    {
        Language.Kk => new PublicTexts(Name, null, null),
        Language.Ru => new PublicTexts(null, Name, null),
        _ => new PublicTexts(null, null, Name),
    };
}

public sealed record PublicDecision(string? Conditions, DateOnly? ConditionsDeadline, string? Reason);

public sealed record PublicClassification(int Number, DateOnly At, DateTime ClassifiedAt, string? KzTier, string? EuTier, bool Complete, IReadOnlyList<string> Prohibited,
    IReadOnlyList<LawSets.PackRef> Packs, Guid? LawSet, string Law, IReadOnlyList<PublicPackResult> Results);

public sealed record PublicPackResult(string Pack, bool Complete, IReadOnlyList<PublicConclusion> Conclusions, IReadOnlyList<PublicObligation> Obligations);

public sealed record PublicConclusion(string Id, string State, bool? Flag, IReadOnlyList<string> Values, IReadOnlyList<string> Rules);

public sealed record PublicObligation(string Id, string State, DateOnly Effective);

public sealed record PublicRecordDocument(string Id, PublicTexts Title, int CompletePercent, DateOnly? LastReview, DateOnly? NextReview);

public sealed record PublicEvent(DateTime At, string Action, string Status, string? Reason);

/// <summary>When the submission that led to a registration decision was made, and when the decision was (UTC).</summary>
public sealed record DecisionTime(DateTime SubmittedAt, DateTime DecidedAt);

/// <summary>Everything the public page shows: the stored record, and the law set its classification was made under (for the texts).</summary>
public sealed record PublicEntry(PublicRecord Record, string Json, Law.Packs.LawLibrary Law);

/// <summary>Reads public entries: the stored record (one lookup) and, for pages, the explained classification.</summary>
public sealed class PublicEntries(RegistryDb db, LawCatalog catalog)
{
    private static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static PublicRecord Parse(string json) => JsonSerializer.Deserialize<PublicRecord>(json, Options)!;

    /// <summary>One indexed lookup; the texts of the explanation come from the (cached) law set, by id.</summary>
    public async Task<PublicEntry> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var json = await RegisterService.PublicJsonQuery(db, id, cancellationToken) ?? throw new NotFoundException("register entry", id);
        var record = Parse(json);
        var library = record.Classification?.LawSet is { } setId ? await catalog.GetAsync(db, setId, cancellationToken) : catalog.Active;
        return new PublicEntry(record, json, library);
    }

    /// <summary>A compiled query per provider (see <see cref="RegisterService.PublicJsonQuery"/>): the record and the system's log entries in one round trip.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Func<RegistryDb, Guid, IAsyncEnumerable<EntryRow>>> WithLogQueries = new();

    private sealed record EntryRow(string? Json, long? Index, string? Kind, Guid? EventId);

    private static IAsyncEnumerable<EntryRow> WithLogQuery(RegistryDb db, Guid id) =>
        WithLogQueries.GetOrAdd(db.Database.ProviderName ?? "", _ => EF.CompileAsyncQuery((RegistryDb db, Guid id) =>
            from s in db.Systems.AsNoTracking()
            where s.Id == id && s.Listed
            from e in db.LogEntries.AsNoTracking().Where(e => e.SystemId == s.Id).DefaultIfEmpty()
            orderby e.Index
            select new EntryRow(s.PublicJson, (long?)e.Index, e.Kind, e.EventId)))(db, id);

    /// <summary>What the public page shows: the entry and its transparency-log entries (oldest first), read in one round trip.</summary>
    public async Task<(PublicEntry Entry, IReadOnlyList<SystemLogEntry> LogEntries)> GetWithLogAsync(Guid id, CancellationToken cancellationToken = default)
    {
        string? json = null;
        var entries = new List<SystemLogEntry>();
        await foreach (var row in WithLogQuery(db, id).WithCancellation(cancellationToken))
        {
            json ??= row.Json;
            if (row.Index is { } index)
            {
                entries.Add(new SystemLogEntry(index, row.Kind ?? "", row.EventId));
            }
        }

        if (json is null)
        {
            throw new NotFoundException("register entry", id);
        }

        var record = Parse(json);
        var library = record.Classification?.LawSet is { } setId ? await catalog.GetAsync(db, setId, cancellationToken) : catalog.Active;
        return (new PublicEntry(record, json, library), entries);
    }

    /// <summary>
    /// How long the latest registration decision took: from the submission that started its round to the supervisory
    /// body's decision (register, with conditions, refuse). Null for a system never decided. The submission is not a
    /// public event of its own; its date is told here only as the start of a public decision's count.
    /// </summary>
    public async Task<DecisionTime?> DecisionTimeAsync(Guid id, CancellationToken cancellationToken = default)
    {
        string[] decisions = [RegistrationWorkflow.Register, RegistrationWorkflow.RegisterWithConditions, RegistrationWorkflow.Refuse];
        var events = await db.WorkflowEvents.AsNoTracking()
            .Where(e => e.SystemId == id && (decisions.Contains(e.Action) || e.Action == RegistrationWorkflow.Submit))
            .OrderBy(e => e.Sequence).Select(e => new { e.Action, e.At }).ToListAsync(cancellationToken);
        var decided = events.LastOrDefault(e => decisions.Contains(e.Action));
        var submitted = decided is null ? null : events.LastOrDefault(e => e.Action == RegistrationWorkflow.Submit && e.At <= decided.At);
        return submitted is null ? null : new DecisionTime(submitted.At, decided!.At);
    }

    /// <summary>The current classification re-run under its law set, for the full explanation (senim.classification/1).</summary>
    public async Task<ClassificationResult> ExplainAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var classification = await db.Classifications.AsNoTracking()
            .Where(c => c.SystemId == id && c.IsCurrent && db.Systems.Any(s => s.Id == id && s.Listed))
            .Select(c => new { c.LawSetId, c.Law, c.AnswersJson, c.At }).FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("classification", id);
        var library = classification.LawSetId is { } setId ? await catalog.GetAsync(db, setId, cancellationToken) : catalog.Active;
        return Classifier.Classify(library.Select(classification.Law), StoredAnswers.Read(classification.AnswersJson, library), classification.At);
    }
}
