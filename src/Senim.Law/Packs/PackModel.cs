using Senim.Law.Texts;

namespace Senim.Law.Packs;

/// <summary>The header of a law pack (its pack.yaml).</summary>
/// <param name="Id">Stable pack id, e.g. kz-230.</param>
/// <param name="Version">The pack's own version; a changed rule is a new version.</param>
/// <param name="Jurisdiction">KZ or EU.</param>
/// <param name="TierConclusion">The level conclusion that obligations' and documents' <c>tiers</c> refer to.</param>
/// <param name="RolesQuestion">The any-of question whose options obligations' <c>roles</c> refer to.</param>
/// <param name="ProhibitionsConclusion">The set conclusion whose members are prohibited capabilities.</param>
/// <param name="ScopeConclusion">The flag conclusion that gates every other conclusion, obligation and document.</param>
public sealed record PackHeader(
    string Id,
    string Version,
    string Jurisdiction,
    LocalizedText Title,
    LocalizedText Act,
    DateOnly InForce,
    string? TierConclusion,
    string? RolesQuestion,
    string? ProhibitionsConclusion,
    string? ScopeConclusion,
    SourceLocation Location);

/// <summary>A source the pack cites, keyed as in the law brief (L, LEN, CRIT, ...).</summary>
public sealed record PackSource(string Id, string Title, string? Url, SourceLocation Location);

/// <summary>An article or point of a legal act that items cite.</summary>
public sealed record Article(
    string Id,
    LocalizedText Cite,
    LocalizedText Title,
    SourceStatus Status,
    IReadOnlyList<string> Sources,
    SourceLocation Location);

/// <summary>A group of questions shown together on one wizard page.</summary>
public sealed record Step(string Id, LocalizedText Title, LocalizedText? Intro, SourceLocation Location);

/// <summary>How a question is answered.</summary>
public enum QuestionType
{
    /// <summary>yes or no.</summary>
    YesNo,

    /// <summary>Exactly one of the options.</summary>
    OneOf,

    /// <summary>Any number of the options, including none.</summary>
    AnyOf,

    /// <summary>A calendar date (yyyy-mm-dd).</summary>
    Date,
}

/// <summary>The codes of <see cref="QuestionType"/> used in pack files and JSON: yes-no, one-of, any-of, date.</summary>
public static class QuestionTypes
{
    /// <summary>yes-no, one-of, any-of or date.</summary>
    public static string Code(this QuestionType type) => type switch
    {
        QuestionType.YesNo => "yes-no",
        QuestionType.OneOf => "one-of",
        QuestionType.AnyOf => "any-of",
        _ => "date",
    };
}

/// <summary>One answer option of a one-of or any-of question.</summary>
public sealed record QuestionOption(string Id, LocalizedText Text, LocalizedText? Help);

/// <summary>A bound on a date answer: a fixed date, or the classification date itself.</summary>
public sealed record DateBound(DateOnly? Fixed)
{
    /// <summary>The bound "the classification date".</summary>
    public static DateBound At { get; } = new((DateOnly?)null);

    /// <summary>True when the bound is the classification date.</summary>
    public bool IsAt => Fixed is null;

    /// <summary>The bound's value on the given classification date.</summary>
    public DateOnly Resolve(DateOnly at) => Fixed ?? at;

    /// <inheritdoc />
    public override string ToString() => Fixed is { } d ? d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : "at";
}

/// <summary>A question the owner answers about the system.</summary>
public sealed record Question(
    string Id,
    string Step,
    QuestionType Type,
    LocalizedText Text,
    LocalizedText? Help,
    IReadOnlyList<QuestionOption> Options,
    string? AskIf,
    DateBound? Min,
    DateBound? Max,
    IReadOnlyList<string> Tags,
    IReadOnlyList<string> Articles,
    SourceStatus Status,
    SourceLocation Location)
{
    /// <summary>Former ids of the question (ids are a public interface: renaming one keeps the old id as an alias).</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];
}

/// <summary>How rules combine into a conclusion.</summary>
public enum ConclusionType
{
    /// <summary>yes when any rule fires; otherwise the default (no).</summary>
    Flag,

    /// <summary>An ordered value: the highest value of the rules that fire, else the default.</summary>
    Level,

    /// <summary>The set of values of all rules that fire.</summary>
    Set,
}

/// <summary>A possible value of a level or set conclusion.</summary>
/// <param name="Note">Shown whenever the value is reached (for example "not permitted until a law sets its regime").</param>
/// <param name="Exception">For prohibitions: the carve-out ("except where laws provide").</param>
/// <param name="Effective">
/// Set conclusions only: a date id from the pack's dates, or a literal yyyy-mm-dd, from which the value
/// can be concluded. Before it a value whose rule holds is reported as upcoming, not as a member. Values
/// of the header's prohibitions conclusion take the pack's in_force date when they name none.
/// </param>
public sealed record ConclusionValue(
    string Id,
    LocalizedText Text,
    LocalizedText? Note,
    LocalizedText? Exception,
    IReadOnlyList<string> Articles,
    SourceStatus? Status,
    string? Effective = null);

