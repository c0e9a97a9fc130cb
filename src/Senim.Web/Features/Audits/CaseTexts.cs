namespace Senim.Web.Features.Audits;

/// <summary>The words of incidents' and audits' codes (texts.yaml beside this file); TextTables.All finds them for the coverage test.</summary>
public static class CaseTexts
{
    public static TextTable<IncidentKind> IncidentKinds { get; } = TextTable.Of<IncidentKind>("incidents.kind");

    public static TextTable<IncidentStatus> IncidentStatuses { get; } = TextTable.Of<IncidentStatus>("incidents.status");

    public static TextTable<AuditStatus> AuditStatuses { get; } = TextTable.Of<AuditStatus>("audits.status");

    public static TextTable<FindingResult> Results { get; } = TextTable.Of<FindingResult>("audits.result");

    /// <summary>The incident form's text fields, by their API names.</summary>
    public static TextTable<string> IncidentFields { get; } =
        TextTable.Of("incidents.field", ["summary", "harm", "measures", "people_affected", "affected_categories", "use_suspended", "occurred_at", "aware_at"]);
}

/// <summary>The incident page's steps, by their form codes.</summary>
public static class IncidentModelTexts
{
    public static TextTable<string> Steps { get; } = TextTable.Of("incidents.step", ["follow-up", "final-report", "eu-report", "request-information", "review"]);
}
