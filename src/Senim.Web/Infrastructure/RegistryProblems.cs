using Microsoft.AspNetCore.Diagnostics;

namespace Senim.Web.Infrastructure;

/// <summary>Turns the register's refusals into RFC 9457 problem details with the right status.</summary>
public sealed class RegistryProblems(IProblemDetailsService problems) : IExceptionHandler
{
    public static int StatusOf(RegistryException exception) => exception switch
    {
        NotFoundException => StatusCodes.Status404NotFound,
        ForbiddenException => StatusCodes.Status403Forbidden,
        ConcurrencyException => StatusCodes.Status409Conflict,
        ValidationException => StatusCodes.Status400BadRequest,
        _ => StatusCodes.Status409Conflict,
    };

    public static ProblemDetails Describe(RegistryException exception, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(context);
        var status = StatusOf(exception);
        var problem = new ProblemDetails
        {
            Status = status,
            Title = status switch
            {
                404 => "Not found",
                403 => "Forbidden",
                400 => "The request is not valid.",
                _ => exception is ConcurrencyException ? "The record changed since you read it" : "Not allowed now",
            },
            Detail = exception.Message,
            Type = "https://senim.kz/problems/" + exception.Key,
            Instance = context.Request.Path,
        };
        problem.Extensions["code"] = exception.Key;
        if (exception is ValidationException validation)
        {
            problem.Extensions["errors"] = validation.Errors.Select(e => new ApiError(e.Field, e.Key, e.Message)).ToArray();
        }

        if (exception is ConcurrencyException stale)
        {
            problem.Extensions["current_version"] = stale.CurrentVersion;
        }

        return problem;
    }

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is PreconditionRequiredException precondition)
        {
            httpContext.Response.StatusCode = StatusCodes.Status428PreconditionRequired;
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = httpContext,
                ProblemDetails = new ProblemDetails { Status = 428, Title = "Say which version you change", Detail = precondition.Message, Type = "https://senim.kz/problems/precondition-required" },
            });
        }

        if (exception is not RegistryException registry)
        {
            return false;
        }

        var problem = Describe(registry, httpContext);
        // Over HTTP a stale If-Match is a failed precondition.
        if (registry is ConcurrencyException && httpContext.Request.Headers.IfMatch.Count > 0)
        {
            problem.Status = StatusCodes.Status412PreconditionFailed;
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }
}
