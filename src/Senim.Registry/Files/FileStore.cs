namespace Senim.Registry.Files;

/// <summary>
/// Where evidence files live. The local folder is the default; an S3-compatible store implements the
/// same three operations (keys are opaque, immutable, and never reused).
/// </summary>
public interface IFileStore
{
    /// <summary>Stores the bytes and returns the key to read them back.</summary>
    Task<string> SaveAsync(Stream content, CancellationToken cancellationToken = default);

    /// <summary>Opens stored bytes, or returns null when the key is unknown.</summary>
    Task<Stream?> OpenAsync(string key, CancellationToken cancellationToken = default);

    Task DeleteAsync(string key, CancellationToken cancellationToken = default);
}

/// <summary>Files in a local folder (data/files by default), one file per key, readable by Senim's user only (<see cref="PrivateFiles"/>).</summary>
public sealed class LocalFileStore : IFileStore
{
    private readonly string _root;

    public LocalFileStore(string root)
    {
        _root = Path.GetFullPath(root);
        PrivateFiles.CreateFolder(_root);
    }

    public async Task<string> SaveAsync(Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var key = $"{DateTime.UtcNow:yyyy}/{Guid.NewGuid():N}";
        var path = PathOf(key);
        PrivateFiles.CreateFolder(Path.GetDirectoryName(path)!);
        var temporary = path + ".part";
        var options = PrivateFiles.Create(options: FileOptions.Asynchronous);
        options.BufferSize = 81920;
        await using (var file = new FileStream(temporary, options))
        {
            await content.CopyToAsync(file, cancellationToken);
        }

        // A crash leaves a .part file, never a half-written attachment under a valid key.
        File.Move(temporary, path);
        return key;
    }

    public Task<Stream?> OpenAsync(string key, CancellationToken cancellationToken = default)
    {
        var path = PathOf(key);
        return Task.FromResult<Stream?>(File.Exists(path) ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true) : null);
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        var path = PathOf(key);
        if (File.Exists(path))
        {
            File.Delete(path);
        }

        return Task.CompletedTask;
    }

    private string PathOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Contains("..", StringComparison.Ordinal) || Path.IsPathRooted(key) || key.Any(c => !(char.IsAsciiLetterOrDigit(c) || c == '/')))
        {
            throw new ArgumentException("invalid storage key", nameof(key));
        }

        return Path.Combine(_root, key);
    }
}
