using Senim.Law.Engine;
using Senim.Law.Packs;
using Senim.Law.Systems;

namespace Senim.Registry.Services;

/// <summary>Classifying a system with the engine, storing the answers with the pack versions, and explaining it later.</summary>
public sealed class ClassificationService(RegistryDb db, LawCatalog catalog, RegisterWriter writer)
{
    private DateTime Now => writer.Now;

    /// <summary>Classifies (or reclassifies) a system with the active packs; the new classification becomes current (a new version "classified").</summary>
    public async Task<(AiSystem System, Classification Classification, ClassificationResult Result)> ClassifyAsync(
        SystemAccess access, AnswerSet answers, string law, int expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(access);
        ArgumentNullException.ThrowIfNull(answers);
        access.RequireEditor();
        access.RequireChange(expectedVersion);
        var system = access.System;
        var actor = access.Actor;
        var library = catalog.Active;
        if (library.Select(law).Count == 0)
        {
            var errors = new FieldErrors();
            errors.Add("law", "law-unknown", "use kz, eu or all");
            errors.ThrowIfAny();
        }

        var (classification, result) = await StoreAsync(system, answers, law, DateOnly.FromDateTime(Now), library, catalog.ActiveSetId, actor, "owner", cancellationToken);
        await writer.SaveVersionAsync(system, "classified", actor, expectedVersion, cancellationToken, classification.Number);
        return (system, classification, result);
    }

    /// <summary>Adds a classification row and updates the system's summary fields; the caller saves.</summary>
    internal async Task<(Classification, ClassificationResult)> StoreAsync(AiSystem system, AnswerSet answers, string law, DateOnly at,
        LawLibrary library, Guid lawSetId, Actor actor, string reason, CancellationToken cancellationToken)
    {
        var result = Classifier.Classify(library.Select(law), answers, at);
        var previous = await db.Classifications.Where(c => c.SystemId == system.Id && c.IsCurrent).ToListAsync(cancellationToken);
        previous.ForEach(c => c.IsCurrent = false);
        var number = await db.Classifications.Where(c => c.SystemId == system.Id).Select(c => (int?)c.Number).MaxAsync(cancellationToken) ?? 0;
        var classification = Summarize(system.Id, number + 1, answers, law, at, result, lawSetId, actor, reason, Now);
        db.Classifications.Add(classification);
        system.Tier = classification.KzTier;
        system.Prohibited = classification.Prohibited;
        return (classification, result);
    }

    internal static Classification Summarize(Guid systemId, int number, AnswerSet answers, string law, DateOnly at, ClassificationResult result, Guid lawSetId, Actor actor, string reason, DateTime now)
    {
        string? TierOf(string jurisdiction) => result.Packs.FirstOrDefault(p => p.Pack.Pack.Header.Jurisdiction == jurisdiction)?.Tier is { IsDetermined: true, Values.Count: 1 } tier
            ? tier.Values[0].Id
            : null;
        return new Classification
        {
            Id = Guid.NewGuid(),
            SystemId = systemId,
            Number = number,
            IsCurrent = true,
            Law = law,
            At = at,
            AnswersJson = StoredAnswers.Write(answers),
            PacksJson = Json.Write(result.Packs.Select(p => new LawSets.PackRef(p.Pack.Pack.Id, p.Pack.Pack.Header.Version, p.Pack.ContentHash)).ToList()),
            LawSetId = lawSetId == Guid.Empty ? null : lawSetId,
            KzTier = TierOf("KZ"),
            EuTier = TierOf("EU"),
            Complete = result.IsComplete,
            Prohibited = result.HasProhibited,
            ProhibitedIds = string.Join(",", result.Packs.SelectMany(p => p.Prohibited).Select(v => v.Id)),
            ObligationIds = string.Join(",", result.Packs.SelectMany(p => p.Obligations).Where(o => o.State != Applicability.Undetermined).Select(o => o.Obligation.Id).Order(StringComparer.Ordinal)),
            ClassifiedBy = actor.UserId == Guid.Empty ? null : actor.UserId,
            ClassifiedAt = now,
            Reason = reason,
        };
    }

    /// <summary>The system's current classification, or null before the first.</summary>
    public async Task<Classification?> CurrentAsync(SystemAccess access, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(access);
        return await db.Classifications.AsNoTracking().FirstOrDefaultAsync(c => c.SystemId == access.Id && c.IsCurrent, cancellationToken);
    }

