using Senim.Registry.Model;
using Senim.Registry.Services;

namespace Senim.Web.Features.Review;

/// <summary>The kebab-case codes that the review pages, the API and the UI texts use for the review's enums.</summary>
public static class ReviewCodes
{
    public static string Code(this Recommendation value) => value switch
    {
        Recommendation.Register => "register",
        Recommendation.RegisterWithConditions => "register-with-conditions",
        _ => "refuse",
    };

    public static string Code(this ChecklistVerdict value) => value switch
    {
        ChecklistVerdict.Satisfied => "satisfied",
        ChecklistVerdict.Issue => "issue",
        _ => "not-applicable",
    };

    public static string Code(this ReviewStep value) => value switch
    {
        ReviewStep.Declare => "declare",
        ReviewStep.Checklist => "checklist",
        ReviewStep.Recommend => "recommend",
        ReviewStep.WaitingForOwner => "waiting-for-owner",
        // The API and the queue page keep one code for "nothing for you to do now": waiting for others, for the decision, or over.
        _ => "done",
    };

    public static IReadOnlyList<Recommendation> Recommendations { get; } = Enum.GetValues<Recommendation>();

    public static IReadOnlyList<ChecklistVerdict> Verdicts { get; } = Enum.GetValues<ChecklistVerdict>();

    public static Recommendation? ParseRecommendation(string? code) => Recommendations.Cast<Recommendation?>().FirstOrDefault(r => r!.Value.Code() == code);

    public static ChecklistVerdict? ParseVerdict(string? code) => Verdicts.Cast<ChecklistVerdict?>().FirstOrDefault(v => v!.Value.Code() == code);

}
