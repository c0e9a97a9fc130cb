namespace Senim.Labels.Formats;

/// <summary>
/// How a container will hold a new manifest store: the pieces of the output around the slot, how to
/// wrap the store for the slot, and the store the asset already carried (kept as the new store's history).
/// </summary>
internal sealed record EmbedPlan(
    AssetFormat Format,
    IReadOnlyList<Piece> PiecesAroundSlot,
    Func<int, long> WrappedLength,
    Func<byte[], byte[]> Wrap,
    ReadOnlyMemory<byte>? ExistingStore)
{
    /// <summary>The pieces with the slot sized for a store of <paramref name="storeLength"/> bytes.</summary>
    public IReadOnlyList<Piece> WithStoreLength(int storeLength)
    {
        var pieces = new List<Piece>(PiecesAroundSlot.Count);
        foreach (var piece in PiecesAroundSlot)
        {
            pieces.Add(piece is ManifestSlot ? new ManifestSlot(WrappedLength(storeLength)) : piece);
        }

        return pieces;
    }
}

/// <summary>Where an embedded store was found: its bytes and the byte ranges of the asset that hold it.</summary>
public sealed record EmbeddedStore(ReadOnlyMemory<byte> Bytes, IReadOnlyList<(long Offset, long Length)> Ranges);
