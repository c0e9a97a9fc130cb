using Microsoft.Net.Http.Headers;

namespace Senim.Web.Infrastructure;

/// <summary>
/// Optimistic concurrency over HTTP: responses carry ETag W/"v{version}"; a change must send
/// If-Match with that ETag (or "version" in the body). A stale one gets 412 and nothing is saved.
/// </summary>
public static class ApiVersions
{
    public static string ETag(int version) => $"W/\"v{version.ToString(CultureInfo.InvariantCulture)}\"";

    public static void SetETag(HttpResponse response, int version)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Headers.ETag = ETag(version);
    }

    /// <summary>The version the client last saw: from If-Match, else from the body's version; 428 problem when neither is given.</summary>
    public static int Expected(HttpRequest request, int? bodyVersion)
    {
        ArgumentNullException.ThrowIfNull(request);
        var header = request.Headers[HeaderNames.IfMatch].ToString();
        if (header.Length > 0)
        {
            var text = header.Trim().Replace("W/", "", StringComparison.Ordinal).Trim('"');
            if (text.StartsWith('v') && int.TryParse(text[1..], NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            {
                return version;
            }

            throw Invalid.Field("If-Match", "etag-invalid", "send the ETag you received, for example W/\"v3\"");
        }

        if (bodyVersion is { } fromBody)
        {
            return fromBody;
        }

        throw new PreconditionRequiredException();
    }
}

/// <summary>A change was sent without saying which version it changes.</summary>
public sealed class PreconditionRequiredException : Exception
{
    public PreconditionRequiredException()
        : base("Send If-Match with the record's ETag (or \"version\" in the body), so a change made by someone else in between is not overwritten.")
    {
    }

    public PreconditionRequiredException(string message)
        : base(message)
    {
    }

    public PreconditionRequiredException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
