using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Senim.Web.Features.Labels;

/// <summary>
/// A file sent to the label endpoints, streamed to a temporary file (deleted when disposed) without
/// ever holding it in memory: the part named "file" of a multipart form, or the raw body. A multipart
/// form may also carry a "sidecar" part and short text fields. Anything over the limit is a 413; past the node's
/// <see cref="UploadBudget"/> of bytes in flight, a 503.
/// </summary>
public sealed class LabelUpload : IAsyncDisposable
{
    /// <summary>The longest text field a form may carry by default (the label forms' short fields).</summary>
    public const int DefaultMaxFieldBytes = 4096;
    private const int MaxFields = 20;

    private readonly Reservation _reservation;

    private LabelUpload(Reservation reservation, FileStream? file, FileStream? sidecar, string? fileName, string? contentType, Dictionary<string, string> fields)
    {
        _reservation = reservation;
        File = file;
        Sidecar = sidecar;
        FileName = fileName;
        ContentType = contentType;
        Fields = fields;
    }

    /// <summary>The file, positioned at its start; null when none was sent.</summary>
    public FileStream? File { get; }

    /// <summary>The .c2pa sidecar sent with the file, if any.</summary>
    public FileStream? Sidecar { get; }

    /// <summary>The file name the client gave (multipart filename, Content-Disposition or ?filename=).</summary>
    public string? FileName { get; }

    /// <summary>The media type the client declared for the file.</summary>
    public string? ContentType { get; }

    /// <summary>Text fields of a multipart form.</summary>
    public IReadOnlyDictionary<string, string> Fields { get; }

