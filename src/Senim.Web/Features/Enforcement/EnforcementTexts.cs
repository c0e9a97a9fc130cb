using Senim.Registry.Enforcement;

namespace Senim.Web.Features.Enforcement;

/// <summary>The words of enforcement cases' codes (texts.yaml beside this file); a test proves each key has kk, ru and en.</summary>
public static class EnforcementTexts
{
    public static TextTable<EnforcementAction> Action { get; } = new("enforcement.action", Enum.GetValues<EnforcementAction>(), a => a.Code());

    public static TextTable<EnforcementStatus> Status { get; } = new("enforcement.status", Enum.GetValues<EnforcementStatus>(), s => s.Code());

    public static TextTable<EnforcementOrigin> Origin { get; } = new("enforcement.origin", Enum.GetValues<EnforcementOrigin>(), o => o.Code());

    public static TextTable<EnforcementDecisionKind> Decision { get; } = new("enforcement.decision", Enum.GetValues<EnforcementDecisionKind>(), d => d.Code());

    public static TextTable<AppealOutcome> Outcome { get; } = new("enforcement.outcome", Enum.GetValues<AppealOutcome>(), o => o.Code());

    public static TextTable<EnforcementList> List { get; } = new("enforcement.list", Enum.GetValues<EnforcementList>(), l => EnforcementApi.Lists[l]);

    /// <summary>The fine table's rows (the offender's category).</summary>
    public static TextTable<string> Category { get; } = TextTable.Of("enforcement.category", ["individual", "small", "medium", "large"]);

    /// <summary>The kinds of a public decision (the log's entry kinds).</summary>
    public static TextTable<string> PublicKind { get; } = TextTable.Of("decisions.kind", Senim.Registry.Log.RegisterLogEntry.DecisionKinds);

    /// <summary>The words of a stored code, or the code itself when this version does not know it.</summary>
    public static string Word<T>(this PageText texts, TextTable<T> table, string? code)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(table);
        return code is not null && table.TryParse(code, out var value) ? texts[table.Key(value)] : code ?? "";
    }
}
