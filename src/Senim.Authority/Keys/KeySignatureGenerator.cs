using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Senim.Authority.Keys;

/// <summary>Lets .NET's certificate and CRL builders sign with an <see cref="ISigningKey"/> they never see inside.</summary>
internal sealed class KeySignatureGenerator(ISigningKey key) : X509SignatureGenerator
{
    public override byte[] GetSignatureAlgorithmIdentifier(HashAlgorithmName hashAlgorithm)
    {
        CheckHash(hashAlgorithm);
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(key.Algorithm.SignatureOid());
        }

        return writer.Encode();
    }

    public override byte[] SignData(byte[] data, HashAlgorithmName hashAlgorithm)
    {
        CheckHash(hashAlgorithm);
        return key.SignData(data, DSASignatureFormat.Rfc3279DerSequence);
    }

    protected override PublicKey BuildPublicKey() => PublicKey.CreateFromSubjectPublicKeyInfo(key.ExportSubjectPublicKeyInfo(), out _);

    private void CheckHash(HashAlgorithmName hashAlgorithm)
    {
        if (hashAlgorithm != key.Algorithm.Hash())
        {
            throw new CryptographicException($"The key '{key.Name}' signs with {key.Algorithm.Hash().Name}, not {hashAlgorithm.Name}.");
        }
    }
}
