using System.Collections.Concurrent;
using System.Formats.Asn1;
using System.Security.Cryptography;

namespace Senim.Signatures.Algorithms;

/// <summary>
/// RSA with SHA-256, SHA-384 and SHA-512 through .NET: PKCS #1 v1.5 (rsaEncryption or shaNNNWithRSAEncryption)
/// and RSASSA-PSS with MGF1 over the same hash and a salt as long as the hash (the only PSS salt .NET verifies).
/// Keys under 2048 bits and SHA-1 are refused.
/// </summary>
public sealed class RsaAlgorithms : ISignatureAlgorithm
{
    /// <summary>The smallest RSA modulus accepted, in bits.</summary>
    public const int MinimumKeyBits = 2048;

    private const int MaxPooledKeys = 1024;

    // Importing a public key costs several times the verification itself, so imported keys are pooled by their
    // SubjectPublicKeyInfo: each caller takes a key object for itself and gives it back (RSA instances are not
    // documented as safe to share between threads).
    private readonly ConcurrentDictionary<string, ConcurrentBag<RSA>> keys = new(StringComparer.Ordinal);

    public static RsaAlgorithms Instance { get; } = new();

    public string Name => "RSA (.NET)";

    public bool CanDigest(string digestOid) => HashFor(digestOid) is not null;

    public byte[] Digest(string digestOid, ReadOnlySpan<byte> data) => HashFor(digestOid) switch
    {
        { } name when name == HashAlgorithmName.SHA256 => SHA256.HashData(data),
        { } name when name == HashAlgorithmName.SHA384 => SHA384.HashData(data),
        { } name when name == HashAlgorithmName.SHA512 => SHA512.HashData(data),
        _ => throw new UnsupportedAlgorithmException($"Digest {digestOid} is not one of SHA-256, SHA-384, SHA-512."),
    };

    public bool CanVerify(AlgorithmId signature, string? digestOid, string keyAlgorithmOid)
    {
        ArgumentNullException.ThrowIfNull(signature);
        if (keyAlgorithmOid is not Oids.RsaEncryption and not Oids.RsaPss)
        {
            return false;
        }

        return signature.Oid switch
        {
            Oids.RsaEncryption => digestOid is not null && HashFor(digestOid) is not null,
            Oids.Sha256WithRsa or Oids.Sha384WithRsa or Oids.Sha512WithRsa => digestOid is null || HashFor(digestOid) == HashForSignature(signature.Oid),
            Oids.RsaPss => true,
            _ => false,
        };
    }

    public bool Verify(AlgorithmId signature, string? digestOid, ReadOnlySpan<byte> subjectPublicKeyInfo, ReadOnlySpan<byte> signedData, ReadOnlySpan<byte> signatureValue)
    {
        ArgumentNullException.ThrowIfNull(signature);
        HashAlgorithmName hash;
        RSASignaturePadding padding;
        if (signature.Oid == Oids.RsaPss)
        {
            hash = PssHash(signature, digestOid);
            padding = RSASignaturePadding.Pss;
        }
        else
        {
            hash = (signature.Oid == Oids.RsaEncryption ? HashFor(digestOid!) : HashForSignature(signature.Oid))
                ?? throw new UnsupportedAlgorithmException($"Signature algorithm {signature.Oid} with digest {digestOid} is not RSA with SHA-2.");
            padding = RSASignaturePadding.Pkcs1;
        }

        var id = Convert.ToBase64String(subjectPublicKeyInfo);
        var rsa = Rent(id, subjectPublicKeyInfo);
        try
        {
            return rsa.VerifyData(signedData, signatureValue, hash, padding);
        }
        catch (CryptographicException)
        {
            return false;
        }
        finally
        {
            Return(id, rsa);
        }
    }

    private RSA Rent(string id, ReadOnlySpan<byte> subjectPublicKeyInfo)
    {
        if (keys.TryGetValue(id, out var bag) && bag.TryTake(out var pooled))
        {
            return pooled;
        }

        var rsa = RSA.Create();
        try
        {
            rsa.ImportSubjectPublicKeyInfo(subjectPublicKeyInfo, out _);
        }
        catch (CryptographicException ex)
        {
            rsa.Dispose();
            throw new UnsupportedAlgorithmException("The public key is not an RSA key .NET can read.", ex);
        }

        if (rsa.KeySize < MinimumKeyBits)
        {
            var bits = rsa.KeySize;
            rsa.Dispose();
            throw new UnsupportedAlgorithmException($"The RSA key has {bits} bits; at least {MinimumKeyBits} are required.");
        }

        return rsa;
    }

