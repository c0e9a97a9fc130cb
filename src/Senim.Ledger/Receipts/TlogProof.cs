using System.Globalization;
using System.Text;
using Senim.Ledger.Checkpoints;
using Senim.Ledger.Merkle;

namespace Senim.Ledger.Receipts;

/// <summary>
/// An offline receipt in the C2SP tlog-proof format: "c2sp.org/tlog-proof@v1", an optional "extra" line, "index N",
/// the inclusion proof (one base64 hash per line, leaf side first), a blank line, then the signed checkpoint
/// verbatim (with any witness cosignatures).
/// </summary>
public sealed record TlogProof(long Index, IReadOnlyList<MerkleHash> Proof, string SignedCheckpoint, byte[]? Extra = null)
{
    /// <summary>The first line of every proof.</summary>
    public const string Header = "c2sp.org/tlog-proof@v1";

    /// <summary>Largest receipt accepted.</summary>
    public const int MaxBytes = 64 * 1024;

    /// <summary>The receipt's text.</summary>
    public override string ToString()
    {
        var text = new StringBuilder(Header).Append('\n');
        if (Extra is not null)
        {
            text.Append("extra ").Append(Convert.ToBase64String(Extra)).Append('\n');
        }

        text.Append("index ").Append(Index.ToString(CultureInfo.InvariantCulture)).Append('\n');
        foreach (var hash in Proof)
        {
            text.Append(hash.ToBase64()).Append('\n');
        }

        return text.Append('\n').Append(SignedCheckpoint).ToString();
    }

    /// <summary>The receipt for entry <paramref name="index"/> against a signed checkpoint, with the proof computed from stored hashes.</summary>
    public static async ValueTask<TlogProof> CreateAsync(IHashReader reader, long index, string signedCheckpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signedCheckpoint);
        var size = Checkpoint.ParseBody(Notes.SignedNote.Parse(signedCheckpoint).Text).Size;
        return new TlogProof(index, await MerkleTree.InclusionProofAsync(reader, index, size, cancellationToken), signedCheckpoint);
    }

    /// <summary>Parses a receipt strictly (bounded: at most <see cref="MaxBytes"/> and 63 proof hashes).</summary>
    public static TlogProof Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxBytes)
        {
            throw Malformed($"A receipt is at most {MaxBytes} bytes.");
        }

        var blank = text.IndexOf("\n\n", StringComparison.Ordinal);
        if (blank < 0)
        {
            throw Malformed("A receipt has a blank line between the proof and the checkpoint.");
        }

        var lines = text[..blank].Split('\n');
        if (lines[0] != Header)
        {
            throw Malformed($"A receipt starts with the line '{Header}'.");
        }

        var at = 1;
        byte[]? extra = null;
        if (at < lines.Length && lines[at].StartsWith("extra ", StringComparison.Ordinal))
        {
            extra = Notes.NoteKeys.DecodeBase64(lines[at]["extra ".Length..]) ?? throw Malformed("The extra line is not base64.");
            at++;
        }

        if (at >= lines.Length || !lines[at].StartsWith("index ", StringComparison.Ordinal))
        {
            throw Malformed("A receipt has an 'index N' line.");
        }

        var index = Checkpoint.ParseDecimal(lines[at]["index ".Length..], "receipt index");
        at++;
        var proof = new List<MerkleHash>();
        for (; at < lines.Length; at++)
        {
            if (proof.Count == 63)
            {
                throw Malformed("A receipt's inclusion proof has at most 63 hashes.");
            }

            if (!MerkleHash.TryParseBase64(lines[at], out var hash))
            {
                throw Malformed($"Proof line {proof.Count + 1} is not base64 of a 32-byte hash.");
            }

            proof.Add(hash);
        }

        return new TlogProof(index, proof, text[(blank + 2)..], extra);
    }

    private static LedgerException Malformed(string message) => new(LedgerError.Malformed, message);
}
