using System.Text.Json;
using Senim.Registry.Access;
using Senim.Registry.Services;

namespace Senim.Web.Features.Systems;

/// <summary>Reading JSON bodies and paging lists the same way in every systems endpoint.</summary>
public static class ApiSupport
{
    /// <summary>
    /// Reads a JSON body of at most <see cref="SystemsJson.MaxBodyBytes"/>: 415 when it is not JSON,
    /// 413 when it is too large, 400 (with the place of the problem) when it does not parse or has an
    /// unknown field. <paramref name="optional"/> lets an empty body stand for "no options".
    /// </summary>
    public static async Task<T?> ReadAsync<T>(HttpRequest request, bool optional = false)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > SystemsJson.MaxBodyBytes)
        {
            throw TooLarge();
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > SystemsJson.MaxBodyBytes)
            {
                throw TooLarge();
            }
        }

        if (optional && buffer.Length == 0)
        {
            return null;
        }

        if (!request.HasJsonContentType())
        {
            throw new BadHttpRequestException("The body must be application/json.", StatusCodes.Status415UnsupportedMediaType);
        }

        var errors = new FieldErrors();
        if (buffer.Length == 0)
        {
            errors.Add("body", "required", "is required");
            errors.ThrowIfAny();
        }

        try
        {
            var value = JsonSerializer.Deserialize<T>(buffer.ToArray(), SystemsJson.Options);
            if (value is null)
            {
                errors.Add("body", "required", "is required");
                errors.ThrowIfAny();
            }

            return value;
        }
        catch (JsonException ex)
        {
            var path = ex.Path is { Length: > 1 } p && p.StartsWith("$.", StringComparison.Ordinal) ? p[2..] : "body";
            errors.Add(path, "json-invalid", "the body is not valid JSON: {0}", ex.Message);
            errors.ThrowIfAny();
            throw;
        }
    }

    /// <summary>The refusal for a required field that was left out.</summary>
    public static ValidationException Required(string field, string what = "is required") =>
        new([new FieldError(field, "required", what, [])]);

    /// <summary>A page of an in-memory list, with the same rules as the register's queries (page ≥ 1, 1 ≤ page_size ≤ 100).</summary>
    public static PageResource<T> Page<T>(IReadOnlyList<T> all, int? page, int? pageSize)
    {
        ArgumentNullException.ThrowIfNull(all);
        var (number, size) = Check(page, pageSize);
        var pages = Math.Max(1, (all.Count + size - 1) / size);
        return new PageResource<T>([.. all.Skip((number - 1) * size).Take(size)], all.Count, number, size, pages);
    }

    public static (int Page, int PageSize) Check(int? page, int? pageSize)
    {
        var number = page ?? 1;
        var size = pageSize ?? 20;
        var errors = new FieldErrors();
        if (number is < 1 or > RegisterQuery.MaxPage)
        {
            errors.Add("page", "page-range", "must be between 1 and {0}", RegisterQuery.MaxPage);
        }

        if (size is < 1 or > RegisterQuery.MaxPageSize)
        {
            errors.Add("page_size", "page-size-range", "must be between 1 and {0}", RegisterQuery.MaxPageSize);
        }

        errors.ThrowIfAny();
        return (number, size);
    }

    private static BadHttpRequestException TooLarge() =>
        new($"The body is larger than {SystemsJson.MaxBodyBytes / 1024} KB.", StatusCodes.Status413PayloadTooLarge);
}
