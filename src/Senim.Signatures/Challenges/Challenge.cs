using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Senim.Signatures.Identifiers;

namespace Senim.Signatures.Challenges;

/// <summary>What a challenge asks the signer to confirm.</summary>
public enum ChallengePurpose
{
    /// <summary>The signer acts for the organisation named, whose BIN the certificate must carry.</summary>
    OrganisationVerification,

    /// <summary>The signer signs an act (a review recommendation, a decision) identified by reference and hash.</summary>
    ActSignature,
}

/// <summary>Why a text is not a challenge Senim produced.</summary>
public enum ChallengeProblem
{
    /// <summary>Over <see cref="Challenge.MaxBytes"/>.</summary>
    TooLarge,

    /// <summary>Not UTF-8, or begins with a byte-order mark.</summary>
    NotUtf8,

    /// <summary>The first line is not <see cref="Challenge.Header"/>.</summary>
    UnknownFormat,

    /// <summary>A line is not "key: value", a key is unknown, repeated or out of order.</summary>
    BadLine,

    /// <summary>A field the purpose requires is absent, or one it forbids is present.</summary>
    MissingField,

    /// <summary>A value breaks its rule (date, nonce, origin, BIN, hash, characters).</summary>
    BadValue,

    /// <summary>Readable, but not byte for byte what Senim would produce (spacing, line ends, normalisation).</summary>
    NotCanonical,
}

/// <summary>A text that cannot be read as a challenge; <see cref="Problem"/> says which rule it broke.</summary>
public sealed class ChallengeException(ChallengeProblem problem, string message, Exception? inner = null) : FormatException(message, inner)
{
    /// <summary>The rule the text broke.</summary>
    public ChallengeProblem Problem { get; } = problem;
}

/// <summary>
/// The text a person signs to prove they act for an organisation, or to sign an act. Its canonical form is
/// UTF-8 without a byte-order mark, LF line ends, the header line <c>senim-challenge/1</c> and then
/// <c>key: value</c> lines in a fixed order (purpose, organisation, bin, act, act-sha256, date, nonce, origin),
/// values in Unicode NFC without control characters or surrounding spaces. <see cref="ToBytes"/> produces
/// it; <see cref="Parse"/> accepts only it, so a verifier can compare signed content with the expected
/// challenge byte for byte and still explain a difference field by field (<see cref="Difference"/>).
/// </summary>
public sealed record Challenge
{
    /// <summary>The first line of every challenge.</summary>
    public const string Header = "senim-challenge/1";

    /// <summary>The largest challenge accepted.</summary>
    public const int MaxBytes = 4096;

    /// <summary>The longest value of a text field, in characters.</summary>
    public const int MaxValueLength = 500;

    private static readonly string[] Order = ["purpose", "organisation", "bin", "act", "act-sha256", "date", "nonce", "origin"];

    /// <summary>Builds a challenge; prefer <see cref="ForOrganisation"/> and <see cref="ForAct"/>, which draw the nonce.</summary>
    /// <exception cref="ChallengeException">A field breaks its rule; the message says which.</exception>
    public Challenge(ChallengePurpose purpose, string? organisation, Bin? bin, string? act, string? actSha256, DateOnly date, string nonce, Uri origin)
    {
        Purpose = purpose;
        Organisation = CleanText(organisation, "organisation");
        Bin = bin;
        Act = CleanText(act, "act");
        ActSha256 = actSha256;
        Date = date;
        Nonce = nonce;
        Origin = origin;
        Validate();
    }

    public ChallengePurpose Purpose { get; }

    /// <summary>The organisation's registered name (required for <see cref="ChallengePurpose.OrganisationVerification"/>).</summary>
    public string? Organisation { get; }

    /// <summary>The organisation's BIN (required for <see cref="ChallengePurpose.OrganisationVerification"/>).</summary>
    public Bin? Bin { get; }

    /// <summary>The act's reference, e.g. a register number and the act's kind and number (acts only).</summary>
    public string? Act { get; }

    /// <summary>Lower-case hex SHA-256 of the act's content (acts only).</summary>
    public string? ActSha256 { get; }

    /// <summary>The day the challenge was issued.</summary>
    public DateOnly Date { get; }

    /// <summary>At least 128 random bits, base64url without padding: makes every challenge single-use.</summary>
    public string Nonce { get; }

