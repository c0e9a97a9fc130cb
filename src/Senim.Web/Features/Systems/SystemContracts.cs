using System.Text.Json;
using System.Text.Json.Serialization;

namespace Senim.Web.Features.Systems;

// The JSON of the systems API. Field names are snake_case, spelled out with JsonPropertyName so the
// OpenAPI document and the responses agree whatever the host's default naming is.
#pragma warning disable CA1056, CA1054 // The user agreement's address is data from the owner, kept as typed.

/// <summary>An AI system's record as the API shows it.</summary>
public sealed record SystemResource(
    Guid Id,
    [property: JsonPropertyName("organisation_id")] Guid OrganisationId,
    [property: JsonPropertyName("organisation_name")] string? OrganisationName,
    [property: JsonPropertyName("name_kk")] string? NameKk,
    [property: JsonPropertyName("name_ru")] string? NameRu,
    [property: JsonPropertyName("name_en")] string? NameEn,
    [property: JsonPropertyName("purpose_kk")] string? PurposeKk,
    [property: JsonPropertyName("purpose_ru")] string? PurposeRu,
    [property: JsonPropertyName("purpose_en")] string? PurposeEn,
    string? Description,
    string Sector,
    string Role,
    [property: JsonPropertyName("data_and_models")] string? DataAndModels,
    string? Mode,
    string? Contact,
    [property: JsonPropertyName("support_channel")] string? SupportChannel,
    [property: JsonPropertyName("user_agreement_url")] string? UserAgreementUrl,
    string Status,
    [property: JsonPropertyName("register_number")] string? RegisterNumber,
    string? Tier,
    bool Prohibited,
    string? Conditions,
    [property: JsonPropertyName("conditions_deadline")] string? ConditionsDeadline,
    [property: JsonPropertyName("created_at")] DateTime CreatedAt,
    [property: JsonPropertyName("updated_at")] DateTime UpdatedAt,
    int Version)
{
    public static SystemResource Of(AiSystem s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new(s.Id, s.OrganisationId, s.Organisation?.Name, s.NameKk, s.NameRu, s.NameEn, s.PurposeKk, s.PurposeRu, s.PurposeEn, s.Description,
            s.Sector, s.Role.ToString().ToLowerInvariant(), s.DataAndModels, s.Mode?.ToString().ToLowerInvariant(), s.Contact, s.SupportChannel,
            s.UserAgreementUrl, s.Status.Code(), s.RegisterNumber, s.Tier, s.Prohibited, s.Conditions,
            s.ConditionsDeadline?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), s.CreatedAt, s.UpdatedAt, s.Version);
    }
}

/// <summary>
/// The body of POST /api/v1/systems (with organisation_id) and PUT /api/v1/systems/{id} (the whole
/// record; a field left out is cleared). role: owner or holder; mode: open, closed or local.
/// </summary>
public sealed record SystemBody(
    [property: JsonPropertyName("organisation_id")] Guid? OrganisationId,
    [property: JsonPropertyName("name_kk")] string? NameKk,
    [property: JsonPropertyName("name_ru")] string? NameRu,
    [property: JsonPropertyName("name_en")] string? NameEn,
    [property: JsonPropertyName("purpose_kk")] string? PurposeKk,
    [property: JsonPropertyName("purpose_ru")] string? PurposeRu,
    [property: JsonPropertyName("purpose_en")] string? PurposeEn,
    string? Description,
    string? Sector,
    string? Role,
    [property: JsonPropertyName("data_and_models")] string? DataAndModels,
    string? Mode,
    string? Contact,
    [property: JsonPropertyName("support_channel")] string? SupportChannel,
    [property: JsonPropertyName("user_agreement_url")] string? UserAgreementUrl,
    int? Version)
{
    public SystemInput ToInput() => SystemInputs.Create(NameKk, NameRu, NameEn, PurposeKk, PurposeRu, PurposeEn, Description, Sector, Role, DataAndModels, Mode, Contact, SupportChannel, UserAgreementUrl);
}

/// <summary>A pack a classification was made with.</summary>
public sealed record PackRefResource(string Id, string Version, string Hash);

/// <summary>A stored classification: the answers, the packs, and what they concluded.</summary>
public sealed record ClassificationResource(
    int Number,
    bool Current,
    string Law,
    string At,
    [property: JsonPropertyName("kz_tier")] string? KzTier,
    [property: JsonPropertyName("eu_tier")] string? EuTier,
    bool Complete,
    bool Prohibited,
    [property: JsonPropertyName("prohibited_ids")] IReadOnlyList<string> ProhibitedIds,
    [property: JsonPropertyName("obligation_ids")] IReadOnlyList<string> ObligationIds,
    IReadOnlyList<PackRefResource> Packs,
    [property: JsonPropertyName("classified_at")] DateTime ClassifiedAt,
    string Reason,
    IReadOnlyDictionary<string, JsonElement> Answers)
{
    public static ClassificationResource Of(Classification c)
    {
        ArgumentNullException.ThrowIfNull(c);
        static string[] Split(string ids) => ids.Split(',', StringSplitOptions.RemoveEmptyEntries);
        return new(c.Number, c.IsCurrent, c.Law, c.At.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), c.KzTier, c.EuTier,
            c.Complete, c.Prohibited, Split(c.ProhibitedIds), Split(c.ObligationIds),
            JsonSerializer.Deserialize<List<PackRefResource>>(c.PacksJson, JsonBody.Options) ?? [],
            c.ClassifiedAt, c.Reason,
            JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(c.AnswersJson, JsonBody.Options) ?? []);
    }
}

