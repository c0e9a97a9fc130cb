using System.Security.Cryptography;
using System.Text;
using Senim.Registry.Mail;
using Senim.Registry.Services;

namespace Senim.Registry.Citizens;

/// <summary>A file a complaint is about, as the web slice stored and verified it: the register keeps the verdict it was given.</summary>
/// <param name="StorageKey">Where the file store keeps it.</param>
/// <param name="Sha256">Lowercase hex SHA-256 of the file.</param>
/// <param name="Verdict">The label verifier's verdict code (no-label, trusted, tampered, ...).</param>
/// <param name="RegisterNumber">The register number the label names, if any.</param>
/// <param name="Warnings">The verifier's warning codes.</param>
public sealed record ContentFile(string StorageKey, string Sha256, string Verdict, string? RegisterNumber, IReadOnlyList<string> Warnings);

/// <summary>What a person files. Exactly one of the system (by <paramref name="SystemId"/> or <paramref name="RegisterNumber"/>) or
/// <paramref name="NamedSystem"/> with <paramref name="NamedOrganisation"/>.</summary>
public sealed record CitizenRequestInput(
    CitizenRequestKind Kind,
    Guid? SystemId,
    string? RegisterNumber,
    string? NamedSystem,
    string? NamedOrganisation,
    string? Name,
    string? Email,
    string? Phone,
    string? Description,
    string Language,
    string? ContentLink = null,
    ContentFile? ContentFile = null);

/// <summary>What the person gets back: the tracking code (shown once; the register keeps only its hash) and the deadline.</summary>
public sealed record FiledRequest(Guid Id, string TrackingCode, CitizenRequestStatus Status, DateOnly DueDate, DateTime DueAt);

/// <summary>The system a request is about, as the tracking page shows it.</summary>
public sealed record RequestSystem(Guid? Id, string? RegisterNumber, string? NameKk, string? NameRu, string? NameEn, string? Organisation);

/// <summary>One step on the tracking page: no names, no personal data; the text is the owner's answer or outcome.</summary>
public sealed record TrackedStep(string Action, string Status, string Role, DateTime At, string? Text);

/// <summary>A request as whoever holds its tracking code sees it.</summary>
public sealed record TrackedRequest(
    Guid Id,
    CitizenRequestKind Kind,
    CitizenRequestStatus Status,
    RequestSystem System,
    DateTime FiledAt,
    DateOnly DueDate,
    DateTime DueAt,
    bool Overdue,
    string? Answer,
    ReviewOutcome? Outcome,
    string? OutcomeText,
    IReadOnlyList<TrackedStep> Timeline);

