using Senim.Law.Engine;
using Senim.Law.Packs;
using Senim.Law.Systems;
using Senim.Web.Infrastructure;

namespace Senim.Web.Features.Classify;

/// <summary>POST /api/v1/classifications: the wizard's classification over JSON.</summary>
public static class ClassificationApi
{
    public static IEndpointRouteBuilder MapClassificationApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/classifications")
            .WithTags("Classification")
            .MapPost("", Classify)
            .WithName("Classify")
            .WithSummary("Classify an AI system under Law 230-VIII (kz), the EU AI Act (eu) or both (all).")
            .WithDescription("The body names the system and answers questions by id (GET /api/v1/law/packs/{id} lists them). Missing answers give a partial result that lists the questions still open. Every conclusion carries its trace: answer → rule → article.")
            .Accepts<ClassificationRequestDoc>("application/json")
            .Produces<ClassificationDoc>(StatusCodes.Status200OK, "application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> Classify(HttpContext context, LawLibrary library, TimeProvider time)
    {
        var request = context.Request;
        if (!request.HasJsonContentType())
        {
            return TypedResults.Problem(statusCode: 415, title: "Send JSON", detail: "The body must be application/json (see the OpenAPI document at /openapi/v1.json).");
        }

        if (request.ContentLength > SystemDescriptions.MaxBytes)
        {
            return TooLarge(request.ContentLength.Value);
        }

        byte[] body;
        using (var buffer = new MemoryStream())
        {
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > SystemDescriptions.MaxBytes)
                {
                    return TooLarge(buffer.Length);
                }
            }

            body = buffer.ToArray();
        }

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

    private static IResult TooLarge(long bytes) =>
        TypedResults.Problem(statusCode: 413, title: "The request is too large",
            detail: $"The body is {bytes / 1024} KB or more; a classification request may be at most {SystemDescriptions.MaxBytes / 1024} KB.");

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
