using System.Security.Cryptography;
using Senim.Registry.Citizens;
using Senim.Registry.Files;
using Senim.Registry.Labels;

namespace Senim.Web.Features.Citizens;

/// <summary>What the public form and the API send (snake_case names, as in the form and the JSON body).</summary>
public sealed record CitizenFormFields(
    string? Kind,
    string? System,
    string? RegisterNumber,
    string? NamedSystem,
    string? NamedOrganisation,
    string? Name,
    string? Email,
    string? Phone,
    string? Description,
    string? ContentLink,
    string? FormToken,
    string? Proof,
    string? Website)
{
    /// <summary>The fields of a posted form (a multipart form's fields, or a url-encoded form).</summary>
    public static CitizenFormFields From(Func<string, string?> field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return new(field("kind"), field("system"), field("register_number"), field("named_system"), field("named_organisation"), field("name"), field("email"),
            field("phone"), field("description"), field("content_link"), field(CitizenFormGuard.TokenField), field(CitizenFormGuard.ProofField), field(CitizenFormGuard.Honeypot));
    }
}

/// <summary>A form refused with 429 before its content was read (the client's plain allowance is spent).</summary>
public sealed class FormRefusedException(FormRefusal refusal) : Exception(refusal?.English)
{
    public FormRefusal Refusal { get; } = refusal ?? throw new ArgumentNullException(nameof(refusal));
}

/// <summary>
/// Files a citizen's request from the public form or the API, in one order: the flood guard (token, honeypot, stamp),
/// then a complaint's file (checked by the label verifier and kept in the file store), then the register. A refusal
/// after the guard gives the form's token back and deletes the kept file, so the person sends the same form again.
/// </summary>
public sealed class CitizenFiling(CitizenRequestService requests, CitizenFormGuard guard, LabelService labels, IFileStore files)
{
    /// <exception cref="ValidationException">The guard or the register refused a field (each listed).</exception>
    /// <exception cref="FormRefusedException">Too many forms without the browser's check (429).</exception>
    /// <exception cref="RuleException">The address filed too many open requests today.</exception>
    public async Task<FiledRequest> FileAsync(Actor actor, CitizenFormFields form, Stream? file, string? fileName, Language language, string client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(form);
        var userId = actor.IsAuthenticated ? actor.UserId : (Guid?)null;
        if (guard.Check(form.FormToken, form.Website, form.Proof, userId, client) is { } refusal)
        {
            throw refusal.Status == StatusCodes.Status429TooManyRequests ? new FormRefusedException(refusal) : refusal.AsValidation();
        }

        string? stored = null;
        try
        {
            var kind = CitizenCodes.ParseKind(form.Kind?.Trim());
            Guid? systemId = null;
            if (!string.IsNullOrWhiteSpace(form.System))
            {
                systemId = Guid.TryParse(form.System.Trim(), out var id) ? id
                    : throw Invalid.Field("system", "citizen-system-unknown", "the public register has no system {0}", form.System.Trim());
            }

            ContentFile? content = null;
            if (kind == CitizenRequestKind.SyntheticContentComplaint && file is { Length: > 0 })
            {
                (content, stored) = await KeepAsync(file, fileName, cancellationToken);
            }

            // An unknown kind goes to the register as an undefined value, so its refusal comes with every other field's.
            var input = new CitizenRequestInput(kind ?? (CitizenRequestKind)(-1), systemId, form.RegisterNumber, form.NamedSystem, form.NamedOrganisation,
                form.Name, form.Email, form.Phone, form.Description, language.Code(), form.ContentLink, content);
            var filed = await requests.FileAsync(actor, input, cancellationToken);
            guard.Accepted(form.Proof, client);
            return filed;
        }
        catch
        {
            guard.Release(form.FormToken!);
            if (stored is not null)
            {
                await files.DeleteAsync(stored, CancellationToken.None);
            }

            throw;
        }
    }

    /// <summary>Checks the file's label and keeps it; the verdict goes with the request.</summary>
    private async Task<(ContentFile File, string Key)> KeepAsync(Stream file, string? fileName, CancellationToken cancellationToken)
    {
        file.Position = 0;
        var sha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancellationToken));
        file.Position = 0;
        LabelVerdict verdict;
        try
        {
            verdict = await labels.VerifyAsync(file, null, fileName, cancellationToken);
        }
        catch (ValidationException invalid)
        {
            throw new ValidationException([.. invalid.Errors.Select(e => e with { Field = "content_file" })]);
        }

        file.Position = 0;
        var key = await files.SaveAsync(file, cancellationToken);
        return (new ContentFile(key, sha256, verdict.Code, verdict.RegisterNumber, verdict.Warnings), key);
    }
}
