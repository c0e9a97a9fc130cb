using Senim.Registry.Citizens;

namespace Senim.Web.Features.Citizens;

/// <summary>
/// /requests/{id}: one citizen's request for the owner's members and the supervisory body — the request, its timeline and,
/// for the assigned handler and the supervisory body only, the person's name, contact and account (everyone else reads
/// "withheld"). Admins of the owner assign a handler; the handler answers, records the review's outcome (objections) and
/// closes; the supervisory body closes an escalated request and, when the enforcement slice is there, opens a case from it.
/// </summary>
[Authorize]
public sealed class CaseModel(CitizenInbox inbox, OrganisationService organisations, IServiceProvider services) : RegistryPage
{
    public CitizenCase Case { get; private set; } = null!;

    /// <summary>The members an admin of the owner may make the handler (empty for anyone else).</summary>
    public IReadOnlyList<Membership> Members { get; private set; } = [];

    public bool IsHandler { get; private set; }

    public bool IsSupervisor { get; private set; }

    /// <summary>True when an enforcement case can be opened from here (<see cref="IEnforcementOpener"/> is registered).</summary>
    public bool CanOpenEnforcement => IsSupervisor && services.GetService<IEnforcementOpener>() is not null;

    /// <summary>What was typed into a refused form, to show again.</summary>
    public string? Answer { get; private set; }

    public string? OutcomeText { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        try
        {
            await LoadAsync(id);
        }
        catch (RegistryException ex)
        {
            return Refused(ex);
        }

        return Page();
    }

    public Task<IActionResult> OnPostAssignAsync(Guid id, Guid? handler, int version) =>
        ChangeAsync(id, "citizens.case.assigned", async actor =>
            await inbox.AssignAsync(actor, id, handler ?? throw Invalid.Field("handler", "required", "is required"), version, HttpContext.RequestAborted));

    public Task<IActionResult> OnPostAnswerAsync(Guid id, string? answer, int version)
    {
        Answer = answer;
        return ChangeAsync(id, "citizens.case.answered", async actor => await inbox.AnswerAsync(actor, id, answer, version, HttpContext.RequestAborted));
    }

    public Task<IActionResult> OnPostOutcomeAsync(Guid id, string? outcome, string? text, int version)
    {
        OutcomeText = text;
        return ChangeAsync(id, "citizens.case.outcome-recorded", async actor =>
        {
            var value = CitizenTexts.Outcome.TryParse(outcome ?? "", out var parsed) ? parsed
                : throw Invalid.Field("outcome", "citizen-outcome-unknown", "must be upheld, changed or reversed");
            await inbox.RecordOutcomeAsync(actor, id, value, text, version, HttpContext.RequestAborted);
        });
    }

    public Task<IActionResult> OnPostCloseAsync(Guid id, int version) =>
        ChangeAsync(id, "citizens.case.closed", async actor => await inbox.CloseAsync(actor, id, version, HttpContext.RequestAborted));

    public Task<IActionResult> OnPostEnforceAsync(Guid id) =>
        ChangeAsync(id, "citizens.case.enforcement-opened", async actor =>
            await (services.GetService<IEnforcementOpener>() ?? throw new NotFoundException("enforcement", id)).OpenFromRequestAsync(actor, id, HttpContext.RequestAborted));

    private async Task<IActionResult> ChangeAsync(Guid id, string notice, Func<Actor, Task> change)
    {
        try
        {
            await change(await ActorAsync());
        }
        catch (RegistryException ex)
        {
            try
            {
                await LoadAsync(id);
            }
            catch (RegistryException hidden)
            {
                return Refused(hidden);
            }

            return Refused(ex);
        }

        Notice = Texts.Get(notice, Lang);
        return RedirectToPage("/Citizens/Case", new { id });
    }

    private async Task LoadAsync(Guid id)
    {
        var actor = await ActorAsync();
        Case = await inbox.GetAsync(actor, id, HttpContext.RequestAborted);
        IsSupervisor = actor.IsSupervisor;
        IsHandler = Case.Request.HandlerId == actor.UserId && Case.OrganisationId is { } member && actor.IsMember(member);
        if (Case.OrganisationId is { } organisation && actor.IsOrganisationAdmin(organisation))
        {
            Members = await organisations.MembersAsync(actor, organisation, HttpContext.RequestAborted);
        }
    }
}