/// <summary>Something the engine concludes about a system (risk tier, prohibited capabilities, ...).</summary>
public sealed record Conclusion(
    string Id,
    ConclusionType Type,
    LocalizedText Title,
    IReadOnlyList<ConclusionValue> Values,
    string? Default,
    IReadOnlyList<string> Articles,
    SourceStatus Status,
    SourceLocation Location);

/// <summary>When <see cref="When"/> holds, <see cref="Conclusion"/> takes <see cref="Value"/>.</summary>
public sealed record Rule(
    string Id,
    string When,
    string Conclusion,
    string? Value,
    LocalizedText Because,
    IReadOnlyList<string> Articles,
    SourceStatus Status,
    SourceLocation Location);

/// <summary>
/// One date from which an obligation applies, and the condition under which that date counts
/// (for example "Annex III systems from 2 August 2026").
/// </summary>
/// <param name="Date">A date id from the pack's dates, or a literal yyyy-mm-dd.</param>
/// <param name="When">The condition under which the date counts; null when it always does.</param>
public sealed record EffectiveCase(string Date, string? When);

/// <summary>A duty (or a right of users that owners must honour) and when it applies.</summary>
/// <param name="Kind">duty or right.</param>
/// <param name="Effective">
/// When it applies: one unconditional date, or several dates each with its condition. The obligation
/// applies from the earliest date whose condition holds, and never before the pack is in force.
/// </param>
public sealed record Obligation(
    string Id,
    string Kind,
    LocalizedText Title,
    LocalizedText Text,
    IReadOnlyList<string> Roles,
    IReadOnlyList<string> Tiers,
    string? AppliesWhen,
    IReadOnlyList<EffectiveCase> Effective,
    string? FieldSet,
    IReadOnlyList<string> Articles,
    SourceStatus Status,
    SourceLocation Location);

/// <summary>A section of a required document.</summary>
public sealed record DocumentSection(string Id, LocalizedText Title, LocalizedText? Help, bool Required);

/// <summary>A document the owner must keep, and when it is required.</summary>
public sealed record DocumentRequirement(
    string Id,
    LocalizedText Title,
    LocalizedText Purpose,
    IReadOnlyList<string> Tiers,
    string? RequiredWhen,
    IReadOnlyList<DocumentSection> Sections,
    IReadOnlyList<string> Articles,
    SourceStatus Status,
    SourceLocation Location);

/// <summary>What the owner should do next when <see cref="When"/> holds.</summary>
public sealed record NextStep(
    string Id,
    string When,
    LocalizedText Text,
    IReadOnlyList<string> Articles,
    SourceStatus Status,
    SourceLocation Location);

/// <summary>A reported but not enacted change of a key date.</summary>
public sealed record ProposedDate(DateOnly Date, LocalizedText Text, SourceStatus Status, IReadOnlyList<string> Sources);

/// <summary>A key date of the act (entry into force, application of a chapter, ...).</summary>
public sealed record KeyDate(
    string Id,
    DateOnly Date,
    LocalizedText Text,
    ProposedDate? Proposed,
    IReadOnlyList<string> Articles,
    SourceStatus Status,
    SourceLocation Location);

/// <summary>The amount of a fine unit in a given year (MCI in Kazakhstan).</summary>
public sealed record FineUnitValue(int Year, decimal Amount, string Currency, SourceStatus Status);

/// <summary>One offender class of a fine table, with first and repeat amounts in fine units.</summary>
public sealed record FineRow(string Id, LocalizedText Offender, decimal First, decimal Repeat, LocalizedText? RepeatNote);

/// <summary>A table of administrative fines.</summary>
public sealed record FineTable(
    string Id,
    LocalizedText Title,
    string Unit,
    IReadOnlyList<FineUnitValue> UnitValues,
    IReadOnlyList<FineRow> Rows,
    IReadOnlyList<string> Articles,
    SourceStatus Status,
    SourceLocation Location);

/// <summary>Whether a process step is required by statute or is Senim's platform policy.</summary>
public enum ProcessBasis
{
    /// <summary>Required by the act's text.</summary>
    Statutory,

    /// <summary>A step Senim implements as policy, with the source that motivates it.</summary>
    Policy,
}

/// <summary>A step of the registration and supervision process.</summary>
public sealed record ProcessStep(
    string Id,
    LocalizedText Title,
    LocalizedText Text,
    ProcessBasis Basis,
    IReadOnlyList<string> Sources,
    IReadOnlyList<string> Articles,
    SourceStatus Status,
    SourceLocation Location);

/// <summary>One field of a registration field set (for example EU AI Act Annex VIII A4).</summary>
public sealed record Field(string Id, LocalizedText Text);

