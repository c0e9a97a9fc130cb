using Senim.Registry.Files;
using Senim.Registry.Services;

namespace Senim.Registry.Organisations;

/// <summary>
/// "This BIN is ours": an admin of an unverified organisation disputes the verified organisation holding the same BIN;
/// the supervisory body decides, with a reason, to transfer the BIN (the holder becomes unverified, the claimant
/// verified by the decision, and the transfer is logged as a public event) or to reject the claim.
/// </summary>
public sealed class BinDisputeService(RegistryDb db, RegisterWriter writer, OrganisationVerificationService verifications, IFileStore files)
{
    /// <summary>The most disputes a page of the supervisory body's list shows.</summary>
    public const int MaxListed = 200;

    private DateTime Now => writer.Now;

    /// <summary>Files a dispute for <paramref name="claimantId"/> (its admins), with a statement and optionally an evidence file.</summary>
    public async Task<BinDispute> FileAsync(Actor actor, Guid claimantId, string? statement, Upload? evidence, CancellationToken cancellationToken = default)
    {
        var claimant = await verifications.LoadAsync(actor, claimantId, tracked: false, cancellationToken);
        if (!actor.IsOrganisationAdmin(claimantId))
        {
            throw new ForbiddenException("not-org-admin", "Only the organisation's admins may do this.");
        }

        if (claimant.IsVerified)
        {
            throw new RuleException("dispute-verified", "{0} is already verified with BIN {1}; there is nothing to dispute.", claimant.Name, claimant.Bin);
        }

        var holder = await verifications.VerifiedHolderAsync(claimant, cancellationToken)
            ?? throw new RuleException("dispute-no-holder", "No verified organisation holds BIN {0}: verify your organisation yourself, with a signature or through the supervisory body.", claimant.Bin);
        if (await db.BinDisputes.AnyAsync(d => d.ClaimantId == claimantId && d.State == DisputeState.Open, cancellationToken))
        {
            throw new RuleException("dispute-open", "This organisation already has an open BIN dispute; the supervisory body decides it first.");
        }

        var errors = new FieldErrors();
        OrganisationVerificationService.RequireText(errors, "statement", statement);
        errors.ThrowIfAny();
        var file = evidence is null ? null : await EvidenceFile.ReadAsync(evidence.FileName, evidence.Content, evidence.Length, "evidence", cancellationToken);
        var key = file is null ? null : await files.SaveAsync(new MemoryStream(file.Bytes), cancellationToken);
        var dispute = new BinDispute
        {
            Id = Guid.NewGuid(),
            Bin = claimant.Bin,
            ClaimantId = claimant.Id,
            HolderId = holder.Id,
            FiledBy = actor.UserId,
            FiledByName = actor.Name,
            FiledAt = Now,
            Statement = statement!.Trim(),
            EvidenceFileName = file?.Name,
            EvidenceContentType = file?.ContentType,
            EvidenceSize = file?.Bytes.Length,
            EvidenceSha256 = file?.Sha256,
            EvidenceStorageKey = key,
            State = DisputeState.Open,
            Version = 1,
        };
        db.BinDisputes.Add(dispute);
        try
        {
            await writer.SaveAsync(cancellationToken);
        }
        catch
        {
            if (key is not null)
            {
                await files.DeleteAsync(key, CancellationToken.None);
            }

            throw;
        }

        return dispute;
    }

