using Senim.Registry.Workflow;

namespace Senim.Web.Features.Systems;

/// <summary>
/// The owner's workflow actions as the system page and the API take them: submit, publish, cancel,
/// resubmit and remove, each with an optional note (a reason, required for removal, which the public
/// history shows).
/// </summary>
public static class OwnerActions
{
    public const int MaxReason = TextLimits.Reason;

    public static IReadOnlyList<WorkflowAction> All { get; } =
        [WorkflowAction.Submit, WorkflowAction.Publish, WorkflowAction.Cancel, WorkflowAction.Resubmit, WorkflowAction.Remove];

    /// <summary>Each action's button (systems.action.CODE), its help and the notice once it is done.</summary>
    public static TextTable<WorkflowAction> Texts { get; } = new("systems.action", All, a => a.Code(), "help", "done");

    /// <summary>True when the action (by its code, as the page's form names it) needs a reason typed by the user.</summary>
    public static bool NeedsReason(string action) => action == RegistrationWorkflow.Remove;

    /// <summary>The owner's action a form posted (its code), or a field error naming the ones there are.</summary>
    public static WorkflowAction Parse(string? code)
    {
        if (WorkflowCodes.ParseAction(code) is { } action && All.Contains(action))
        {
            return action;
        }

        throw Invalid.Field("action", "action-unknown", "choose one of: {0}", string.Join(", ", All.Select(a => a.Code())));
    }

    public static Task<AiSystem> TakeAsync(WorkflowService workflow, Actor actor, Guid systemId, WorkflowAction action, string? reason, int expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        var errors = new FieldErrors();
        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (NeedsReason(action.Code()) && reason is null)
        {
            errors.Add("reason", "reason-required", "say why (the public history of the register shows it)");
        }
        else if (reason is { Length: > MaxReason })
        {
            errors.Add("reason", "too-long", "is {0} characters long; at most {1} are allowed", reason.Length, MaxReason);
        }

        errors.ThrowIfAny();
        return action switch
        {
            WorkflowAction.Submit => workflow.SubmitAsync(actor, systemId, expectedVersion, reason, cancellationToken),
            WorkflowAction.Publish => workflow.PublishAsync(actor, systemId, expectedVersion, cancellationToken),
            WorkflowAction.Cancel => workflow.CancelAsync(actor, systemId, expectedVersion, reason, cancellationToken),
            WorkflowAction.Resubmit => workflow.ResubmitAsync(actor, systemId, expectedVersion, reason, cancellationToken),
            WorkflowAction.Remove => workflow.RemoveAsync(actor, systemId, reason, expectedVersion, cancellationToken),
            _ => throw new ArgumentException($"'{action.Code()}' is not an owner's action", nameof(action)),
        };
    }
}
