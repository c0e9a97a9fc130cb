using Microsoft.EntityFrameworkCore;
using Senim.Law.Engine;
using Senim.Law.Texts;
using Senim.Registry.Access;
using Senim.Registry.Data;
using Senim.Registry.Model;

namespace Senim.Registry.Services;

/// <summary>A required document as the public sees it: which, how complete, when risks were last reviewed. Never its text.</summary>
public sealed record PublicDocument(string Id, LocalizedText Title, int Percent, DateOnly? LastReview, DateOnly? NextReview);

/// <summary>Everything the public register shows about one system.</summary>
public sealed record PublicEntry(
    RegisterRow Row,
    OwnershipRole Role,
    UsageMode? Mode,
    string? Conditions,
    DateOnly? ConditionsDeadline,
    string? DecisionReason,
    Classification? Classification,
    ClassificationResult? Result,
    IReadOnlyList<PublicDocument> Documents,
    IReadOnlyList<WorkflowEvent> History);

/// <summary>Builds public entries: the row, the current classification with its explanation, document summaries and the public history.</summary>
public sealed class PublicEntries(RegistryDb db, LawCatalog catalog)
{
    private static readonly SystemStatus[] Public = [.. SystemStatuses.Public];

    public async Task<PublicEntry> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var system = await db.Systems.AsNoTracking().Include(s => s.Organisation)
            .FirstOrDefaultAsync(s => s.Id == id && Public.Contains(s.Status), cancellationToken)
            ?? throw new NotFoundException("register entry", id);
        var row = new RegisterRow(system.Id, system.RegisterNumber, system.Status, system.NameKk, system.NameRu, system.NameEn, system.PurposeKk, system.PurposeRu, system.PurposeEn,
            system.Sector, system.Tier, system.OrganisationId, system.Organisation!.Name, system.Organisation.Bin, system.RegisteredAt, system.PublishedAt, system.UpdatedAt, system.Version);
        var classification = await db.Classifications.AsNoTracking().FirstOrDefaultAsync(c => c.SystemId == id && c.IsCurrent, cancellationToken);
        ClassificationResult? result = null;
        var documents = new List<PublicDocument>();
        if (classification is not null)
        {
            var library = classification.LawSetId is { } setId ? await catalog.GetAsync(db, setId, cancellationToken) : catalog.Active;
            result = Classifier.Classify(library.Select(classification.Law), StoredAnswers.Read(classification.AnswersJson, library), classification.At);
            var stored = await db.Documents.AsNoTracking().Where(d => d.SystemId == id)
                .Select(d => new { d.DocumentId, d.SectionsJson, d.LastReviewDate, d.NextReviewDate }).ToListAsync(cancellationToken);
            foreach (var outcome in result.Packs.SelectMany(p => p.Documents).Where(d => d.State == Applicability.Applies))
            {
                var requirement = outcome.Document;
                var document = stored.FirstOrDefault(d => d.DocumentId == requirement.Id);
                var sections = document is null ? new Dictionary<string, string>() : Json.Read<Dictionary<string, string>>(document.SectionsJson);
                var required = requirement.Sections.Where(s => s.Required).ToList();
                var filled = required.Count(s => !string.IsNullOrWhiteSpace(sections.GetValueOrDefault(s.Id)));
                documents.Add(new PublicDocument(requirement.Id, requirement.Title, required.Count == 0 ? 100 : filled * 100 / required.Count, document?.LastReviewDate, document?.NextReviewDate));
            }
        }

        var history = await db.WorkflowEvents.AsNoTracking().Where(e => e.SystemId == id && e.IsPublic).OrderBy(e => e.Sequence).ToListAsync(cancellationToken);
        return new PublicEntry(row, system.Role, system.Mode, system.Conditions, system.ConditionsDeadline, system.DecisionReason, classification, result, documents, history);
    }
}
