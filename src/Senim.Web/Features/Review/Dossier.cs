using Senim.Law.Engine;
using Senim.Law.Packs;
using Senim.Registry.Access;
using Senim.Registry.Model;
using Senim.Registry.Services;

namespace Senim.Web.Features.Review;

/// <summary>
/// What an expert or the supervisor reads about a system under review, all read-only: the record, the
/// current classification with its explanation, the required documents with their evidence, the
/// change requests, and the review checklist of the active packs.
/// </summary>
public sealed record Dossier(
    AiSystem System,
    Classification? Classification,
    ClassificationResult? Result,
    IReadOnlyList<DocumentProgress> Documents,
    IReadOnlyList<ChangeRequestView> ChangeRequests,
    Checklist Checklist,
    CompiledPack? ChecklistPack)
{
    /// <summary>Loads the dossier; a system the actor may not see is a <see cref="NotFoundException"/>.</summary>
    public static async Task<Dossier> LoadAsync(Actor actor, Guid systemId, SystemService systems, ClassificationService classifications,
        DocumentService documents, ReviewService reviews, LawLibrary library, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(classifications);
        ArgumentNullException.ThrowIfNull(library);
        ArgumentNullException.ThrowIfNull(reviews);
        ArgumentNullException.ThrowIfNull(documents);
        var system = await systems.GetAsync(actor, systemId, cancellationToken);
        var current = await classifications.CurrentAsync(actor, systemId, cancellationToken);
        var result = current is null ? null : await classifications.ExplainAsync(current, cancellationToken);
        var required = await documents.RequirementsAsync(actor, systemId, cancellationToken);
        var requests = await reviews.ChangeRequestsAsync(actor, systemId, cancellationToken);
        var checklist = reviews.Checklist();
        var pack = library.Packs.FirstOrDefault(p => p.Pack.Checklists.Any(c => c.Id == checklist.Id));
        return new Dossier(system, current, result, required, requests, checklist, pack);
    }

    /// <summary>The text of a checklist item, or its id when the active checklist no longer has it.</summary>
    public string ItemText(string itemId, Senim.Law.Texts.Language language) =>
        Checklist.Items.FirstOrDefault(i => i.Id == itemId)?.Text[language] ?? itemId;

    /// <summary>The articles an item cites, as the pack writes them (Art. 17(1), ...).</summary>
    public string Cites(ChecklistItem item, Senim.Law.Texts.Language language)
    {
        ArgumentNullException.ThrowIfNull(item);
        return string.Join(", ", item.Articles.Select(a => ChecklistPack?.FindArticle(a)?.Cite[language] ?? a));
    }
}

/// <summary>The documents partial's model: the documents and where an attachment downloads from (its id is appended).</summary>
public sealed record DocumentsView(IReadOnlyList<DocumentProgress> Documents, string AttachmentUrl);