/// <summary>The current classification with its full explained result in senim.classification/1 form.</summary>
public sealed record CurrentClassificationResource(ClassificationResource Classification, JsonElement Result);

/// <summary>The body of POST /api/v1/systems/{id}/classification: the law (kz, eu or all) and the answers by question id.</summary>
public sealed record ClassifyBody(string? Law, Dictionary<string, JsonElement>? Answers, int? Version);

/// <summary>A version of the record: who made it, when, with what action.</summary>
public sealed record VersionResource(
    int Version,
    string Change,
    [property: JsonPropertyName("changed_by")] string ChangedBy,
    [property: JsonPropertyName("changed_at")] DateTime ChangedAt);

/// <summary>One field that differs; values as stored (codes, not words).</summary>
public sealed record FieldChangeResource(string Field, string? Old, string? New);

/// <summary>One answer that differs between two classifications (null: not answered).</summary>
public sealed record AnswerChangeResource(string Question, string? Old, string? New);

/// <summary>What changed between the classifications two versions point at.</summary>
public sealed record ClassificationChangesResource(
    int? From,
    int To,
    IReadOnlyList<AnswerChangeResource> Answers,
    [property: JsonPropertyName("obligations_added")] IReadOnlyList<string> ObligationsAdded,
    [property: JsonPropertyName("obligations_removed")] IReadOnlyList<string> ObligationsRemoved);

/// <summary>The difference between two versions of a record.</summary>
public sealed record DiffResource(int From, int To, IReadOnlyList<FieldChangeResource> Changes, ClassificationChangesResource? Classification);

/// <summary>The body of the owner's workflow actions: an optional reason (required to remove), and the version if If-Match is not sent.</summary>
public sealed record ActionBody(string? Reason, int? Version);

/// <summary>A section of a required document: its text (Markdown) and whether it must be filled in.</summary>
public sealed record SectionResource(string Id, string Title, bool Required, string? Help, string? Text);

/// <summary>An evidence file.</summary>
public sealed record AttachmentResource(
    Guid Id,
    [property: JsonPropertyName("file_name")] string FileName,
    [property: JsonPropertyName("content_type")] string ContentType,
    long Size,
    string Sha256,
    [property: JsonPropertyName("uploaded_at")] DateTime UploadedAt)
{
    public static AttachmentResource Of(Attachment a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return new(a.Id, a.FileName, a.ContentType, a.Size, a.Sha256, a.UploadedAt);
    }
}

/// <summary>A required document's progress, for the documentation list.</summary>
public sealed record DocumentSummaryResource(
    string Id,
    string Title,
    string Pack,
    bool Complete,
    int Percent,
    int Filled,
    int Required,
    [property: JsonPropertyName("missing_sections")] IReadOnlyList<string> MissingSections,
    [property: JsonPropertyName("needs_review_date")] bool NeedsReviewDate,
    [property: JsonPropertyName("has_review")] bool HasReview,
    [property: JsonPropertyName("next_review_date")] string? NextReviewDate,
    int Attachments,
    int Version);

/// <summary>A required document in full: sections with their text, review dates, evidence files.</summary>
public sealed record DocumentResource(
    string Id,
    string Title,
    string Purpose,
    string Pack,
    bool Complete,
    int Percent,
    [property: JsonPropertyName("missing_sections")] IReadOnlyList<string> MissingSections,
    IReadOnlyList<SectionResource> Sections,
    [property: JsonPropertyName("has_review")] bool HasReview,
    [property: JsonPropertyName("last_review_date")] string? LastReviewDate,
    [property: JsonPropertyName("next_review_date")] string? NextReviewDate,
    IReadOnlyList<AttachmentResource> Attachments,
    [property: JsonPropertyName("updated_at")] DateTime? UpdatedAt,
    int Version);

/// <summary>
/// The body of PUT /api/v1/systems/{id}/documents/{documentId}: section id → Markdown (a section left out
/// is kept, null or "" clears it), and the review dates (yyyy-mm-dd) for the risk-management document.
/// </summary>
public sealed record DocumentBody(
    Dictionary<string, string?>? Sections,
    [property: JsonPropertyName("last_review_date")] string? LastReviewDate,
    [property: JsonPropertyName("next_review_date")] string? NextReviewDate,
    int? Version);

/// <summary>A yearly risk review that is due soon or overdue.</summary>
public sealed record DueResource(
    [property: JsonPropertyName("system_id")] Guid SystemId,
    [property: JsonPropertyName("system_name")] string SystemName,
    [property: JsonPropertyName("organisation_id")] Guid OrganisationId,
    [property: JsonPropertyName("organisation_name")] string OrganisationName,
    [property: JsonPropertyName("document_id")] string DocumentId,
    [property: JsonPropertyName("last_review_date")] string? LastReviewDate,
    [property: JsonPropertyName("next_review_date")] string NextReviewDate,
    bool Overdue);
#pragma warning restore CA1056, CA1054

