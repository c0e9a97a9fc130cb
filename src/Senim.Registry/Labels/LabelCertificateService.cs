using Senim.Authority;
using Senim.Authority.State;
using Senim.Registry.Organisations;

namespace Senim.Registry.Labels;

/// <summary>
/// Label-signing certificates of registered systems: the owners list them, ask for one with a key Senim
/// holds, or send a certificate signing request and take the chain. Only a system that is registered
/// (or registered with conditions) gets a certificate or a signature; the subject comes from the register.
/// </summary>
public sealed class LabelCertificateService(RegistryDb db, LabelAuthority authority, TimeProvider time)
{
    /// <summary>The system's certificates, newest first. Members of the owner organisation, supervisors and admins.</summary>
    public async Task<(AiSystem System, IReadOnlyList<LabelCertificate> Certificates)> ListAsync(Actor actor, Guid systemId, CancellationToken cancellationToken = default)
    {
        var system = await LoadAsync(actor, systemId, edit: false, cancellationToken);
        if (system.RegisterNumber is null)
        {
            return (system, []);
        }

        return (system, await NewestFirstAsync(system.RegisterNumber, cancellationToken));
    }

    /// <summary>
    /// The certificates of a system in the public register, newest first, for anyone: what its public entry
    /// shows (the certificates travel inside every label anyway). Empty for a number that is not listed.
    /// </summary>
    public async Task<IReadOnlyList<LabelCertificate>> PublicListAsync(string registerNumber, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(registerNumber);
        return await db.Systems.AsNoTracking().AnyAsync(s => s.RegisterNumber == registerNumber && s.Listed, cancellationToken)
            ? await NewestFirstAsync(registerNumber, cancellationToken)
            : [];
    }

    private async Task<IReadOnlyList<LabelCertificate>> NewestFirstAsync(string registerNumber, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var issued = await IssuedAsync(registerNumber, cancellationToken);
        return [.. issued.OrderByDescending(c => c.NotBefore).ThenByDescending(c => c.Serial, StringComparer.Ordinal).Select(c => LabelCertificate.From(c, now))];
    }

    /// <summary>Issues a certificate for a new P-256 key held in Senim's key store; the owner signs through the API.</summary>
    public async Task<LabelCertificate> IssueManagedAsync(Actor actor, Guid systemId, CancellationToken cancellationToken = default)
    {
        var system = await LoadAsync(actor, systemId, edit: true, cancellationToken);
        var identity = RequireSignable(system);
        OrganisationVerificationService.RequireVerified(system.Organisation!);
        var ca = await authority.GetAsync(cancellationToken);
        await authority.IssueGate.WaitAsync(cancellationToken);
        try
        {
            var issued = await Guard(() => ca.IssueManagedAsync(identity, cancellationToken: cancellationToken));
            return LabelCertificate.From(issued, time.GetUtcNow());
        }
        finally
        {
            authority.IssueGate.Release();
        }
    }

    /// <summary>
    /// Issues a certificate for the owner's own key from a PKCS#10 request (PEM or DER, at most 64 KiB);
    /// returns it with the chain to configure (signer, then the issuing CA, PEM).
    /// </summary>
    public async Task<(LabelCertificate Certificate, string ChainPem)> IssueFromRequestAsync(Actor actor, Guid systemId, ReadOnlyMemory<byte> request, CancellationToken cancellationToken = default)
    {
        var system = await LoadAsync(actor, systemId, edit: true, cancellationToken);
        if (request.IsEmpty)
        {
            throw new ValidationException([new FieldError("csr", "csr-required", "Upload a certificate signing request (PEM or DER).", [])]);
        }

        var identity = RequireSignable(system);
        OrganisationVerificationService.RequireVerified(system.Organisation!);
        var ca = await authority.GetAsync(cancellationToken);
        IssuedCertificate issued;
        try
        {
            issued = await ca.IssueFromRequestAsync(identity, request, cancellationToken: cancellationToken);
        }
        catch (AuthorityException ex) when (ex.Error is AuthorityError.InvalidInput or AuthorityError.BadRequest)
        {
            throw new ValidationException([new FieldError("csr", "csr-invalid", "The certificate signing request was refused: {0}", [ex.Message])]);
        }

        return (LabelCertificate.From(issued, time.GetUtcNow()), issued.ToPem() + ca.Issuing.ToPem());
    }

    /// <summary>The chain (signer, issuing CA) of one of the system's certificates, PEM.</summary>
    public async Task<string> ChainAsync(Actor actor, Guid systemId, string serial, CancellationToken cancellationToken = default)
    {
        var system = await LoadAsync(actor, systemId, edit: false, cancellationToken);
        var ca = await authority.GetAsync(cancellationToken);
        IssuedCertificate certificate;
        try
        {
            certificate = await ca.FindAsync(serial, cancellationToken);
        }
        catch (AuthorityException)
        {
            throw new NotFoundException("certificate", serial);
        }

        if (certificate.Kind != CertificateKind.Signer || certificate.RegisterNumber is null || certificate.RegisterNumber != system.RegisterNumber)
        {
            throw new NotFoundException("certificate", serial);
        }

        return certificate.ToPem() + ca.Issuing.ToPem();
    }

