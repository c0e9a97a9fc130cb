namespace Senim.Web.Features.Organisations;

/// <summary>The organisation form's fields as typed (kept as text, so a refused form comes back exactly as it was sent).</summary>
public sealed class OrganisationForm
{
    [BindProperty(Name = "bin")]
    public string? Bin { get; set; }

    /// <summary>One name without its language (the API's older field, kept for posts that send it): used when no name_xx is given.</summary>
    [BindProperty(Name = "name")]
    public string? Name { get; set; }

    [BindProperty(Name = "name_kk")]
    public string? NameKk { get; set; }

    [BindProperty(Name = "name_ru")]
    public string? NameRu { get; set; }

    [BindProperty(Name = "name_en")]
    public string? NameEn { get; set; }

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

    public OrganisationInput ToInput() => new(Bin?.Trim(), Name, ParseSize(Size), ContactEmail, ContactPhone, Address, Website?.Trim())
    {
        NameKk = NameKk,
        NameRu = NameRu,
        NameEn = NameEn,
    };

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
        var (kk, ru, en) = new OrganisationInput(o.Bin, o.Name, o.Size, o.ContactEmail, null, null, null) { NameKk = o.NameKk, NameRu = o.NameRu, NameEn = o.NameEn }.Names();
        return new()
        {
            Bin = o.Bin,
            NameKk = kk,
            NameRu = ru,
            NameEn = en,
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
                ("bin", Bin, now.Bin), ("name_kk", NameKk, now.NameKk), ("name_ru", NameRu, now.NameRu), ("name_en", NameEn, now.NameEn), ("size", Size, now.Size), ("contact_email", ContactEmail, now.ContactEmail),
                ("contact_phone", ContactPhone, now.ContactPhone), ("address", Address, now.Address), ("website", Website, now.Website),
            }
            .Where(f => Norm(f.Mine) != Norm(f.Theirs))
            .Select(f => (f.Field, f.Theirs))];
    }
}

/// <summary>What _OrganisationFields.cshtml renders: the form's values and the page's field errors.</summary>
public sealed record OrganisationFieldsView(OrganisationForm Form, Func<string, string?> ErrorOf);
