using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Text;
using Senim.Signatures.Algorithms;
using Senim.Signatures.Certificates;
using Senim.Signatures.Verification;

namespace Senim.Signatures.Cms;

/// <summary>The one SignerInfo of a SignedData, with the signed attributes the verifier checks.</summary>
internal sealed class SignerData
{
    public ReadOnlyMemory<byte>? SidIssuer { get; init; }

    public string? SidSerial { get; init; }

    public byte[]? SidKeyId { get; init; }

    public required AlgorithmId DigestAlgorithm { get; init; }

    /// <summary>The signed attributes re-tagged as SET OF, which is what the signature covers (RFC 5652 §5.4).</summary>
    public byte[]? SignedAttributes { get; init; }

    public string? ContentType { get; init; }

    public byte[]? MessageDigest { get; init; }

    public DateTimeOffset? SigningTime { get; init; }

    /// <summary>The ESS signing-certificate reference: digest OID and hash of the signer's certificate (v2, or v1 with SHA-1).</summary>
    public (string DigestOid, byte[] Hash)? SigningCertificate { get; init; }

    public required AlgorithmId SignatureAlgorithm { get; init; }

    public required byte[] Signature { get; init; }

    public bool HasSignatureTimeStamp { get; init; }

    public bool Matches(CertificateInfo certificate) => SidKeyId is not null
        ? certificate.SubjectKeyId is not null && certificate.SubjectKeyId.AsSpan().SequenceEqual(SidKeyId)
        : SidSerial == certificate.Serial && SidIssuer!.Value.Span.SequenceEqual(certificate.Issuer.Span);
}

/// <summary>
/// A CMS SignedData (RFC 5652) read from DER, BER (indefinite lengths, as streaming signers write), PEM or
/// Base64 (as NCALayer returns it), attached or detached, within <see cref="SignatureLimits"/>: the size is
/// checked before decoding, and the certificates and signers are counted before any is parsed.
/// </summary>
internal sealed class SignedMessage
{
    private static readonly string[] PemLabels = ["CMS", "PKCS7", "PKCS #7 SIGNED DATA"];

    private SignedMessage()
    {
    }

    /// <summary>The SignedData as decoded bytes (what the log hashes).</summary>
    public required byte[] Der { get; init; }

    public required string ContentType { get; init; }

    /// <summary>The encapsulated content, when the signature is attached.</summary>
    public byte[]? Content { get; init; }

    public required IReadOnlyList<byte[]> Certificates { get; init; }

    public required SignerData Signer { get; init; }

    /// <summary>Decodes and reads <paramref name="input"/>.</summary>
    /// <exception cref="SignatureFailureException">Malformed, too large, too many certificates or more than one signer.</exception>
    public static SignedMessage Read(ReadOnlySpan<byte> input, SignatureLimits limits)
    {
        var der = Decode(input, limits);
        try
        {
            return Parse(der, limits);
        }
        catch (Exception ex) when (ex is AsnContentException or CryptographicException or ArgumentException or FormatException)
        {
            throw Malformed("its ASN.1 structure is damaged or truncated", ex);
        }
    }

    private static byte[] Decode(ReadOnlySpan<byte> input, SignatureLimits limits)
    {
        if (input.IsEmpty)
        {
            throw Malformed("it is empty");
        }

        if (input[0] == 0x30)
        {
            return input.Length > limits.MaxCmsBytes ? throw TooLarge(input.Length, limits) : input.ToArray();
        }

        // Base64 is 4/3 of the DER plus line breaks and PEM armour.
        if (input.Length > (limits.MaxCmsBytes / 3 * 4) + (limits.MaxCmsBytes / 32) + 256)
        {
            throw TooLarge(input.Length, limits);
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(input).Trim('\uFEFF', ' ', '\r', '\n', '\t');
        }
        catch (DecoderFallbackException ex)
        {
            throw Malformed("it is neither DER nor PEM or Base64 text", ex);
        }

        byte[] der;
        if (text.StartsWith("-----BEGIN", StringComparison.Ordinal))
        {
            if (!PemEncoding.TryFind(text, out var fields))
            {
                throw Malformed("its PEM armour is damaged");
            }

            var label = text[fields.Label];
            if (!PemLabels.Contains(label, StringComparer.Ordinal))
            {
                throw Malformed($"its PEM block is labelled '{label}', not CMS or PKCS7");
            }

            der = new byte[fields.DecodedDataLength];
            if (!Convert.TryFromBase64Chars(text.AsSpan()[fields.Base64Data], der, out var written) || written != der.Length)
            {
                throw Malformed("its PEM Base64 is damaged");
            }
        }
        else
        {
            var compact = string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
            der = new byte[(compact.Length / 4 * 3) + 3];
            if (compact.Length == 0 || !Convert.TryFromBase64String(compact, der, out var written))
            {
                throw Malformed("it is neither DER, PEM nor Base64");
            }

            der = der[..written];
        }

        if (der.Length > limits.MaxCmsBytes)
        {
            throw TooLarge(der.Length, limits);
        }

        if (der.Length == 0 || der[0] != 0x30)
        {
            throw Malformed("its decoded bytes are not an ASN.1 SEQUENCE");
        }

        return der;
    }

