namespace Senim.Web.Features.Organisations;

/// <summary>The organisation form's fields as typed (kept as text, so a refused form comes back exactly as it was sent).</summary>
public sealed class OrganisationForm
{
    [BindProperty(Name = "bin")]
    public string? Bin { get; set; }

    [BindProperty(Name = "name")]
    public string? Name { get; set; }

    [BindProperty(Name = "size")]
    public string? Size { get; set; }

    [BindProperty(Name = "contact_email")]
    public string? ContactEmail { get; set; }

    [BindProperty(Name = "contact_phone")]
    public string? ContactPhone { get; set; }

    [BindProperty(Name = "address")]
    public string? Address { get; set; }

    [BindProperty(Name = "website")]
    public string? Website { get; set; }

    public static IReadOnlyList<string> Sizes { get; } = ["small", "medium", "large"];

    public OrganisationInput ToInput() => new(Bin?.Trim(), Name, ParseSize(Size), ContactEmail, ContactPhone, Address, Website?.Trim());

    public static SizeClass? ParseSize(string? size) => size switch
    {
        "small" => SizeClass.Small,
        "medium" => SizeClass.Medium,
        "large" => SizeClass.Large,
        _ => null,
    };

    public static string SizeCode(SizeClass size) => size.ToString().ToLowerInvariant();

    public static OrganisationForm From(Organisation o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return new()
        {
            Bin = o.Bin,
            Name = o.Name,
            Size = SizeCode(o.Size),
            ContactEmail = o.ContactEmail,
            ContactPhone = o.ContactPhone,
            Address = o.Address,
            Website = o.Website,
        };
    }

    /// <summary>The fields where the stored record now differs from what was typed (field name, stored value).</summary>
    public IReadOnlyList<(string Field, string? Stored)> DifferencesFrom(Organisation stored)
    {
        var now = From(stored);
        static string? Norm(string? v) => string.IsNullOrWhiteSpace(v) ? null : v.Trim();
        return [.. new (string Field, string? Mine, string? Theirs)[]
            {
                ("bin", Bin, now.Bin), ("name", Name, now.Name), ("size", Size, now.Size), ("contact_email", ContactEmail, now.ContactEmail),
                ("contact_phone", ContactPhone, now.ContactPhone), ("address", Address, now.Address), ("website", Website, now.Website),
            }
            .Where(f => Norm(f.Mine) != Norm(f.Theirs))
            .Select(f => (f.Field, f.Theirs))];
    }
}

/// <summary>What _OrganisationFields.cshtml renders: the form's values and the page's field errors.</summary>
public sealed record OrganisationFieldsView(OrganisationForm Form, Func<string, string?> ErrorOf);
