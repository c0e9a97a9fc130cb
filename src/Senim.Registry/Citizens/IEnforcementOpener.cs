namespace Senim.Registry.Citizens;

/// <summary>
/// The seam from a citizen's request to an enforcement case (ADR 0025: a case opened from a complaint). The enforcement
/// slice registers an implementation; until one is registered, the supervisor's case page shows no button for it.
/// </summary>
public interface IEnforcementOpener
{
    /// <summary>Opens an enforcement case from the request (the supervisory body only) and returns the case's id.</summary>
    Task<Guid> OpenFromRequestAsync(Actor actor, Guid requestId, CancellationToken cancellationToken = default);
}