    private static SignedMessage Parse(byte[] der, SignatureLimits limits)
    {
        var outer = new AsnReader(der, AsnEncodingRules.BER);
        var contentInfo = outer.ReadSequence();
        if (outer.HasData)
        {
            throw Malformed("there are bytes after the CMS structure");
        }

        var type = contentInfo.ReadObjectIdentifier();
        if (type != Oids.SignedData)
        {
            throw Malformed($"it is CMS content of type {type}, not SignedData");
        }

        var explicit0 = new Asn1Tag(TagClass.ContextSpecific, 0, true);
        var signedData = contentInfo.ReadSequence(explicit0).ReadSequence();
        signedData.ReadInteger();
        signedData.ReadSetOf(skipSortOrderValidation: true);

        var encapsulated = signedData.ReadSequence();
        var contentType = encapsulated.ReadObjectIdentifier();
        byte[]? content = null;
        if (encapsulated.HasData)
        {
            var wrapper = encapsulated.ReadSequence(explicit0);
            content = wrapper.ReadOctetString();
            wrapper.ThrowIfNotEmpty();
            if (content.Length > limits.MaxContentBytes)
            {
                throw new SignatureFailureException(SignatureReason.TooLarge, $"The signed content inside the file is {content.Length:N0} bytes, over the {limits.MaxContentBytes:N0}-byte limit.");
            }
        }

        encapsulated.ThrowIfNotEmpty();

        var certificates = new List<byte[]>();
        var implicit0 = new Asn1Tag(TagClass.ContextSpecific, 0, true);
        var implicit1 = new Asn1Tag(TagClass.ContextSpecific, 1, true);
        if (signedData.PeekTag().HasSameClassAndValue(implicit0))
        {
            var set = signedData.ReadSetOf(skipSortOrderValidation: true, expectedTag: implicit0);
            var all = new List<ReadOnlyMemory<byte>>();
            while (set.HasData)
            {
                all.Add(set.ReadEncodedValue());
                if (all.Count > limits.MaxCertificates)
                {
                    throw new SignatureFailureException(SignatureReason.ChainTooLong, $"The signature file carries more than {limits.MaxCertificates} certificates; a legal-entity signature needs its own certificate and at most a few CA certificates.");
                }
            }

            // Attribute certificates and other CertificateChoices are not X.509 certificates and play no part.
            certificates.AddRange(all.Where(c => c.Span[0] == 0x30).Select(c => c.ToArray()));
        }

        if (signedData.PeekTag().HasSameClassAndValue(implicit1))
        {
            signedData.ReadEncodedValue();
        }

        var signerInfos = signedData.ReadSetOf(skipSortOrderValidation: true);
        signedData.ThrowIfNotEmpty();
        var signers = new List<ReadOnlyMemory<byte>>();
        while (signerInfos.HasData)
        {
            signers.Add(signerInfos.ReadEncodedValue());
        }

        if (signers.Count == 0)
        {
            throw Malformed("it has no signer");
        }

        if (signers.Count > 1)
        {
            throw new SignatureFailureException(SignatureReason.MultipleSigners, $"The file holds {signers.Count} signatures; sign the challenge once, with one certificate, and upload that file.");
        }

        return new SignedMessage
        {
            Der = der,
            ContentType = contentType,
            Content = content,
            Certificates = certificates,
            Signer = ReadSigner(signers[0]),
        };
    }

