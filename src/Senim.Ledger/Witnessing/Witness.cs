using System.Globalization;
using System.Text;
using Senim.Ledger.Checkpoints;
using Senim.Ledger.Merkle;
using Senim.Ledger.Notes;

namespace Senim.Ledger.Witnessing;

/// <summary>
/// A C2SP tlog-witness: cosigns a log's checkpoint (tlog-cosignature/v1) only after checking the log's signature
/// and a consistency proof from the last checkpoint it cosigned for that origin. <see cref="AddCheckpoint"/> takes
/// the body of an <c>add-checkpoint</c> request and returns the HTTP status, content type and body the protocol
/// prescribes. Checking the old size and recording the new checkpoint happen under one lock, and the record is
/// persisted before the cosignature is returned.
/// </summary>
public sealed class Witness
{
    /// <summary>Largest request body accepted.</summary>
    public const int MaxRequestBytes = 64 * 1024;

    private readonly CosignatureSigner _signer;
    private readonly IReadOnlyDictionary<string, IReadOnlyList<NoteVerifier>> _logs;
    private readonly IWitnessState _state;
    private readonly Lock _gate = new();

    /// <param name="logs">Trusted logs: origin and the log's checkpoint keys.</param>
    public Witness(CosignatureSigner signer, IReadOnlyDictionary<string, IReadOnlyList<NoteVerifier>> logs, IWitnessState state)
    {
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(logs);
        ArgumentNullException.ThrowIfNull(state);
        _signer = signer;
        _logs = logs;
        _state = state;
    }

    /// <summary>Handles one add-checkpoint request body.</summary>
    public WitnessResponse AddCheckpoint(ReadOnlySpan<byte> body)
    {
        if (body.Length > MaxRequestBytes)
        {
            return Text(413, $"The request is larger than {MaxRequestBytes} bytes.");
        }

        string request;
        try
        {
            request = new UTF8Encoding(false, true).GetString(body);
        }
        catch (DecoderFallbackException)
        {
            return Text(400, "The request is not UTF-8.");
        }

        long oldSize;
        List<MerkleHash> proof = [];
        SignedNote note;
        Checkpoint checkpoint;
        try
        {
            var blank = request.IndexOf("\n\n", StringComparison.Ordinal);
            if (blank < 0)
            {
                return Text(400, "The request has no blank line before the checkpoint.");
            }

            var lines = request[..blank].Split('\n');
            if (!lines[0].StartsWith("old ", StringComparison.Ordinal))
            {
                return Text(400, "The request starts with 'old <size>'.");
            }

            oldSize = Checkpoint.ParseDecimal(lines[0][4..], "old size");
            if (lines.Length - 1 > 63)
            {
                return Text(400, "At most 63 consistency proof lines.");
            }

            foreach (var line in lines[1..])
            {
                proof.Add(MerkleHash.ParseBase64(line));
            }

            note = SignedNote.Parse(request[(blank + 2)..]);
            checkpoint = Checkpoint.ParseBody(note.Text);
        }
        catch (LedgerException ex)
        {
            return Text(400, ex.Message);
        }

        if (!_logs.TryGetValue(checkpoint.Origin, out var keys))
        {
            return Text(404, $"Unknown log origin '{MerkleHash.Shorten(checkpoint.Origin)}'.");
        }

        try
        {
            note.Verify(keys);
        }
        catch (LedgerException ex)
        {
            return Text(403, ex.Message);
        }

        if (oldSize > checkpoint.Size)
        {
            return Text(400, $"The old size {oldSize} is larger than the checkpoint's size {checkpoint.Size}.");
        }

        lock (_gate)
        {
            var latest = _state.Read(checkpoint.Origin);
            var latestSize = latest?.Size ?? 0;
            if (oldSize != latestSize)
            {
                return new WitnessResponse(409, "text/x.tlog.size", latestSize.ToString(CultureInfo.InvariantCulture) + "\n");
            }

            var latestRoot = latest?.Root ?? Rfc9162.EmptyRoot;
            if (oldSize == checkpoint.Size && latest is not null && latestRoot != checkpoint.Root)
            {
                return Text(409, $"The witness cosigned a different root for size {oldSize}.");
            }

            if (oldSize == 0 && proof.Count != 0)
            {
                return Text(422, "The consistency proof must be empty when the old size is 0.");
            }

            if (oldSize > 0)
            {
                try
                {
                    ProofVerifier.VerifyConsistency(oldSize, latestRoot, checkpoint.Size, checkpoint.Root, proof);
                }
                catch (LedgerException ex)
                {
                    return Text(422, ex.Message);
                }
            }

            _state.Write(checkpoint.Origin, new WitnessRecord(checkpoint.Size, checkpoint.Root));
        }

        return new WitnessResponse(200, "text/plain; charset=utf-8", _signer.SignatureLine(note.Text));
    }

    private static WitnessResponse Text(int status, string message) => new(status, "text/plain; charset=utf-8", message + "\n");
}

/// <summary>An HTTP answer of the witness protocol.</summary>
public sealed record WitnessResponse(int StatusCode, string ContentType, string Body);

/// <summary>What the witness last cosigned for one log.</summary>
public sealed record WitnessRecord(long Size, MerkleHash Root);

/// <summary>Where a witness keeps the latest checkpoint it cosigned per origin. <see cref="Write"/> must be durable before it returns.</summary>
public interface IWitnessState
{
    /// <summary>The latest checkpoint cosigned for <paramref name="origin"/>, or null if none was.</summary>
    WitnessRecord? Read(string origin);

    /// <summary>Records a newly cosigned checkpoint; durable when it returns.</summary>
    void Write(string origin, WitnessRecord record);
}
