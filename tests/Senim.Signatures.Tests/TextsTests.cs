using System.Text.RegularExpressions;
using Senim.Signatures.Identifiers;
using Senim.Signatures.Texts;
using Senim.Signatures.Verification;

namespace Senim.Signatures.Tests;

/// <summary>Every refusal and every BIN/IIN problem has a stable code and words in kk, ru and en.</summary>
public sealed partial class TextsTests
{
    public static TheoryData<SignatureReason> Reasons => [.. Enum.GetValues<SignatureReason>()];

    public static TheoryData<IdentificationNumberProblem> Problems => [.. Enum.GetValues<IdentificationNumberProblem>()];

    [Theory]
    [MemberData(nameof(Reasons))]
    public void Every_reason_has_a_kebab_case_code_and_three_different_texts(SignatureReason reason)
    {
        Assert.Matches(KebabCase(), SignatureReasons.Code(reason));
        var texts = Enum.GetValues<SignatureLanguage>().Select(l => SignatureTexts.For(reason, l)).ToList();
        Assert.All(texts, t => Assert.False(string.IsNullOrWhiteSpace(t)));
        Assert.Equal(3, texts.Distinct().Count());
        Assert.Matches(Cyrillic(), texts[0]);
        Assert.Matches(Cyrillic(), texts[1]);
    }

    [Fact]
    public void The_codes_are_unique_and_the_table_has_no_extra_rows()
    {
        Assert.Equal(Enum.GetValues<SignatureReason>().Length, Enum.GetValues<SignatureReason>().Select(SignatureReasons.Code).Distinct().Count());
        Assert.Equal(Enum.GetValues<SignatureReason>().Order(), SignatureTexts.Reasons.Keys.Order());
    }

    [Theory]
    [MemberData(nameof(Problems))]
    public void Every_BIN_and_IIN_problem_has_three_texts_naming_the_number(IdentificationNumberProblem problem)
    {
        Assert.Contains("БСН", SignatureTexts.For(problem, isBin: true, SignatureLanguage.Kk), StringComparison.Ordinal);
        Assert.Contains("ИИН", SignatureTexts.For(problem, isBin: false, SignatureLanguage.Ru), StringComparison.Ordinal);
        Assert.Contains("BIN", SignatureTexts.For(problem, isBin: true, SignatureLanguage.En), StringComparison.Ordinal);
        Assert.Equal(3, Enum.GetValues<SignatureLanguage>().Select(l => SignatureTexts.For(problem, true, l)).Distinct().Count());
    }

    [GeneratedRegex("^[a-z]+(-[a-z]+)*$")]
    private static partial Regex KebabCase();

    [GeneratedRegex("[А-Яа-яӘәҒғҚқҢңӨөҰұҮүІі]")]
    private static partial Regex Cyrillic();
}
