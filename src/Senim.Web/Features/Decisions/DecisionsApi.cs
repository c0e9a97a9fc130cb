using Senim.Registry.Enforcement;

namespace Senim.Web.Features.Decisions;

/// <summary>The public decisions of enforcement cases over JSON (docs/enforcement.md): anyone, no personal data.</summary>
public static class DecisionsApi
{
    /// <param name="Organisation">The offender's name; null for a natural person (<paramref name="NaturalPerson"/>).</param>
    /// <param name="Bin">The offender's BIN; null for a natural person.</param>
    /// <param name="FineUnits">The fine in MCI.</param>
    /// <param name="FineAmount">The fine in tenge (KZT).</param>
    /// <param name="LogIndex">The index of the decision's transparency-log entry (verify it with senim log verify --entry N).</param>
    public sealed record DecisionDoc(Guid Id, Guid CaseId, string Kind, DateTime At, string? Organisation, string? Bin, bool NaturalPerson, Guid? SystemId, string? RegisterNumber,
        string? SystemNameKk, string? SystemNameRu, string? SystemNameEn, string Reasons, string? Category, bool Repeat, decimal? FineUnits, decimal? FineAmount,
        decimal? UnitValue, int? UnitYear, bool SuspensionOrdered, string? AppealOutcome, Guid? AppealOf, long? LogIndex);

    public static IEndpointRouteBuilder MapDecisionsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/decisions").WithTags("Decisions").RequireRateLimiting(SenimApp.PublicRateLimit);
        api.MapGet("", List)
            .Describe("ListDecisions", "The published decisions of enforcement cases (fines, warnings, suspension orders, appeals' outcomes), newest first. A natural person is not named.", 400);
        api.MapGet("/{id:guid}", Get)
            .Describe("GetDecision", "One published decision with the index of its log entry.", 404);
        return app;
    }

    private static async Task<Ok<PageResource<DecisionDoc>>> List([AsParameters] PageRequest paging, PublicDecisions decisions, CancellationToken cancellationToken)
    {
        var (p, size) = paging.Resolve();
        return TypedResults.Ok(PageResource.From(await decisions.ListAsync(p, size, cancellationToken), Doc));
    }

    private static async Task<Ok<DecisionDoc>> Get(Guid id, PublicDecisions decisions, CancellationToken cancellationToken) =>
        TypedResults.Ok(Doc(await decisions.GetAsync(id, cancellationToken)));

    private static DecisionDoc Doc(PublicEnforcementDecision d) =>
        new(d.Id, d.CaseId, d.Kind, ApiValues.Utc(d.At), d.OrganisationName, d.Bin, d.NaturalPerson, d.SystemId, d.RegisterNumber, d.SystemNameKk, d.SystemNameRu, d.SystemNameEn,
            d.Reasons, d.Category, d.Repeat, d.FineUnits, d.FineAmount, d.UnitValue, d.UnitYear, d.SuspensionOrdered, d.AppealOutcome, d.AppealOf, d.LogIndex);
}
