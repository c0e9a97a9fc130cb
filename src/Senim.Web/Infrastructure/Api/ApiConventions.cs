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

    /// <summary>
    /// The name (the OpenAPI operationId, and the name links are generated from) and the summary of an endpoint, with the
    /// problem responses it declares beyond those its body and version conventions add.
    /// </summary>
    public static RouteHandlerBuilder Describe(this RouteHandlerBuilder builder, string name, string summary, params int[] problems) =>
        builder.WithName(name).WithSummary(summary).ProducesProblems(problems);

    /// <summary>
    /// The endpoint changes a versioned record the caller must be allowed to change, from a JSON body of <typeparamref name="TBody"/>:
    /// the body's 400, 413 and 415, the version's 409, 412 and 428, then 403 (not allowed) and 404 (not found or not visible).
    /// </summary>
    public static RouteHandlerBuilder ChangesRecord<TBody>(this RouteHandlerBuilder builder)
        where TBody : notnull =>
        builder.AcceptsJson<TBody>().ChangesVersioned().ProducesProblems(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);

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
