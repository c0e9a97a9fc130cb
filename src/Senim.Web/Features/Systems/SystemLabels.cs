using Senim.Law.Engine;
using Senim.Law.Packs;
using Senim.Law.Texts;
using Senim.Registry.Model;
using Senim.Web.Infrastructure;

namespace Senim.Web.Features.Systems;

/// <summary>
/// The words the system pages show for codes: statuses, sectors, roles, usage modes, tiers, the actions
/// recorded in the history, and field names in diffs, in the reader's language. A code without a text
/// (a change recorded by a later feature, say) is shown as the code itself rather than failing.
/// </summary>
public sealed class SystemLabels(UiText texts, Language language)
{
    public Language Language => language;

    public string Text(string key) => texts.Get(key, language);

    public string Format(string key, params object[] args) => texts.Format(key, language, args);

    public string Status(SystemStatus status) => Or("systems.status." + status.Code(), status.Code());

    public string Status(string code) => Or("systems.status." + code, code);

    public string Sector(string code) => Or("systems.sector." + code, code);

    public string Role(OwnershipRole role) => Role(role.ToString().ToLowerInvariant());

    public string Role(string code) => Or("systems.role." + code, code);

    public string Mode(UsageMode? mode) => mode is { } m ? Mode(m.ToString().ToLowerInvariant()) : Text("systems.none");

    public string Mode(string code) => Or("systems.mode." + code, code);

    public string Tier(string? tier) => tier is null ? Text("systems.tier.none") : Or("systems.tier." + tier, tier);

    /// <summary>The action that made a version (created, edited, classified, or a workflow action).</summary>
    public string Change(string code) => Or("systems.change." + code, code);

    /// <summary>A workflow action as a button or heading.</summary>
    public string Action(string code) => Or("systems.action." + code, code);

    public string Field(string field) => Or("systems.field." + field, field);

    /// <summary>A snapshot value as a reader should see it: codes become words, empty stays visibly empty.</summary>
    public string Value(string field, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return Text("systems.empty");
        }

        return field switch
        {
            "sector" => Sector(value),
            "role" => Role(value),
            "mode" => Mode(value),
            "status" => Status(value),
            "tier" => Tier(value),
            "prohibited" => value == "yes" ? Vocabulary.Get("yes", language) : Vocabulary.Get("no", language),
            _ => value,
        };
    }

    /// <summary>True for fields whose values are long free text, shown in full as paragraphs.</summary>
    public static bool IsLongText(string field) =>
        field is "description" or "data_and_models" or "conditions" || field.StartsWith("purpose_", StringComparison.Ordinal);

    /// <summary>An answer in words: the option texts of the question, yes/no, or the date.</summary>
    public static string Answer(LawLibrary library, string questionId, Answer? answer, Language language)
    {
        ArgumentNullException.ThrowIfNull(library);
        if (answer is null)
        {
            return Vocabulary.Get("not_determined", language);
        }

        var question = Question(library, questionId);
        string Option(string id) => question?.Options.FirstOrDefault(o => o.Id == id)?.Text[language] ?? id;
        return answer switch
        {
            YesNoAnswer yes => Vocabulary.Get(yes.Value ? "yes" : "no", language),
            OptionAnswer one => Option(one.Value),
            OptionsAnswer many => many.Values.Count == 0 ? Vocabulary.Get("none", language) : string.Join("; ", many.Values.Select(Option)),
            _ => answer.Display,
        };
    }

    public static Question? Question(LawLibrary library, string questionId)
    {
        ArgumentNullException.ThrowIfNull(library);
        return library.Packs.Select(p => p.FindQuestion(questionId)).FirstOrDefault(q => q is not null);
    }

    public static string Obligation(LawLibrary library, string obligationId, Language language)
    {
        ArgumentNullException.ThrowIfNull(library);
        return library.Packs.SelectMany(p => p.Pack.Obligations).FirstOrDefault(o => o.Id == obligationId)?.Title[language] ?? obligationId;
    }

    private string Or(string key, string fallback) => texts.Has(key) ? texts.Get(key, language) : fallback;
}
