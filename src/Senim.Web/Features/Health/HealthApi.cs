namespace Senim.Web.Features.Health;

/// <summary>GET /health: liveness plus the law packs in use.</summary>
public static class HealthApi
{
    public sealed record PackInfo(string Id, string Version, string Hash);

    public sealed record HealthReport(string Status, IReadOnlyList<PackInfo> Packs);

    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", (LawLibrary library) => TypedResults.Ok(new HealthReport(
                "healthy",
                [.. library.Packs.Select(p => new PackInfo(p.Pack.Id, p.Pack.Header.Version, p.ContentHash))])))
            .Describe("Health", "Is Senim up, and which law pack versions does it apply?")
            .WithTags("Health");
        return app;
    }
}
