using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Senim.Registry.Access;

namespace Senim.Web.Features.Review;

/// <summary>
/// Reading API input the same way everywhere in the review, supervision, law and notification APIs:
/// JSON bodies with a size limit and unknown members refused, and page/page_size query parameters.
/// Every problem is a <see cref="ValidationException"/>, so it reaches the client as a 400 problem
/// with a message, never as a 500 or an empty 400.
/// </summary>
public static class ApiInput
{
    public const int MaxBodyBytes = 64 * 1024;

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowTrailingCommas = false,
        ReadCommentHandling = JsonCommentHandling.Disallow,
    };

    /// <summary>Reads the body as JSON of type <typeparamref name="T"/>, at most <see cref="MaxBodyBytes"/> bytes.</summary>
    public static async Task<T> ReadJsonAsync<T>(HttpRequest request)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new FieldErrors();
        if (!request.HasJsonContentType())
        {
            errors.Add("body", "json-content-type", "send the body as application/json");
            errors.ThrowIfAny();
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            errors.Add("body", "json-too-large", "the body is {0} bytes; at most {1} are accepted", request.ContentLength.Value, MaxBodyBytes);
            errors.ThrowIfAny();
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBodyBytes)
            {
                errors.Add("body", "json-too-large", "the body is {0} bytes; at most {1} are accepted", buffer.Length + "+", MaxBodyBytes);
                errors.ThrowIfAny();
            }
        }

        T? value = null;
        try
        {
            if (buffer.Length > 0)
            {
                value = JsonSerializer.Deserialize<T>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), Options);
            }
        }
        catch (JsonException ex)
        {
            errors.Add("body" + (ex.Path is { Length: > 1 } path ? path[1..] : ""), "json-invalid", "the body is not valid JSON: {0}",
                FormattableString.Invariant($"{ex.Path ?? "$"}, line {(ex.LineNumber ?? 0) + 1}, position {(ex.BytePositionInLine ?? 0) + 1}"));
            errors.ThrowIfAny();
        }

        if (value is null)
        {
            errors.Add("body", "json-missing", "send a JSON object");
            errors.ThrowIfAny();
        }

        return value!;
    }

    /// <summary>Parses page (default 1) and page_size (default 20, at most 100).</summary>
    public static (int Page, int PageSize) Paging(string? page, string? pageSize)
    {
        var errors = new FieldErrors();
        var p = Number("page", page, 1, errors);
        var size = Number("page_size", pageSize, 20, errors);
        errors.ThrowIfAny();
        return (p, size);
    }

    /// <summary>Reads an optional yes/no query flag: true, false, 1, 0 (absent: false).</summary>
    public static bool Flag(string name, string? value)
    {
        switch (value?.Trim().ToLowerInvariant())
        {
            case null or "" or "false" or "0" or "no":
                return false;
            case "true" or "1" or "yes":
                return true;
            default:
                var errors = new FieldErrors();
                errors.Add(name, "query-flag", "use true or false");
                errors.ThrowIfAny();
                return false;
        }
    }

    private static int Number(string field, string? text, int fallback, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors.Add(field, "query-number", "must be a whole number");
        return fallback;
    }
}
