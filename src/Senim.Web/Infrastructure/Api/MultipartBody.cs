namespace Senim.Web.Infrastructure.Api;

/// <summary>
/// The one reader of multipart/form-data request bodies (file uploads): 415 when the body is not multipart, 413 when it
/// is over the form's limit, 400 when it is malformed; otherwise the form.
/// </summary>
public static class MultipartBody
{
    /// <summary>Reads the form; <paramref name="what"/> names the upload in the messages ("the file in a field named \"file\"").</summary>
    public static async Task<(IFormCollection? Form, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, string what, long maxMegabytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.HasFormContentType || !(request.ContentType ?? "").StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Send multipart/form-data",
                detail: $"Upload {what} as multipart/form-data."));
        }

        try
        {
            return (await request.ReadFormAsync(cancellationToken), null);
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException or IOException)
        {
            // The form reader reports a body over its limit as InvalidDataException("... limit ... exceeded"); other failures are malformed input.
            var tooLarge = (ex is InvalidDataException && ex.Message.Contains("limit", StringComparison.OrdinalIgnoreCase))
                || (ex is BadHttpRequestException bad && bad.StatusCode == StatusCodes.Status413PayloadTooLarge);
            return (null, TypedResults.Problem(statusCode: tooLarge ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest,
                title: tooLarge ? "The request is too large" : "The upload could not be read",
                detail: tooLarge ? $"An evidence file may be at most {maxMegabytes} MB." : "The multipart body is malformed: " + ex.Message));
        }
    }
}
