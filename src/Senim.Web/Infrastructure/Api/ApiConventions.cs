namespace Senim.Web.Infrastructure.Api;

/// <summary>The problem responses an endpoint declares in the OpenAPI document, named once.</summary>
public static class ApiConventions
{
    /// <summary>The body is JSON of <typeparamref name="TBody"/>: 400 when it does not fit, 413 when too large, 415 when not JSON.</summary>
    public static RouteHandlerBuilder AcceptsJson<TBody>(this RouteHandlerBuilder builder)
        where TBody : notnull =>
        builder.Accepts<TBody>("application/json").ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType);

    /// <summary>
    /// The endpoint changes a versioned record: 409 when the workflow does not allow it now, 412 when If-Match
    /// names an older version, 428 when no version is given.
    /// </summary>
    public static RouteHandlerBuilder ChangesVersioned(this RouteHandlerBuilder builder) =>
        builder.ProducesProblems(StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed, StatusCodes.Status428PreconditionRequired);

    /// <summary>Declares each status as a problem+json response.</summary>
    public static RouteHandlerBuilder ProducesProblems(this RouteHandlerBuilder builder, params int[] statuses)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(statuses);
        foreach (var status in statuses)
        {
            builder.ProducesProblem(status);
        }

        return builder;
    }
}
