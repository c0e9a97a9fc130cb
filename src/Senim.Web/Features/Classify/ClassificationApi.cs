using Senim.Law.Engine;
using Senim.Law.Systems;

namespace Senim.Web.Features.Classify;

/// <summary>POST /api/v1/classifications: the wizard's classification over JSON.</summary>
public static class ClassificationApi
{
    public static IEndpointRouteBuilder MapClassificationApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/classifications")
            .WithTags("Classification")
            .MapPost("", Classify)
            .Describe("Classify", "Classify an AI system under Law 230-VIII (kz), the EU AI Act (eu) or both (all).")
            .WithDescription("The body names the system and answers questions by id (GET /api/v1/law/packs/{id} lists them). Missing answers give a partial result that lists the questions still open. Every conclusion carries its trace: answer → rule → article.")
            .AcceptsJson<ClassificationRequestDoc>()
            .Produces<ClassificationDoc>(StatusCodes.Status200OK, "application/json")
            .ProducesProblems(400, 429, 503)
            .RequireHeavyLimits()
            .DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> Classify(HttpContext context, LawLibrary library, TimeProvider time)
    {
        var body = await JsonBody.ReadBytesAsync(context.Request, SystemDescriptions.MaxBytes);
        ClassificationRequest parsed;
        try
        {
            parsed = ClassificationRequests.ReadJson(body, library, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
        }
        catch (InvalidInputException ex)
        {
            return ProblemDetailsSetup.InvalidInput(ex.Errors);
        }

        var result = Classifier.Classify(library.Select(parsed.Law), parsed.System.Answers, parsed.At);
        return new ClassificationJsonResult(result, parsed.System, parsed.Language);
    }

    private sealed class ClassificationJsonResult(ClassificationResult result, SystemDescription system, Senim.Law.Texts.Language language) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.ContentType = "application/json; charset=utf-8";
            using var buffer = new MemoryStream();
            ResultJson.Write(buffer, result, system, language);
            buffer.Position = 0;
            await buffer.CopyToAsync(httpContext.Response.Body, httpContext.RequestAborted);
        }
    }
}
