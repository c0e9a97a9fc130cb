using System.Globalization;
using Senim.Ledger.Checkpoints;
using Senim.Ledger.Merkle;
using Senim.Ledger.Notes;

namespace Senim.Ledger.Receipts;

/// <summary>Whom a receipt must satisfy: the log's origin and key, and optionally witnesses with a quorum.</summary>
public sealed record ReceiptPolicy(string Origin, NoteVerifier LogKey, IReadOnlyList<NoteVerifier> Witnesses, int WitnessQuorum)
{
    /// <summary>A policy that trusts the log's key alone.</summary>
    public ReceiptPolicy(string origin, NoteVerifier logKey)
        : this(origin, logKey, [], 0)
    {
    }
}

/// <summary>The outcome of checking a receipt: every step taken, and the error if one failed.</summary>
public sealed record ReceiptVerification(bool Valid, IReadOnlyList<VerificationStep> Steps, string? Error, LedgerError? ErrorKind, Checkpoint? Checkpoint, long? Index);

/// <summary>
/// Verifies a tlog-proof receipt for an entry, offline, step by step: parse, checkpoint signature by the log's
/// key, origin, witness cosignatures (if the policy asks), leaf hash of the entry, inclusion proof hash by hash,
/// root comparison. Never throws for bad input: the result says what failed and where.
/// </summary>
public static class ReceiptVerifier
{
    /// <summary>Checks that <paramref name="entry"/> is in the log the receipt's checkpoint describes.</summary>
    public static ReceiptVerification Verify(string receiptText, ReadOnlySpan<byte> entry, ReceiptPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var leaf = Rfc9162.LeafHash(entry);
        var steps = new List<VerificationStep>
        {
            new("Leaf hash of the entry: SHA-256(0x00 ‖ entry)", [new("entry bytes", entry.Length.ToString(CultureInfo.InvariantCulture))], [new("leaf hash", leaf.ToHex())], true),
        };
        return Verify(receiptText, leaf, policy, steps);
    }

    /// <summary>Checks that the leaf with hash <paramref name="leafHash"/> is in the log.</summary>
    public static ReceiptVerification VerifyLeafHash(string receiptText, MerkleHash leafHash, ReceiptPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return Verify(receiptText, leafHash, policy, [new("Leaf hash (given)", [], [new("leaf hash", leafHash.ToHex())], true)]);
    }

    private static ReceiptVerification Verify(string receiptText, MerkleHash leaf, ReceiptPolicy policy, List<VerificationStep> steps)
    {
        Checkpoint? checkpoint = null;
        long? index = null;
        try
        {
            var receipt = Step(steps, "Parse the receipt (c2sp.org/tlog-proof@v1)", [new("bytes", (receiptText?.Length ?? 0).ToString(CultureInfo.InvariantCulture))], () =>
            {
                var parsed = TlogProof.Parse(receiptText ?? throw new LedgerException(LedgerError.Malformed, "No receipt."));
                return (parsed, new List<StepValue> { new("index", parsed.Index.ToString(CultureInfo.InvariantCulture)), new("proof hashes", parsed.Proof.Count.ToString(CultureInfo.InvariantCulture)) });
            });
            index = receipt.Index;

            var note = Step(steps, "Check the checkpoint's signature by the log's key", [new("log key", policy.LogKey.VerifierKey)], () =>
            {
                var parsed = SignedNote.Parse(receipt.SignedCheckpoint);
                var verified = parsed.Verify([policy.LogKey]);
                return (parsed, new List<StepValue> { new("signed by", $"{verified[0].Verifier.Name}+{verified[0].Verifier.KeyId:x8}") });
            });

            checkpoint = Step(steps, "Read the checkpoint and check its origin", [new("expected origin", policy.Origin)], () =>
            {
                var parsed = Checkpoint.ParseBody(note.Text);
                if (parsed.Origin != policy.Origin)
                {
                    throw new LedgerException(LedgerError.WrongOrigin, $"The receipt is for the log '{MerkleHash.Shorten(parsed.Origin)}', not '{policy.Origin}'.");
                }

                return (parsed, new List<StepValue> { new("origin", parsed.Origin), new("tree size", parsed.Size.ToString(CultureInfo.InvariantCulture)), new("root", parsed.Root.ToHex()) });
            });

            if (policy.WitnessQuorum > 0)
            {
                Step(steps, "Count witness cosignatures", [new("quorum", policy.WitnessQuorum.ToString(CultureInfo.InvariantCulture))], () =>
                {
                    var text = System.Text.Encoding.UTF8.GetBytes(note.Text);
                    var good = new List<string>();
                    foreach (var witness in policy.Witnesses)
                    {
                        var signature = note.Signatures.FirstOrDefault(s => s.Name == witness.Name && s.KeyId == witness.KeyId);
                        if (signature is not null && witness.Verify(text, signature.Bytes))
                        {
                            good.Add(witness.Name);
                        }
                    }

                    if (good.Count < policy.WitnessQuorum)
                    {
                        throw new LedgerException(LedgerError.UnknownKey, $"{good.Count} valid witness cosignature(s), {policy.WitnessQuorum} required.");
                    }

                    return (0, new List<StepValue> { new("cosigned by", string.Join(", ", good)) });
                });
            }

            var cp = checkpoint;
            steps.Add(new VerificationStep("Recompute the root from the leaf and the inclusion proof (RFC 9162 §2.1.3.2)", [new("index", receipt.Index.ToString(CultureInfo.InvariantCulture)), new("tree size", cp.Size.ToString(CultureInfo.InvariantCulture))], [], true));
            ProofVerifier.VerifyInclusion(receipt.Index, cp.Size, leaf, receipt.Proof, cp.Root, steps);
            return new ReceiptVerification(true, steps, null, null, checkpoint, index);
        }
        catch (LedgerException ex)
        {
            if (steps.Count == 0 || steps[^1].Ok)
            {
                steps.Add(new VerificationStep("Failed", [], [new("error", ex.Message)], false));
            }

            return new ReceiptVerification(false, steps, ex.Message, ex.Kind, checkpoint, index);
        }
    }

    private static T Step<T>(List<VerificationStep> steps, string title, List<StepValue> inputs, Func<(T Value, List<StepValue> Outputs)> work)
    {
        try
        {
            var (value, outputs) = work();
            steps.Add(new VerificationStep(title, inputs, outputs, true));
            return value;
        }
        catch (LedgerException ex)
        {
            steps.Add(new VerificationStep(title, inputs, [new("error", ex.Message)], false));
            throw;
        }
    }
}
