using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Senim.Authority.Tests.Support;

/// <summary>A throw-away CA that writes CRLs by hand, including ones no honest CA would sign.</summary>
internal sealed class HandCrl : IDisposable
{
    public HandCrl()
    {
        Key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=Hand CA", Key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        Certificate = request.CreateSelfSigned(TestAuthority.Start.AddDays(-1), TestAuthority.Start.AddYears(1));
    }

    public ECDsa Key { get; }

    public X509Certificate2 Certificate { get; }

    /// <summary>A CRL with the given entries (serial hex, reason or null), extensions and dates.</summary>
    public byte[] Write(
        IEnumerable<(string Serial, int? Reason)> entries,
        DateTimeOffset thisUpdate,
        DateTimeOffset? nextUpdate,
        string? criticalExtension = null,
        bool entryCriticalExtension = false)
    {
        var tbs = new AsnWriter(AsnEncodingRules.DER);
        using (tbs.PushSequence())
        {
            tbs.WriteInteger(1);
            WriteAlgorithm(tbs);
            tbs.WriteEncodedValue(Certificate.SubjectName.RawData);
            tbs.WriteUtcTime(thisUpdate);
            if (nextUpdate is { } next)
            {
                tbs.WriteUtcTime(next);
            }

            var list = entries.ToList();
            if (list.Count > 0)
            {
                using (tbs.PushSequence())
                {
                    foreach (var (serial, reason) in list)
                    {
                        using (tbs.PushSequence())
                        {
                            tbs.WriteIntegerUnsigned(Convert.FromHexString(serial));
                            tbs.WriteUtcTime(thisUpdate);
                            if (reason is not null || entryCriticalExtension)
                            {
                                using (tbs.PushSequence())
                                {
                                    if (reason is { } code)
                                    {
                                        var value = new AsnWriter(AsnEncodingRules.DER);
                                        value.WriteEnumeratedValue((X509RevocationReason)code);
                                        WriteExtension(tbs, "2.5.29.21", false, value.Encode());
                                    }

                                    if (entryCriticalExtension)
                                    {
                                        WriteExtension(tbs, "2.5.29.29", true, [0x30, 0x00]);
                                    }
                                }
                            }
                        }
                    }
                }
            }

            if (criticalExtension is not null)
            {
                using (tbs.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true)))
                using (tbs.PushSequence())
                {
                    WriteExtension(tbs, criticalExtension, true, [0x30, 0x00]);
                }
            }
        }

        var signed = tbs.Encode();
        var crl = new AsnWriter(AsnEncodingRules.DER);
        using (crl.PushSequence())
        {
            crl.WriteEncodedValue(signed);
            WriteAlgorithm(crl);
            crl.WriteBitString(Key.SignData(signed, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
        }

        return crl.Encode();
    }

    public void Dispose()
    {
        Certificate.Dispose();
        Key.Dispose();
    }

    private static void WriteAlgorithm(AsnWriter writer)
    {
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier("1.2.840.10045.4.3.2");
        }
    }

    private static void WriteExtension(AsnWriter writer, string oid, bool critical, byte[] value)
    {
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(oid);
            if (critical)
            {
                writer.WriteBoolean(true);
            }

            writer.WriteOctetString(value);
        }
    }
}
