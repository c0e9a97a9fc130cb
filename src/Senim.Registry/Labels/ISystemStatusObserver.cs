namespace Senim.Registry.Labels;

/// <summary>
/// Told by <see cref="Services.WorkflowService"/> after a system's status change is saved. The label
/// authority implements it to hold, revoke or release the system's signing certificates.
/// </summary>
public interface ISystemStatusObserver
{
    /// <summary>The change is committed; <paramref name="system"/> carries the new status.</summary>
    Task StatusChangedAsync(AiSystem system, SystemStatus from, CancellationToken cancellationToken = default);
}
