namespace Senim.Ledger.Tiles;

/// <summary>
/// Where a verifier reads a tiled log's resources ("checkpoint", "tile/0/000", ...): a folder, or (in the CLI) an
/// HTTP prefix. Everything read is untrusted until a signed checkpoint vouches for it. Implementations may be read
/// from several tasks at once (a proof fetches the few tiles it needs together).
/// </summary>
public interface ILogSource
{
    /// <summary>The resource's bytes, or null when it does not exist.</summary>
    /// <exception cref="LedgerException">The resource is larger than <paramref name="maxBytes"/> (kind <see cref="LedgerError.Malformed"/>) or could not be read (kind <see cref="LedgerError.Missing"/>).</exception>
    ValueTask<byte[]?> ReadAsync(string path, int maxBytes, CancellationToken cancellationToken = default);
}

/// <summary>A tiled log in a folder, as <see cref="LogExporter"/> writes it.</summary>
public sealed class DirectoryLogSource(string root) : ILogSource
{
    private readonly string _root = Path.GetFullPath(root);

    public async ValueTask<byte[]?> ReadAsync(string path, int maxBytes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        var file = Path.GetFullPath(Path.Combine(_root, path));
        if (!file.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new LedgerException(LedgerError.Malformed, $"'{path}' is outside the log folder.");
        }

        try
        {
            using var handle = File.OpenHandle(file, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.Asynchronous);
            var length = RandomAccess.GetLength(handle);
            if (length > maxBytes)
            {
                throw new LedgerException(LedgerError.Malformed, $"{path}: {length} bytes, oversize: larger than the {maxBytes} allowed.");
            }

            var bytes = new byte[length];
            var read = 0;
            while (read < bytes.Length)
            {
                var got = await RandomAccess.ReadAsync(handle, bytes.AsMemory(read), read, cancellationToken);
                if (got == 0)
                {
                    throw new LedgerException(LedgerError.Missing, $"{path}: the file shrank while it was read.");
                }

                read += got;
            }

            return bytes;
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
        catch (IOException ex)
        {
            throw new LedgerException(LedgerError.Missing, $"{path}: {ex.Message}");
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new LedgerException(LedgerError.Missing, $"{path}: {ex.Message}");
        }
    }
}
