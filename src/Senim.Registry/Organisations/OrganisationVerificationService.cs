using Senim.Registry.Files;
using Senim.Registry.Services;
using Senim.Registry.Workflow;
using Senim.Signatures.Challenges;
using Senim.Signatures.Identifiers;

namespace Senim.Registry.Organisations;

/// <summary>An uploaded file as the page or the API hands it over: its name, its announced length and its content.</summary>
public sealed record Upload(string? FileName, long Length, Stream Content);

/// <summary>Where an organisation stands: its verification, the evidence kept, who else holds its BIN, and its disputes.</summary>
/// <param name="Holder">The verified organisation that holds the same BIN, when this one is unverified and another is verified.</param>
/// <param name="CanSign">Signatures can be verified here (trust anchors are configured).</param>
public sealed record VerificationOverview(Organisation Organisation, IReadOnlyList<OrganisationVerification> Evidence, Organisation? Holder, IReadOnlyList<BinDispute> Disputes, bool CanSign);

/// <summary>
/// Proves that an organisation is the holder of its BIN (docs/organisations.md, ADR 0022). An admin of the organisation
/// asks for a challenge and answers it with a signature made with a legal-entity certificate of the NCA whose subject
/// carries the organisation's BIN; or the supervisory body verifies it with uploaded evidence and a reason. Either way
/// the evidence is kept with the organisation and a public event (no personal data) is appended to the log in the same
/// transaction. Only one verified organisation holds a BIN.
/// </summary>
public sealed class OrganisationVerificationService(RegistryDb db, RegisterWriter writer, SignedChallenges challenges, SignatureTrust trust, IFileStore files)
{
    private DateTime Now => writer.Now;

    /// <summary>The organisation's verification, evidence and disputes: its admins, the supervisory body and platform admins.</summary>
    public async Task<VerificationOverview> OverviewAsync(Actor actor, Guid organisationId, CancellationToken cancellationToken = default)
    {
        var organisation = await LoadAsync(actor, organisationId, tracked: false, cancellationToken);
        RequireAdminOrSupervisor(actor, organisationId);
        var evidence = await db.OrganisationVerifications.AsNoTracking().Where(v => v.OrganisationId == organisationId)
            .OrderByDescending(v => v.At).Take(50).ToListAsync(cancellationToken);
        var holder = organisation.IsVerified ? null : await VerifiedHolderAsync(organisation, cancellationToken);
        var disputes = await db.BinDisputes.AsNoTracking().Include(d => d.Claimant).Include(d => d.Holder)
            .Where(d => d.ClaimantId == organisationId || d.HolderId == organisationId).OrderByDescending(d => d.FiledAt).Take(50).ToListAsync(cancellationToken);
        return new VerificationOverview(organisation, evidence, holder, disputes, trust.Available);
    }

    /// <summary>Issues a challenge naming the organisation, its BIN, today and a fresh nonce, for <paramref name="origin"/> (this register's address): its admins, while it is unverified.</summary>
    public async Task<SignatureChallenge> IssueChallengeAsync(Actor actor, Guid organisationId, Uri origin, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(origin);
        var organisation = await LoadForAdminAsync(actor, organisationId, cancellationToken);
        RequireUnverified(organisation);
        trust.Require();
        var challenge = NewChallenge(organisation, origin);
        return await challenges.IssueAsync(actor, ChallengeUse.Organisation, organisation.Id, null, challenge, null, cancellationToken);
    }

    /// <summary>The challenge <paramref name="challengeId"/> issued to <paramref name="actor"/> for this organisation (to show or download it again).</summary>
    public async Task<SignatureChallenge> ChallengeAsync(Actor actor, Guid organisationId, Guid challengeId, CancellationToken cancellationToken = default)
    {
        await LoadForAdminAsync(actor, organisationId, cancellationToken);
        return await challenges.FindAsync(actor, challengeId, ChallengeUse.Organisation, organisationId, cancellationToken);
    }

