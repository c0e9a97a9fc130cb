using System.Text.Json;
using System.Text.Json.Serialization;

namespace Senim.Web.Infrastructure.Api;

/// <summary>How large a JSON request body may be, named once for every endpoint.</summary>
public static class BodyLimits
{
    /// <summary>Forms sent as JSON: tokens, memberships, reviews, decisions (64 KB).</summary>
    public const int Small = 64 * 1024;

    /// <summary>Records that carry long text: a system's record, a document's Markdown sections (1 MB).</summary>
    public const int Record = 1024 * 1024;
}

/// <summary>
/// The one reader of JSON request bodies. Every endpoint answers the same way: 415 when the body is not
/// application/json, 413 when it is larger than the endpoint's limit, and 400 (a problem whose errors name
/// where the body went wrong) when it does not parse, has a member the request does not know, or is empty.
/// Names are snake_case; comments and trailing commas are refused.
/// </summary>
public static class JsonBody
{
    /// <summary>The serializer settings of every request body.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
        MaxDepth = 32,
    };

    /// <summary>Reads the body as <typeparamref name="T"/>; an empty or null body is a 400.</summary>
    public static async Task<T> ReadAsync<T>(HttpRequest request, int maxBytes = BodyLimits.Small)
        where T : class =>
        await ReadOptionalAsync<T>(request, maxBytes) ?? throw Required("body", "send a JSON object");

    /// <summary>Reads the body as <typeparamref name="T"/>, or null when the request has no body at all ("no options").</summary>
    public static async Task<T?> ReadOptionalAsync<T>(HttpRequest request, int maxBytes = BodyLimits.Small)
        where T : class
    {
        var bytes = await ReadBytesAsync(request, maxBytes, requireJson: false);
        if (bytes.Length == 0)
        {
            return null;
        }

        if (!request.HasJsonContentType())
        {
            throw NotJson();
        }

        return Deserialize<T>(bytes) ?? throw Required("body", "send a JSON object, not null");
    }

    /// <summary>
    /// The raw bytes of a JSON body, with the same content-type and size checks, for endpoints whose
    /// parser lives in a core library (the classification request).
    /// </summary>
    public static Task<byte[]> ReadBytesAsync(HttpRequest request, int maxBytes) => ReadBytesAsync(request, maxBytes, requireJson: true);

    /// <summary>The refusal for a required field that was left out.</summary>
    public static ValidationException Required(string field, string what = "is required") =>
        new([new FieldError(field, "required", what, [])]);

    private static async Task<byte[]> ReadBytesAsync(HttpRequest request, int maxBytes, bool requireJson)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (requireJson && !request.HasJsonContentType())
        {
            throw NotJson();
        }

        if (request.ContentLength > maxBytes)
        {
            throw TooLarge(maxBytes);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > maxBytes)
            {
                throw TooLarge(maxBytes);
            }
        }

        return buffer.ToArray();
    }

    private static T? Deserialize<T>(byte[] bytes)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(bytes, Options);
        }
        catch (JsonException ex)
        {
            var path = ex.Path is { Length: > 2 } p && p.StartsWith("$.", StringComparison.Ordinal) ? p[2..] : "body";
            var where = string.Create(CultureInfo.InvariantCulture, $"line {(ex.LineNumber ?? 0) + 1}, position {(ex.BytePositionInLine ?? 0) + 1}");
            throw Invalid.Field(path, "json-invalid", "{0} ({1})", Explain(ex), where);
        }
    }

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

        return "the body is not valid JSON here";
    }

    private static BadHttpRequestException NotJson() =>
        new("The body must be application/json (see the OpenAPI document at /openapi/v1.json).", StatusCodes.Status415UnsupportedMediaType);

    private static BadHttpRequestException TooLarge(int maxBytes) =>
        new(string.Create(CultureInfo.InvariantCulture, $"The body is too large: this request takes at most {maxBytes / 1024} KB."), StatusCodes.Status413PayloadTooLarge);
}
