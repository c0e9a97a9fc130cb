namespace Senim.Ledger.Tiles;

/// <summary>
/// Where a verifier reads a tiled log's resources ("checkpoint", "tile/0/000", ...): a folder, or (in the CLI) an
/// HTTP prefix. Everything read is untrusted until a signed checkpoint vouches for it.
/// </summary>
public interface ILogSource
{
    /// <summary>The resource's bytes, or null when it does not exist.</summary>
    /// <exception cref="LedgerException">The resource is larger than <paramref name="maxBytes"/> (kind <see cref="LedgerError.Malformed"/>) or could not be read (kind <see cref="LedgerError.Missing"/>).</exception>
    byte[]? Read(string path, int maxBytes);
}

/// <summary>A tiled log in a folder, as <see cref="LogExporter"/> writes it.</summary>
public sealed class DirectoryLogSource(string root) : ILogSource
{
    private readonly string _root = Path.GetFullPath(root);

    public byte[]? Read(string path, int maxBytes)
    {
        ArgumentNullException.ThrowIfNull(path);
        var file = Path.GetFullPath(Path.Combine(_root, path));
        if (!file.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new LedgerException(LedgerError.Malformed, $"'{path}' is outside the log folder.");
        }

        try
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.None);
            if (stream.Length > maxBytes)
            {
                throw new LedgerException(LedgerError.Malformed, $"{path}: {stream.Length} bytes, oversize: larger than the {maxBytes} allowed.");
            }

            var bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
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
