namespace Senim.Web.Features.Organisations;

/// <summary>One organisation: details, edit (its admins), members, and deletion with confirmation.</summary>
[Authorize]
public sealed class DetailsModel(OrganisationService organisations, InvitationService invitations) : Infrastructure.RegistryPage
{
    [FromRoute]
    public Guid Id { get; set; }

    public Organisation Organisation { get; private set; } = null!;

    public IReadOnlyList<Membership> Members { get; private set; } = [];

    /// <summary>The organisation's invitations (for its admins).</summary>
    public IReadOnlyList<Invitation> Invitations { get; private set; } = [];

    public Actor Me { get; private set; } = null!;

    public OrganisationForm Form { get; private set; } = new();

    /// <summary>The version the edit form was opened at (the one the change applies to).</summary>
    public int FormVersion { get; private set; }

    /// <summary>After a conflict: the fields someone else changed, with their stored values.</summary>
    public IReadOnlyList<(string Field, string? Stored)> Conflicts { get; private set; } = [];

    [BindProperty(Name = "email")]
    public string? MemberEmail { get; set; }

    [BindProperty(Name = "role")]
    public string? MemberRoleText { get; set; }

    public bool CanManage => Me.IsOrganisationAdmin(Organisation.Id) || Me.IsAdmin;

    public async Task<IActionResult> OnGetAsync()
    {
        try
        {
            await LoadAsync();
        }
        catch (RegistryException ex)
        {
            return Refused(ex);
        }

        Form = OrganisationForm.From(Organisation);
        FormVersion = Organisation.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostEditAsync(int version)
    {
        var form = new OrganisationForm();
        await TryUpdateModelAsync(form, "");
        return await ActAsync(async actor =>
        {
            var saved = await organisations.UpdateAsync(actor, Id, form.ToInput(), version, HttpContext.RequestAborted);
            Notice = Texts.Get("organisations.saved", Lang);
            return RedirectToPage("/Organisations/Details", new { id = saved.Id });
        }, form, version);
    }

    /// <summary>Invites an address; the notice is the same whether it has an account or not.</summary>
    public async Task<IActionResult> OnPostInviteAsync() => await ActAsync(async actor =>
    {
        var role = MemberRoleText is "admin" or "editor" ? ParseRole(MemberRoleText) : (MemberRole?)null;
        var issued = await invitations.InviteAsync(actor, Id, MemberEmail, role, HttpContext.RequestAborted);
        Notice = Texts.Format("organisations.invited", Lang, issued.Invitation.Email);
        return RedirectToPage("/Organisations/Details", null, new { id = Id }, "invitations");
    });

    public async Task<IActionResult> OnPostRevokeAsync(Guid invitationId) => await ActAsync(async actor =>
    {
        await invitations.RevokeAsync(actor, Id, invitationId, HttpContext.RequestAborted);
        Notice = Texts.Get("organisations.invitations.revoked", Lang);
        return RedirectToPage("/Organisations/Details", null, new { id = Id }, "invitations");
    });

    public async Task<IActionResult> OnPostRemoveMemberAsync(Guid userId) => await ActAsync(async actor =>
    {
        await organisations.RemoveMemberAsync(actor, Id, userId, HttpContext.RequestAborted);
        if (userId == actor.UserId)
        {
            Notice = Texts.Get("organisations.left", Lang);
            return RedirectToPage("/Organisations/Index");
        }

        Notice = Texts.Get("organisations.member-removed", Lang);
        return RedirectToPage("/Organisations/Details", null, new { id = Id }, "members");
    });

    public async Task<IActionResult> OnPostMemberRoleAsync(Guid userId, string? newRole) => await ActAsync(async actor =>
    {
        await organisations.SetMemberRoleAsync(actor, Id, userId, ParseRole(newRole), HttpContext.RequestAborted);
        Notice = Texts.Get("organisations.member-role-changed", Lang);
        return RedirectToPage("/Organisations/Details", null, new { id = Id }, "members");
    });

    public async Task<IActionResult> OnPostDeleteAsync(int version, string? confirm) => await ActAsync(async actor =>
    {
        if (confirm != "yes")
        {
            throw Invalid.Field("confirm", "confirm-delete", "tick the box to confirm that the organisation should be deleted");
        }

        var organisation = await organisations.GetAsync(actor, Id, HttpContext.RequestAborted);
        await organisations.DeleteAsync(actor, Id, version, HttpContext.RequestAborted);
        Notice = Texts.Format("organisations.deleted", Lang, organisation.Name);
        return RedirectToPage("/Organisations/Index");
    });

    /// <summary>The form's code of a member role (admin, editor).</summary>
    public static string RoleCode(MemberRole role) => role.ToString().ToLowerInvariant();

    public static MemberRole ParseRole(string? role) => role switch
    {
        "admin" => MemberRole.Admin,
        "editor" => MemberRole.Editor,
        _ => throw Invalid.Field("role", "member-role-invalid", "choose admin or editor"),
    };

    /// <summary>Runs a change; on a refusal re-renders the page with what the user typed, and on a conflict shows what changed meanwhile.</summary>
    private async Task<IActionResult> ActAsync(Func<Actor, Task<IActionResult>> change, OrganisationForm? typed = null, int? typedVersion = null)
    {
        try
        {
            return await change(await ActorAsync());
        }
        catch (RegistryException ex)
        {
            try
            {
                await LoadAsync();
            }
            catch (NotFoundException missing)
            {
                return Refused(missing);
            }

            Form = typed ?? OrganisationForm.From(Organisation);
            FormVersion = typedVersion ?? Organisation.Version;
            if (ex is ConcurrencyException && typed is not null)
            {
                // Keep every character typed; offer the current version so saving again is a deliberate overwrite.
                Conflicts = typed.DifferencesFrom(Organisation);
                FormVersion = Organisation.Version;
            }

            return Refused(ex);
        }
    }

    private async Task LoadAsync()
    {
        Me = await ActorAsync();
        Organisation = await organisations.GetAsync(Me, Id, HttpContext.RequestAborted);
        Members = await organisations.MembersAsync(Me, Id, HttpContext.RequestAborted);
        Invitations = CanManage ? await invitations.ListAsync(Me, Id, HttpContext.RequestAborted) : [];
    }
}
