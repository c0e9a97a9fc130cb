using Senim.Registry.Workflow;

namespace Senim.Web.Features.CaseParts;

/// <summary>A system's state after a review or supervision action: what the API answers, with the new version as its ETag.</summary>
public sealed record SystemStateDoc(Guid Id, string Status, int Version, string? RegisterNumber)
{
    internal static Ok<SystemStateDoc> Of(AiSystem system, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(context);
        ApiVersions.SetETag(context.Response, system.Version);
        return TypedResults.Ok(new SystemStateDoc(system.Id, system.Status.Code(), system.Version, system.RegisterNumber));
    }
}
