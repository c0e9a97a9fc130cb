using Senim.Ledger.Merkle;

namespace Senim.Ledger.Storage;

/// <summary>A growable array of hashes in fixed-size chunks: appends never copy what is already stored.</summary>
internal sealed class HashColumn
{
    private const int ChunkBits = 16;
    private const int ChunkSize = 1 << ChunkBits;
    private MerkleHash[][] _chunks = new MerkleHash[4][];

    public long Count { get; private set; }

    public void Set(long index, MerkleHash hash)
    {
        var chunk = (int)(index >> ChunkBits);
        if (chunk >= _chunks.Length)
        {
            Array.Resize(ref _chunks, Math.Max(chunk + 1, _chunks.Length * 2));
        }

        (_chunks[chunk] ??= new MerkleHash[ChunkSize])[index & (ChunkSize - 1)] = hash;
    }

    public void Publish(long count) => Count = count;

    public MerkleHash Get(long index) => _chunks[index >> ChunkBits][index & (ChunkSize - 1)];

    public void Read(long start, Span<MerkleHash> destination)
    {
        var at = start;
        var written = 0;
        while (written < destination.Length)
        {
            var offset = (int)(at & (ChunkSize - 1));
            var take = Math.Min(ChunkSize - offset, destination.Length - written);
            _chunks[at >> ChunkBits].AsSpan(offset, take).CopyTo(destination.Slice(written, take));
            written += take;
            at += take;
        }
    }
}