/// <summary>A named set of fields that a registration or notification must contain.</summary>
public sealed record FieldSet(
    string Id,
    LocalizedText Title,
    IReadOnlyList<Field> Fields,
    IReadOnlyList<string> Articles,
    SourceStatus Status,
    SourceLocation Location);

/// <summary>One point an expert reviewer checks, with the provisions it rests on.</summary>
public sealed record ChecklistItem(string Id, LocalizedText Text, IReadOnlyList<string> Articles);

/// <summary>A review checklist (for example the preliminary expert review of a high-risk system).</summary>
public sealed record Checklist(
    string Id,
    LocalizedText Title,
    IReadOnlyList<ChecklistItem> Items,
    IReadOnlyList<string> Articles,
    SourceStatus Status,
    SourceLocation Location);

/// <summary>How a deadline's length is counted.</summary>
public enum DeadlineUnit
{
    /// <summary>Working days of Kazakhstan's calendar (weekends, public holidays and transfers are skipped).</summary>
    WorkingDays,

    /// <summary>Every day counts.</summary>
    CalendarDays,
}

/// <summary>The codes of <see cref="DeadlineUnit"/> used in pack files: working_days, calendar_days.</summary>
public static class DeadlineUnits
{
    /// <summary>working_days or calendar_days.</summary>
    public static string Code(this DeadlineUnit unit) => unit == DeadlineUnit.WorkingDays ? "working_days" : "calendar_days";

    /// <summary>Parses working_days or calendar_days; null for anything else.</summary>
    public static DeadlineUnit? Parse(string code) => code switch
    {
        "working_days" => DeadlineUnit.WorkingDays,
        "calendar_days" => DeadlineUnit.CalendarDays,
        _ => null,
    };
}

/// <summary>
/// A period within which something must be done (answer an objection, report an incident, decide a
/// registration), counted from the day its clock starts. The day the clock starts is never counted.
/// </summary>
/// <param name="Length">Positive number of <paramref name="Unit"/>s.</param>
/// <param name="Starts">In words: the event that starts the clock (receipt of the request, awareness of the incident, ...).</param>
/// <param name="Text">Why this length: the provision that sets it, or, for platform policy, the reason it was chosen.</param>
/// <param name="Basis">Statutory when an act sets the period; policy when the act sets none and Senim chose it.</param>
public sealed record DeadlinePeriod(
    string Id,
    LocalizedText Title,
    int Length,
    DeadlineUnit Unit,
    LocalizedText Starts,
    LocalizedText Text,
    ProcessBasis Basis,
    IReadOnlyList<string> Sources,
    IReadOnlyList<string> Articles,
    SourceStatus Status,
    SourceLocation Location);

/// <summary>A law pack: one act's questions, rules, obligations and texts, as data.</summary>
public sealed record LawPack(
    PackHeader Header,
    IReadOnlyList<PackSource> Sources,
    IReadOnlyList<Article> Articles,
    IReadOnlyList<Step> Steps,
    IReadOnlyList<Question> Questions,
    IReadOnlyList<Conclusion> Conclusions,
    IReadOnlyList<Rule> Rules,
    IReadOnlyList<Obligation> Obligations,
    IReadOnlyList<DocumentRequirement> Documents,
    IReadOnlyList<NextStep> NextSteps,
    IReadOnlyList<KeyDate> Dates,
    IReadOnlyList<FineTable> Fines,
    IReadOnlyList<ProcessStep> Process,
    IReadOnlyList<FieldSet> FieldSets,
    IReadOnlyList<Checklist> Checklists,
    IReadOnlyList<DeadlinePeriod> Deadlines)
{
    /// <summary>The pack id (shortcut for Header.Id).</summary>
    public string Id => Header.Id;

    /// <summary>The deadline with the given id, or null.</summary>
    public DeadlinePeriod? FindDeadline(string id) => Deadlines.FirstOrDefault(d => d.Id == id);
}

/// <summary>How a KZ item relates to its EU counterpart.</summary>
public enum CrosswalkRelation
{
    /// <summary>Both cover the same ground.</summary>
    Equivalent,

    /// <summary>The EU provision covers part of it, or similar ground with differences.</summary>
    Partial,

    /// <summary>No counterpart.</summary>
    None,
}

/// <summary>One KZ item and its EU counterparts, with the difference in words.</summary>
public sealed record CrosswalkEntry(
    string From,
    IReadOnlyList<string> To,
    CrosswalkRelation Relation,
    LocalizedText Difference,
    SourceStatus Status,
    SourceLocation Location);

/// <summary>A mapping from the items of one pack to those of another.</summary>
public sealed record Crosswalk(
    string Id,
    string Version,
    string From,
    string To,
    LocalizedText Title,
    IReadOnlyList<CrosswalkEntry> Entries,
    SourceLocation Location);
