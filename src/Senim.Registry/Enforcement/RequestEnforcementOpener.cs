using Senim.Registry.Citizens;

namespace Senim.Registry.Enforcement;

/// <summary>
/// Opens an enforcement case from a citizen's request (the supervisor's button on the request's case page): the origin is
/// the request, the offender and system are the request's, the subject names the request's kind; the request's timeline
/// gets the event pointing at the case (<see cref="EnforcementService.OpenAsync"/>).
/// </summary>
public sealed class RequestEnforcementOpener(EnforcementService enforcement, RegistryDb db) : IEnforcementOpener
{
    public async Task<Guid> OpenFromRequestAsync(Actor actor, Guid requestId, CancellationToken cancellationToken = default)
    {
        var request = await db.CitizenRequests.AsNoTracking().Where(r => r.Id == requestId).Select(r => new { r.Kind, r.FiledAt }).FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("citizen request", requestId);
        var subject = string.Create(CultureInfo.InvariantCulture, $"Citizen's request ({request.Kind.Code()}) of {request.FiledAt:yyyy-MM-dd}");
        var opened = await enforcement.OpenAsync(actor, new OpenCaseInput(EnforcementOrigin.CitizenRequest, requestId, null, null, subject), cancellationToken);
        return opened.Id;
    }
}
