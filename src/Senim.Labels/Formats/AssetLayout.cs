using System.Security.Cryptography;

namespace Senim.Labels.Formats;

/// <summary>A part of the output asset: a byte range of the source, new bytes, or the slot for the wrapped manifest store.</summary>
internal abstract record Piece
{
    public abstract long Length { get; }
}

/// <summary>Bytes copied from the source stream.</summary>
internal sealed record SourceRange(long Offset, long Count) : Piece
{
    public override long Length => Count;
}

/// <summary>New bytes (an XMP segment or chunk).</summary>
internal sealed record Literal(byte[] Bytes) : Piece
{
    public override long Length => Bytes.Length;
}

/// <summary>Where the manifest store goes, wrapped for the container; its length is set once the store is built.</summary>
internal sealed record ManifestSlot(long WrappedLength) : Piece
{
    public override long Length => WrappedLength;
}

/// <summary>
/// The output asset as a list of pieces, so the asset can be hashed (without the manifest slot) and
/// then written by copying the source in bounded chunks: memory stays constant whatever the asset size.
/// </summary>
internal static class AssetLayout
{
    private const int ChunkSize = 81920;

    /// <summary>The offset of the manifest slot in the output, or -1.</summary>
    public static long SlotOffset(IReadOnlyList<Piece> pieces)
    {
        long offset = 0;
        foreach (var piece in pieces)
        {
            if (piece is ManifestSlot)
            {
                return offset;
            }

            offset += piece.Length;
        }

        return -1;
    }

    /// <summary>SHA-256 (or another algorithm) of every piece except the manifest slot.</summary>
    public static byte[] Hash(Stream source, IReadOnlyList<Piece> pieces, HashAlgorithmName algorithm)
    {
        using var hash = IncrementalHash.CreateHash(algorithm);
        Emit(source, pieces, chunk => hash.AppendData(chunk), slot: null);
        return hash.GetHashAndReset();
    }

    /// <summary>Writes every piece to <paramref name="output"/>, with <paramref name="wrappedStore"/> in the manifest slot.</summary>
    public static void Write(Stream source, IReadOnlyList<Piece> pieces, byte[] wrappedStore, Stream output) =>
        Emit(source, pieces, chunk => output.Write(chunk), slot =>
        {
            if (slot.WrappedLength != wrappedStore.Length)
            {
                throw new InvalidOperationException($"The manifest slot holds {slot.WrappedLength} bytes but the wrapped store has {wrappedStore.Length}.");
            }

            output.Write(wrappedStore);
        });

    /// <summary>Hands every piece's bytes to <paramref name="action"/> in order; the manifest slot goes to <paramref name="slot"/>, or is skipped without it.</summary>
    private static void Emit(Stream source, IReadOnlyList<Piece> pieces, ChunkAction action, Action<ManifestSlot>? slot)
    {
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            foreach (var piece in pieces)
            {
                switch (piece)
                {
                    case SourceRange range:
                        Copy(source, range, buffer, action);
                        break;
                    case Literal literal:
                        action(literal.Bytes);
                        break;
                    case ManifestSlot manifestSlot:
                        slot?.Invoke(manifestSlot);
                        break;
                }
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private delegate void ChunkAction(ReadOnlySpan<byte> chunk);

    private static void Copy(Stream source, SourceRange range, byte[] buffer, ChunkAction action)
    {
        source.Position = range.Offset;
        var remaining = range.Count;
        while (remaining > 0)
        {
            var read = source.Read(buffer, 0, (int)Math.Min(buffer.Length, remaining));
            if (read == 0)
            {
                throw new LabelException(LabelError.Truncated, "The asset ended while it was being read; was it changed during signing?");
            }

            action(buffer.AsSpan(0, read));
            remaining -= read;
        }
    }
}
