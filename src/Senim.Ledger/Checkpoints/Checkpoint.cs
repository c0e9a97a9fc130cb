using System.Globalization;
using System.Text;
using Senim.Ledger.Merkle;
using Senim.Ledger.Notes;

namespace Senim.Ledger.Checkpoints;

/// <summary>
/// A C2SP tlog-checkpoint body: origin line, tree size in decimal (no leading zeros), base64 root hash, then
/// optional non-empty extension lines; every line ends in a newline.
/// </summary>
public sealed record Checkpoint(string Origin, long Size, MerkleHash Root, IReadOnlyList<string> Extensions)
{
    /// <summary>A checkpoint without extension lines.</summary>
    public Checkpoint(string origin, long size, MerkleHash root)
        : this(origin, size, root, [])
    {
    }

    /// <summary>The note text that is signed.</summary>
    public string ToBody()
    {
        var body = new StringBuilder();
        body.Append(Origin).Append('\n')
            .Append(Size.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append(Root.ToBase64()).Append('\n');
        foreach (var line in Extensions)
        {
            body.Append(line).Append('\n');
        }

        return body.ToString();
    }

    /// <summary>Signs the body and returns the signed note.</summary>
    public string Sign(NoteSigner signer)
    {
        ArgumentNullException.ThrowIfNull(signer);
        return signer.SignNote(ToBody());
    }

    /// <summary>Parses a checkpoint body strictly.</summary>
    public static Checkpoint ParseBody(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.EndsWith('\n'))
        {
            throw Malformed("A checkpoint body ends with a newline.");
        }

        var lines = text[..^1].Split('\n');
        if (lines.Length < 3)
        {
            throw Malformed("A checkpoint has an origin line, a size line and a root hash line.");
        }

        var origin = lines[0];
        if (origin.Length == 0)
        {
            throw Malformed("The checkpoint's origin line is empty.");
        }

        var size = ParseDecimal(lines[1], "checkpoint size");
        if (!MerkleHash.TryParseBase64(lines[2], out var root))
        {
            throw Malformed($"The checkpoint's root '{MerkleHash.Shorten(lines[2])}' is not base64 of 32 bytes.");
        }

        var extensions = lines[3..];
        if (extensions.Any(l => l.Length == 0))
        {
            throw Malformed("A checkpoint extension line is empty.");
        }

        return new Checkpoint(origin, size, root, extensions);
    }

    /// <summary>
    /// Opens a signed checkpoint: checks the signature of the log's key (and ignores unknown keys), parses the body,
    /// and checks the origin. Returns the checkpoint and the note with every signature line it carries.
    /// </summary>
    public static (Checkpoint Checkpoint, SignedNote Note, IReadOnlyList<VerifiedSignature> Verified) Open(string signedNote, string origin, IEnumerable<NoteVerifier> trusted)
    {
        var note = SignedNote.Parse(signedNote);
        var verified = note.Verify(trusted);
        var checkpoint = ParseBody(note.Text);
        if (checkpoint.Origin != origin)
        {
            throw new LedgerException(LedgerError.WrongOrigin, $"The checkpoint is for '{MerkleHash.Shorten(checkpoint.Origin)}', not for '{origin}'.");
        }

        return (checkpoint, note, verified);
    }

    /// <summary>An ASCII decimal without sign or leading zeros, within the range of a long.</summary>
    public static long ParseDecimal(string text, string what)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0 || text.Length > 19 || (text.Length > 1 && text[0] == '0') || !text.All(char.IsAsciiDigit)
            || !long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            throw Malformed($"The {what} '{MerkleHash.Shorten(text)}' is not a decimal number without leading zeros.");
        }

        return value;
    }

    private static LedgerException Malformed(string message) => new(LedgerError.Malformed, message);
}
