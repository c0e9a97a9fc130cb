using Microsoft.AspNetCore.Diagnostics;
using Senim.Law.Systems;

namespace Senim.Web.Infrastructure;

/// <summary>RFC 9457 problem details for every API error, with the input errors listed field by field.</summary>
public static class ProblemDetailsSetup
{
    public static void Configure(ProblemDetailsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
            context.ProblemDetails.Extensions.TryAdd("traceId", context.HttpContext.TraceIdentifier);
            if (context.HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error is BadHttpRequestException bad)
            {
                // The exception handler answers 500 by default; the request's own status (413, 415, ...) is the true one.
                context.HttpContext.Response.StatusCode = bad.StatusCode;
                context.ProblemDetails.Status = bad.StatusCode;
                context.ProblemDetails.Detail = bad.Message;
            }
        };
    }

    /// <summary>A 400 problem that lists every input error with its field (and line, when known).</summary>
    public static IResult InvalidInput(IReadOnlyList<InputError> errors, string title = "The request is not valid.") =>
        TypedResults.Problem(new Microsoft.AspNetCore.Mvc.ProblemDetails
        {
            Status = StatusCodes.Status400BadRequest,
            Title = title,
            Detail = string.Join("; ", errors.Select(e => e.ToString())),
            Type = "https://senim.kz/problems/invalid-input",
            Extensions =
            {
                ["errors"] = errors.Select(e => new { path = e.Path, line = e.Line > 0 ? e.Line : (int?)null, message = e.Message }).ToArray(),
            },
        });
}
