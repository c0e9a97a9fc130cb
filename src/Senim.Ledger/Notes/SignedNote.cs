using System.Buffers.Binary;
using System.Text;

namespace Senim.Ledger.Notes;

/// <summary>
/// A C2SP signed note: text ending in a newline, a blank line, then one or more lines
/// "— name base64(keyid ‖ signature)". Parsing is strict and bounded: valid UTF-8, no control characters but
/// newline, at most <see cref="MaxBytes"/> bytes and <see cref="MaxSignatures"/> signatures.
/// </summary>
public sealed record SignedNote(string Text, IReadOnlyList<NoteSignature> Signatures)
{
    /// <summary>Largest note accepted (checkpoints are a few hundred bytes).</summary>
    public const int MaxBytes = 1 << 20;

    /// <summary>Most signature lines accepted (the spec asks verifiers to accept at least 16).</summary>
    public const int MaxSignatures = 100;

    private const string Dash = "\u2014 ";

    /// <summary>The note with its signature lines, as bytes would be written.</summary>
    public override string ToString() => Text + "\n" + string.Concat(Signatures.Select(s => s.Line));

    /// <summary>Parses a signed note without checking any signature.</summary>
    public static SignedNote Parse(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > MaxBytes)
        {
            throw Malformed($"The note is larger than {MaxBytes} bytes.");
        }

        string message;
        try
        {
            message = new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw Malformed("The note is not valid UTF-8.");
        }

        return Parse(message);
    }

    /// <summary>Parses a signed note without checking any signature.</summary>
    public static SignedNote Parse(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Length > MaxBytes)
        {
            throw Malformed($"The note is larger than {MaxBytes} bytes.");
        }

        foreach (var c in message)
        {
            if (c < 0x20 && c != '\n')
            {
                throw Malformed("The note contains a control character other than newline.");
            }
        }

        var split = message.LastIndexOf("\n\n", StringComparison.Ordinal);
        if (split < 0)
        {
            throw Malformed("The note has no blank line before its signatures.");
        }

        var text = message[..(split + 1)];
        var block = message[(split + 2)..];
        if (block.Length == 0 || !block.EndsWith('\n'))
        {
            throw Malformed("The note has no signature lines, or they do not end in a newline.");
        }

        var lines = block[..^1].Split('\n');
        if (lines.Length > MaxSignatures)
        {
            throw Malformed($"The note has more than {MaxSignatures} signatures.");
        }

        var signatures = new List<NoteSignature>(lines.Length);
        foreach (var line in lines)
        {
            signatures.Add(ParseLine(line));
        }

        return new SignedNote(text, signatures);
    }

    /// <summary>Parses one signature line (without its newline).</summary>
    public static NoteSignature ParseLine(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (!line.StartsWith(Dash, StringComparison.Ordinal))
        {
            throw Malformed("A signature line starts with an em dash (U+2014) and a space.");
        }

        var rest = line[Dash.Length..];
        var space = rest.IndexOf(' ', StringComparison.Ordinal);
        if (space < 0)
        {
            throw Malformed("A signature line has a key name, a space and a base64 signature.");
        }

        var name = rest[..space];
        var bytes = NoteKeys.DecodeBase64(rest[(space + 1)..]);
        if (!NoteKeys.IsValidName(name) || bytes is null || bytes.Length < 5)
        {
            throw Malformed($"Malformed signature line for '{(name.Length > 60 ? name[..60] : name)}'.");
        }

        return new NoteSignature(name, BinaryPrimitives.ReadUInt32BigEndian(bytes), bytes[4..], line + "\n");
    }

    /// <summary>
    /// Opens the note: signatures from unknown keys are ignored; every signature from a known key (same name and
    /// key id) must verify; at least one must. Returns the signatures that verified.
    /// </summary>
    /// <exception cref="LedgerException">Kind <see cref="LedgerError.BadSignature"/> or <see cref="LedgerError.UnknownKey"/>.</exception>
    public IReadOnlyList<VerifiedSignature> Verify(IEnumerable<NoteVerifier> trusted)
    {
        ArgumentNullException.ThrowIfNull(trusted);
        var known = trusted.ToList();
        var text = Encoding.UTF8.GetBytes(Text);
        var verified = new List<VerifiedSignature>();
        var seen = new HashSet<(string, uint)>();
        foreach (var signature in Signatures)
        {
            if (!seen.Add((signature.Name, signature.KeyId)))
            {
                continue;
            }

            var verifier = known.FirstOrDefault(v => v.Name == signature.Name && v.KeyId == signature.KeyId);
            if (verifier is null)
            {
                continue;
            }

            if (!verifier.Verify(text, signature.Bytes))
            {
                throw new LedgerException(LedgerError.BadSignature, $"The signature by {signature.Name}+{signature.KeyId:x8} does not verify.");
            }

            verified.Add(new VerifiedSignature(signature, verifier));
        }

        if (verified.Count == 0)
        {
            var names = string.Join(", ", Signatures.Select(s => $"{s.Name}+{s.KeyId:x8}").Distinct());
            throw new LedgerException(LedgerError.UnknownKey, $"No signature by a trusted key; the note is signed by: {names}.");
        }

        return verified;
    }

    /// <summary>A copy with more signature lines (duplicates of existing lines are dropped).</summary>
    public SignedNote WithSignatures(IEnumerable<NoteSignature> more)
    {
        ArgumentNullException.ThrowIfNull(more);
        var all = Signatures.ToList();
        foreach (var signature in more)
        {
            if (!all.Any(s => s.Line == signature.Line))
            {
                all.Add(signature);
            }
        }

        return this with { Signatures = all };
    }

    internal static void CheckText(string text)
    {
        if (text.Length == 0 || !text.EndsWith('\n'))
        {
            throw Malformed("Note text must end with a newline.");
        }

        if (text.Any(c => c < 0x20 && c != '\n'))
        {
            throw Malformed("Note text must not contain control characters other than newline.");
        }
    }

    private static LedgerException Malformed(string message) => new(LedgerError.Malformed, message);
}

/// <summary>One signature line of a note: key name, key id, signature bytes (after the key id), and the line itself.</summary>
public sealed record NoteSignature(string Name, uint KeyId, byte[] Bytes, string Line);

/// <summary>A signature that verified, with the key that verified it.</summary>
public sealed record VerifiedSignature(NoteSignature Signature, NoteVerifier Verifier);