    /// <summary>The supervisory body's list: open disputes first, then the decided ones, newest first.</summary>
    public async Task<IReadOnlyList<BinDispute>> ListAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        OrganisationVerificationService.RequireSupervisor(actor);
        return await db.BinDisputes.AsNoTracking().Include(d => d.Claimant).Include(d => d.Holder)
            .OrderBy(d => d.State == DisputeState.Open ? 0 : 1).ThenByDescending(d => d.FiledAt).Take(MaxListed).ToListAsync(cancellationToken);
    }

    /// <summary>One dispute, for the supervisory body.</summary>
    public async Task<BinDispute> GetAsync(Actor actor, Guid disputeId, CancellationToken cancellationToken = default)
    {
        OrganisationVerificationService.RequireSupervisor(actor);
        return await db.BinDisputes.AsNoTracking().Include(d => d.Claimant).Include(d => d.Holder).FirstOrDefaultAsync(d => d.Id == disputeId, cancellationToken)
            ?? throw new NotFoundException("dispute", disputeId);
    }

    /// <summary>The dispute's evidence file, for the supervisory body.</summary>
    public async Task<(BinDispute Dispute, Stream Content)> OpenEvidenceAsync(Actor actor, Guid disputeId, CancellationToken cancellationToken = default)
    {
        var dispute = await GetAsync(actor, disputeId, cancellationToken);
        var stream = dispute.EvidenceStorageKey is { } key ? await files.OpenAsync(key, cancellationToken) : null;
        return (dispute, stream ?? throw new NotFoundException("evidence", disputeId));
    }

    /// <summary>
    /// The supervisory body decides: <paramref name="transfer"/> gives the BIN to the claimant (verified by this decision,
    /// its evidence the dispute's file) and leaves the holder unverified, logged as a public "bin-transfer" event with the
    /// reason; otherwise the claim is rejected and the reason kept with the dispute.
    /// </summary>
    public async Task<BinDispute> DecideAsync(Actor actor, Guid disputeId, bool transfer, string? reason, int expectedVersion, CancellationToken cancellationToken = default)
    {
        OrganisationVerificationService.RequireSupervisor(actor);
        var dispute = await db.BinDisputes.FirstOrDefaultAsync(d => d.Id == disputeId, cancellationToken) ?? throw new NotFoundException("dispute", disputeId);
        if (dispute.State != DisputeState.Open)
        {
            throw new RuleException("dispute-decided", "This dispute was already decided on {0:yyyy-MM-dd}.", dispute.DecidedAt ?? Now);
        }

        if (dispute.Version != expectedVersion)
        {
            throw new ConcurrencyException("dispute", expectedVersion, dispute.Version);
        }

        var errors = new FieldErrors();
        OrganisationVerificationService.RequireText(errors, "reason", reason);
        errors.ThrowIfAny();
        dispute.State = transfer ? DisputeState.Transferred : DisputeState.Rejected;
        dispute.DecidedAt = Now;
        dispute.DecidedBy = actor.UserId == Guid.Empty ? null : actor.UserId;
        dispute.DecidedByName = actor.Name;
        dispute.Decision = reason!.Trim();
        dispute.Version++;
        try
        {
            if (!transfer)
            {
                await writer.SaveAsync(cancellationToken);
                return dispute;
            }

            var claimant = await db.Organisations.FirstOrDefaultAsync(o => o.Id == dispute.ClaimantId && o.DeletedAt == null, cancellationToken);
            var holder = await db.Organisations.FirstOrDefaultAsync(o => o.Id == dispute.HolderId, cancellationToken);
            if (claimant is null || holder is null || claimant.Bin != dispute.Bin || claimant.IsVerified || holder.Bin != dispute.Bin)
            {
                throw new RuleException("dispute-stale", "The organisations changed since the dispute was filed (a BIN was edited, one was deleted or verified): reject this dispute, or ask the claimant to file it again.");
            }

            // The holder loses the BIN: first its verification ends (so the unique index admits the claimant's), then the
            // claimant is verified; two saves, one transaction.
            await using var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
            holder.Verification = VerificationState.Unverified;
            holder.VerifiedAt = null;
            holder.Version++;
            await db.OrganisationVerifications.Where(v => v.OrganisationId == holder.Id && v.Current).ForEachAsync(v => v.Current = false, cancellationToken);
            await writer.SaveAsync(cancellationToken);

            var e = OrganisationVerificationService.Event(claimant, OrganisationEvent.Transfer, VerificationState.Supervisor, dispute.EvidenceSha256, dispute.Decision, holder.Id);
            var verification = verifications.Supervised(claimant, actor, e, dispute.Decision, dispute.EvidenceFileName, dispute.EvidenceContentType, dispute.EvidenceSize, dispute.EvidenceSha256, dispute.EvidenceStorageKey);
            claimant.Verification = VerificationState.Supervisor;
            claimant.VerifiedAt = verification.At;
            claimant.Version++;
            e.At = verification.At;
            db.OrganisationVerifications.Add(verification);
            await writer.SaveOrganisationEventsAsync([e], cancellationToken);
            if (own is not null)
            {
                await own.CommitAsync(cancellationToken);
            }

            return dispute;
        }
        catch (DbUpdateException ex) when (ex is DbUpdateConcurrencyException || DatabaseErrors.IsUniqueViolation(ex))
        {
            db.ChangeTracker.Clear();
            throw new ConcurrencyException("dispute", expectedVersion, await db.BinDisputes.AsNoTracking().Where(d => d.Id == disputeId).Select(d => d.Version).FirstOrDefaultAsync(cancellationToken));
        }
    }
}
