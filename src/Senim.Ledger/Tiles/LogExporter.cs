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
    public static int Export(ILogStore store, string directory)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(directory);
        var checkpoint = store.ReadCheckpoint() ?? throw new LedgerException(LedgerError.Missing, "The log has not signed a checkpoint yet.");
        var treeSize = Checkpoints.Checkpoint.ParseBody(Notes.SignedNote.Parse(checkpoint).Text).Size;
        var written = 0;
        foreach (var tile in TileLayout.HashTiles(treeSize))
        {
            written += Write(directory, tile, () => TileLayout.TileBytes(store, tile));
        }

        foreach (var bundle in TileLayout.EntryBundles(treeSize))
        {
            written += Write(directory, bundle, () => TileLayout.EntryBundle(store.ReadEntries(bundle.Index * TilePath.FullWidth, bundle.Width)));
        }

        WriteAtomically(Path.Combine(directory, "checkpoint"), Encoding.UTF8.GetBytes(checkpoint));
        return written + 1;
    }

    private static int Write(string directory, TilePath tile, Func<byte[]> bytes)
    {
        var file = Path.Combine(directory, tile.ToString());
        if (!tile.IsPartial && File.Exists(file))
        {
            return 0;
        }

        WriteAtomically(file, bytes());
        return 1;
    }

    private static void WriteAtomically(string file, byte[] bytes)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var temporary = file + ".tmp-" + Environment.ProcessId;
        File.WriteAllBytes(temporary, bytes);
        File.Move(temporary, file, overwrite: true);
    }
}