    /// <summary>
    /// A managed signer for the system named by its register number or id: its newest valid certificate
    /// with a key Senim holds, issued now when it has none. Refuses systems that are not registered. The
    /// signer is shared (kept open by <see cref="LabelAuthority"/>): do not dispose it.
    /// </summary>
    public async Task<(AiSystem System, ManagedSigner Signer)> OpenSignerAsync(Actor actor, string systemReference, CancellationToken cancellationToken = default)
    {
        var system = await ResolveAsync(actor, systemReference, cancellationToken);
        return (system, await OpenSignerAsync(system, cancellationToken));
    }

    /// <summary>
    /// The managed signer of a system already resolved for its editor (<see cref="ResolveAsync"/>), issued now when it
    /// has none: callers check everything else about the request first, so a refused request issues nothing.
    /// </summary>
    public async Task<ManagedSigner> OpenSignerAsync(AiSystem system, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(system);
        var identity = RequireSignable(system);
        var ca = await authority.GetAsync(cancellationToken);
        await authority.IssueGate.WaitAsync(cancellationToken);
        try
        {
            var now = time.GetUtcNow();
            var usable = (await IssuedAsync(identity.RegisterNumber, cancellationToken))
                .Where(c => c.Custody == KeyCustody.Managed && c.Revocation is null && c.NotBefore <= now && now < c.NotAfter - TimeSpan.FromDays(1))
                .OrderByDescending(c => c.NotAfter)
                .FirstOrDefault();
            if (usable is null)
            {
                // A certificate issued before the organisation lost (or never had) its verification keeps signing; a new one is not issued.
                OrganisationVerificationService.RequireVerified(system.Organisation!);
                usable = await Guard(() => ca.IssueManagedAsync(identity, cancellationToken: cancellationToken));
            }

            return await Guard(() => authority.SignerAsync(usable.Serial, cancellationToken));
        }
        finally
        {
            authority.IssueGate.Release();
        }
    }

    /// <summary>The system a label request names: a register number (KZ-AI-YYYY-NNNNNN) or the system's id. Editors of the owner only.</summary>
    public async Task<AiSystem> ResolveAsync(Actor actor, string systemReference, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var reference = (systemReference ?? "").Trim();
        if (reference.Length == 0)
        {
            throw new ValidationException([new FieldError("system", "required", "Name the system: its register number or id.", [])]);
        }

        Guid id;
        if (Guid.TryParse(reference, out var parsed))
        {
            id = parsed;
        }
        else if (SystemIdentity.IsRegisterNumber(reference))
        {
            id = await db.Systems.AsNoTracking().Where(s => s.RegisterNumber == reference).Select(s => s.Id).FirstOrDefaultAsync(cancellationToken);
            if (id == Guid.Empty)
            {
                throw new NotFoundException("system", reference);
            }
        }
        else
        {
            throw new ValidationException([new FieldError("system", "system-reference", "'{0}' is neither a register number (KZ-AI-YYYY-NNNNNN) nor a system id.", [reference])]);
        }

        return await LoadAsync(actor, id, edit: true, cancellationToken);
    }

    /// <summary>The identity a certificate names, or the reason this system may not sign.</summary>
    public static SystemIdentity RequireSignable(AiSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        switch (system.Status)
        {
            case SystemStatus.Registered or SystemStatus.RegisteredWithConditions when system.RegisterNumber is not null:
                var name = system.NameEn ?? system.NameRu ?? system.NameKk ?? system.RegisterNumber;
                return new SystemIdentity(system.RegisterNumber, Clip(system.Organisation?.Name ?? "?"), Clip(name));
            case SystemStatus.Suspended:
                throw new RuleException("label-suspended", "System {0} is suspended in the register; its labels cannot be signed until the suspension is lifted.", system.RegisterNumber ?? system.Id.ToString());
            case SystemStatus.Refused:
                throw new RuleException("label-refused", "Registration of this system was refused; only registered systems sign labels.");
            case SystemStatus.Withdrawn or SystemStatus.Removed:
                throw new RuleException("label-withdrawn", "System {0} is no longer in the register; it cannot sign labels.", system.RegisterNumber ?? system.Id.ToString());
            default:
                throw new RuleException("label-not-registered", "The system is {0}, not registered; only registered systems (registered or registered with conditions) sign labels.", system.Status.Code());
        }
    }

    private static string Clip(string value)
    {
        var trimmed = value.Trim();
        return trimmed.Length <= SystemIdentity.MaxNameLength ? trimmed : trimmed[..(SystemIdentity.MaxNameLength - 1)].TrimEnd() + "…";
    }

    private async Task<IReadOnlyList<IssuedCertificate>> IssuedAsync(string registerNumber, CancellationToken cancellationToken)
    {
        return await authority.CertificatesOfAsync(registerNumber, cancellationToken);
    }

    private async Task<AiSystem> LoadAsync(Actor actor, Guid systemId, bool edit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var system = await db.Systems.AsNoTracking().Include(s => s.Organisation).FirstOrDefaultAsync(s => s.Id == systemId, cancellationToken);
        if (system is null || system.Organisation!.DeletedAt is not null || !actor.CanReadOrganisation(system.OrganisationId))
        {
            throw new NotFoundException("system", systemId);
        }

        if (edit && !actor.CanEdit(system.OrganisationId))
        {
            throw new ForbiddenException("label-owner-only", "Only the owning organisation's admins and editors (with a write token) may sign labels or get certificates for this system.");
        }

        return system;
    }

    private static async Task<T> Guard<T>(Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (AuthorityException ex)
        {
            throw new RuleException("label-authority", "The certificate authority refused: {0}", ex.Message);
        }
    }
}