    /// <summary>
    /// Verifies the organisation with a signature over the challenge issued to <paramref name="actor"/>: a legal-entity
    /// certificate carrying the organisation's BIN, a path to a configured anchor, valid at the signing time, not revoked.
    /// A refused signature is a validation error of the "signature" field naming the reason; nothing is stored then.
    /// </summary>
    public async Task<OrganisationVerification> VerifyBySignatureAsync(Actor actor, Guid organisationId, SignedAnswer answer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var organisation = await LoadForAdminAsync(actor, organisationId, cancellationToken);
        RequireUnverified(organisation);
        var row = await challenges.FindAsync(actor, answer.ChallengeId, ChallengeUse.Organisation, organisationId, cancellationToken);
        var bin = ParseStoredBin(organisation);
        var issued = Challenge.Parse(System.Text.Encoding.UTF8.GetBytes(row.Text));
        if (issued.Bin != bin || issued.Organisation != organisation.Name.Trim().Normalize(System.Text.NormalizationForm.FormC))
        {
            throw new RuleException("challenge-stale", "The organisation's BIN or name changed after the challenge was issued; ask for a new challenge and sign it.");
        }

        var accepted = await challenges.AnswerAsync(row, answer.Signature, request => request with { ExpectedBin = bin, RequireLegalEntity = true }, cancellationToken);
        await RequireBinFreeAsync(organisation, cancellationToken);
        var signer = accepted.Verdict.Signer!;
        var e = Event(organisation, OrganisationEvent.Verification, VerificationState.Signature, accepted.Verdict.CmsSha256, null, null);
        var verification = new OrganisationVerification
        {
            Id = Guid.NewGuid(),
            OrganisationId = organisation.Id,
            Method = VerificationState.Signature,
            Bin = organisation.Bin,
            At = Now,
            ActorId = actor.UserId,
            ActorName = actor.Name,
            EventId = e.Id,
            Challenge = row.Text,
            Cms = answer.Signature.ToArray(),
            CmsSha256 = accepted.Verdict.CmsSha256,
            SignerSubject = signer.Subject,
            SignerIssuer = signer.Issuer,
            CertificateSerial = signer.SerialNumber,
            CertificateSha256 = signer.CertificateSha256,
            SignerIin = signer.Holder.Iin,
            SignerRole = signer.Role.ToString(),
            SigningTime = accepted.Verdict.SigningTime?.UtcDateTime,
        };
        return await SaveVerificationAsync(organisation, verification, e, cancellationToken);
    }

    /// <summary>The supervisory body verifies the organisation with an evidence file (e.g. an extract from the register of legal entities) and a reason, published with the log event.</summary>
    public async Task<OrganisationVerification> VerifyBySupervisorAsync(Actor actor, Guid organisationId, string? reason, Upload? evidence, CancellationToken cancellationToken = default)
    {
        RequireSupervisor(actor);
        var organisation = await LoadAsync(actor, organisationId, tracked: true, cancellationToken);
        RequireUnverified(organisation);
        ParseStoredBin(organisation);
        var errors = new FieldErrors();
        RequireText(errors, "reason", reason);
        if (evidence is null)
        {
            errors.Add("evidence", "evidence-required", "attach the evidence the verification rests on (a PDF or image of the registration record)");
        }

        errors.ThrowIfAny();
        var file = await EvidenceFile.ReadAsync(evidence!.FileName, evidence.Content, evidence.Length, "evidence", cancellationToken);
        await RequireBinFreeAsync(organisation, cancellationToken);
        var key = await files.SaveAsync(new MemoryStream(file.Bytes), cancellationToken);
        var e = Event(organisation, OrganisationEvent.Verification, VerificationState.Supervisor, file.Sha256, reason!.Trim(), null);
        var verification = Supervised(organisation, actor, e, reason, file.Name, file.ContentType, file.Bytes.Length, file.Sha256, key);
        try
        {
            return await SaveVerificationAsync(organisation, verification, e, cancellationToken);
        }
        catch
        {
            await files.DeleteAsync(key, CancellationToken.None);
            throw;
        }
    }