    /// <summary>Every classification of the system, newest first.</summary>
    public async Task<IReadOnlyList<Classification>> ListAsync(SystemAccess access, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(access);
        return await db.Classifications.AsNoTracking().Where(c => c.SystemId == access.Id).OrderByDescending(c => c.Number).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// What changed between two classifications of a system: the answers (each read under the law set
    /// it was made with) and the obligations that now apply or no longer do. <paramref name="from"/>
    /// null compares with nothing (every answer of <paramref name="to"/> is new).
    /// </summary>
    public async Task<ClassificationChanges> CompareAsync(SystemAccess access, int? from, int to, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(access);
        var systemId = access.Id;
        var rows = await db.Classifications.AsNoTracking()
            .Where(c => c.SystemId == systemId && (c.Number == to || c.Number == from))
            .ToListAsync(cancellationToken);
        var after = rows.FirstOrDefault(c => c.Number == to) ?? throw new NotFoundException("classification", to);
        var before = from is { } number ? rows.FirstOrDefault(c => c.Number == number) ?? throw new NotFoundException("classification", number) : null;
        var newAnswers = await AnswersOfAsync(after, cancellationToken);
        var oldAnswers = before is null ? AnswerSet.Empty : await AnswersOfAsync(before, cancellationToken);
        var ids = oldAnswers.All.Select(a => a.Key).Union(newAnswers.All.Select(a => a.Key)).Order(StringComparer.Ordinal);
        var answers = ids.Select(id => new AnswerChange(id, oldAnswers[id], newAnswers[id]))
            .Where(c => !Equals(c.Old, c.New))
            .ToList();
        static HashSet<string> Split(string? ids) => [.. (ids ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)];
        var oldObligations = Split(before?.ObligationIds);
        var newObligations = Split(after.ObligationIds);
        return new ClassificationChanges(before, after, answers,
            [.. newObligations.Except(oldObligations).Order(StringComparer.Ordinal)],
            [.. oldObligations.Except(newObligations).Order(StringComparer.Ordinal)]);
    }

    private async Task<AnswerSet> AnswersOfAsync(Classification classification, CancellationToken cancellationToken)
    {
        var library = classification.LawSetId is { } setId ? await catalog.GetAsync(db, setId, cancellationToken) : catalog.Active;
        return StoredAnswers.Read(classification.AnswersJson, library);
    }

    /// <summary>
    /// Re-runs a stored classification under the law set it was made with, which gives back exactly
    /// the same result with its full explanation (the database keeps only the answers and a summary).
    /// </summary>
    public async Task<ClassificationResult> ExplainAsync(Classification classification, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(classification);
        var library = classification.LawSetId is { } setId ? await catalog.GetAsync(db, setId, cancellationToken) : catalog.Active;
        return Classifier.Classify(library.Select(classification.Law), StoredAnswers.Read(classification.AnswersJson, library), classification.At);
    }
}

/// <summary>One answer that differs between two classifications; null when the question was not answered.</summary>
public sealed record AnswerChange(string QuestionId, Answer? Old, Answer? New);

/// <summary>What changed from one classification to another.</summary>
public sealed record ClassificationChanges(Classification? From, Classification To, IReadOnlyList<AnswerChange> Answers, IReadOnlyList<string> ObligationsAdded, IReadOnlyList<string> ObligationsRemoved);

/// <summary>Answers stored as JSON in the form of a system description: yes/no, an option, a list, a date.</summary>
public static class StoredAnswers
{
    public static string Write(AnswerSet answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var map = new SortedDictionary<string, object>(StringComparer.Ordinal);
        foreach (var (id, answer) in answers.All)
        {
            map[id] = answer is OptionsAnswer options ? options.Values.ToArray() : answer.Display;
        }

        return Json.Write(map);
    }

    /// <summary>Reads stored answers; answers to questions the library no longer has are skipped.</summary>
    public static AnswerSet Read(string json, LawLibrary library)
    {
        ArgumentNullException.ThrowIfNull(library);
        var raw = Json.Read<Dictionary<string, System.Text.Json.JsonElement>>(json);
        var answers = new List<KeyValuePair<string, Answer>>();
        foreach (var (id, value) in raw)
        {
            // A former question id (alias) reads as the current question, so older classifications keep their answers.
            if (library.FindQuestion(id) is not { } question)
            {
                continue;
            }

            var isList = value.ValueKind == System.Text.Json.JsonValueKind.Array;
            var values = isList ? value.EnumerateArray().Select(v => v.GetString() ?? "").ToList() : [value.GetString() ?? ""];
            var answer = AnswerParsing.Parse(question, values, isList, AnswerParsing.LatestDate, out _);
            if (answer is not null && answers.TrueForAll(a => a.Key != question.Id))
            {
                answers.Add(new(question.Id, answer));
            }
        }

        return new AnswerSet(answers);
    }

    /// <summary>Parses answers sent as JSON values (strings, booleans, lists) against the library's questions.</summary>
    public static AnswerSet Parse(IReadOnlyDictionary<string, System.Text.Json.JsonElement> raw, LawLibrary library, DateOnly at, string path = "answers")
    {
        ArgumentNullException.ThrowIfNull(raw);
        ArgumentNullException.ThrowIfNull(library);
        var errors = new FieldErrors();
        var answers = new List<KeyValuePair<string, Answer>>();
        foreach (var (id, value) in raw)
        {
            var field = path + "." + id;
            if (library.FindQuestion(id) is not { } question)
            {
                errors.Add(field, "question-unknown", "unknown question id");
                continue;
            }

            if (value.ValueKind == System.Text.Json.JsonValueKind.Null)
            {
                continue;
            }

            var isList = value.ValueKind == System.Text.Json.JsonValueKind.Array;
            var values = isList
                ? value.EnumerateArray().Select(v => v.ValueKind == System.Text.Json.JsonValueKind.String ? v.GetString()! : v.GetRawText()).ToList()
                : [value.ValueKind switch
                {
                    System.Text.Json.JsonValueKind.String => value.GetString()!,
                    System.Text.Json.JsonValueKind.True => "yes",
                    System.Text.Json.JsonValueKind.False => "no",
                    _ => value.GetRawText(),
                }];
            var answer = AnswerParsing.Parse(question, values, isList, at, out var error);
            if (answer is null)
            {
                errors.Add(field, "answer-invalid", "{0}", error!);
            }
            else if (answers.TrueForAll(a => a.Key != question.Id))
            {
                answers.Add(new(question.Id, answer));
            }
            else
            {
                errors.Add(field, "answer-invalid", "{0}", $"answers '{question.Id}' a second time (under its current and a former id); keep one");
            }
        }

        errors.ThrowIfAny();
        return new AnswerSet(answers);
    }

    internal static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
