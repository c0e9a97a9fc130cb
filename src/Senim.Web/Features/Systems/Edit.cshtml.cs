using Senim.Registry.Workflow;

namespace Senim.Web.Features.Systems;

/// <summary>
/// Editing a system's record. The version read travels in a hidden field: when someone else saved in
/// between, nothing is saved, the form keeps what was typed, and the page lists what changed meanwhile.
/// </summary>
public sealed class EditModel(SystemService systems) : SystemPage
{
    /// <summary>The system, opened once per request for a change by its owner.</summary>
    public SystemAccess? Access { get; private set; }

    public AiSystem? System { get; private set; }

    public SystemForm Form { get; private set; } = new();

    /// <summary>The version the form is based on (sent back in a hidden field).</summary>
    public int Version { get; private set; }

    /// <summary>After a conflict: what the other change did, from the version the user had to the current one.</summary>
    public IReadOnlyList<FieldDifference> ChangedMeanwhile { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        try
        {
            var system = await LoadAsync(id);
            Form = SystemForm.From(system);
            Version = system.Version;
            return Page();
        }
        catch (RegistryException ex)
        {
            return Refused(ex);
        }
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        Form = SystemForm.Read(Request.Form);
        var actor = await ActorAsync();
        try
        {
            await LoadAsync(id);
        }
        catch (RegistryException ex)
        {
            return Refused(ex);
        }

        if (!int.TryParse(Request.Form["version"], NumberStyles.None, CultureInfo.InvariantCulture, out var expected))
        {
            expected = 0;
        }

        Version = expected;
        try
        {
            await systems.UpdateAsync(Access!, Form.ToInput(), expected, HttpContext.RequestAborted);
            Notice = Text["systems.edit.saved"];
            return RedirectToPage("/Systems/Show", new { id });
        }
        catch (ConcurrencyException stale)
        {
            // The user's input stays in the form; the form now carries the current version, so saving
            // again (after reading what changed) replaces the other change knowingly.
            // Nothing of the change was kept: open the system afresh to show what changed meanwhile.
            var fresh = await systems.OpenAsync(actor, id, SystemPurpose.Read, HttpContext.RequestAborted);
            System = fresh.System;
            Version = System.Version;
            if (expected > 0 && expected < System.Version)
            {
                ChangedMeanwhile = await systems.DiffAsync(fresh, expected, System.Version, HttpContext.RequestAborted);
            }

            return Refused(stale);
        }
        catch (RegistryException ex)
        {
            return Refused(ex);
        }
    }

    private async Task<AiSystem> LoadAsync(Guid id)
    {
        Access = await systems.OpenAsync(await ActorAsync(), id, SystemPurpose.Change, HttpContext.RequestAborted);
        var system = System = Access.System;
        if (!RegistrationWorkflow.IsEditable(system.Status))
        {
            throw new RuleException("not-editable", "A system that is {0} cannot be edited now.", Text.Name(system.Status));
        }

        return system;
    }
}