    /// <summary>The evidence file of a supervisor's verification (or of the dispute it decided): its admins, supervisors and platform admins.</summary>
    public async Task<(OrganisationVerification Verification, Stream Content)> OpenEvidenceAsync(Actor actor, Guid organisationId, Guid verificationId, CancellationToken cancellationToken = default)
    {
        await LoadAsync(actor, organisationId, tracked: false, cancellationToken);
        RequireAdminOrSupervisor(actor, organisationId);
        var verification = await db.OrganisationVerifications.AsNoTracking().FirstOrDefaultAsync(v => v.Id == verificationId && v.OrganisationId == organisationId, cancellationToken);
        if (verification?.EvidenceStorageKey is not { } key)
        {
            throw new NotFoundException("evidence", verificationId);
        }

        return (verification, await files.OpenAsync(key, cancellationToken) ?? throw new NotFoundException("evidence", verificationId));
    }

    /// <summary>Refuses a step that publishes in the organisation's name while it is unverified, naming the next step.</summary>
    public static void RequireVerified(Organisation organisation)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        if (!organisation.IsVerified)
        {
            throw new RuleException("organisation-unverified", "{0} (BIN {1}) is not verified yet, so nothing is published in its name and no label certificate is issued to it. Next step: an admin of the organisation verifies it on its page, with a digital signature of the organisation (an NCA legal-entity certificate), or asks the supervisory body to verify it.", organisation.Name, organisation.Bin);
        }
    }

    internal static OrganisationEvent Event(Organisation organisation, string kind, VerificationState method, string? evidenceSha256, string? reason, Guid? from) => new()
    {
        Id = Guid.NewGuid(),
        OrganisationId = organisation.Id,
        Kind = kind,
        Bin = organisation.Bin,
        Name = organisation.Name,
        Method = method.Code(),
        EvidenceSha256 = evidenceSha256,
        Reason = reason,
        FromOrganisationId = from,
    };

    internal OrganisationVerification Supervised(Organisation organisation, Actor actor, OrganisationEvent e, string? reason, string? fileName, string? contentType, long? size, string? sha256, string? key) => new()
    {
        Id = Guid.NewGuid(),
        OrganisationId = organisation.Id,
        Method = VerificationState.Supervisor,
        Bin = organisation.Bin,
        At = Now,
        ActorId = actor.UserId == Guid.Empty ? null : actor.UserId,
        ActorName = actor.Name,
        EventId = e.Id,
        Reason = reason?.Trim(),
        EvidenceFileName = fileName,
        EvidenceContentType = contentType,
        EvidenceSize = size,
        EvidenceSha256 = sha256,
        EvidenceStorageKey = key,
    };

    internal static void RequireText(FieldErrors errors, string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(field, "required", "is required");
        }
        else if (text.Length > TextLimits.Reason)
        {
            errors.Add(field, "too-long", "is {0} characters long; at most {1} are allowed", text.Length, TextLimits.Reason);
        }
    }

    /// <summary>Refuses (403) anyone but the supervisory body.</summary>
    public static void RequireSupervisor(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsSupervisor)
        {
            throw new ForbiddenException("supervisor-only", "Only the supervisory body may do this.");
        }
    }

    /// <summary>The verified organisation other than <paramref name="organisation"/> that holds its BIN, if any.</summary>
    internal Task<Organisation?> VerifiedHolderAsync(Organisation organisation, CancellationToken cancellationToken) =>
        db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Bin == organisation.Bin && o.Id != organisation.Id && o.Verification != VerificationState.Unverified && o.DeletedAt == null, cancellationToken);

    /// <summary>The organisation, not deleted, that the actor may see (404 otherwise).</summary>
    public async Task<Organisation> LoadAsync(Actor actor, Guid organisationId, bool tracked, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var query = tracked ? db.Organisations : db.Organisations.AsNoTracking();
        var organisation = await query.FirstOrDefaultAsync(o => o.Id == organisationId && o.DeletedAt == null, cancellationToken);
        if (organisation is null || !actor.CanReadOrganisation(organisationId))
        {
            throw new NotFoundException("organisation", organisationId);
        }

        return organisation;
    }

    private async Task<Organisation> LoadForAdminAsync(Actor actor, Guid organisationId, CancellationToken cancellationToken)
    {
        var organisation = await LoadAsync(actor, organisationId, tracked: true, cancellationToken);
        if (!actor.IsOrganisationAdmin(organisationId))
        {
            throw new ForbiddenException("not-org-admin", "Only the organisation's admins may do this.");
        }

        return organisation;
    }

    private static void RequireAdminOrSupervisor(Actor actor, Guid organisationId)
    {
        if (!actor.IsOrganisationAdmin(organisationId) && !actor.IsSupervisor && !actor.IsAdmin)
        {
            throw new ForbiddenException("not-org-admin", "Only the organisation's admins may do this.");
        }
    }

    private static void RequireUnverified(Organisation organisation)
    {
        if (organisation.IsVerified)
        {
            throw new RuleException("already-verified", "{0} is already verified (BIN {1}).", organisation.Name, organisation.Bin);
        }
    }

    /// <summary>A BIN stored before the check on entry existed may fail it; it must be corrected before anything is signed for it.</summary>
    private static Bin ParseStoredBin(Organisation organisation) =>
        Bin.TryParse(organisation.Bin, out var bin)
            ? bin
            : throw new RuleException("bin-stored-invalid", "The organisation's BIN {0} fails the check digit: correct it in the organisation's details first.", organisation.Bin);

    private static Challenge NewChallenge(Organisation organisation, Uri origin)
    {
        try
        {
            return Challenge.ForOrganisation(organisation.Name, ParseStoredBin(organisation), DateOnly.FromDateTime(DateTime.UtcNow), new Uri(origin.GetLeftPart(UriPartial.Authority) + "/"));
        }
        catch (ChallengeException ex)
        {
            throw new RuleException("challenge-name", "A challenge cannot name this organisation ({0}): correct its name first.", ex.Message);
        }
    }

    private async Task RequireBinFreeAsync(Organisation organisation, CancellationToken cancellationToken)
    {
        if (await VerifiedHolderAsync(organisation, cancellationToken) is { } holder)
        {
            throw BinHeld(organisation.Bin, holder.Name);
        }
    }

    private static RuleException BinHeld(string bin, string holder) =>
        new("bin-verified-elsewhere", "BIN {0} is already verified by another organisation ({1}). If the BIN is yours, file a BIN dispute on your organisation's page: the supervisory body decides.", bin, holder);

    private async Task<OrganisationVerification> SaveVerificationAsync(Organisation organisation, OrganisationVerification verification, OrganisationEvent e, CancellationToken cancellationToken)
    {
        organisation.Verification = verification.Method;
        organisation.VerifiedAt = verification.At;
        organisation.Version++;
        e.At = verification.At;
        db.OrganisationVerifications.Add(verification);
        try
        {
            await writer.SaveOrganisationEventsAsync([e], cancellationToken);
        }
        catch (DbUpdateException ex) when (ex is DbUpdateConcurrencyException || DatabaseErrors.IsUniqueViolation(ex))
        {
            // Another request verified an organisation with this BIN, used the challenge, or changed the organisation meanwhile.
            db.ChangeTracker.Clear();
            throw new RuleException("verification-conflict", "The organisation, its BIN or the challenge changed while this verification was being saved; nothing was saved. Reload the page and try again.");
        }

        return verification;
    }
}
