namespace Senim.Web.Features.Systems;

/// <summary>
/// The record's fields as the create and edit forms post them. Inputs are named like the API's JSON
/// fields (name_kk, sector, ...), so the register's field errors land beside the right input.
/// </summary>
public sealed class SystemForm
{
    public string? NameKk { get; set; }

    public string? NameRu { get; set; }

    public string? NameEn { get; set; }

    public string? PurposeKk { get; set; }

    public string? PurposeRu { get; set; }

    public string? PurposeEn { get; set; }

    public string? Description { get; set; }

    public string? Sector { get; set; }

    public string? Role { get; set; }

    public string? DataAndModels { get; set; }

    public string? Mode { get; set; }

    public string? Contact { get; set; }

    public string? SupportChannel { get; set; }

    public string? UserAgreementUrl { get; set; }

    /// <summary>The form's code of a role or a usage mode (owner, holder; open, closed, local).</summary>
    public static string Code<TEnum>(TEnum value)
        where TEnum : struct, Enum => value.ToString().ToLowerInvariant();

    public static SystemForm From(AiSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        return new SystemForm
        {
            NameKk = system.NameKk,
            NameRu = system.NameRu,
            NameEn = system.NameEn,
            PurposeKk = system.PurposeKk,
            PurposeRu = system.PurposeRu,
            PurposeEn = system.PurposeEn,
            Description = system.Description,
            Sector = system.Sector,
            Role = Code(system.Role),
            DataAndModels = system.DataAndModels,
            Mode = system.Mode is { } mode ? Code(mode) : null,
            Contact = system.Contact,
            SupportChannel = system.SupportChannel,
            UserAgreementUrl = system.UserAgreementUrl,
        };
    }

    public static SystemForm Read(IFormCollection form)
    {
        ArgumentNullException.ThrowIfNull(form);
        string? Get(string name) => form.TryGetValue(name, out var value) ? value.ToString() : null;
        return new SystemForm
        {
            NameKk = Get("name_kk"),
            NameRu = Get("name_ru"),
            NameEn = Get("name_en"),
            PurposeKk = Get("purpose_kk"),
            PurposeRu = Get("purpose_ru"),
            PurposeEn = Get("purpose_en"),
            Description = Get("description"),
            Sector = Get("sector"),
            Role = Get("role"),
            DataAndModels = Get("data_and_models"),
            Mode = Get("mode"),
            Contact = Get("contact"),
            SupportChannel = Get("support_channel"),
            UserAgreementUrl = Get("user_agreement_url"),
        };
    }

    /// <summary>The register's input; an unknown role or usage mode is a field error, not a silent default.</summary>
    public SystemInput ToInput() => SystemInputs.Create(NameKk, NameRu, NameEn, PurposeKk, PurposeRu, PurposeEn, Description, Sector, Role, DataAndModels, Mode, Contact, SupportChannel, UserAgreementUrl);
}

/// <summary>Builds a <see cref="SystemInput"/> from text, as both the pages and the API receive it.</summary>
public static class SystemInputs
{
    public static SystemInput Create(string? nameKk, string? nameRu, string? nameEn, string? purposeKk, string? purposeRu, string? purposeEn,
        string? description, string? sector, string? role, string? dataAndModels, string? mode, string? contact, string? supportChannel, string? userAgreementUrl)
    {
        // An unknown role is reported with the other missing fields (the register asks for owner or holder).
        OwnershipRole? parsedRole = role?.Trim().ToLowerInvariant() switch
        {
            "owner" => OwnershipRole.Owner,
            "holder" => OwnershipRole.Holder,
            _ => null,
        };

        UsageMode? parsedMode = null;
        if (!string.IsNullOrWhiteSpace(mode))
        {
            parsedMode = mode.Trim().ToLowerInvariant() switch
            {
                "open" => UsageMode.Open,
                "closed" => UsageMode.Closed,
                "local" => UsageMode.Local,
                _ => null,
            };
            if (parsedMode is null)
            {
                throw Invalid.Field("mode", "mode-unknown", "choose open, closed or local");
            }
        }

        return new SystemInput(nameKk, nameRu, nameEn, purposeKk, purposeRu, purposeEn, description, sector?.Trim(), parsedRole, dataAndModels, parsedMode, contact, supportChannel, userAgreementUrl);
    }
}