    /// <summary>A field from the form, else from the query string.</summary>
    public string? Value(HttpRequest request, string name)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Fields.TryGetValue(name, out var value) ? value : request.Query[name].FirstOrDefault();
    }

    /// <summary>
    /// Reads the request; throws <see cref="BadHttpRequestException"/> with 413 over <paramref name="maxBytes"/> per file, 400 for a
    /// broken form or a text field over <paramref name="maxFieldBytes"/> (a citizen's account of what happened is longer than a label's notice).
    /// </summary>
    public static async Task<LabelUpload> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken, int maxFieldBytes = DefaultMaxFieldBytes)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength is { } declared && declared > (2 * maxBytes) + (64 * 1024))
        {
            throw TooLarge(maxBytes);
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = (2 * maxBytes) + (64 * 1024);
        }

        // A declared length is reserved whole before anything is read; an undeclared one chunk by chunk.
        var budget = request.HttpContext.RequestServices.GetRequiredService<UploadBudget>();
        var reservation = new Reservation(budget, request.HttpContext.Response);
        if (request.ContentLength is { } length && !reservation.Cover(length))
        {
            throw budget.Full(request.HttpContext.Response);
        }

        try
        {
            return await ReadAsync(request, maxBytes, maxFieldBytes, reservation, cancellationToken);
        }
        catch
        {
            reservation.Dispose();
            throw;
        }
    }

    private static async Task<LabelUpload> ReadAsync(HttpRequest request, long maxBytes, int maxFieldBytes, Reservation reservation, CancellationToken cancellationToken)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType) || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            var raw = await CopyAsync(request.Body, maxBytes, reservation, cancellationToken);
            var disposition = ContentDispositionHeaderValue.TryParse(request.Headers.ContentDisposition.ToString(), out var header) ? header : null;
            var name = disposition?.FileNameStar.Value ?? disposition?.FileName.Value?.Trim('"') ?? request.Query["filename"].FirstOrDefault();
            return new LabelUpload(reservation, raw.Length == 0 ? await Dispose(raw) : raw, null, name, mediaType?.MediaType.Value, fields);
        }

        var boundary = HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value;
        if (string.IsNullOrEmpty(boundary) || boundary.Length > 200)
        {
            throw new BadHttpRequestException("The multipart form has no usable boundary.", StatusCodes.Status400BadRequest);
        }

        FileStream? file = null, sidecar = null;
        string? fileName = null, contentType = null;
        try
        {
            var reader = new MultipartReader(boundary, request.Body) { HeadersLengthLimit = 16 * 1024 };
            MultipartSection? section;
            while ((section = await reader.ReadNextSectionAsync(cancellationToken)) is not null)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var name = disposition.Name.Value?.Trim('"') ?? "";
                if (disposition.IsFileDisposition())
                {
                    var copy = await CopyAsync(section.Body, maxBytes, reservation, cancellationToken);
                    if (name == "file" && file is null)
                    {
                        file = copy;
                        fileName = disposition.FileNameStar.Value ?? disposition.FileName.Value?.Trim('"');
                        contentType = section.ContentType;
                    }
                    else if (name == "sidecar" && sidecar is null)
                    {
                        sidecar = copy;
                    }
                    else
                    {
                        await copy.DisposeAsync();
                    }

                    continue;
                }

                if (fields.Count >= MaxFields)
                {
                    throw new BadHttpRequestException($"The form has more than {MaxFields} fields.", StatusCodes.Status400BadRequest);
                }

                using var buffer = new MemoryStream();
                await CopyBoundedAsync(section.Body, buffer, maxFieldBytes, null, () => new BadHttpRequestException($"The form field '{name}' is longer than {maxFieldBytes} bytes.", StatusCodes.Status400BadRequest), cancellationToken);
                fields[name] = System.Text.Encoding.UTF8.GetString(buffer.ToArray());
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException && ex is not BadHttpRequestException)
        {
            await DisposeAll(file, sidecar);
            throw new BadHttpRequestException("The multipart form is malformed: " + ex.Message, StatusCodes.Status400BadRequest);
        }
        catch
        {
            await DisposeAll(file, sidecar);
            throw;
        }

        if (file is { Length: 0 })
        {
            file = await Dispose(file);
        }

        if (sidecar is { Length: 0 })
        {
            sidecar = await Dispose(sidecar);
        }

        return new LabelUpload(reservation, file, sidecar, fileName, contentType, fields);
    }

    public async ValueTask DisposeAsync()
    {
        await DisposeAll(File, Sidecar);
        _reservation.Dispose();
    }

    /// <summary>A temporary file, deleted when closed.</summary>
    public static FileStream TemporaryFile()
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.ReadWrite, Options = FileOptions.DeleteOnClose | FileOptions.Asynchronous };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return new FileStream(Path.Combine(Path.GetTempPath(), "senim-label-" + Guid.NewGuid().ToString("N")), options);
    }

    private static async Task<FileStream> CopyAsync(Stream source, long maxBytes, Reservation reservation, CancellationToken cancellationToken)
    {
        var target = TemporaryFile();
        try
        {
            await CopyBoundedAsync(source, target, maxBytes, reservation, () => TooLarge(maxBytes), cancellationToken);
            await target.FlushAsync(cancellationToken);
            target.Position = 0;
            return target;
        }
        catch
        {
            await target.DisposeAsync();
            throw;
        }
    }

    private static async Task CopyBoundedAsync(Stream source, Stream target, long maxBytes, Reservation? reservation, Func<Exception> tooLarge, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        long total = 0;
        int read;
        try
        {
            while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
            {
                total += read;
                if (total > maxBytes)
                {
                    throw tooLarge();
                }

                reservation?.Take(read);

                await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // Kestrel's own body limit, or ours: the same answer.
            throw tooLarge();
        }
    }

    private static BadHttpRequestException TooLarge(long maxBytes) =>
        new($"The file is larger than the limit of {Size(maxBytes)} ({maxBytes:N0} bytes).", StatusCodes.Status413PayloadTooLarge);

    /// <summary>A byte count for people: MB from 1 MB up, else KB.</summary>
    public static string Size(long bytes) => bytes >= 1024 * 1024
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MB")
        : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KB");

    private static async Task<FileStream?> Dispose(FileStream stream)
    {
        await stream.DisposeAsync();
        return null;
    }

    private static async Task DisposeAll(params FileStream?[] streams)
    {
        foreach (var stream in streams)
        {
            if (stream is not null)
            {
                await stream.DisposeAsync();
            }
        }
    }

    /// <summary>The bytes one upload holds of the <see cref="UploadBudget"/>: covered up front by a declared length, else taken as read.</summary>
    private sealed class Reservation(UploadBudget budget, HttpResponse response) : IDisposable
    {
        private long _reserved;
        private long _used;
        private bool _covered;

        /// <summary>Reserves the whole declared length.</summary>
        public bool Cover(long length)
        {
            if (!budget.TryReserve(length))
            {
                return false;
            }

            _reserved = length;
            _covered = true;
            return true;
        }

        /// <summary>Counts bytes read; beyond a declared length (which Kestrel does not let happen) or without one, each chunk is reserved as it comes.</summary>
        public void Take(long bytes)
        {
            _used += bytes;
            if (_covered && _used <= _reserved)
            {
                return;
            }

            var more = _used - _reserved;
            if (!budget.TryReserve(more))
            {
                throw budget.Full(response);
            }

            _reserved += more;
        }

        public void Dispose()
        {
            budget.Release(Interlocked.Exchange(ref _reserved, 0));
        }
    }
}
