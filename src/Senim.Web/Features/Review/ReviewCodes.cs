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
        _ => "done",
    };

    public static string Code(this Decision value) => value switch
    {
        Decision.Register => "register",
        Decision.RegisterWithConditions => "register-with-conditions",
        _ => "refuse",
    };

    public static IReadOnlyList<Recommendation> Recommendations { get; } = Enum.GetValues<Recommendation>();

    public static IReadOnlyList<ChecklistVerdict> Verdicts { get; } = Enum.GetValues<ChecklistVerdict>();

    public static IReadOnlyList<Decision> Decisions { get; } = Enum.GetValues<Decision>();

    public static Recommendation? ParseRecommendation(string? code) => Recommendations.Cast<Recommendation?>().FirstOrDefault(r => r!.Value.Code() == code);

    public static ChecklistVerdict? ParseVerdict(string? code) => Verdicts.Cast<ChecklistVerdict?>().FirstOrDefault(v => v!.Value.Code() == code);

    public static Decision? ParseDecision(string? code) => Decisions.Cast<Decision?>().FirstOrDefault(d => d!.Value.Code() == code);
}
