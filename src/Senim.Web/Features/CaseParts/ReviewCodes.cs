namespace Senim.Web.Features.CaseParts;

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

    /// <summary>review.classification.reason.REASON: why a classification was made (the owner's answers, a reclassification, a law update).</summary>
    public static TextTable<string> Reasons { get; } = TextTable.Of("review.classification.reason", ["owner", "reclassified", LawUpdateService.Reason]);

    /// <summary>A stored reason as the table knows it; an older or unknown one reads as the owner's.</summary>
    public static string Reason(string? code) => code is not null && Reasons.Values.Contains(code) ? code : "owner";

    public static IReadOnlyList<ChecklistVerdict> Verdicts { get; } = Enum.GetValues<ChecklistVerdict>();

    public static Recommendation? ParseRecommendation(string? code) => Recommendations.Cast<Recommendation?>().FirstOrDefault(r => r!.Value.Code() == code);

    public static ChecklistVerdict? ParseVerdict(string? code) => Verdicts.Cast<ChecklistVerdict?>().FirstOrDefault(v => v!.Value.Code() == code);

}
