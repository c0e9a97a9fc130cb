using System.Security.Cryptography;
using Senim.Registry.Services;

namespace Senim.Registry.Files;

/// <summary>An uploaded evidence file, read within the limit and checked to be of the type its name claims.</summary>
public sealed record EvidenceFile(string Name, string ContentType, byte[] Bytes)
{
    /// <summary>Lower-case hex SHA-256 of the bytes.</summary>
    public string Sha256 { get; } = Convert.ToHexStringLower(SHA256.HashData(Bytes));

    /// <summary>
    /// The checks that need no reading (name, type by extension, announced size), as field errors on
    /// <paramref name="field"/>; returns the file's name and extension. Evidence of documents, of organisations'
    /// verifications and of BIN disputes share them (<see cref="DocumentService.AllowedTypes"/>, at most
    /// <see cref="DocumentService.MaxAttachmentBytes"/>).
    /// </summary>
    public static (string Name, string Extension) Check(string? fileName, long length, string field)
    {
        var errors = new FieldErrors();
        var name = Path.GetFileName(fileName ?? "").Trim();
        var extension = Path.GetExtension(name);
        if (name.Length == 0 || name.Length > 255)
        {
            errors.Add(field, "file-name", "the file needs a name of at most 255 characters");
        }
        else if (!DocumentService.AllowedTypes.TryGetValue(extension, out _))
        {
            errors.Add(field, "file-type", "files of type '{0}' are not accepted; accepted: {1}", extension, string.Join(", ", DocumentService.AllowedTypes.Keys));
        }

        if (length > DocumentService.MaxAttachmentBytes)
        {
            errors.Add(field, "file-size", "the file is {0:0.0} MB; at most {1} MB are accepted", length / 1024.0 / 1024.0, DocumentService.MaxAttachmentBytes / 1024 / 1024);
        }

        if (length == 0)
        {
            errors.Add(field, "file-empty", "the file is empty");
        }

        errors.ThrowIfAny();
        return (name, extension);
    }

    /// <summary>Reads <paramref name="content"/> into memory within the limit (however long it says it is), then checks that its bytes are of the type the extension names.</summary>
    public static async Task<EvidenceFile> ReadAsync(string name, string extension, Stream content, string field, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var errors = new FieldErrors();
        using var buffer = await BoundedRead.ReadAsync(content, DocumentService.MaxAttachmentBytes, cancellationToken);
        if (buffer.Length > DocumentService.MaxAttachmentBytes)
        {
            errors.Add(field, "file-size", "the file is {0:0.0} MB; at most {1} MB are accepted", buffer.Length / 1024.0 / 1024.0, DocumentService.MaxAttachmentBytes / 1024 / 1024);
            errors.ThrowIfAny();
        }

        var bytes = buffer.ToArray();
        if (bytes.Length == 0)
        {
            errors.Add(field, "file-empty", "the file is empty");
        }
        else if (!DocumentService.ContentMatches(extension, bytes))
        {
            errors.Add(field, "file-content", "the file's content is not a {0} file", extension);
        }

        errors.ThrowIfAny();
        return new EvidenceFile(name, DocumentService.AllowedTypes[extension], bytes);
    }

    /// <summary>Both: the checks, then the reading.</summary>
    public static async Task<EvidenceFile> ReadAsync(string? fileName, Stream content, long length, string field, CancellationToken cancellationToken)
    {
        var (name, extension) = Check(fileName, length, field);
        return await ReadAsync(name, extension, content, field, cancellationToken);
    }
}