/// <summary>
/// A person's side of a citizen's request (docs/citizens.md): filing one, with or without an account, and following it
/// by its tracking code. Personal data goes into a sealed row in the same transaction; the deadline comes from the law
/// pack through <see cref="CaseClock"/>; a system not in the register goes to the supervisory body at once.
/// </summary>
public sealed class CitizenRequestService(RegistryDb db, CitizenCases cases, PersonalDataSeal seal, CaseClock clock, CitizenSettings settings)
{
    /// <summary>Files a request; the owner organisation (or the supervisory body) and the person are notified.</summary>
    /// <exception cref="ValidationException">A field is missing, too long or unknown (each listed).</exception>
    /// <exception cref="RuleException">The address has filed too many open requests today (citizen-flood).</exception>
    public async Task<FiledRequest> FileAsync(Actor actor, CitizenRequestInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        var errors = new FieldErrors();
        var name = Text(errors, "name", input.Name, CitizenLimits.Name, required: true);
        var description = Text(errors, "description", input.Description, CitizenLimits.Description, required: true);
        var phone = Text(errors, "phone", input.Phone, CitizenLimits.Phone, required: false);
        var email = string.IsNullOrWhiteSpace(input.Email) ? null : EmailAddresses.Check(input.Email, errors);
        var link = Link(errors, input.ContentLink);
        var file = File(errors, input.ContentFile);
        if (!Enum.IsDefined(input.Kind))
        {
            errors.Add("kind", "citizen-kind-unknown", "is not a kind of request Senim knows");
        }
        else if (input.Kind == CitizenRequestKind.SyntheticContentComplaint && string.IsNullOrWhiteSpace(input.ContentLink) && input.ContentFile is null)
        {
            errors.Add("content", "citizen-content-required", "give the link where the content was seen, or the file");
        }

        if (input.Language is not ("kk" or "ru" or "en"))
        {
            errors.Add("language", "citizen-language", "must be kk, ru or en");
        }

        var system = await SystemAsync(errors, input, cancellationToken);
        var byName = input.SystemId is null && string.IsNullOrWhiteSpace(input.RegisterNumber);
        var namedSystem = byName ? Text(errors, "named_system", input.NamedSystem, CitizenLimits.NamedSystem, required: false) : null;
        var namedOrganisation = byName ? Text(errors, "named_organisation", input.NamedOrganisation, CitizenLimits.NamedOrganisation, required: false) : null;
        errors.ThrowIfAny();

        var now = cases.Now;
        var contact = email is null ? null : ContactHash(email);
        if (contact is not null)
        {
            var since = now.AddDays(-1);
            var open = await db.CitizenRequests.CountAsync(r => r.ContactHash == contact && r.FiledAt >= since && r.Status != CitizenRequestStatus.Closed, cancellationToken);
            if (open >= settings.MaxOpenPerEmailPerDay)
            {
                throw new RuleException("citizen-flood", "This address has filed {0} requests in the last 24 hours that are still open, the most Senim accepts; wait for an answer or try again tomorrow.", open);
            }
        }

        var deadlineId = CitizenWorkflow.DeadlineId(input.Kind);
        var deadline = clock.Current.For(deadlineId, new DateTimeOffset(now, TimeSpan.Zero));
        var code = TrackingCode.New();
        var personal = new PersonalData
        {
            Id = Guid.NewGuid(),
            Sealed = seal.Seal(new PersonalDetails(name!, email, phone, description!, code)),
            CreatedAt = now,
        };
        var request = new CitizenRequest
        {
            Id = Guid.NewGuid(),
            TrackingHash = TrackingCode.HashOf(code),
            Kind = input.Kind,
            SystemId = system?.Id,
            OrganisationId = system?.OrganisationId,
            NamedSystem = namedSystem,
            NamedOrganisation = namedOrganisation,
            ContentLink = link,
            ContentFileKey = file?.StorageKey,
            ContentSha256 = file?.Sha256.ToLowerInvariant(),
            LabelVerdict = file?.Verdict,
            LabelRegisterNumber = file?.RegisterNumber,
            LabelWarnings = file is null ? null : string.Join(",", file.Warnings),
            DeadlineId = deadlineId,
            FiledAt = now,
            DueDate = deadline.DueDate,
            DueAt = deadline.DueAt.UtcDateTime,
            Language = input.Language,
            FiledBy = actor.IsAuthenticated && !actor.IsSystem ? actor.UserId : null,
            PersonalDataId = personal.Id,
            ContactHash = contact,
        };
        db.PersonalData.Add(personal);
        db.CitizenRequests.Add(request);
        await cases.StepAsync(request, CitizenAction.File, actor, null, cancellationToken);
        var details = new PersonalDetails(name!, email, phone, description!, code);
        var systemName = system is null ? namedSystem! : await cases.SystemNameAsync(request, request.Language, cancellationToken);
        cases.MailCitizen(request, details, CitizenAction.File, systemName);
        if (system is not null)
        {
            cases.Notify(system.OrganisationId, null, request, NotificationKinds.CitizenRequestReceived);
        }
        else
        {
            // No owner in the register can answer: the supervisory body takes it at once.
            request.EscalatedAt = now;
            await cases.StepAsync(request, CitizenAction.Escalate, Actor.System, null, cancellationToken);
            await cases.NotifySupervisorsAsync(request, NotificationKinds.CitizenRequestEscalated, cancellationToken);
        }

        await cases.SaveAsync(request, 0, cancellationToken);
        return new FiledRequest(request.Id, code, request.Status, request.DueDate, request.DueAt);
    }

    /// <summary>The request a tracking code opens, without personal data.</summary>
    /// <exception cref="ValidationException">The code is malformed (tracking-code-malformed) or mistyped (tracking-code-mistyped).</exception>
    /// <exception cref="NotFoundException">No request has this code.</exception>
    public async Task<TrackedRequest> TrackAsync(string? code, CancellationToken cancellationToken = default)
    {
        var errors = new FieldErrors();
        switch (TrackingCode.Read(code, out var data))
        {
            case TrackingCode.Reading.Malformed:
                errors.Add("code", "tracking-code-malformed", "a tracking code has 17 letters and digits, like ABCD-EFGH-JKMN-PQRS-T");
                break;
            case TrackingCode.Reading.Mistyped:
                errors.Add("code", "tracking-code-mistyped", "one of its characters is wrong (the check character does not match): compare it with the code you were given");
                break;
        }

        errors.ThrowIfAny();
        var hash = TrackingCode.Hash(data);
        var request = await db.CitizenRequests.AsNoTracking().FirstOrDefaultAsync(r => r.TrackingHash == hash, cancellationToken)
            ?? throw new NotFoundException("request with the tracking code", code!.Trim());
        var steps = await db.CaseEvents.AsNoTracking()
            .Where(e => e.CaseKind == CaseKinds.CitizenRequest && e.CaseId == request.Id)
            .OrderBy(e => e.Sequence)
            .Select(e => new TrackedStep(e.Action, e.To, e.ActorRole, e.At, e.Text))
            .ToListAsync(cancellationToken);
        return new TrackedRequest(request.Id, request.Kind, request.Status, await SystemOfAsync(db, request, cancellationToken), request.FiledAt, request.DueDate, request.DueAt,
            IsOverdue(request, cases.Now), request.Answer, request.Outcome, request.OutcomeText, steps);
    }

