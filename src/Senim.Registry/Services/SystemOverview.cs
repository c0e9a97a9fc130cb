using Senim.Law.Engine;
using Senim.Law.Texts;
using Senim.Registry.Workflow;

namespace Senim.Registry.Services;

/// <summary>A checklist item an expert flagged, with the item's text from the pack (null when the pack no longer has it).</summary>
public sealed record FlaggedItem(string ItemId, LocalizedText? Text, string Remark);

/// <summary>An expert's request for changes that the owner has not yet answered by resubmitting.</summary>
public sealed record OpenChangeRequest(Guid Id, string Message, DateTime RequestedAt, IReadOnlyList<FlaggedItem> Items);

/// <summary>Everything the owner needs on a system's page, read in one go.</summary>
/// <param name="OwnerActions">The workflow actions this actor may take now, in the order to offer them.</param>
/// <param name="IsEditor">True when the actor is an admin or editor of the owning organisation.</param>
/// <param name="CanEdit">True when the actor may change the record, its classification and documents now (an editor, and the status allows changes).</param>
public sealed record SystemOverview(
    AiSystem System,
    Classification? Classification,
    ClassificationResult? Explanation,
    IReadOnlyList<DocumentProgress> Documents,
    IReadOnlyList<OpenChangeRequest> ChangeRequests,
    IReadOnlyList<WorkflowAction> OwnerActions,
    bool IsEditor,
    bool CanEdit)
{
    public bool DocumentsComplete => Documents.All(d => d.Complete);
}

/// <summary>
/// Reads a system's page for whoever may see it (members, supervisors, admins, assigned experts): the
/// record, the current classification with its explanation, documentation progress, open change
/// requests, and the owner's workflow actions open now.
/// </summary>
public sealed class SystemOverviewService(RegistryDb db, LawCatalog catalog, SystemService systems, ClassificationService classifications, DocumentService documents)
{
    /// <summary>Opens the system for the actor once and reads its page; a system the actor may not see is a <see cref="NotFoundException"/>.</summary>
    public async Task<SystemOverview> GetAsync(Actor actor, Guid systemId, CancellationToken cancellationToken = default)
    {
        var access = await systems.OpenAsync(actor, systemId, SystemPurpose.Read, cancellationToken);
        var system = access.System;
        var current = await classifications.CurrentAsync(access, cancellationToken);
        var explanation = current is null ? null : await classifications.ExplainAsync(current, cancellationToken);
        var progress = await documents.RequirementsAsync(systemId, explanation, cancellationToken);
        var requests = await OpenChangeRequestsAsync(systemId, cancellationToken);
        return new SystemOverview(system, current, explanation, progress, requests, OwnerActions(actor, system, current), access.IsEditor, access.CanChangeNow);
    }

    /// <summary>
    /// The owner's actions open now: the workflow table's owner transitions from the current status,
    /// with submission offered only to high-risk systems and publication by notification only to the others.
    /// </summary>
    public static IReadOnlyList<WorkflowAction> OwnerActions(Actor actor, AiSystem system, Classification? current)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(system);
        if (!actor.CanEdit(system.OrganisationId))
        {
            return [];
        }

        return [.. RegistrationWorkflow.Available(system.Status, Capacity.Owner)
            .Select(t => t.Action)
            .Where(action => action switch
            {
                WorkflowAction.Submit => current?.KzTier == "high",
                WorkflowAction.Publish => current is not null && current.KzTier != "high",
                _ => true,
            })];
    }

    private async Task<IReadOnlyList<OpenChangeRequest>> OpenChangeRequestsAsync(Guid systemId, CancellationToken cancellationToken)
    {
        var rows = await db.ChangeRequests.AsNoTracking()
            .Where(c => c.SystemId == systemId && c.ResolvedAt == null)
            .OrderBy(c => c.RequestedAt)
            .ToListAsync(cancellationToken);
        var items = catalog.Active.Packs.SelectMany(p => p.Pack.Checklists).Where(c => c.Id == WorkflowService.ExpertChecklist).SelectMany(c => c.Items)
            .GroupBy(i => i.Id).ToDictionary(g => g.Key, g => g.First().Text, StringComparer.Ordinal);
        return [.. rows.Select(r => new OpenChangeRequest(r.Id, r.Message, r.RequestedAt,
            [.. Json.Read<List<WorkflowService.ChangeItem>>(r.ItemsJson).Select(i => new FlaggedItem(i.Item, items.GetValueOrDefault(i.Item), i.Remark))]))];
    }
}
