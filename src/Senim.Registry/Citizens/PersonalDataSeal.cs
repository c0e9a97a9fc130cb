using Microsoft.AspNetCore.DataProtection;

namespace Senim.Registry.Citizens;

/// <summary>What a person gives about themselves with a request; all of it is sealed.</summary>
/// <param name="Name">How they want to be addressed.</param>
/// <param name="Email">Where the register writes to them (optional).</param>
/// <param name="Phone">Optional.</param>
/// <param name="Description">Their own account of what happened.</param>
/// <param name="TrackingCode">Their tracking code, so later mails can carry the link to the tracking page.</param>
public sealed record PersonalDetails(string Name, string? Email, string? Phone, string Description, string TrackingCode);

/// <summary>
/// Seals and opens <see cref="PersonalDetails"/> with Data Protection under a purpose of its own, so no other protector
/// of the host (cookies, tokens) can open them, and their keys are the host's (encrypted at rest, ADR 0023).
/// </summary>
public sealed class PersonalDataSeal(IDataProtectionProvider provider)
{
    public const string Purpose = "Senim.PersonalData.v1";

    private readonly IDataProtector _protector = provider.CreateProtector(Purpose);

    public string Seal(PersonalDetails details) => _protector.Protect(Json.Write(details));

    public PersonalDetails Open(string sealedText) => Json.Read<PersonalDetails>(_protector.Unprotect(sealedText));
}