    private static SignerData ReadSigner(ReadOnlyMemory<byte> encoded)
    {
        var signer = new AsnReader(encoded, AsnEncodingRules.BER).ReadSequence();
        signer.ReadInteger();
        ReadOnlyMemory<byte>? sidIssuer = null;
        string? sidSerial = null;
        byte[]? sidKeyId = null;
        var keyIdTag = new Asn1Tag(TagClass.ContextSpecific, 0);
        if (signer.PeekTag().HasSameClassAndValue(keyIdTag))
        {
            sidKeyId = signer.ReadOctetString(keyIdTag);
        }
        else
        {
            var issuerAndSerial = signer.ReadSequence();
            sidIssuer = issuerAndSerial.ReadEncodedValue().ToArray();
            sidSerial = Asn.ReadSerial(issuerAndSerial);
            issuerAndSerial.ThrowIfNotEmpty();
        }

        var digest = Asn.ReadAlgorithm(signer);
        var signedTag = new Asn1Tag(TagClass.ContextSpecific, 0, true);
        byte[]? signedAttributes = null;
        var attributes = new Dictionary<string, List<ReadOnlyMemory<byte>>>(StringComparer.Ordinal);
        if (signer.PeekTag().HasSameClassAndValue(signedTag))
        {
            signedAttributes = signer.ReadEncodedValue().ToArray();
            if (signedAttributes.Length < 2 || signedAttributes[1] == 0x80)
            {
                throw Malformed("its signed attributes are not DER-encoded");
            }

            signedAttributes[0] = 0x31;
            ReadAttributes(new AsnReader(signedAttributes, AsnEncodingRules.DER).ReadSetOf(), attributes, unique: true);
        }

        var algorithm = Asn.ReadAlgorithm(signer);
        var signature = signer.ReadOctetString();
        var unsigned = new Dictionary<string, List<ReadOnlyMemory<byte>>>(StringComparer.Ordinal);
        var unsignedTag = new Asn1Tag(TagClass.ContextSpecific, 1, true);
        if (signer.HasData && signer.PeekTag().HasSameClassAndValue(unsignedTag))
        {
            ReadAttributes(signer.ReadSetOf(skipSortOrderValidation: true, expectedTag: unsignedTag), unsigned, unique: false);
        }

        signer.ThrowIfNotEmpty();
        return new SignerData
        {
            SidIssuer = sidIssuer,
            SidSerial = sidSerial,
            SidKeyId = sidKeyId,
            DigestAlgorithm = digest,
            SignedAttributes = signedAttributes,
            ContentType = Single(attributes, Oids.ContentType, r => r.ReadObjectIdentifier()),
            MessageDigest = Single(attributes, Oids.MessageDigest, r => r.ReadOctetString()),
            SigningTime = Single<DateTimeOffset?>(attributes, Oids.SigningTime, r => Asn.ReadTime(r)),
            SigningCertificate = Single<(string, byte[])?>(attributes, Oids.SigningCertificateV2, r => ReadEssCertId(r, v2: true))
                ?? Single<(string, byte[])?>(attributes, Oids.SigningCertificate, r => ReadEssCertId(r, v2: false)),
            SignatureAlgorithm = algorithm,
            Signature = signature,
            HasSignatureTimeStamp = unsigned.ContainsKey(Oids.SignatureTimeStamp),
        };
    }

    private static void ReadAttributes(AsnReader set, Dictionary<string, List<ReadOnlyMemory<byte>>> into, bool unique)
    {
        while (set.HasData)
        {
            var attribute = set.ReadSequence();
            var type = attribute.ReadObjectIdentifier();
            var values = attribute.ReadSetOf(skipSortOrderValidation: true);
            attribute.ThrowIfNotEmpty();
            var list = new List<ReadOnlyMemory<byte>>();
            while (values.HasData)
            {
                list.Add(values.ReadEncodedValue());
            }

            if (!into.TryAdd(type, list) && unique)
            {
                throw Malformed($"the signed attribute {type} appears twice");
            }
        }
    }

    private static T? Single<T>(Dictionary<string, List<ReadOnlyMemory<byte>>> attributes, string oid, Func<AsnReader, T> read)
    {
        if (!attributes.TryGetValue(oid, out var values))
        {
            return default;
        }

        if (values.Count != 1)
        {
            throw Malformed($"the signed attribute {oid} has {values.Count} values instead of one");
        }

        var reader = new AsnReader(values[0], AsnEncodingRules.DER);
        var value = read(reader);
        reader.ThrowIfNotEmpty();
        return value;
    }

    /// <summary>The first ESSCertID(v2) of SigningCertificate(V2) (RFC 2634 §5.4, RFC 5035 §3): its hash names the signer's certificate.</summary>
    private static (string, byte[]) ReadEssCertId(AsnReader reader, bool v2)
    {
        var signingCertificate = reader.ReadSequence();
        var ids = signingCertificate.ReadSequence();
        var first = ids.ReadSequence();
        var digestOid = Oids.Sha1;
        if (v2)
        {
            digestOid = first.PeekTag().HasSameClassAndValue(Asn1Tag.Sequence) ? Asn.ReadAlgorithm(first).Oid : Oids.Sha256;
        }

        var hash = first.ReadOctetString();
        while (signingCertificate.HasData)
        {
            signingCertificate.ReadEncodedValue();
        }

        return (digestOid, hash);
    }

    private static SignatureFailureException Malformed(string reason, Exception? inner = null) =>
        new(SignatureReason.Malformed, $"The signature file cannot be read: {reason}.", inner);

    private static SignatureFailureException TooLarge(int length, SignatureLimits limits) =>
        new(SignatureReason.TooLarge, $"The signature file is {length:N0} bytes; at most {limits.MaxCmsBytes:N0} bytes of CMS are accepted.");
}
