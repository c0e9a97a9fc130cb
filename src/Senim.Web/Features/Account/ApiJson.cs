using System.Text.Json;
using System.Text.Json.Serialization;
using Senim.Law.Systems;
using Senim.Registry.Services;
using Senim.Web.Infrastructure;

namespace Senim.Web.Features.Account;

/// <summary>
/// Reading the JSON bodies of the account, organisation, admin and home APIs: JSON only, at most
/// <see cref="MaxBodyBytes"/>, unknown members refused, and any malformed body a 400 problem that says
/// where it went wrong (never a 500).
/// </summary>
internal static class ApiJson
{
    public const int MaxBodyBytes = 64 * 1024;

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowTrailingCommas = false,
        MaxDepth = 16,
    };

    /// <summary>The body as <typeparamref name="T"/>, or the problem to answer with.</summary>
    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.HasJsonContentType())
        {
            return (null, TypedResults.Problem(statusCode: 415, title: "Send JSON", detail: "The body must be application/json.", type: "https://senim.kz/problems/unsupported-media-type"));
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            return (null, TooLarge());
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBodyBytes)
            {
                return (null, TooLarge());
            }
        }

        try
        {
            var value = JsonSerializer.Deserialize<T>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), Options);
            return value is null
                ? (null, ProblemDetailsSetup.InvalidInput([new InputError("$", 0, "the body is null; send a JSON object")]))
                : (value, null);
        }
        catch (JsonException ex)
        {
            var line = ex.LineNumber is { } l ? (int)l + 1 : 0;
            return (null, ProblemDetailsSetup.InvalidInput([new InputError(ex.Path ?? "$", line, Explain(ex))], "The body is not valid JSON for this request."));
        }
    }

    /// <summary>Page and page size from the query, checked (400 problem when out of range).</summary>
    public static (int Page, int PageSize) Paging(int? page, int? pageSize)
    {
        var result = (page ?? 1, pageSize ?? Registry.Services.Paging.DefaultPageSize);
        Registry.Services.Paging.Validate(result.Item1, result.Item2);
        return result;
    }

    /// <summary>A database time as UTC, so JSON carries the "Z".</summary>
    public static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);

    public static DateTime? Utc(DateTime? value) => value is { } v ? Utc(v) : null;

    private static string Explain(JsonException ex)
    {
        // The serializer's messages name .NET types; say it in the API's own words.
        var message = ex.Message;
        if (message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            return "this member is not part of the request: check its spelling (names are snake_case)";
        }

        if (message.Contains("could not be converted", StringComparison.Ordinal))
        {
            return "the value has the wrong type for this member";
        }

        return "the JSON is malformed here";
    }

    private static IResult TooLarge() =>
        TypedResults.Problem(statusCode: 413, title: "The request is too large", detail: $"A request body may be at most {MaxBodyBytes / 1024} KB.", type: "https://senim.kz/problems/too-large");
}

/// <summary>One page of a list, as every list endpoint returns it.</summary>
public sealed record PageView<T>(
    IReadOnlyList<T> Items,
    int Total,
    int Page,
    [property: JsonPropertyName("page_size")] int PageSize,
    int Pages);

/// <summary>Builds <see cref="PageView{T}"/> from a register page.</summary>
public static class PageView
{
    public static PageView<T> From<TSource, T>(Page<TSource> page, Func<TSource, T> map)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(map);
        return new PageView<T>([.. page.Items.Select(map)], page.Total, page.PageNumber, page.PageSize, page.Pages);
    }
}
