namespace Senim.Web.Features.Systems;

/// <summary>Every version of a system's record (who, when, what action) and a readable diff between any two.</summary>
public sealed class HistoryModel(SystemService systems, ClassificationService classifications, LawLibrary library) : SystemPage
{
    public AiSystem? System { get; private set; }

    public bool CanEdit { get; private set; }

    public IReadOnlyList<SystemVersion> Versions { get; private set; } = [];

    public LawLibrary Library => library;

    public int? From { get; private set; }

    public int? To { get; private set; }

    public IReadOnlyList<FieldDifference>? Changes { get; private set; }

    /// <summary>When the two versions differ in classification: which answers and obligations changed.</summary>
    public ClassificationChanges? Classification { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string? from, string? to)
    {
        var actor = await ActorAsync();
        try
        {
            var access = await systems.OpenAsync(actor, id, SystemPurpose.Read, HttpContext.RequestAborted);
            System = access.System;
            CanEdit = access.CanChangeNow;
            Versions = await systems.HistoryAsync(access, HttpContext.RequestAborted);
            To = Number(to, "to");
            From = Number(from, "from") ?? (To is { } t ? t - 1 : null);
            if (To is { } toVersion && From is { } fromVersion)
            {
                Changes = await systems.DiffAsync(access, fromVersion, toVersion, HttpContext.RequestAborted);
                if (Changes.FirstOrDefault(c => c.Field == "classification") is { New: { } newer } change)
                {
                    Classification = await classifications.CompareAsync(access, change.Old is { } older ? int.Parse(older, CultureInfo.InvariantCulture) : null,
                        int.Parse(newer, CultureInfo.InvariantCulture), HttpContext.RequestAborted);
                }
            }

            return Page();
        }
        catch (RegistryException ex)
        {
            return Refused(ex);
        }
    }

    private static int? Number(string? text, string field)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            throw Invalid.Field(field, "version-invalid", "give a version number");
        }

        return number;
    }
}
