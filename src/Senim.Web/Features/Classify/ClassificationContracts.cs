namespace Senim.Web.Features.Classify;

// These records describe the JSON of the classification API for the OpenAPI document. The response is
// written by Senim.Law's ResultJson; a test deserializes real responses into these records with
// unmapped members disallowed, so the document cannot drift from what the API sends.
#pragma warning disable CA1056, CA1054 // URIs are not involved; names follow the JSON.

/// <summary>The body of POST /api/v1/classifications.</summary>
/// <param name="Law">kz, eu or all (default all).</param>
/// <param name="At">Apply the law as at this date, yyyy-mm-dd (default today).</param>
/// <param name="Lang">Language of the texts in the result: kk, ru or en (default en).</param>
public sealed record ClassificationRequestDoc(string? Law, string? At, string? Lang, SystemDoc System);

/// <summary>A system description: name and answers by question id (see GET /api/v1/law/packs/{id}).</summary>
public sealed record SystemDoc(string Name, string? Description, string? Organisation, string? Sector, Dictionary<string, object?>? Answers);

/// <param name="Prohibited">A capability or practice prohibited at <c>at</c> was found (a ban that applies later is in upcoming_prohibited).</param>
/// <param name="OtherLawAnswers">Answers to questions of laws not applied (law kz with eu.* answers): listed, not used.</param>
public sealed record ClassificationDoc(string Format, SystemInfoDoc? System, string At, string Language, bool Complete, bool Prohibited, IReadOnlyList<string> OtherLawAnswers, IReadOnlyList<PackResultDoc> Results);

public sealed record SystemInfoDoc(string Name, string? Description, string? Organisation, string? Sector);

/// <param name="InForce">False when <c>at</c> is before the act is in force (pack.in_force_from): nothing of it binds yet.</param>
/// <param name="UpcomingProhibited">Capabilities found whose prohibition applies only from a later date.</param>
public sealed record PackResultDoc(
    PackRefDoc Pack,
    bool Complete,
    bool InForce,
    bool? InScope,
    string? Tier,
    IReadOnlyList<string> Prohibited,
    IReadOnlyList<UpcomingProhibitedDoc> UpcomingProhibited,
    IReadOnlyList<ConclusionDoc> Conclusions,
    IReadOnlyList<ObligationDoc> Obligations,
    IReadOnlyList<RightDoc> Rights,
    IReadOnlyList<DocumentDoc> Documents,
    IReadOnlyList<NextStepDoc> NextSteps,
    IReadOnlyList<OpenQuestionDoc> OpenQuestions,
    IReadOnlyList<string> IgnoredAnswers);

/// <summary>A right of the people the system serves or decides about (Art. 16, Art. 7(2)), listed for every role: owners and holders honour it, users hold it.</summary>
public sealed record RightDoc(string Id, string Title, string Text, string State, string Effective, IReadOnlyList<ArticleDoc> Articles, string Status);

public sealed record PackRefDoc(string Id, string Version, string Hash, string Jurisdiction, string Title, string InForceFrom);

/// <summary>A prohibited capability or practice found, whose prohibition applies from <c>from</c>.</summary>
public sealed record UpcomingProhibitedDoc(string Id, string Text, string From);

/// <summary>A set value concluded only from a later date: upcoming (its rules hold) or undetermined (answers missing).</summary>
public sealed record UpcomingValueDoc(string Id, string Text, string From, string State, IReadOnlyList<ArticleDoc>? Articles, IReadOnlyList<TraceDoc> Trace);

public sealed record ArticleDoc(string Id, string? Cite, string? Title, string? Status);

public sealed record ValueDoc(string Id, string Text, string? Note, string? Exception, IReadOnlyList<ArticleDoc>? Articles);

public sealed record InputDoc(string Id, string Kind, string? Text, string? Value);

public sealed record TraceDoc(string Rule, string? Value, string Because, IReadOnlyList<ArticleDoc> Articles, string Status, IReadOnlyList<InputDoc> Inputs);

/// <summary>A conclusion. value: true/false for flags, a value id for levels, absent for sets.</summary>
public sealed record ConclusionDoc(
    string Id,
    string Type,
    string Title,
    string State,
    object? Value,
    IReadOnlyList<ValueDoc>? Values,
    IReadOnlyList<ValueDoc>? Possible,
    IReadOnlyList<UpcomingValueDoc>? Upcoming,
    bool ByDefault,
    IReadOnlyList<ArticleDoc> Articles,
    string Status,
    IReadOnlyList<TraceDoc> Trace);

public sealed record ProposedDateDoc(string Date, string Text, string Status);

public sealed record FieldDoc(string Id, string Text);

public sealed record FieldSetDoc(string Id, string Title, IReadOnlyList<FieldDoc> Fields);

public sealed record ObligationDoc(
    string Id,
    string Kind,
    string Title,
    string Text,
    string State,
    string Effective,
    ProposedDateDoc? ProposedEffective,
    IReadOnlyList<string> Roles,
    IReadOnlyList<string> Tiers,
    FieldSetDoc? FieldSet,
    IReadOnlyList<ArticleDoc> Articles,
    string Status,
    IReadOnlyList<InputDoc> Because);

public sealed record SectionDoc(string Id, string Title, bool Required);

public sealed record DocumentDoc(string Id, string Title, string Purpose, string State, IReadOnlyList<SectionDoc> Sections, IReadOnlyList<ArticleDoc> Articles, string Status);

public sealed record NextStepDoc(string Id, string Text, string State, IReadOnlyList<ArticleDoc> Articles, string Status);

public sealed record OptionDoc(string Id, string Text);

public sealed record OpenQuestionDoc(string Id, string Step, string Type, string Text, IReadOnlyList<OptionDoc>? Options);
#pragma warning restore CA1056, CA1054
