using System.Text;
using Senim.Ledger.Storage;

namespace Senim.Ledger.Tiles;

/// <summary>
/// Writes a log as static C2SP tlog-tiles files into a folder: <c>checkpoint</c>, every hash tile and every entry
/// bundle of the checkpoint's size. Each file is written to a temporary name and renamed, so a reader never sees a
/// half-written file; full tiles are immutable and are not rewritten; the checkpoint is written last.
/// </summary>
public static class LogExporter
{
    /// <summary>Exports the committed log at the size of its latest checkpoint; returns how many files were written.</summary>
    public static async ValueTask<int> ExportAsync(ILogStore store, string directory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(directory);
        var checkpoint = await store.ReadCheckpointAsync(cancellationToken) ?? throw new LedgerException(LedgerError.Missing, "The log has not signed a checkpoint yet.");
        var treeSize = Checkpoints.Checkpoint.ParseBody(Notes.SignedNote.Parse(checkpoint).Text).Size;
        var written = 0;
        foreach (var tile in TileLayout.HashTiles(treeSize))
        {
            written += await WriteAsync(directory, tile, ct => TileLayout.TileBytesAsync(store, tile, ct), cancellationToken);
        }

        foreach (var bundle in TileLayout.EntryBundles(treeSize))
        {
            written += await WriteAsync(directory, bundle, async ct => TileLayout.EntryBundle(await store.ReadEntriesAsync(bundle.Index * TilePath.FullWidth, bundle.Width, ct)), cancellationToken);
        }

        await WriteAtomicallyAsync(Path.Combine(directory, "checkpoint"), Encoding.UTF8.GetBytes(checkpoint), cancellationToken);
        return written + 1;
    }

    private static async ValueTask<int> WriteAsync(string directory, TilePath tile, Func<CancellationToken, ValueTask<byte[]>> bytes, CancellationToken cancellationToken)
    {
        var file = Path.Combine(directory, tile.ToString());
        if (!tile.IsPartial && File.Exists(file))
        {
            return 0;
        }

        await WriteAtomicallyAsync(file, await bytes(cancellationToken), cancellationToken);
        return 1;
    }

    private static async ValueTask WriteAtomicallyAsync(string file, byte[] bytes, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var temporary = file + ".tmp-" + Environment.ProcessId;
        await File.WriteAllBytesAsync(temporary, bytes, cancellationToken);
        File.Move(temporary, file, overwrite: true);
    }
}
