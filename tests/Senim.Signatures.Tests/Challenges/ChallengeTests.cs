using System.Security.Cryptography;
using System.Text;
using Senim.Signatures.Challenges;
using Senim.Signatures.Identifiers;

namespace Senim.Signatures.Tests.Challenges;

public sealed class ChallengeTests
{
    private static readonly Uri Origin = new("https://senim.example.kz");
    private static readonly DateOnly Day = new(2026, 5, 4);

    private static Challenge Sample() => new(ChallengePurpose.OrganisationVerification, "ТОО «Сенім Тест»", Bin.Parse("251140001014"), null, null, Day, "AAAAAAAAAAAAAAAAAAAAAA", Origin);

    [Fact]
    public void The_canonical_text_is_exactly_this()
    {
        Assert.Equal(
            "senim-challenge/1\npurpose: organisation-verification\norganisation: ТОО «Сенім Тест»\nbin: 251140001014\ndate: 2026-05-04\nnonce: AAAAAAAAAAAAAAAAAAAAAA\norigin: https://senim.example.kz\n",
            Sample().ToString());
    }

    [Fact]
    public void Parse_reads_back_what_ToBytes_wrote()
    {
        var challenge = Challenge.ForOrganisation("ТОО «Сенім Тест»", Bin.Parse("251140001014"), Day, Origin);
        var read = Challenge.Parse(challenge.ToBytes());
        Assert.Equal(challenge.ToString(), read.ToString());
        Assert.Null(challenge.Difference(read));
    }

    [Fact]
    public void Each_challenge_gets_its_own_128_bit_nonce()
    {
        var nonces = Enumerable.Range(0, 100).Select(_ => Challenge.ForOrganisation("X", Bin.Parse("251140001014"), Day, Origin).Nonce).ToHashSet();
        Assert.Equal(100, nonces.Count);
        Assert.All(nonces, n => Assert.Equal(22, n.Length));
    }

    [Fact]
    public void An_act_challenge_names_the_act_and_its_hash()
    {
        var hash = SHA256.HashData("decision text"u8);
        var challenge = Challenge.ForAct("KZ-AI-2026-000123/decision/1", hash, null, null, Day, Origin);
        var text = challenge.ToString();
        Assert.Contains("purpose: act-signature\nact: KZ-AI-2026-000123/decision/1\nact-sha256: " + Convert.ToHexStringLower(hash) + "\n", text, StringComparison.Ordinal);
        Assert.Equal(text, Challenge.Parse(challenge.ToBytes()).ToString());
    }

    public static TheoryData<string, ChallengeProblem, string> Broken => new()
    {
        { "hello", ChallengeProblem.UnknownFormat, "does not begin with the line 'senim-challenge/1'" },
        { Sample().ToString().Replace("\n", "\r\n", StringComparison.Ordinal), ChallengeProblem.NotCanonical, "byte for byte" },
        { Sample().ToString().Replace("bin: ", "bin:  ", StringComparison.Ordinal), ChallengeProblem.NotCanonical, "byte for byte" },
        { Sample().ToString().TrimEnd('\n'), ChallengeProblem.NotCanonical, "byte for byte" },
        { Sample().ToString() + "colour: blue\n", ChallengeProblem.BadLine, "Line 8" },
        { Sample().ToString().Replace("date: 2026-05-04\n", string.Empty, StringComparison.Ordinal), ChallengeProblem.MissingField, "no 'date' line" },
        { Sample().ToString().Replace("bin: 251140001014\n", string.Empty, StringComparison.Ordinal), ChallengeProblem.MissingField, "needs the organisation's name and BIN" },
        { Sample().ToString() + "origin: https://senim.example.kz\n", ChallengeProblem.BadLine, "appears twice" },
        { "senim-challenge/1\nbin: 251140001014\npurpose: organisation-verification\n", ChallengeProblem.BadLine, "out of order" },
        { Sample().ToString().Replace("251140001014", "251140001015", StringComparison.Ordinal), ChallengeProblem.BadValue, "check digit" },
        { Sample().ToString().Replace("2026-05-04", "04.05.2026", StringComparison.Ordinal), ChallengeProblem.BadValue, "yyyy-MM-dd" },
        { Sample().ToString().Replace("AAAAAAAAAAAAAAAAAAAAAA", "short", StringComparison.Ordinal), ChallengeProblem.BadValue, "nonce" },
        { Sample().ToString().Replace("https://senim.example.kz", "https://senim.example.kz/path", StringComparison.Ordinal), ChallengeProblem.BadValue, "no path" },
        { Sample().ToString().Replace("organisation-verification", "payment", StringComparison.Ordinal), ChallengeProblem.BadValue, "not a challenge purpose" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void A_text_that_is_not_a_canonical_challenge_is_refused_naming_the_rule(string text, ChallengeProblem problem, string words)
    {
        var ex = Assert.Throws<ChallengeException>(() => Challenge.Parse(Encoding.UTF8.GetBytes(text)));
        Assert.Equal(problem, ex.Problem);
        Assert.Contains(words, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_byte_order_mark_an_invalid_UTF8_byte_and_an_oversized_text_are_refused()
    {
        Assert.Equal(ChallengeProblem.NotUtf8, Assert.Throws<ChallengeException>(() => Challenge.Parse([0xEF, 0xBB, 0xBF, .. Sample().ToBytes()])).Problem);
        Assert.Equal(ChallengeProblem.NotUtf8, Assert.Throws<ChallengeException>(() => Challenge.Parse([.. Sample().ToBytes(), 0xFF])).Problem);
        Assert.Equal(ChallengeProblem.TooLarge, Assert.Throws<ChallengeException>(() => Challenge.Parse(new byte[Challenge.MaxBytes + 1])).Problem);
    }

    [Fact]
    public void Names_are_normalised_to_NFC_and_line_breaks_are_refused()
    {
        var decomposed = "Қазақ".Normalize(NormalizationForm.FormD);
        var challenge = new Challenge(ChallengePurpose.OrganisationVerification, decomposed, Bin.Parse("251140001014"), null, null, Day, Challenge.NewNonce(), Origin);
        Assert.Equal("Қазақ", challenge.Organisation);
        var ex = Assert.Throws<ChallengeException>(() => new Challenge(ChallengePurpose.OrganisationVerification, "A\nnonce: x", Bin.Parse("251140001014"), null, null, Day, Challenge.NewNonce(), Origin));
        Assert.Equal(ChallengeProblem.BadValue, ex.Problem);
    }

    [Fact]
    public void Difference_names_the_first_field_that_differs()
    {
        var a = Sample();
        var b = new Challenge(a.Purpose, a.Organisation, a.Bin, null, null, a.Date, "BBBBBBBBBBBBBBBBBBBBBB", a.Origin);
        var c = new Challenge(a.Purpose, a.Organisation, Bin.Parse("260540000012"), null, null, a.Date, "BBBBBBBBBBBBBBBBBBBBBB", a.Origin);
        Assert.Equal("nonce", a.Difference(b));
        Assert.Equal("bin", a.Difference(c));
    }
}
