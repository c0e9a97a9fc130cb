using Senim.Registry.Workflow;

namespace Senim.Web.Infrastructure;

/// <summary>
/// The UI texts in the current request's language: <c>@T["nav.home"]</c> in a page, and the words of the register's
/// codes through their tables (<c>@T.Name(system.Status)</c>, <c>@T.Sector(code)</c>, <c>@T.Tier(code)</c>): a page
/// never builds a key. A code this version does not know (a stored value from a later version) shows as itself.
/// Numbers, sizes and times as the reader expects them (<c>@T.Size(bytes)</c>, <c>@T.Time(utc)</c> in the configured zone).
/// </summary>
public sealed class PageText
{
    private readonly IHttpContextAccessor? _accessor;
    private readonly UiText _texts;
    private readonly LawCatalog _law;
    private readonly LocalTime _time;
    private readonly Language? _language;

    public PageText(IHttpContextAccessor accessor, UiText texts, LawCatalog law, LocalTime time)
    {
        _accessor = accessor;
        _texts = texts;
        _law = law;
        _time = time;
    }

    private PageText(UiText texts, LawCatalog law, LocalTime time, Language language)
    {
        _texts = texts;
        _law = law;
        _time = time;
        _language = language;
    }

    public Language Language => _language ?? (_accessor?.HttpContext is { } context ? RequestLanguage.Get(context) : Language.En);

    /// <summary>The same texts in another language (an API answer in the language its lang parameter asks for).</summary>
    public PageText In(Language language) => new(_texts, _law, _time, language);

    public string this[string key] => _texts.Get(key, Language);

    public string Format(string key, params object[] args) => _texts.Format(key, Language, args);

    /// <summary>Whether a text exists (for optional explanations with a fallback).</summary>
    public bool Has(string key) => _texts.Has(key);

    /// <summary>A report label from Senim.Law's vocabulary.</summary>
    public string Word(string key) => Vocabulary.Get(key, Language);

    public string WordFormat(string key, params object[] args) => Vocabulary.Format(key, Language, args);

    /// <summary>What a source status mark ([T], [S], [U]) means, from Senim.Law's vocabulary.</summary>
    public string Word(SourceStatus status) => status switch
    {
        SourceStatus.Text => Word("status.T"),
        SourceStatus.Secondary => Word("status.S"),
        _ => Word("status.U"),
    };

    public string Name(SystemStatus status) => this[TextTables.Status.Key(status)];

    /// <summary>A status stored as its code (a public record, a snapshot).</summary>
    public string Status(string code) => SystemStatuses.Parse(code) is { } status ? Name(status) : code;

    public string Sector(string code) => Or(TextTables.Sector, code);

    public string Name(OwnershipRole role) => this[TextTables.OwnershipRole.Key(role)];

    public string Help(OwnershipRole role) => this[TextTables.OwnershipRole.Key(role, "help")];

    /// <summary>An ownership role stored as its code (owner, holder).</summary>
    public string Role(string code) => Or(TextTables.OwnershipRole, code);

    public string Name(UsageMode mode) => this[TextTables.UsageMode.Key(mode)];

    public string Help(UsageMode mode) => this[TextTables.UsageMode.Key(mode, "help")];

    /// <summary>A usage mode stored as its code (open, closed, local).</summary>
    public string Mode(string code) => Or(TextTables.UsageMode, code);

    /// <summary>The name of a field of a system's record (name_kk, sector, conditions_deadline, ...).</summary>
    public string Field(string field) => Or(TextTables.Field, field);

    /// <summary>A value of a system's snapshot as a reader should see it: codes become words, empty stays visibly empty.</summary>
    public string FieldValue(string field, string? value) =>
        string.IsNullOrEmpty(value) ? this["systems.empty"] : field switch
        {
            "sector" => Sector(value),
            "role" => Role(value),
            "mode" => Mode(value),
            "status" => Status(value),
            "tier" => Tier(value),
            "prohibited" => Word(value == "yes" ? "yes" : "no"),
            _ => value,
        };

    /// <summary>A workflow event, as a system's history tells it.</summary>
    public string Name(WorkflowAction action) => this[TextTables.WorkflowEvent.Key(action)];

    /// <summary>What made a version: a workflow action's code, or created, edited, classified, law-update.</summary>
    public string Change(string code) =>
        WorkflowCodes.ParseAction(code) is { } action ? Name(action) : Or(TextTables.VersionChange, code);

    public string Name(Capacity capacity) => this[TextTables.Capacity.Key(capacity)];

    public string Name(Decision decision) => this[TextTables.Decision.Key(decision)];

    public string Name(Recommendation recommendation) => this[TextTables.Recommendation.Key(recommendation)];

