using Senim.Law.Engine;
using Senim.Law.Packs;
using Senim.Law.Texts;
using Senim.Registry.Workflow;

namespace Senim.Registry.Services;

/// <summary>Who reads a case file: it decides what the file holds and who is refused.</summary>
public enum CaseReader
{
    /// <summary>An expert on the system's active review panel: the dossier (its documents once they declared no conflict of interest) and the expert's own review.</summary>
    Expert,

    /// <summary>The supervisory body: the dossier, every expert's review, the expert candidates, the whole history and the actions open now.</summary>
    Supervisor,
}

/// <summary>
/// A system under preliminary expert review as an expert or the supervisor reads it, all read-only: the record, the
/// current classification with its explanation, the required documents with their evidence, the change requests, the
/// review checklist of the active packs, and what the reader's role adds (<see cref="CaseReader"/>).
/// </summary>
/// <param name="Mine">The reader's own review (the active assignment, else the latest); null for a reader never assigned.</param>
/// <param name="Panel">Every expert's review, the active panel first: for the supervisory body and platform admins, else empty.</param>
/// <param name="Candidates">The users with the expert role as candidates for the panel: for the supervisor, else empty.</param>
/// <param name="Events">The system's whole workflow history in order: for the supervisor, else empty.</param>
/// <param name="Actions">The workflow actions open to the supervisor in the system's status: for the supervisor, else empty.</param>
public sealed record CaseFile(
    AiSystem System,
    Classification? Classification,
    ClassificationResult? Result,
    IReadOnlyList<DocumentProgress> Documents,
    IReadOnlyList<ChangeRequestView> ChangeRequests,
    Checklist Checklist,
    CompiledPack? ChecklistPack,
    ExpertReview? Mine,
    IReadOnlyList<ExpertReview> Panel,
    IReadOnlyList<ExpertCandidate> Candidates,
    IReadOnlyList<WorkflowEvent> Events,
    IReadOnlySet<WorkflowAction> Actions)
{
    /// <summary>True when the reader is an expert who has not declared having no conflict of interest yet: <see cref="Documents"/> is empty until then.</summary>
    public bool DocumentsWithheld { get; init; }

    /// <summary>The text of a checklist item, or its id when the active checklist no longer has it.</summary>
    public string ItemText(string itemId, Language language) =>
        Checklist.Items.FirstOrDefault(i => i.Id == itemId)?.Text[language] ?? itemId;

    /// <summary>The articles an item cites, as the pack writes them (Art. 17(1), ...).</summary>
    public string Cites(ChecklistItem item, Language language)
    {
        ArgumentNullException.ThrowIfNull(item);
        return string.Join(", ", item.Articles.Select(a => ChecklistPack?.FindArticle(a)?.Cite[language] ?? a));
    }
}

/// <summary>
/// Reads a <see cref="CaseFile"/>: authorises once (<see cref="SystemService.OpenAsync"/>), reads the system's row once,
/// then a few queries for what hangs off it, and explains the classification once for the page and its documents.
/// </summary>
public sealed class CaseFileService(
    SystemService systems,
    ClassificationService classifications,
    DocumentService documents,
    ReviewService reviews,
    SupervisionService supervision,
    WorkflowService workflow,
    LawCatalog catalog)
{
    /// <summary>
    /// The case file of a system for a reader. A system the actor may not see is a <see cref="NotFoundException"/>; a
    /// supervisor's file for anyone but the supervisory body, and an expert's file for an actor not on the system's
    /// active panel, are a <see cref="ForbiddenException"/>.
    /// </summary>
    public async Task<CaseFile> OpenAsync(Actor actor, Guid systemId, CaseReader reader, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var access = await systems.OpenAsync(actor, systemId, SystemPurpose.Read, cancellationToken);
        if (reader == CaseReader.Supervisor)
        {
            access.RequireSupervisor();
        }

        var assignments = await reviews.AssignmentsAsync(systemId, cancellationToken);
        var mine = ReviewService.Mine(assignments, actor.UserId);
        if (reader == CaseReader.Expert && mine is not { Assignment.Active: true })
        {
            throw new ForbiddenException("not-assigned", "Only an expert assigned to this system's review may do this.");
        }

        var current = await classifications.CurrentAsync(access, cancellationToken);
        var result = current is null ? null : await classifications.ExplainAsync(current, cancellationToken);
        var required = access.SeesDocuments ? await documents.RequirementsAsync(systemId, result, cancellationToken) : [];
        var requests = await reviews.ChangeRequestsAsync(access, cancellationToken);
        var checklist = workflow.Checklist();
        var pack = catalog.Active.Packs.FirstOrDefault(p => p.Pack.Checklists.Any(c => c.Id == checklist.Id));
        if (reader == CaseReader.Expert)
        {
            return new CaseFile(access.System, current, result, required, requests, checklist, pack, mine, [], [], [], new HashSet<WorkflowAction>())
            {
                DocumentsWithheld = !access.SeesDocuments,
            };
        }

        var candidates = await supervision.ExpertsAsync(access, cancellationToken);
        var events = await workflow.EventsAsync(systemId, publicOnly: false, cancellationToken);
        var actions = RegistrationWorkflow.Available(access.System.Status, Capacity.Supervisor).Select(t => t.Action).ToHashSet();
        return new CaseFile(access.System, current, result, required, requests, checklist, pack, mine, ReviewService.Panel(assignments), candidates, events, actions);
    }
}
