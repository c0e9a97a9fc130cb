using Senim.Registry.Citizens;

namespace Senim.Web.Features.Citizens;

/// <summary>The words of the citizens' requests' codes (texts in texts.yaml beside this file).</summary>
public static class CitizenTexts
{
    /// <summary>The five kinds, each with the help the form shows under it and the article it rests on.</summary>
    public static TextTable<CitizenRequestKind> Kind { get; } = new("citizen-kind", CitizenCodes.Kinds, k => k.Code(), "help");

    public static TextTable<CitizenRequestStatus> Status { get; } = new("citizen-status", Enum.GetValues<CitizenRequestStatus>(), s => s.Code());

    /// <summary>What a step of the timeline did.</summary>
    public static TextTable<CitizenAction> Action { get; } = new TextTable<CitizenAction>("citizen-action", Enum.GetValues<CitizenAction>(), a => a.Code())
        .Sharing(CitizenAction.Answer, "citizen-status.answered")
        .Sharing(CitizenAction.Close, "citizen-status.closed");

    /// <summary>Who took a step (the tracking page names roles, never people).</summary>
    public static TextTable<CaseRole> Role { get; } = new TextTable<CaseRole>("case-role", Enum.GetValues<CaseRole>(), r => r.Code())
        .Sharing(CaseRole.Supervisor, "capacity.supervisor");

    public static TextTable<ReviewOutcome> Outcome { get; } = new("citizen-outcome", Enum.GetValues<ReviewOutcome>(), o => o.Code());

    /// <summary>A stored status code in words (the timeline keeps codes).</summary>
    public static string StatusOf(PageText text, string code)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Or(Status, code);
    }
}