    public string Name(ChecklistVerdict verdict) => this[TextTables.Verdict.Key(verdict)];

    public string Name(ReviewStep step) => this[TextTables.ReviewStep.Key(step)];

    public string Name(SizeClass size) => this[TextTables.OrganisationSize.Key(size)];

    public string Name(MemberRole role) => this[TextTables.MemberRole.Key(role)];

    public string Help(MemberRole role) => this[TextTables.MemberRole.Key(role, "help")];

    public string PlatformRole(string code) => Or(TextTables.PlatformRole, code);

    public string Scope(string code) => Or(TextTables.TokenScope, code);

    public string OrganisationField(string field) => Or(TextTables.OrganisationField, field);

    public string LogKind(string kind) => Or(TextTables.LogKind, kind);

    public string InLanguage(Language language) => this[TextTables.InLanguage.Key(language)];

    /// <summary>
    /// "Shown in Russian; no Kazakh name given" when a text of the register (<paramref name="what"/>: name, purpose,
    /// organisation) is shown in another language than the reader's; null when it is in the reader's own.
    /// </summary>
    public string? FallbackNote(Language shown, string what) =>
        shown == Language ? null : Format("register.fallback", this[TextTables.ShownIn.Key(shown)], Name(TextTables.NotGiven, what));

    /// <summary>The words of a value of a feature's own table (<c>T.Name(OwnerActions.Texts, action)</c>).</summary>
    public string Name<TValue>(TextTable<TValue> table, TValue value)
        where TValue : notnull
    {
        ArgumentNullException.ThrowIfNull(table);
        return this[table.Key(value)];
    }

    /// <summary>One of the facets of a value of a table (help, done, ...).</summary>
    public string Name<TValue>(TextTable<TValue> table, TValue value, string facet)
        where TValue : notnull
    {
        ArgumentNullException.ThrowIfNull(table);
        return this[table.Key(value, facet)];
    }

    /// <summary>A Kazakhstan risk tier (minimal, medium, high) as the active law pack names it; "not determined" for none.</summary>
    public string Tier(string? code) => TierIn("KZ", code);

    /// <summary>An EU AI Act risk class as the active EU pack names it.</summary>
    public string EuTier(string? code) => TierIn("EU", code);

    private string TierIn(string jurisdiction, string? code) =>
        code is null ? this["tier.none"] : LawNames.Tier(_law.Active, jurisdiction, code, Language) ?? code;

    /// <summary>A register refusal in the reader's language (error.CODE), else the register's English.</summary>
    public string Error(string code, string english, IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        // A refused signature is said in the words of Senim.Signatures, where the reasons' texts live.
        if (Senim.Registry.Organisations.SignatureRefusals.TryReason(code, out var reason))
        {
            return Senim.Signatures.Texts.SignatureTexts.For(reason, Language switch
            {
                Language.Kk => Senim.Signatures.Texts.SignatureLanguage.Kk,
                Language.Ru => Senim.Signatures.Texts.SignatureLanguage.Ru,
                _ => Senim.Signatures.Texts.SignatureLanguage.En,
            });
        }

        var key = ErrorTexts.Key(code);
        return _texts.Has(key) ? _texts.Format(key, Language, [.. args]) : english;
    }

    public string Error(RegistryException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return Error(exception.Key, exception.Message, exception.Args);
    }

    public string Error(FieldError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return Error(error.Key, error.Message, error.Args);
    }

    /// <summary>The words of a stored code through a table, or the code itself for one this version does not know.</summary>
    public string Or<TValue>(TextTable<TValue> table, string code)
        where TValue : notnull
    {
        ArgumentNullException.ThrowIfNull(table);
        return table.TryParse(code, out var value) ? this[table.Key(value)] : code;
    }

    /// <summary>A number with at most one decimal, in the reader's style ("10,5" in kk and ru).</summary>
    public string Number(double value) => ReaderFormat.Number(value, Language);

    /// <summary>A byte count with its unit in the reader's alphabet ("50 МБ", "50 MB").</summary>
    public string Size(long bytes) => ReaderFormat.Size(bytes, Language);

    /// <summary>A stored UTC time as the reader's clock shows it: "2026-01-18 14:05 UTC+5" in the configured zone.</summary>
    public string Time(DateTime utc) => _time.Format(utc);

    public string Time(DateTimeOffset at) => Time(at.UtcDateTime);

    /// <summary>The calendar day of a stored UTC time in the configured zone (an evening in UTC may be the next day in Almaty).</summary>
    public string Date(DateTime utc) => _time.Day(utc);

    public string Date(DateTimeOffset at) => Date(at.UtcDateTime);

    public string Date(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The UTC time for a machine: the datetime attribute of a time element.</summary>
    public static string Iso(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
