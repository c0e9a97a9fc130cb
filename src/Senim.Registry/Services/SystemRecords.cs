namespace Senim.Registry.Services;

/// <summary>What an owner fills in for a system. Null leaves a field empty.</summary>
public sealed record SystemInput(
    string? NameKk,
    string? NameRu,
    string? NameEn,
    string? PurposeKk,
    string? PurposeRu,
    string? PurposeEn,
    string? Description,
    string? Sector,
    OwnershipRole? Role,
    string? DataAndModels,
    UsageMode? Mode,
    string? Contact,
    string? SupportChannel,
    string? UserAgreementUrl)
{
    internal void Validate()
    {
        var errors = new FieldErrors();
        void Length(string field, string? value, int max)
        {
            if (value is { Length: > 0 } && value.Length > max)
            {
                errors.Add(field, "too-long", "is {0} characters long; at most {1} are allowed", value.Length, max);
            }
        }

        if (string.IsNullOrWhiteSpace(NameKk) && string.IsNullOrWhiteSpace(NameRu) && string.IsNullOrWhiteSpace(NameEn))
        {
            errors.Add("name", "name-required", "give the system's name in at least one language");
        }

        if (string.IsNullOrWhiteSpace(PurposeKk) && string.IsNullOrWhiteSpace(PurposeRu) && string.IsNullOrWhiteSpace(PurposeEn))
        {
            errors.Add("purpose", "purpose-required", "give the system's purpose in at least one language");
        }

        Length("name_kk", NameKk, 200);
        Length("name_ru", NameRu, 200);
        Length("name_en", NameEn, 200);
        Length("purpose_kk", PurposeKk, 2000);
        Length("purpose_ru", PurposeRu, 2000);
        Length("purpose_en", PurposeEn, 2000);
        Length("description", Description, 10_000);
        Length("data_and_models", DataAndModels, 5000);
        Length("contact", Contact, 300);
        Length("support_channel", SupportChannel, 300);
        Length("user_agreement_url", UserAgreementUrl, 500);
        if (!Sectors.IsKnown(Sector))
        {
            errors.Add("sector", "sector-unknown", "choose one of: {0}", string.Join(", ", Sectors.All));
        }

        if (Role is null)
        {
            errors.Add("role", "role-required", "say whether the organisation is the owner or the holder");
        }

        if (UserAgreementUrl is { Length: > 0 } url && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)))
        {
            errors.Add("user_agreement_url", "url-invalid", "must be a web address starting with https:// or http://");
        }

        errors.ThrowIfAny();
    }

    internal void ApplyTo(AiSystem system)
    {
        static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        system.NameKk = Clean(NameKk);
        system.NameRu = Clean(NameRu);
        system.NameEn = Clean(NameEn);
        system.PurposeKk = Clean(PurposeKk);
        system.PurposeRu = Clean(PurposeRu);
        system.PurposeEn = Clean(PurposeEn);
        system.Description = Clean(Description);
        system.Sector = Sector!;
        system.Role = Role!.Value;
        system.DataAndModels = Clean(DataAndModels);
        system.Mode = Mode;
        system.Contact = Clean(Contact);
        system.SupportChannel = Clean(SupportChannel);
        system.UserAgreementUrl = Clean(UserAgreementUrl);
    }

    public static SystemInput From(AiSystem s) => new(s.NameKk, s.NameRu, s.NameEn, s.PurposeKk, s.PurposeRu, s.PurposeEn, s.Description,
        s.Sector, s.Role, s.DataAndModels, s.Mode, s.Contact, s.SupportChannel, s.UserAgreementUrl);
}

/// <summary>A system record as stored in each version, for history and diffs.</summary>
public sealed record SystemSnapshot(
    string? NameKk,
    string? NameRu,
    string? NameEn,
    string? PurposeKk,
    string? PurposeRu,
    string? PurposeEn,
    string? Description,
    string Sector,
    string Role,
    string? DataAndModels,
    string? Mode,
    string? Contact,
    string? SupportChannel,
    string? UserAgreementUrl,
    string Status,
    string? RegisterNumber,
    string? Tier,
    bool Prohibited,
    int? Classification,
    string? Conditions,
    string? ConditionsDeadline)
{
    public static SystemSnapshot Of(AiSystem s, int? classification) => new(
        s.NameKk, s.NameRu, s.NameEn, s.PurposeKk, s.PurposeRu, s.PurposeEn, s.Description, s.Sector,
        s.Role.ToString().ToLowerInvariant(), s.DataAndModels, s.Mode?.ToString().ToLowerInvariant(), s.Contact,
        s.SupportChannel, s.UserAgreementUrl, s.Status.Code(), s.RegisterNumber, s.Tier, s.Prohibited, classification,
        s.Conditions, s.ConditionsDeadline?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    /// <summary>The name of every field <see cref="Fields"/> gives, in its order (the web host has words for each).</summary>
    public static IReadOnlyList<string> FieldNames { get; } =
        [.. new SystemSnapshot(null, null, null, null, null, null, null, "", "", null, null, null, null, null, "", null, null, false, null, null, null).Fields().Select(f => f.Field)];

    /// <summary>Field name (snake_case) → value, for diffs.</summary>
    public IReadOnlyList<(string Field, string? Value)> Fields() =>
    [
        ("name_kk", NameKk), ("name_ru", NameRu), ("name_en", NameEn),
        ("purpose_kk", PurposeKk), ("purpose_ru", PurposeRu), ("purpose_en", PurposeEn),
        ("description", Description), ("sector", Sector), ("role", Role), ("data_and_models", DataAndModels),
        ("mode", Mode), ("contact", Contact), ("support_channel", SupportChannel), ("user_agreement_url", UserAgreementUrl),
        ("status", Status), ("register_number", RegisterNumber), ("tier", Tier), ("prohibited", Prohibited ? "yes" : "no"),
        ("classification", Classification?.ToString(CultureInfo.InvariantCulture)), ("conditions", Conditions), ("conditions_deadline", ConditionsDeadline),
    ];
}

/// <summary>One field that differs between two versions.</summary>
public sealed record FieldDifference(string Field, string? Old, string? New);

/// <summary>Compares two snapshots field by field.</summary>
public static class SnapshotDiff
{
    public static IReadOnlyList<FieldDifference> Compare(SystemSnapshot? before, SystemSnapshot after)
    {
        ArgumentNullException.ThrowIfNull(after);
        var old = before?.Fields().ToDictionary(f => f.Field, f => f.Value) ?? [];
        return [.. after.Fields()
            .Where(f => !string.Equals(old.GetValueOrDefault(f.Field), f.Value, StringComparison.Ordinal))
            .Select(f => new FieldDifference(f.Field, old.GetValueOrDefault(f.Field), f.Value))];
    }
}