    /// <summary>True while the owner still has to act and the due instant has passed.</summary>
    public static bool IsOverdue(CitizenRequest request, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(request);
        return CitizenWorkflow.Waiting.Contains(request.Status) && now >= request.DueAt;
    }

    /// <summary>The system of a request as pages show it.</summary>
    internal static async Task<RequestSystem> SystemOfAsync(RegistryDb db, CitizenRequest request, CancellationToken cancellationToken)
    {
        if (request.SystemId is not { } id)
        {
            return new RequestSystem(null, null, request.NamedSystem, request.NamedSystem, request.NamedSystem, request.NamedOrganisation);
        }

        return await db.Systems.AsNoTracking().Where(s => s.Id == id)
            .Select(s => new RequestSystem(s.Id, s.RegisterNumber, s.NameKk, s.NameRu, s.NameEn, s.Organisation!.Name))
            .FirstAsync(cancellationToken);
    }

    /// <summary>The key the flood limit counts by: SHA-256 of the address's lookup form.</summary>
    internal static string ContactHash(string email) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("senim.citizen-contact/1:" + EmailAddresses.Key(email))));

    private async Task<AiSystem?> SystemAsync(FieldErrors errors, CitizenRequestInput input, CancellationToken cancellationToken)
    {
        var named = !string.IsNullOrWhiteSpace(input.NamedSystem);
        var number = string.IsNullOrWhiteSpace(input.RegisterNumber) ? null : input.RegisterNumber.Trim().ToUpperInvariant();
        if (input.SystemId is null && number is null)
        {
            if (!named)
            {
                errors.Add("system", "citizen-system-required", "choose a system of the register, or name the system and its organisation");
            }

            return null;
        }

        if (named)
        {
            errors.Add("named_system", "citizen-system-twice", "name a system only when it is not in the register");
            return null;
        }

        if (number is { Length: > CitizenLimits.RegisterNumber })
        {
            errors.Add("register_number", "too-long", "is {0} characters long; at most {1} are allowed", number.Length, CitizenLimits.RegisterNumber);
            return null;
        }

        var query = db.Systems.AsNoTracking().Where(s => SystemStatuses.Public.Contains(s.Status));
        var system = input.SystemId is { } id
            ? await query.FirstOrDefaultAsync(s => s.Id == id, cancellationToken)
            : await query.FirstOrDefaultAsync(s => s.RegisterNumber == number, cancellationToken);
        if (system is null)
        {
            errors.Add("system", "citizen-system-unknown", "the public register has no system {0}", (object?)number ?? input.SystemId!);
        }

        return system;
    }

    /// <summary>A trimmed text within its limit, or null with the problem added (required, too-long).</summary>
    internal static string? Text(FieldErrors errors, string field, string? value, int limit, bool required)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            if (required)
            {
                errors.Add(field, "required", "is required");
            }

            return null;
        }

        if (text.Length > limit)
        {
            errors.Add(field, "too-long", "is {0} characters long; at most {1} are allowed", text.Length, limit);
            return null;
        }

        return text;
    }

    private static string? Link(FieldErrors errors, string? value)
    {
        var text = Text(errors, "content_link", value, CitizenLimits.Link, required: false);
        if (text is null)
        {
            return null;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            errors.Add("content_link", "url-invalid", "must be a web address starting with https:// or http://");
            return null;
        }

        return uri.AbsoluteUri;
    }

    private static ContentFile? File(FieldErrors errors, ContentFile? file)
    {
        if (file is null)
        {
            return null;
        }

        var ok = true;
        if (string.IsNullOrWhiteSpace(file.StorageKey) || file.StorageKey.Length > CitizenLimits.FileKey)
        {
            errors.Add("content_file", "citizen-file-invalid", "the stored file is missing or its key is too long");
            ok = false;
        }

        if (file.Sha256 is not { Length: 64 } || !file.Sha256.All(Uri.IsHexDigit))
        {
            errors.Add("content_sha256", "citizen-file-hash", "must be the file's SHA-256 as 64 hexadecimal digits");
            ok = false;
        }

        if (string.IsNullOrWhiteSpace(file.Verdict) || file.Verdict.Length > CitizenLimits.VerdictCode
            || (file.RegisterNumber?.Length ?? 0) > CitizenLimits.RegisterNumber
            || string.Join(",", file.Warnings ?? []).Length > CitizenLimits.Warnings)
        {
            errors.Add("label_verdict", "citizen-verdict-invalid", "the label verifier's verdict is missing or too long");
            ok = false;
        }

        return ok ? file : null;
    }
}