    private void Return(string id, RSA rsa)
    {
        if (keys.Count >= MaxPooledKeys && !keys.ContainsKey(id))
        {
            // Bounded: forget every pooled key (objects still in use are simply not returned to a bag).
            keys.Clear();
        }

        keys.GetOrAdd(id, _ => []).Add(rsa);
    }

    private static HashAlgorithmName? HashFor(string digestOid) => digestOid switch
    {
        Oids.Sha256 => HashAlgorithmName.SHA256,
        Oids.Sha384 => HashAlgorithmName.SHA384,
        Oids.Sha512 => HashAlgorithmName.SHA512,
        _ => null,
    };

    private static HashAlgorithmName? HashForSignature(string signatureOid) => signatureOid switch
    {
        Oids.Sha256WithRsa => HashAlgorithmName.SHA256,
        Oids.Sha384WithRsa => HashAlgorithmName.SHA384,
        Oids.Sha512WithRsa => HashAlgorithmName.SHA512,
        _ => null,
    };

    /// <summary>Reads RSASSA-PSS-params (RFC 4055 §3.1) and accepts only what .NET verifies: SHA-2, MGF1 with the same hash, salt = hash length.</summary>
    private static HashAlgorithmName PssHash(AlgorithmId signature, string? digestOid)
    {
        if (signature.Parameters is not { } parameters)
        {
            throw new UnsupportedAlgorithmException("RSASSA-PSS without parameters means SHA-1, which is not accepted.");
        }

        string hashOid = Oids.Sha1;
        string? mgfHashOid = Oids.Sha1;
        var saltLength = 20;
        try
        {
            var reader = new AsnReader(parameters, AsnEncodingRules.DER).ReadSequence();
            var hashTag = new Asn1Tag(TagClass.ContextSpecific, 0, true);
            var mgfTag = new Asn1Tag(TagClass.ContextSpecific, 1, true);
            var saltTag = new Asn1Tag(TagClass.ContextSpecific, 2, true);
            var trailerTag = new Asn1Tag(TagClass.ContextSpecific, 3, true);
            if (reader.HasData && reader.PeekTag().HasSameClassAndValue(hashTag))
            {
                hashOid = reader.ReadSequence(hashTag).ReadSequence().ReadObjectIdentifier();
            }

            if (reader.HasData && reader.PeekTag().HasSameClassAndValue(mgfTag))
            {
                var mgf = reader.ReadSequence(mgfTag).ReadSequence();
                mgfHashOid = mgf.ReadObjectIdentifier() == Oids.Mgf1 ? mgf.ReadSequence().ReadObjectIdentifier() : null;
            }

            if (reader.HasData && reader.PeekTag().HasSameClassAndValue(saltTag))
            {
                if (!reader.ReadSequence(saltTag).TryReadInt32(out saltLength))
                {
                    saltLength = -1;
                }
            }

            if (reader.HasData && reader.PeekTag().HasSameClassAndValue(trailerTag))
            {
                if (!reader.ReadSequence(trailerTag).TryReadInt32(out var trailer) || trailer != 1)
                {
                    throw new UnsupportedAlgorithmException("RSASSA-PSS with a trailer field other than 1 is not accepted.");
                }
            }

            reader.ThrowIfNotEmpty();
        }
        catch (AsnContentException ex)
        {
            throw new UnsupportedAlgorithmException("The RSASSA-PSS parameters cannot be read.", ex);
        }

        var hash = HashFor(hashOid) ?? throw new UnsupportedAlgorithmException($"RSASSA-PSS with hash {hashOid} is not accepted (SHA-256, SHA-384 or SHA-512 only).");
        if (digestOid is not null && digestOid != hashOid)
        {
            throw new UnsupportedAlgorithmException($"The SignerInfo's digest {digestOid} differs from the RSASSA-PSS hash {hashOid}.");
        }

        if (mgfHashOid != hashOid)
        {
            throw new UnsupportedAlgorithmException("RSASSA-PSS is accepted only with MGF1 over the same hash as the signature.");
        }

        var expectedSalt = hash == HashAlgorithmName.SHA256 ? 32 : hash == HashAlgorithmName.SHA384 ? 48 : 64;
        if (saltLength != expectedSalt)
        {
            throw new UnsupportedAlgorithmException($"RSASSA-PSS with a {saltLength}-byte salt is not accepted: .NET verifies only a salt as long as the hash ({expectedSalt} bytes).");
        }

        return hash;
    }
}
