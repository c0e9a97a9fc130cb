using System.Formats.Asn1;

namespace Senim.Signatures.Certificates;

/// <summary>What a certificate of Kazakhstan's National Certification Authority says its holder is, by its extended key usage.</summary>
public enum NcaRole
{
    /// <summary>No NCA holder type in the extended key usage.</summary>
    None,

    /// <summary>1.2.398.3.3.4.1.1: a person acting for themself.</summary>
    Individual,

    /// <summary>1.2.398.3.3.4.1.2 without a narrower role.</summary>
    LegalEntity,

    /// <summary>1.2.398.3.3.4.1.2.1: the organisation's first head, with the right to sign.</summary>
    FirstHead,

    /// <summary>1.2.398.3.3.4.1.2.2: a person given the right to sign.</summary>
    SigningAuthority,

    /// <summary>1.2.398.3.3.4.1.2.3: a person given the right to sign financial documents.</summary>
    FinancialSigning,

    /// <summary>1.2.398.3.3.4.1.2.4: a person who handles human-resources documents.</summary>
    HumanResources,

    /// <summary>1.2.398.3.3.4.1.2.5: an employee of the organisation.</summary>
    Employee,
}

/// <summary>
/// The holder fields of an NCA certificate's subject: the person's IIN in SERIALNUMBER ("IIN" + 12 digits), the
/// organisation's BIN in OU ("BIN" + 12 digits), the organisation's name in O, the person's name in CN, SURNAME
/// and GIVENNAME (the patronymic), and C=KZ. The digits are reported as found: the NCA's own test certificates
/// carry numbers that fail the check digit, so the verifier compares them with the expected BIN digit by digit.
/// </summary>
/// <param name="CommonName">CN: surname and first name.</param>
/// <param name="Surname">SURNAME (2.5.4.4).</param>
/// <param name="GivenName">GIVENNAME (2.5.4.42), where the NCA writes the patronymic.</param>
/// <param name="Organisation">O: the organisation's name (legal entities only).</param>
/// <param name="Country">C.</param>
/// <param name="Email">E (1.2.840.113549.1.9.1), when present.</param>
/// <param name="Iin">The 12 digits after "IIN" in SERIALNUMBER.</param>
/// <param name="Bin">The 12 digits after "BIN" in OU (legal entities only).</param>
public sealed record NcaSubject(string? CommonName, string? Surname, string? GivenName, string? Organisation, string? Country, string? Email, string? Iin, string? Bin)
{
    internal const string IndividualOid = "1.2.398.3.3.4.1.1";
    internal const string LegalEntityOid = "1.2.398.3.3.4.1.2";

    /// <summary>Reads the subject Name (DER). Attributes it does not know are ignored; a damaged Name gives empty fields.</summary>
    public static NcaSubject Read(ReadOnlyMemory<byte> name)
    {
        string? cn = null, surname = null, given = null, organisation = null, country = null, email = null, iin = null, bin = null;
        try
        {
            var rdns = new AsnReader(name, AsnEncodingRules.DER).ReadSequence();
            while (rdns.HasData)
            {
                var set = rdns.ReadSetOf();
                while (set.HasData)
                {
                    var attribute = set.ReadSequence();
                    var type = attribute.ReadObjectIdentifier();
                    var value = ReadString(attribute);
                    switch (type)
                    {
                        case "2.5.4.3":
                            cn ??= value;
                            break;
                        case "2.5.4.4":
                            surname ??= value;
                            break;
                        case "2.5.4.42":
                            given ??= value;
                            break;
                        case "2.5.4.10":
                            organisation ??= value;
                            break;
                        case "2.5.4.6":
                            country ??= value;
                            break;
                        case "1.2.840.113549.1.9.1":
                            email ??= value;
                            break;
                        case "2.5.4.5":
                            iin ??= Number(value, "IIN");
                            break;
                        case "2.5.4.11":
                            bin ??= Number(value, "BIN");
                            break;
                    }
                }
            }
        }
        catch (AsnContentException)
        {
            return new NcaSubject(null, null, null, null, null, null, null, null);
        }

        return new NcaSubject(cn, surname, given, organisation, country, email, iin, bin);
    }

    /// <summary>The holder type named by the NCA's extended key usage OIDs (the narrowest one present).</summary>
    public static NcaRole RoleOf(IEnumerable<string> extendedKeyUsages)
    {
        ArgumentNullException.ThrowIfNull(extendedKeyUsages);
        var role = NcaRole.None;
        foreach (var oid in extendedKeyUsages)
        {
            var found = oid switch
            {
                IndividualOid => NcaRole.Individual,
                LegalEntityOid => NcaRole.LegalEntity,
                LegalEntityOid + ".1" => NcaRole.FirstHead,
                LegalEntityOid + ".2" => NcaRole.SigningAuthority,
                LegalEntityOid + ".3" => NcaRole.FinancialSigning,
                LegalEntityOid + ".4" => NcaRole.HumanResources,
                LegalEntityOid + ".5" => NcaRole.Employee,
                _ => NcaRole.None,
            };

            if (Rank(found) > Rank(role))
            {
                role = found;
            }
        }

        return role;
    }

    /// <summary>Whether <paramref name="role"/> is one of the legal-entity roles.</summary>
    public static bool IsLegalEntity(NcaRole role) => role >= NcaRole.LegalEntity;

    // A named legal-entity role beats the general legal-entity OID, which beats Individual; among named roles
    // the one with the widest authority (the first head) wins should a certificate carry two.
    private static int Rank(NcaRole role) => role switch
    {
        NcaRole.None => 0,
        NcaRole.Individual => 1,
        NcaRole.LegalEntity => 2,
        _ => 10 - (int)role,
    };

    private static string? ReadString(AsnReader attribute)
    {
        var tag = attribute.PeekTag();
        if (tag.TagClass != TagClass.Universal)
        {
            attribute.ReadEncodedValue();
            return null;
        }

        try
        {
            return attribute.ReadCharacterString((UniversalTagNumber)tag.TagValue);
        }
        catch (ArgumentException)
        {
            attribute.ReadEncodedValue();
            return null;
        }
    }

    private static string? Number(string? value, string prefix) =>
        value is { Length: 15 } && value.StartsWith(prefix, StringComparison.Ordinal) && value.AsSpan(3).IndexOfAnyExceptInRange('0', '9') < 0 ? value[3..] : null;
}
