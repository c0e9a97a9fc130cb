using Senim.Registry.Access;
using Senim.Registry.Model;
using Senim.Registry.Services;
using Senim.Registry.Workflow;

namespace Senim.Web.Features.Systems;

/// <summary>
/// The owner's workflow actions as the system page and the API take them: submit, publish, cancel,
/// resubmit and remove, each with an optional note (a reason, required for removal, which the public
/// history shows).
/// </summary>
public static class OwnerActions
{
    public const int MaxReason = 5000;

    public static IReadOnlyList<string> All { get; } =
        [RegistrationWorkflow.Submit, RegistrationWorkflow.Publish, RegistrationWorkflow.Cancel, RegistrationWorkflow.Resubmit, RegistrationWorkflow.Remove];

    /// <summary>True when the action needs a reason typed by the user.</summary>
    public static bool NeedsReason(string action) => action == RegistrationWorkflow.Remove;

    public static Task<AiSystem> TakeAsync(WorkflowService workflow, Actor actor, Guid systemId, string action, string? reason, int expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        var errors = new FieldErrors();
        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (NeedsReason(action) && reason is null)
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
            RegistrationWorkflow.Submit => workflow.SubmitAsync(actor, systemId, expectedVersion, reason, cancellationToken),
            RegistrationWorkflow.Publish => workflow.PublishAsync(actor, systemId, expectedVersion, cancellationToken),
            RegistrationWorkflow.Cancel => workflow.CancelAsync(actor, systemId, expectedVersion, reason, cancellationToken),
            RegistrationWorkflow.Resubmit => workflow.ResubmitAsync(actor, systemId, expectedVersion, reason, cancellationToken),
            RegistrationWorkflow.Remove => workflow.RemoveAsync(actor, systemId, reason, expectedVersion, cancellationToken),
            _ => throw new ArgumentException($"'{action}' is not an owner's action", nameof(action)),
        };
    }
}
