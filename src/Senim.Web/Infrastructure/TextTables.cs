using Senim.Web.Features.CaseParts;
using System.Reflection;
using Senim.Registry.Log;
using Senim.Registry.Workflow;

namespace Senim.Web.Infrastructure;

/// <summary>
/// The words of the register's codes that several features show, one table per kind (their texts live in
/// Resources/names.texts.yaml). A feature's own kinds keep their table beside the feature (OwnerActions.Texts,
/// ...); <see cref="All"/> finds every table of the web host, so a test can prove each key has kk, ru and en.
/// Tier names are not here: the law pack names its tiers (<see cref="PageText.Tier"/>).
/// </summary>
public static class TextTables
{
    public static TextTable<SystemStatus> Status { get; } = new("status", Enum.GetValues<SystemStatus>(), s => s.Code());

    public static TextTable<string> Sector { get; } = TextTable.Of("sector", Sectors.All);

    public static TextTable<OwnershipRole> OwnershipRole { get; } = TextTable.Of<OwnershipRole>("ownership-role", "help");

    public static TextTable<UsageMode> UsageMode { get; } = TextTable.Of<UsageMode>("usage-mode", "help");

    /// <summary>The fields of a system's record, as the snapshot and its diff name them.</summary>
    public static TextTable<string> Field { get; } = TextTable.Of("field", SystemSnapshot.FieldNames);

    /// <summary>What happened to a system, in its history; an event that leads to a status is named by that status.</summary>
    public static TextTable<WorkflowAction> WorkflowEvent { get; } =
        new TextTable<WorkflowAction>("workflow-event", WorkflowCodes.Actions, a => a.Code())
            .Sharing(WorkflowAction.Submit, "status.submitted")
            .Sharing(WorkflowAction.Publish, "status.published")
            .Sharing(WorkflowAction.Register, "status.registered")
            .Sharing(WorkflowAction.RegisterWithConditions, "status.registered-with-conditions")
            .Sharing(WorkflowAction.Refuse, "status.refused")
            .Sharing(WorkflowAction.Suspend, "status.suspended")
            .Sharing(WorkflowAction.Withdraw, "status.withdrawn")
            .Sharing(WorkflowAction.Remove, "status.removed");

    /// <summary>The changes that make a version besides the workflow's actions (the register's RegisterWriter names them).</summary>
    public static TextTable<string> VersionChange { get; } = TextTable.Of("version-change", ["created", "edited", "classified", "reclassified", LawUpdateService.Reason]);

    /// <summary>In which capacity someone acted on a system (a workflow event's actor role).</summary>
    public static TextTable<Capacity> Capacity { get; } = new("capacity", WorkflowCodes.Capacities, c => c.Code());

    public static TextTable<Decision> Decision { get; } = new("decision", DecisionInput.Decisions, d => d.Code());

    /// <summary>An expert recommends in the words of the decision it asks for.</summary>
    public static TextTable<Recommendation> Recommendation { get; } = new("decision", ReviewCodes.Recommendations, r => r.Code());

    public static TextTable<ChecklistVerdict> Verdict { get; } = new("verdict", ReviewCodes.Verdicts, v => v.Code());

    public static TextTable<ReviewStep> ReviewStep { get; } = TextTable.Of<ReviewStep>("review-step");

    public static TextTable<SizeClass> OrganisationSize { get; } = TextTable.Of<SizeClass>("organisation-size");

    /// <summary>A member's role in an organisation; <c>make</c> is the button that gives it.</summary>
    public static TextTable<MemberRole> MemberRole { get; } = TextTable.Of<MemberRole>("member-role", "help", "make");

    public static TextTable<string> PlatformRole { get; } = TextTable.Of("platform-role", PlatformRoles.All);

    public static TextTable<string> TokenScope { get; } = TextTable.Of("token-scope", Scopes.All);

    /// <summary>The fields of an organisation's record (the form's names, with a dash for the underscore).</summary>
    public static TextTable<string> OrganisationField { get; } =
        TextTable.Of("organisation-field", ["bin", "name", "size", "contact-email", "contact-phone", "address", "website"]);

    /// <summary>What a register log entry records (registration, suspension, ...).</summary>
    public static TextTable<string> LogKind { get; } = RegisterLogEntry.DecisionKinds.Aggregate(TextTable.Of("log.kind", RegisterLogEntry.Kinds),
        (table, kind) => table.Sharing(kind, Features.Enforcement.EnforcementTexts.PublicKind.Key(kind)));

    /// <summary>"In Kazakh", "In Russian", "In English".</summary>
    public static TextTable<Language> InLanguage { get; } = new("in-language", Languages.All, l => l.Code());

    /// <summary>"Shown in Russian": the language a text is shown in when the reader's is missing (ADR 0028).</summary>
    public static TextTable<Language> ShownIn { get; } = new("register.shown-in", Languages.All, l => l.Code());

    /// <summary>"no Kazakh name given" (in the reader's language, of the reader's language): which text fell back.</summary>
    public static TextTable<string> NotGiven { get; } = TextTable.Of("register.not-given", ["name", "purpose", "organisation"]);

    /// <summary>Every text table of the web host: the public static tables of any of its types.</summary>
    public static IReadOnlyList<ITextTable> All { get; } = Find();

    private static List<ITextTable> Find() =>
        [.. typeof(TextTables).Assembly.GetTypes()
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Static))
            .Where(p => typeof(ITextTable).IsAssignableFrom(p.PropertyType) && p.GetIndexParameters().Length == 0)
            .Select(p => (ITextTable)p.GetValue(null)!)];
}
