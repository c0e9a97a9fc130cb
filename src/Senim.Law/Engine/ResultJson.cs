using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Senim.Law.Packs;
using Senim.Law.Systems;
using Senim.Law.Texts;

namespace Senim.Law.Engine;

/// <summary>
/// Writes a classification result in the stable JSON shape "senim.classification/1"
/// (documented in docs/classification-json.md), with texts in one language.
/// </summary>
public static class ResultJson
{
    /// <summary>The format id written in every document.</summary>
    public const string Format = "senim.classification/1";

    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Writes the result to a stream.</summary>
    public static void Write(Stream stream, ClassificationResult result, SystemDescription? system, Language language)
    {
        using var writer = new Utf8JsonWriter(stream, Options);
        Write(writer, result, system, language);
    }

    /// <summary>The result as a JSON string.</summary>
    public static string ToJson(ClassificationResult result, SystemDescription? system, Language language)
    {
        using var stream = new MemoryStream();
        Write(stream, result, system, language);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Writes the result with a caller's writer.</summary>
    public static void Write(Utf8JsonWriter writer, ClassificationResult result, SystemDescription? system, Language language)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(result);
        writer.WriteStartObject();
        writer.WriteString("format", Format);
        if (system is not null)
        {
            writer.WriteStartObject("system");
            writer.WriteString("name", system.Name);
            WriteOptional(writer, "description", system.Description);
            WriteOptional(writer, "organisation", system.Organisation);
            WriteOptional(writer, "sector", system.Sector);
            writer.WriteEndObject();
        }

        writer.WriteString("at", Iso(result.At));
        writer.WriteString("language", language.Code());
        writer.WriteBoolean("complete", result.IsComplete);
        writer.WriteBoolean("prohibited", result.HasProhibited);
        WriteStrings(writer, "other_law_answers", result.OtherLawAnswers);
        writer.WriteStartArray("results");
        foreach (var pack in result.Packs)
        {
            WritePack(writer, pack, language);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.Flush();
    }

    private static void WritePack(Utf8JsonWriter w, PackResult result, Language language)
    {
        var pack = result.Pack;
        w.WriteStartObject();
        w.WriteStartObject("pack");
        w.WriteString("id", pack.Pack.Id);
        w.WriteString("version", pack.Pack.Header.Version);
        w.WriteString("hash", pack.ContentHash);
        w.WriteString("jurisdiction", pack.Pack.Header.Jurisdiction);
        w.WriteString("title", pack.Pack.Header.Title[language]);
        w.WriteString("in_force_from", Iso(result.InForceFrom));
        w.WriteEndObject();
        w.WriteBoolean("complete", result.IsComplete);
        w.WriteBoolean("in_force", result.InForce);

        w.WritePropertyName("in_scope");
        WriteFlag(w, result.Scope);
        w.WritePropertyName("tier");
        if (result.Tier is { IsDetermined: true, Values.Count: 1 } tier)
        {
            w.WriteStringValue(tier.Values[0].Id);
        }
        else
        {
            w.WriteNullValue();
        }

        w.WriteStartArray("prohibited");
        foreach (var value in result.Prohibited)
        {
            w.WriteStringValue(value.Id);
        }

        w.WriteEndArray();

        w.WriteStartArray("upcoming_prohibited");
        foreach (var upcoming in result.UpcomingProhibited)
        {
            w.WriteStartObject();
            w.WriteString("id", upcoming.Value.Id);
            w.WriteString("text", upcoming.Value.Text[language]);
            w.WriteString("from", Iso(upcoming.From));
            w.WriteEndObject();
        }

        w.WriteEndArray();

        w.WriteStartArray("conclusions");
        foreach (var outcome in result.Conclusions)
        {
            WriteConclusion(w, pack, outcome, language);
        }

        w.WriteEndArray();

        w.WriteStartArray("obligations");
        foreach (var o in result.Obligations)
        {
            var obligation = o.Obligation;
            w.WriteStartObject();
            w.WriteString("id", obligation.Id);
            w.WriteString("kind", obligation.Kind);
            w.WriteString("title", obligation.Title[language]);
            w.WriteString("text", obligation.Text[language]);
            w.WriteString("state", StateName(o.State));
            w.WriteString("effective", Iso(o.Effective));
            if (o.EffectiveDate?.Proposed is { } proposed)
            {
                w.WriteStartObject("proposed_effective");
                w.WriteString("date", Iso(proposed.Date));
                w.WriteString("text", proposed.Text[language]);
                w.WriteString("status", proposed.Status.Code());
                w.WriteEndObject();
            }

            WriteStrings(w, "roles", obligation.Roles);
            WriteStrings(w, "tiers", obligation.Tiers);
            if (obligation.FieldSet is { } setId && pack.Pack.FieldSets.FirstOrDefault(f => f.Id == setId) is { } set)
            {
                w.WriteStartObject("field_set");
                w.WriteString("id", set.Id);
                w.WriteString("title", set.Title[language]);
                w.WriteStartArray("fields");
                foreach (var field in set.Fields)
                {
                    w.WriteStartObject();
                    w.WriteString("id", field.Id);
                    w.WriteString("text", field.Text[language]);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            WriteArticles(w, pack, obligation.Articles, language);
            w.WriteString("status", obligation.Status.Code());
            WriteInputs(w, "because", pack, o.Because, language);
            w.WriteEndObject();
        }

        w.WriteEndArray();

        // The people's rights, for every role (the owner's and holder's are also among the obligations above).
        w.WriteStartArray("rights");
        foreach (var o in result.Rights)
        {
            w.WriteStartObject();
            w.WriteString("id", o.Obligation.Id);
            w.WriteString("title", o.Obligation.Title[language]);
            w.WriteString("text", o.Obligation.Text[language]);
            w.WriteString("state", StateName(o.State));
            w.WriteString("effective", Iso(o.Effective));
            WriteArticles(w, pack, o.Obligation.Articles, language);
            w.WriteString("status", o.Obligation.Status.Code());
            w.WriteEndObject();
        }

        w.WriteEndArray();

        w.WriteStartArray("documents");
        foreach (var d in result.Documents)
        {
            var document = d.Document;
            w.WriteStartObject();
            w.WriteString("id", document.Id);
            w.WriteString("title", document.Title[language]);
            w.WriteString("purpose", document.Purpose[language]);
            w.WriteString("state", StateName(d.State));
            w.WriteStartArray("sections");
            foreach (var section in document.Sections)
            {
                w.WriteStartObject();
                w.WriteString("id", section.Id);
                w.WriteString("title", section.Title[language]);
                w.WriteBoolean("required", section.Required);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            WriteArticles(w, pack, document.Articles, language);
            w.WriteString("status", document.Status.Code());
            w.WriteEndObject();
        }

        w.WriteEndArray();

        w.WriteStartArray("next_steps");
        foreach (var n in result.NextSteps)
        {
            w.WriteStartObject();
            w.WriteString("id", n.Step.Id);
            w.WriteString("text", n.Step.Text[language]);
            w.WriteString("state", StateName(n.State));
            WriteArticles(w, pack, n.Step.Articles, language);
            w.WriteString("status", n.Step.Status.Code());
            w.WriteEndObject();
        }

        w.WriteEndArray();

        w.WriteStartArray("open_questions");
        foreach (var q in result.OpenQuestions)
        {
            w.WriteStartObject();
            w.WriteString("id", q.Id);
            w.WriteString("step", q.Step);
            w.WriteString("type", q.Type.Code());
            w.WriteString("text", q.Text[language]);
            if (q.Options.Count > 0)
            {
                w.WriteStartArray("options");
                foreach (var option in q.Options)
                {
                    w.WriteStartObject();
                    w.WriteString("id", option.Id);
                    w.WriteString("text", option.Text[language]);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        WriteStrings(w, "ignored_answers", [.. result.IgnoredAnswers.Select(q => q.Id)]);
        w.WriteEndObject();
    }

    private static void WriteConclusion(Utf8JsonWriter w, CompiledPack pack, ConclusionOutcome outcome, Language language)
    {
        var conclusion = outcome.Conclusion;
        w.WriteStartObject();
        w.WriteString("id", conclusion.Id);
        w.WriteString("type", conclusion.Type.ToString().ToLowerInvariant());
        w.WriteString("title", conclusion.Title[language]);
        w.WriteString("state", outcome.IsNotApplicable ? "not-applicable" : outcome.IsDetermined ? "determined" : "undetermined");
        switch (conclusion.Type)
        {
            case ConclusionType.Flag:
                w.WritePropertyName("value");
                if (outcome.Flag is { } flag && !outcome.IsNotApplicable)
                {
                    w.WriteBooleanValue(flag);
                }
                else
                {
                    w.WriteNullValue();
                }

                break;
            case ConclusionType.Level:
                if (outcome.IsDetermined && outcome.Values.Count == 1)
                {
                    w.WriteString("value", outcome.Values[0].Id);
                }
                else
                {
                    w.WriteNull("value");
                }

                break;
        }

        if (conclusion.Type != ConclusionType.Flag)
        {
            WriteValues(w, pack, "values", outcome.Values, language);
            if (!outcome.IsDetermined)
            {
                WriteValues(w, pack, "possible", outcome.Possible, language);
            }
        }

        if (outcome.Upcoming.Count > 0 || outcome.UpcomingPossible.Count > 0)
        {
            w.WriteStartArray("upcoming");
            foreach (var (upcoming, certain) in outcome.Upcoming.Select(u => (u, true)).Concat(outcome.UpcomingPossible.Select(u => (u, false))))
            {
                w.WriteStartObject();
                w.WriteString("id", upcoming.Value.Id);
                w.WriteString("text", upcoming.Value.Text[language]);
                w.WriteString("from", Iso(upcoming.From));
                w.WriteString("state", certain ? "upcoming" : "undetermined");
                if (upcoming.Value.Articles.Count > 0)
                {
                    WriteArticles(w, pack, upcoming.Value.Articles, language);
                }

                WriteTrace(w, pack, upcoming.Fired, language);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        w.WriteBoolean("by_default", outcome.ByDefault);
        WriteArticles(w, pack, conclusion.Articles, language);
        w.WriteString("status", conclusion.Status.Code());
        WriteTrace(w, pack, outcome.Fired, language);
        w.WriteEndObject();
    }

    private static void WriteTrace(Utf8JsonWriter w, CompiledPack pack, IReadOnlyList<RuleFiring> fired, Language language)
    {
        w.WriteStartArray("trace");
        foreach (var firing in fired)
        {
            w.WriteStartObject();
            w.WriteString("rule", firing.Rule.Id);
            if (firing.Value is not null)
            {
                w.WriteString("value", firing.Value);
            }

            w.WriteString("because", firing.Rule.Because[language]);
            WriteArticles(w, pack, firing.Rule.Articles, language);
            w.WriteString("status", firing.Rule.Status.Code());
            WriteInputs(w, "inputs", pack, firing.Inputs, language);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteValues(Utf8JsonWriter w, CompiledPack pack, string name, IReadOnlyList<ConclusionValue> values, Language language)
    {
        w.WriteStartArray(name);
        foreach (var value in values)
        {
            w.WriteStartObject();
            w.WriteString("id", value.Id);
            w.WriteString("text", value.Text[language]);
            if (value.Note is { } note)
            {
                w.WriteString("note", note[language]);
            }

            if (value.Exception is { } exception)
            {
                w.WriteString("exception", exception[language]);
            }

            if (value.Articles.Count > 0)
            {
                WriteArticles(w, pack, value.Articles, language);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteInputs(Utf8JsonWriter w, string name, CompiledPack pack, IReadOnlyList<TraceInput> inputs, Language language)
    {
        w.WriteStartArray(name);
        foreach (var input in inputs)
        {
            w.WriteStartObject();
            w.WriteString("id", input.Id);
            w.WriteString("kind", input.IsQuestion ? "question" : "conclusion");
            var text = input.IsQuestion ? pack.FindQuestion(input.Id)?.Text : pack.FindConclusion(input.Id)?.Title;
            if (text is not null)
            {
                w.WriteString("text", text[language]);
            }

            if (input.Value is null)
            {
                w.WriteNull("value");
            }
            else
            {
                w.WriteString("value", input.Value);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteArticles(Utf8JsonWriter w, CompiledPack pack, IReadOnlyList<string> ids, Language language)
    {
        w.WriteStartArray("articles");
        foreach (var id in ids)
        {
            var article = pack.FindArticle(id);
            w.WriteStartObject();
            w.WriteString("id", id);
            if (article is not null)
            {
                w.WriteString("cite", article.Cite[language]);
                w.WriteString("title", article.Title[language]);
                w.WriteString("status", article.Status.Code());
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteFlag(Utf8JsonWriter w, ConclusionOutcome? outcome)
    {
        if (outcome?.Flag is { } flag && outcome.IsDetermined)
        {
            w.WriteBooleanValue(flag);
        }
        else
        {
            w.WriteNullValue();
        }
    }

    private static void WriteStrings(Utf8JsonWriter w, string name, IReadOnlyList<string> values)
    {
        w.WriteStartArray(name);
        foreach (var value in values)
        {
            w.WriteStringValue(value);
        }

        w.WriteEndArray();
    }

    private static void WriteOptional(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }

    internal static string StateName(Applicability state) => state switch
    {
        Applicability.Applies => "applies",
        Applicability.Upcoming => "upcoming",
        _ => "undetermined",
    };

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
