using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Senim.Law.Systems;

namespace Senim.Web.Infrastructure;

/// <summary>RFC 9457 problem details for every API error, with the input errors listed field by field.</summary>
public static partial class ProblemDetailsSetup
{
    /// <summary>ASP.NET Core's message when a query or route value does not convert: Failed to bind parameter "int? page" from "abc".</summary>
    private static readonly Regex BindFailure = BindFailurePattern();

    /// <summary>A <see cref="BadHttpRequestException"/> whose Data holds an int under this key answers with Retry-After (seconds).</summary>
    public const string RetryAfterKey = "retry-after";

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
                if (bad.Data[RetryAfterKey] is int seconds)
                {
                    // The exception handler cleared the headers the thrower set.
                    context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                if (BindFailure.Match(bad.Message) is { Success: true } failure)
                {
                    context.ProblemDetails.Type = "https://senim.kz/problems/invalid-input";
                    context.ProblemDetails.Title = "The request is not valid.";
                    var field = JsonNamingPolicy.SnakeCaseLower.ConvertName(failure.Groups["name"].Value);
                    context.ProblemDetails.Detail = $"{field}: '{failure.Groups["value"].Value}' is not a valid {failure.Groups["type"].Value.TrimEnd('?')}";
                    context.ProblemDetails.Extensions["errors"] = new[] { new ApiError(field, "query-invalid", context.ProblemDetails.Detail) };
                }
            }
        };
    }

    /// <summary>A 400 problem that lists every error in a document a core library read (a system description), with its line when known.</summary>
    public static IResult InvalidInput(IReadOnlyList<InputError> errors, string title = "The request is not valid.")
    {
        ArgumentNullException.ThrowIfNull(errors);
        return TypedResults.Problem(new Microsoft.AspNetCore.Mvc.ProblemDetails
        {
            Status = StatusCodes.Status400BadRequest,
            Title = title,
            Detail = string.Join("; ", errors.Select(e => e.ToString())),
            Type = "https://senim.kz/problems/invalid-input",
            Extensions =
            {
                ["code"] = "invalid",
                ["errors"] = errors.Select(e => new ApiError(e.Path, "input-invalid", e.Message, e.Line > 0 ? e.Line : null)).ToArray(),
            },
        });
    }

    [GeneratedRegex("^Failed to bind parameter \"(?<type>[^\" ]+) (?<name>[^\" ]+)\" from \"(?<value>[^\"]*)\"", RegexOptions.CultureInvariant)]
    private static partial Regex BindFailurePattern();
}
