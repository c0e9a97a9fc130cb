using System.Reflection;
using Senim.Labels;
using Senim.Labels.Validation;
using Senim.Law.Texts;
using Senim.Registry.Labels;
using Senim.Web.Features.Labels;
using Senim.Web.Infrastructure;

namespace Senim.Web.Tests.Labels;

/// <summary>Every code a label check can report has its words in kk, ru and en, through the one table the page and the API read.</summary>
public sealed class LabelTextsTests
{
    private static readonly UiText Texts = new();

    public static TheoryData<string> StatusCodes => [.. typeof(ValidationCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!)];

    [Theory]
    [MemberData(nameof(StatusCodes))]
    public void Every_c2pa_status_code_is_explained_in_three_languages(string code)
    {
        Assert.True(LabelTexts.Statuses.ContainsKey(code), $"{code} has no row in LabelTexts.Statuses");
        var status = new ValidationStatus(code, false, null, "English from the library");
        var words = Enum.GetValues<Language>().Select(l => LabelTexts.Explain(status, null, Texts, l)).ToList();
        Assert.DoesNotContain("English from the library", words);
        Assert.Equal(3, words.Distinct().Count());
    }

    [Fact]
    public void Every_reading_error_verdict_and_warning_has_its_texts()
    {
        Assert.Equal(Enum.GetValues<LabelError>().Order(), LabelTexts.Errors.Keys.Order());
        Assert.Equal(Enum.GetValues<LabelVerdictKind>().Order(), LabelTexts.Verdicts.Keys.Order());
        foreach (var language in Enum.GetValues<Language>())
        {
            foreach (var error in Enum.GetValues<LabelError>())
            {
                Assert.False(string.IsNullOrWhiteSpace(LabelTexts.Error(error, Texts, language)));
            }

            foreach (var kind in Enum.GetValues<LabelVerdictKind>())
            {
                var (title, text) = LabelTexts.Verdict(kind, Texts, language);
                Assert.False(string.IsNullOrWhiteSpace(title) || string.IsNullOrWhiteSpace(text));
            }

            foreach (var warning in LabelTexts.Warnings.Keys)
            {
                Assert.NotEqual(warning, LabelTexts.Warning(warning, Texts, language));
            }
        }
    }

    [Fact]
    public void A_reading_problem_is_explained_by_its_error_and_an_unknown_code_keeps_the_library_s_words()
    {
        var problem = new ValidationStatus(ValidationCodes.GeneralError, false, null, "The file is neither JPEG nor PNG.");
        Assert.Equal(Texts.Get("labels.error.format.unsupported", Language.Ru), LabelTexts.Explain(problem, LabelError.UnsupportedFormat, Texts, Language.Ru));
        Assert.Equal(Texts.Get("labels.code.general.error", Language.Kk), LabelTexts.Explain(problem, null, Texts, Language.Kk));
        var future = new ValidationStatus("assertion.future.code", false, null, "Something new.");
        Assert.Equal("Something new.", LabelTexts.Explain(future, null, Texts, Language.Kk));
    }
}