    /// <summary>The register's origin (scheme, host, port), so a challenge from one Senim is useless at another.</summary>
    public Uri Origin { get; }

    /// <summary>A challenge for proving that the signer acts for <paramref name="organisation"/>, with a fresh 128-bit nonce.</summary>
    public static Challenge ForOrganisation(string organisation, Bin bin, DateOnly date, Uri origin) =>
        new(ChallengePurpose.OrganisationVerification, organisation, bin, null, null, date, NewNonce(), origin);

    /// <summary>A challenge for signing an act whose content hashes to <paramref name="actSha256"/>, with a fresh nonce.</summary>
    public static Challenge ForAct(string act, ReadOnlySpan<byte> actSha256, string? organisation, Bin? bin, DateOnly date, Uri origin) =>
        new(ChallengePurpose.ActSignature, organisation, bin, act, Convert.ToHexStringLower(actSha256), date, NewNonce(), origin);

    /// <summary>128 random bits, base64url.</summary>
    public static string NewNonce() => Base64Url(RandomNumberGenerator.GetBytes(16));

    /// <summary>The canonical text.</summary>
    public override string ToString()
    {
        var text = new StringBuilder(Header).Append('\n');
        foreach (var (key, value) in Fields())
        {
            text.Append(key).Append(": ").Append(value).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>The canonical UTF-8 bytes: what the signer signs and what the verifier compares.</summary>
    public byte[] ToBytes() => Encoding.UTF8.GetBytes(ToString());

    /// <summary>Reads a challenge, accepting only its canonical bytes.</summary>
    /// <exception cref="ChallengeException">The bytes are not a canonical challenge; the message says why.</exception>
    public static Challenge Parse(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > MaxBytes)
        {
            throw new ChallengeException(ChallengeProblem.TooLarge, $"A challenge is at most {MaxBytes:N0} bytes; this text has {bytes.Length:N0}.");
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            throw new ChallengeException(ChallengeProblem.NotUtf8, "The challenge begins with a byte-order mark; sign the file exactly as downloaded.");
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            throw new ChallengeException(ChallengeProblem.NotUtf8, "The challenge is not UTF-8 text.", ex);
        }

        var lines = text.Split('\n');
        if (lines[0].TrimEnd('\r') != Header)
        {
            throw new ChallengeException(ChallengeProblem.UnknownFormat, $"The text does not begin with the line '{Header}', so it is not a Senim challenge.");
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var last = -1;
        for (var i = 1; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Length == 0)
            {
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var key = colon < 0 ? line : line[..colon].Trim();
            var at = Array.IndexOf(Order, key);
            if (colon < 0 || at < 0)
            {
                throw new ChallengeException(ChallengeProblem.BadLine, $"Line {i + 1} is not one of the challenge's 'key: value' lines: '{Shorten(line)}'.");
            }

            if (at <= last)
            {
                throw new ChallengeException(ChallengeProblem.BadLine, values.ContainsKey(key) ? $"The field '{key}' appears twice." : $"The field '{key}' is out of order.");
            }

            last = at;
            values[key] = line[(colon + 1)..].Trim();
        }

        var challenge = FromFields(values);
        if (!bytes.SequenceEqual(challenge.ToBytes()))
        {
            throw new ChallengeException(ChallengeProblem.NotCanonical, "The text reads as a challenge but is not byte for byte the one Senim issued (spacing, line ends or character forms differ); sign the downloaded file unchanged.");
        }

        return challenge;
    }

    /// <summary>The first field in which <paramref name="other"/> differs from this challenge, or null when they are equal.</summary>
    public string? Difference(Challenge other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var mine = Fields().ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
        var theirs = other.Fields().ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
        foreach (var key in Order)
        {
            mine.TryGetValue(key, out var a);
            theirs.TryGetValue(key, out var b);
            if (!string.Equals(a, b, StringComparison.Ordinal))
            {
                return key;
            }
        }

        return null;
    }

    private IEnumerable<KeyValuePair<string, string>> Fields()
    {
        yield return new("purpose", PurposeName(Purpose));
        if (Organisation is not null)
        {
            yield return new("organisation", Organisation);
        }

        if (Bin is { } bin)
        {
            yield return new("bin", bin.Value);
        }

        if (Act is not null)
        {
            yield return new("act", Act);
        }

        if (ActSha256 is not null)
        {
            yield return new("act-sha256", ActSha256);
        }

        yield return new("date", Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        yield return new("nonce", Nonce);
        yield return new("origin", Origin.GetLeftPart(UriPartial.Authority));
    }

    private static Challenge FromFields(Dictionary<string, string> values)
    {
        string Required(string key) => values.TryGetValue(key, out var value) ? value : throw new ChallengeException(ChallengeProblem.MissingField, $"The challenge has no '{key}' line.");
        string? Optional(string key) => values.GetValueOrDefault(key);

        var purpose = Required("purpose") switch
        {
            "organisation-verification" => ChallengePurpose.OrganisationVerification,
            "act-signature" => ChallengePurpose.ActSignature,
            var other => throw new ChallengeException(ChallengeProblem.BadValue, $"'{Shorten(other)}' is not a challenge purpose (organisation-verification or act-signature)."),
        };

        Bin? bin = null;
        if (Optional("bin") is { } binText)
        {
            if (!Identifiers.Bin.TryParse(binText, out var parsed, out var problem, out var message))
            {
                throw new ChallengeException(ChallengeProblem.BadValue, $"The challenge's BIN is not valid ({problem}): {message}");
            }

            bin = parsed;
        }

        if (!DateOnly.TryParseExact(Required("date"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            throw new ChallengeException(ChallengeProblem.BadValue, "The challenge's date is not a yyyy-MM-dd date.");
        }

        if (!Uri.TryCreate(Required("origin"), UriKind.Absolute, out var origin))
        {
            throw new ChallengeException(ChallengeProblem.BadValue, "The challenge's origin is not an absolute address.");
        }

        return new Challenge(purpose, Optional("organisation"), bin, Optional("act"), Optional("act-sha256"), date, Required("nonce"), origin);
    }

    private void Validate()
    {
        if (!Enum.IsDefined(Purpose))
        {
            throw Bad($"Unknown purpose {Purpose}.");
        }

        if (Purpose == ChallengePurpose.OrganisationVerification && (Organisation is null || Bin is null))
        {
            throw Missing("An organisation-verification challenge needs the organisation's name and BIN.");
        }

        if (Purpose == ChallengePurpose.OrganisationVerification && (Act is not null || ActSha256 is not null))
        {
            throw Missing("An organisation-verification challenge names no act.");
        }

        if (Purpose == ChallengePurpose.ActSignature && (Act is null || ActSha256 is null))
        {
            throw Missing("An act-signature challenge needs the act's reference and its SHA-256.");
        }

        if (Bin is { Value: null })
        {
            throw Bad("The BIN is the default value; parse one with Bin.Parse.");
        }

        if (ActSha256 is not null && (ActSha256.Length != 64 || !ActSha256.All(char.IsAsciiHexDigitLower)))
        {
            throw Bad("The act-sha256 must be 64 lower-case hex digits.");
        }

        if (Nonce is null || Nonce.Length is < 22 or > 86 || !Nonce.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw Bad("The nonce must be 22 to 86 base64url characters (at least 128 bits).");
        }

        if (Origin is null || !Origin.IsAbsoluteUri || (Origin.Scheme != Uri.UriSchemeHttps && Origin.Scheme != Uri.UriSchemeHttp) || Origin.GetLeftPart(UriPartial.Authority) + "/" != Origin.AbsoluteUri)
        {
            throw Bad($"The origin must be an http(s) scheme, host and port with no path: '{Origin}'.");
        }
    }

    private static string? CleanText(string? value, string field)
    {
        if (value is null)
        {
            return null;
        }

        var clean = value.Trim().Normalize(NormalizationForm.FormC);
        if (clean.Length == 0 || clean.Length > MaxValueLength)
        {
            throw Bad($"The {field} must be 1 to {MaxValueLength} characters.");
        }

        if (clean.Any(char.IsControl))
        {
            throw Bad($"The {field} contains a line break or control character.");
        }

        return clean;
    }

    private static ChallengeException Missing(string message) => new(ChallengeProblem.MissingField, message);

    private static ChallengeException Bad(string message) => new(ChallengeProblem.BadValue, message);

    private static string PurposeName(ChallengePurpose purpose) => purpose == ChallengePurpose.OrganisationVerification ? "organisation-verification" : "act-signature";

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Shorten(string value) => value.Length <= 60 ? value : value[..60] + "…";
}
