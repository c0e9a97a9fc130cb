using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Senim.Registry.Workflow;

namespace Senim.Registry.Data;

/// <summary>
/// The register's one provider-neutral model. Each provider has its own migrations
/// (Senim.Registry.Sqlite, Senim.Registry.Postgres); search indexes are added there in raw SQL.
/// </summary>
public sealed class RegistryDb(DbContextOptions<RegistryDb> options)
    : IdentityDbContext<SenimUser, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    public DbSet<Organisation> Organisations => Set<Organisation>();

    public DbSet<Membership> Memberships => Set<Membership>();

    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();

    public DbSet<KeptForm> KeptForms => Set<KeptForm>();

    public DbSet<AiSystem> Systems => Set<AiSystem>();

    public DbSet<SystemVersion> SystemVersions => Set<SystemVersion>();

    public DbSet<Classification> Classifications => Set<Classification>();

    public DbSet<SystemDocument> Documents => Set<SystemDocument>();

    public DbSet<Attachment> Attachments => Set<Attachment>();

    public DbSet<ReviewAssignment> ReviewAssignments => Set<ReviewAssignment>();

    public DbSet<ChecklistRemark> ChecklistRemarks => Set<ChecklistRemark>();

    public DbSet<ChangeRequest> ChangeRequests => Set<ChangeRequest>();

    public DbSet<WorkflowEvent> WorkflowEvents => Set<WorkflowEvent>();

    public DbSet<RegisterCounter> RegisterCounters => Set<RegisterCounter>();

    public DbSet<LawSet> LawSets => Set<LawSet>();

    public DbSet<Notification> Notifications => Set<Notification>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<OrganisationVerification> OrganisationVerifications => Set<OrganisationVerification>();

    public DbSet<SignatureChallenge> SignatureChallenges => Set<SignatureChallenge>();

    public DbSet<BinDispute> BinDisputes => Set<BinDispute>();

    public DbSet<OrganisationEvent> OrganisationEvents => Set<OrganisationEvent>();

    public DbSet<ActSignature> ActSignatures => Set<ActSignature>();

    public DbSet<LogEntry> LogEntries => Set<LogEntry>();

    public DbSet<LogHash> LogHashes => Set<LogHash>();

    public DbSet<LogCheckpoint> LogCheckpoints => Set<LogCheckpoint>();

    public DbSet<LogHead> LogHeads => Set<LogHead>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<MailOptOut> MailOptOuts => Set<MailOptOut>();

    public DbSet<Invitation> Invitations => Set<Invitation>();

    public DbSet<CitizenRequest> CitizenRequests => Set<CitizenRequest>();

    public DbSet<PersonalData> PersonalData => Set<PersonalData>();

    public DbSet<CaseEvent> CaseEvents => Set<CaseEvent>();

    public DbSet<StatDay> StatDays => Set<StatDay>();

    public DbSet<EnforcementCase> EnforcementCases => Set<EnforcementCase>();

    public DbSet<EnforcementEvidence> EnforcementEvidence => Set<EnforcementEvidence>();

    public DbSet<EnforcementDecision> EnforcementDecisions => Set<EnforcementDecision>();
    // Incidents, audits and trusted lists (docs/incidents-and-audits.md).
    public DbSet<Incident> Incidents => Set<Incident>();

    public DbSet<Audit> Audits => Set<Audit>();

    public DbSet<AuditFinding> AuditFindings => Set<AuditFinding>();

    public DbSet<CorrectiveAction> CorrectiveActions => Set<CorrectiveAction>();

    public DbSet<TrustedListEntry> TrustedListEntries => Set<TrustedListEntry>();

    public DbSet<TrustedListEvent> TrustedListEvents => Set<TrustedListEvent>();

    /// <summary>A context on <paramref name="settings"/>'s database, outside dependency injection (design-time tools, tests).</summary>
    public static RegistryDb Create(DatabaseSettings settings) =>
        new(new DbContextOptionsBuilder<RegistryDb>().UseRegistryDatabase(settings).Options);

    protected override void OnModelCreating(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        base.OnModelCreating(builder);

        builder.Entity<StatDay>(e =>
        {
            e.ToTable("StatDays");
            e.HasKey(s => new { s.Measure, s.Key, s.Day });
            // The page reads every measure's all-time rows (one day, StatMeasures.AllTime) in one range of this index, not
            // through every day row of each measure.
            e.HasIndex(s => new { s.Day, s.Measure });
            e.Property(s => s.Measure).HasMaxLength(50);
            e.Property(s => s.Key).HasMaxLength(120);
        });

        builder.Entity<Organisation>(e =>
        {
            e.ToTable("Organisations");
            // One verified holder per BIN; unverified claims of the same BIN may coexist (they publish nothing).
            e.HasIndex(o => o.Bin, "IX_Organisations_VerifiedBin").IsUnique().HasFilter("\"Verification\" <> 'Unverified' AND \"DeletedAt\" IS NULL");
            e.HasIndex(o => o.Bin, "IX_Organisations_Bin");
            Enum(e.Property(o => o.Verification));
            e.Property(o => o.Bin).HasMaxLength(12);
            e.Property(o => o.Name).HasMaxLength(300);
            e.Property(o => o.NameKk).HasMaxLength(300);
            e.Property(o => o.NameRu).HasMaxLength(300);
            e.Property(o => o.NameEn).HasMaxLength(300);
            e.Property(o => o.ContactEmail).HasMaxLength(256);
            e.Property(o => o.ContactPhone).HasMaxLength(50);
            e.Property(o => o.Address).HasMaxLength(500);
            e.Property(o => o.Website).HasMaxLength(500);
            Enum(e.Property(o => o.Size));
            e.Property(o => o.Version).IsConcurrencyToken();
        });

        builder.Entity<Membership>(e =>
        {
            e.ToTable("Memberships");
            e.HasIndex(m => new { m.OrganisationId, m.UserId }).IsUnique();
            e.HasIndex(m => m.UserId);
            e.HasOne(m => m.Organisation).WithMany(o => o.Members).HasForeignKey(m => m.OrganisationId);
            e.HasOne(m => m.User).WithMany().HasForeignKey(m => m.UserId);
            Enum(e.Property(m => m.Role));
        });

        builder.Entity<ApiToken>(e =>
        {
            e.ToTable("ApiTokens");
            e.HasIndex(t => t.UserId);
            e.HasOne(t => t.User).WithMany().HasForeignKey(t => t.UserId);
            e.Property(t => t.Name).HasMaxLength(100);
            e.Property(t => t.SecretHash).HasMaxLength(64);
            e.Property(t => t.Scopes).HasMaxLength(100);
        });

        builder.Entity<KeptForm>(e =>
        {
            e.ToTable("KeptForms");
            e.HasIndex(k => k.ExpiresAt);
        });

        builder.Entity<AiSystem>(e =>
        {
            e.ToTable("AiSystems");
            e.HasOne(s => s.Organisation).WithMany().HasForeignKey(s => s.OrganisationId);
            e.HasIndex(s => s.OrganisationId);
            e.HasIndex(s => new { s.Status, s.UpdatedAt });
            e.HasIndex(s => s.StepDueAt);
            e.Property(s => s.StepDeadline).HasMaxLength(100);
            // The public register's queries: everything listed, newest first / by name / by registration, filtered by sector or tier.
            e.HasIndex(s => new { s.Listed, s.UpdatedAt, s.Id });
            e.HasIndex(s => new { s.Listed, s.SortName, s.Id });
            e.HasIndex(s => new { s.Listed, s.RegisteredAt, s.Id });
            e.HasIndex(s => new { s.Listed, s.Sector, s.UpdatedAt, s.Id });
            e.HasIndex(s => new { s.Listed, s.Tier, s.UpdatedAt, s.Id });
            e.HasIndex(s => new { s.OrganisationId, s.Listed });
            // Stored as 0/1 so SQLite compares "Listed = 1" and uses the indexes above (a bare boolean column does not).
            e.Property(s => s.Listed).HasConversion<int>();
            e.Property(s => s.SortName).HasMaxLength(200);
            e.HasIndex(s => s.RegisterNumber).IsUnique();
            foreach (var name in new[] { nameof(AiSystem.NameKk), nameof(AiSystem.NameRu), nameof(AiSystem.NameEn) })
            {
                e.Property(name).HasMaxLength(200);
            }

            foreach (var name in new[] { nameof(AiSystem.PurposeKk), nameof(AiSystem.PurposeRu), nameof(AiSystem.PurposeEn) })
            {
                e.Property(name).HasMaxLength(2000);
            }

            e.Property(s => s.Description).HasMaxLength(10_000);
            e.Property(s => s.Sector).HasMaxLength(50);
            e.Property(s => s.DataAndModels).HasMaxLength(5000);
            e.Property(s => s.Contact).HasMaxLength(300);
            e.Property(s => s.SupportChannel).HasMaxLength(300);
            e.Property(s => s.UserAgreementUrl).HasMaxLength(500);
            e.Property(s => s.RegisterNumber).HasMaxLength(20);
            e.Property(s => s.Conditions).HasMaxLength(TextLimits.Reason);
            e.Property(s => s.DecisionReason).HasMaxLength(TextLimits.Reason);
            e.Property(s => s.Tier).HasMaxLength(20);
            Enum(e.Property(s => s.Status));
            Enum(e.Property(s => s.Role));
            Enum(e.Property(s => s.Mode));
            e.Property(s => s.Version).IsConcurrencyToken();
            e.Ignore(s => s.IsPublic);
        });

        builder.Entity<SystemVersion>(e =>
        {
            e.ToTable("SystemVersions");
            e.HasIndex(v => new { v.SystemId, v.Version }).IsUnique();
            e.Property(v => v.Change).HasMaxLength(50);
            e.Property(v => v.ChangedByName).HasMaxLength(256);
        });

        builder.Entity<Classification>(e =>
        {
            e.ToTable("Classifications");
            e.HasIndex(c => new { c.SystemId, c.Number }).IsUnique();
            e.HasIndex(c => new { c.SystemId, c.IsCurrent });
            e.Property(c => c.Law).HasMaxLength(20);
            e.Property(c => c.KzTier).HasMaxLength(20);
            e.Property(c => c.EuTier).HasMaxLength(20);
            e.Property(c => c.Reason).HasMaxLength(50);
        });

        builder.Entity<SystemDocument>(e =>
        {
            e.ToTable("SystemDocuments");
            e.HasIndex(d => new { d.SystemId, d.DocumentId }).IsUnique();
            e.HasIndex(d => d.NextReviewDate);
            e.Property(d => d.DocumentId).HasMaxLength(100);
            e.HasMany(d => d.Attachments).WithOne().HasForeignKey(a => a.SystemDocumentId);
            e.Property(d => d.Version).IsConcurrencyToken();
        });

        builder.Entity<Attachment>(e =>
        {
            e.ToTable("Attachments");
            e.Property(a => a.FileName).HasMaxLength(255);
            e.Property(a => a.ContentType).HasMaxLength(100);
            e.Property(a => a.Sha256).HasMaxLength(64);
            e.Property(a => a.StorageKey).HasMaxLength(200);
        });

        builder.Entity<ReviewAssignment>(e =>
        {
            e.ToTable("ReviewAssignments");
            e.HasIndex(a => a.SystemId);
            e.HasIndex(a => new { a.ExpertId, a.Active });
            e.HasOne(a => a.Expert).WithMany().HasForeignKey(a => a.ExpertId);
            e.HasMany(a => a.Remarks).WithOne().HasForeignKey(r => r.AssignmentId);
            Enum(e.Property(a => a.Recommendation));
            e.Property(a => a.RecommendationText).HasMaxLength(TextLimits.Reason);
            e.Property(a => a.Version).IsConcurrencyToken();
        });

        builder.Entity<ChecklistRemark>(e =>
        {
            e.ToTable("ChecklistRemarks");
            e.HasIndex(r => new { r.AssignmentId, r.ItemId }).IsUnique();
            e.Property(r => r.ItemId).HasMaxLength(100);
            e.Property(r => r.Remark).HasMaxLength(TextLimits.Reason);
            Enum(e.Property(r => r.Verdict));
        });

        builder.Entity<ChangeRequest>(e =>
        {
            e.ToTable("ChangeRequests");
            e.HasIndex(c => c.SystemId);
            e.Property(c => c.Message).HasMaxLength(TextLimits.Reason);
        });

        builder.Entity<WorkflowEvent>(e =>
        {
            e.ToTable("WorkflowEvents");
            e.HasIndex(w => new { w.SystemId, w.Sequence }).IsUnique();
            e.HasIndex(w => new { w.IsPublic, w.At });
            Enum(e.Property(w => w.From));
            Enum(e.Property(w => w.To));
            e.Property(w => w.Action).HasMaxLength(50);
            e.Property(w => w.ActorName).HasMaxLength(256);
            e.Property(w => w.ActorRole).HasMaxLength(20);
            e.Property(w => w.Reason).HasMaxLength(TextLimits.Reason);
            e.Property(w => w.SignatureSha256).HasMaxLength(64);
        });

        builder.Entity<RegisterCounter>(e =>
        {
            e.ToTable("RegisterCounters");
            e.HasKey(c => c.Year);
            e.Property(c => c.Year).ValueGeneratedNever();
            e.Property(c => c.Next).IsConcurrencyToken();
        });

        builder.Entity<LawSet>(e =>
        {
            e.ToTable("LawSets");
            e.HasIndex(l => l.Status);
            e.Property(l => l.Label).HasMaxLength(500);
            Enum(e.Property(l => l.Status));
        });

        builder.Entity<Notification>(e =>
        {
            e.ToTable("Notifications");
            e.HasIndex(n => new { n.OrganisationId, n.CreatedAt });
            e.HasIndex(n => new { n.UserId, n.CreatedAt });
            e.Property(n => n.Kind).HasMaxLength(100);
        });

        builder.Entity<OrganisationVerification>(e =>
        {
            e.ToTable("OrganisationVerifications");
            e.HasIndex(v => new { v.OrganisationId, v.At });
            Enum(e.Property(v => v.Method));
            e.Property(v => v.Bin).HasMaxLength(12);
            e.Property(v => v.ActorName).HasMaxLength(256);
            e.Property(v => v.Challenge).HasMaxLength(Senim.Signatures.Challenges.Challenge.MaxBytes);
            e.Property(v => v.CmsSha256).HasMaxLength(64);
            e.Property(v => v.SignerSubject).HasMaxLength(1000);
            e.Property(v => v.SignerIssuer).HasMaxLength(1000);
            e.Property(v => v.CertificateSerial).HasMaxLength(100);
            e.Property(v => v.CertificateSha256).HasMaxLength(64);
            e.Property(v => v.SignerIin).HasMaxLength(12);
            e.Property(v => v.SignerRole).HasMaxLength(40);
            e.Property(v => v.Reason).HasMaxLength(TextLimits.Reason);
            e.Property(v => v.EvidenceFileName).HasMaxLength(255);
            e.Property(v => v.EvidenceContentType).HasMaxLength(100);
            e.Property(v => v.EvidenceSha256).HasMaxLength(64);
            e.Property(v => v.EvidenceStorageKey).HasMaxLength(200);
        });

        builder.Entity<SignatureChallenge>(e =>
        {
            e.ToTable("SignatureChallenges");
            e.HasIndex(c => c.Nonce).IsUnique();
            e.HasIndex(c => new { c.IssuedTo, c.IssuedAt });
            e.HasIndex(c => c.ExpiresAt);
            Enum(e.Property(c => c.Use));
            e.Property(c => c.Nonce).HasMaxLength(86);
            e.Property(c => c.Text).HasMaxLength(Senim.Signatures.Challenges.Challenge.MaxBytes);
            e.Property(c => c.ActContent).HasMaxLength(4 * TextLimits.Reason);
            e.Property(c => c.Version).IsConcurrencyToken();
        });

        builder.Entity<BinDispute>(e =>
        {
            e.ToTable("BinDisputes");
            e.HasIndex(d => new { d.State, d.FiledAt });
            e.HasIndex(d => d.ClaimantId);
            e.HasOne(d => d.Claimant).WithMany().HasForeignKey(d => d.ClaimantId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(d => d.Holder).WithMany().HasForeignKey(d => d.HolderId).OnDelete(DeleteBehavior.Restrict);
            Enum(e.Property(d => d.State));
            e.Property(d => d.Bin).HasMaxLength(12);
            e.Property(d => d.FiledByName).HasMaxLength(256);
            e.Property(d => d.Statement).HasMaxLength(TextLimits.Reason);
            e.Property(d => d.EvidenceFileName).HasMaxLength(255);
            e.Property(d => d.EvidenceContentType).HasMaxLength(100);
            e.Property(d => d.EvidenceSha256).HasMaxLength(64);
            e.Property(d => d.EvidenceStorageKey).HasMaxLength(200);
            e.Property(d => d.DecidedByName).HasMaxLength(256);
            e.Property(d => d.Decision).HasMaxLength(TextLimits.Reason);
            e.Property(d => d.Version).IsConcurrencyToken();
        });

        builder.Entity<OrganisationEvent>(e =>
        {
            e.ToTable("OrganisationEvents");
            e.HasIndex(o => new { o.OrganisationId, o.At });
            e.Property(o => o.Kind).HasMaxLength(40);
            e.Property(o => o.Bin).HasMaxLength(12);
            e.Property(o => o.Name).HasMaxLength(300);
            e.Property(o => o.Method).HasMaxLength(40);
            e.Property(o => o.EvidenceSha256).HasMaxLength(64);
            e.Property(o => o.Reason).HasMaxLength(TextLimits.Reason);
        });

        builder.Entity<ActSignature>(e =>
        {
            e.ToTable("ActSignatures");
            e.HasIndex(a => a.SystemId);
            e.HasIndex(a => a.CaseId);
            e.HasIndex(a => a.EventId).IsUnique();
            Enum(e.Property(a => a.Act));
            e.Property(a => a.Content).HasMaxLength(4 * TextLimits.Reason);
            e.Property(a => a.ContentSha256).HasMaxLength(64);
            e.Property(a => a.Challenge).HasMaxLength(Senim.Signatures.Challenges.Challenge.MaxBytes);
            e.Property(a => a.CmsSha256).HasMaxLength(64);
            e.Property(a => a.SignerSubject).HasMaxLength(1000);
            e.Property(a => a.SignerName).HasMaxLength(300);
            e.Property(a => a.SignerIssuer).HasMaxLength(1000);
            e.Property(a => a.CertificateSerial).HasMaxLength(100);
        });

        // The transparency log (docs/ledger.md, ADR 0013): written with raw SQL by Log/RegistryLogStore.
        builder.Entity<LogEntry>(e =>
        {
            e.ToTable("LogEntries");
            e.HasKey(l => l.Index);
            e.Property(l => l.Index).ValueGeneratedNever();
            e.HasIndex(l => new { l.SystemId, l.Index });
            e.HasIndex(l => new { l.OrganisationId, l.Index });
            // The public events list filters by kind, newest first (LogService.EventsAsync): a rare kind must not scan the log.
            e.HasIndex(l => new { l.Kind, l.Index });
            e.HasIndex(l => l.EventId).IsUnique();
            e.Property(l => l.Kind).HasMaxLength(40);
            e.Property(l => l.RecordHash).HasMaxLength(64);
        });

        builder.Entity<LogHash>(e =>
        {
            e.ToTable("LogHashes");
            e.HasKey(h => new { h.Level, h.Index });
        });

        builder.Entity<LogCheckpoint>(e =>
        {
            e.ToTable("LogCheckpoints");
            e.HasKey(c => c.Size);
            e.Property(c => c.Size).ValueGeneratedNever();
        });

        builder.Entity<LogHead>(e =>
        {
            e.ToTable("LogHeads");
            e.Property(h => h.Id).ValueGeneratedNever();
            e.HasData(new LogHead { Id = LogHead.SingletonId, Size = 0 });
        });

        // The e-mail outbox (docs/email.md, ADR 0021): senders look for due pending messages; the limits on
        // confirmation and reset mails count an account's or an address's recent ones.
        builder.Entity<OutboxMessage>(e =>
        {
            e.ToTable("OutboxMessages");
            e.HasIndex(m => new { m.Status, m.NextAttemptAt });
            e.HasIndex(m => new { m.UserId, m.Template, m.CreatedAt });
            e.HasIndex(m => new { m.ToAddress, m.Template, m.CreatedAt });
            e.Property(m => m.Template).HasMaxLength(40);
            e.Property(m => m.ToAddress).HasMaxLength(256);
            e.Property(m => m.ToName).HasMaxLength(256);
            e.Property(m => m.Language).HasMaxLength(2);
            e.Property(m => m.LastError).HasMaxLength(1000);
            Enum(e.Property(m => m.Status));
        });

        builder.Entity<MailOptOut>(e =>
        {
            e.ToTable("MailOptOuts");
            e.HasKey(o => new { o.UserId, o.Kind });
            e.Property(o => o.Kind).HasMaxLength(100);
            e.HasOne<SenimUser>().WithMany().HasForeignKey(o => o.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Invitation>(e =>
        {
            e.ToTable("Invitations");
            e.HasIndex(i => new { i.OrganisationId, i.CreatedAt });
            e.HasIndex(i => new { i.OrganisationId, i.NormalizedEmail, i.State });
            e.HasOne(i => i.Organisation).WithMany().HasForeignKey(i => i.OrganisationId);
            e.Property(i => i.Email).HasMaxLength(256);
            e.Property(i => i.NormalizedEmail).HasMaxLength(256);
            e.Property(i => i.InvitedByName).HasMaxLength(256);
            e.Property(i => i.TokenHash).HasMaxLength(64);
            Enum(e.Property(i => i.Role));
            Enum(e.Property(i => i.State));
        });

        // Citizens' requests (docs/citizens.md, ADR 0025): the inbox lists by organisation and deadline, the deadline job
        // by status and due instant, the tracking page by the code's hash, the flood limit by the contact's hash.
        builder.Entity<CitizenRequest>(e =>
        {
            e.ToTable("CitizenRequests");
            e.HasIndex(r => r.TrackingHash).IsUnique();
            e.HasIndex(r => new { r.OrganisationId, r.DueAt });
            e.HasIndex(r => new { r.Status, r.DueAt });
            e.HasIndex(r => new { r.ContactHash, r.FiledAt });
            e.HasIndex(r => new { r.Kind, r.ClosedAt });
            e.HasIndex(r => r.SystemId);
            e.HasOne<AiSystem>().WithMany().HasForeignKey(r => r.SystemId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Organisation>().WithMany().HasForeignKey(r => r.OrganisationId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<PersonalData>().WithMany().HasForeignKey(r => r.PersonalDataId).OnDelete(DeleteBehavior.SetNull);
            Enum(e.Property(r => r.Kind));
            Enum(e.Property(r => r.Status));
            Enum(e.Property(r => r.Outcome));
            e.Property(r => r.TrackingHash).HasMaxLength(64);
            e.Property(r => r.NamedSystem).HasMaxLength(Citizens.CitizenLimits.NamedSystem);
            e.Property(r => r.NamedOrganisation).HasMaxLength(Citizens.CitizenLimits.NamedOrganisation);
            e.Property(r => r.ContentLink).HasMaxLength(Citizens.CitizenLimits.Link);
            e.Property(r => r.ContentFileKey).HasMaxLength(Citizens.CitizenLimits.FileKey);
            e.Property(r => r.ContentSha256).HasMaxLength(64);
            e.Property(r => r.LabelVerdict).HasMaxLength(Citizens.CitizenLimits.VerdictCode);
            e.Property(r => r.LabelRegisterNumber).HasMaxLength(Citizens.CitizenLimits.RegisterNumber);
            e.Property(r => r.LabelWarnings).HasMaxLength(Citizens.CitizenLimits.Warnings);
            e.Property(r => r.DeadlineId).HasMaxLength(100);
            e.Property(r => r.Language).HasMaxLength(2);
            e.Property(r => r.Answer).HasMaxLength(Citizens.CitizenLimits.Answer);
            e.Property(r => r.OutcomeText).HasMaxLength(Citizens.CitizenLimits.Answer);
            e.Property(r => r.ContactHash).HasMaxLength(64);
            e.Property(r => r.Version).IsConcurrencyToken();
        });

        builder.Entity<PersonalData>(e => e.ToTable("PersonalData"));

        builder.Entity<CaseEvent>(e =>
        {
            e.ToTable("CaseEvents");
            e.HasIndex(c => new { c.CaseKind, c.CaseId, c.Sequence }).IsUnique();
            e.Property(c => c.CaseKind).HasMaxLength(40);
            e.Property(c => c.Action).HasMaxLength(40);
            e.Property(c => c.From).HasMaxLength(40);
            e.Property(c => c.To).HasMaxLength(40);
            e.Property(c => c.ActorRole).HasMaxLength(20);
            e.Property(c => c.ActorName).HasMaxLength(256);
            e.Property(c => c.Text).HasMaxLength(TextLimits.Reason);
        });

        // Enforcement cases (docs/enforcement.md): the supervisor's list by status and opening, the offender's by organisation,
        // repeats by organisation and decision; public decisions newest first.
        builder.Entity<EnforcementCase>(e =>
        {
            e.ToTable("EnforcementCases");
            e.HasIndex(c => new { c.Status, c.OpenedAt });
            e.HasIndex(c => new { c.OrganisationId, c.DecidedAt });
            e.HasOne<Organisation>().WithMany().HasForeignKey(c => c.OrganisationId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<AiSystem>().WithMany().HasForeignKey(c => c.SystemId).OnDelete(DeleteBehavior.Restrict);
            Enum(e.Property(c => c.Origin));
            Enum(e.Property(c => c.Status));
            Enum(e.Property(c => c.Decision));
            Enum(e.Property(c => c.AppealOutcome));
            e.Property(c => c.Subject).HasMaxLength(Enforcement.EnforcementLimits.Subject);
            e.Property(c => c.ResponseDeadlineId).HasMaxLength(100);
            e.Property(c => c.AppealDeadlineId).HasMaxLength(100);
            e.Property(c => c.DecisionReasons).HasMaxLength(TextLimits.Reason);
            e.Property(c => c.OffenderCategory).HasMaxLength(40);
            e.Property(c => c.FineUnits).HasPrecision(18, 2);
            e.Property(c => c.FineAmount).HasPrecision(18, 2);
            e.Property(c => c.UnitValue).HasPrecision(18, 2);
            e.Property(c => c.FineTraceJson).HasMaxLength(8000);
            e.Property(c => c.Version).IsConcurrencyToken();
        });

        builder.Entity<EnforcementEvidence>(e =>
        {
            e.ToTable("EnforcementEvidence");
            e.HasIndex(x => x.CaseId);
            e.HasOne<EnforcementCase>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
            e.Property(x => x.FileName).HasMaxLength(255);
            e.Property(x => x.ContentType).HasMaxLength(100);
            e.Property(x => x.Sha256).HasMaxLength(64);
            e.Property(x => x.StorageKey).HasMaxLength(200);
        });

        builder.Entity<EnforcementDecision>(e =>
        {
            e.ToTable("EnforcementDecisions");
            e.HasIndex(d => d.At);
            e.HasIndex(d => d.CaseId);
            e.Property(d => d.Kind).HasMaxLength(40);
            e.Property(d => d.OrganisationName).HasMaxLength(300);
            e.Property(d => d.Bin).HasMaxLength(12);
            e.Property(d => d.RegisterNumber).HasMaxLength(20);
            e.Property(d => d.Reasons).HasMaxLength(TextLimits.Reason);
            e.Property(d => d.Category).HasMaxLength(40);
            e.Property(d => d.FineUnits).HasPrecision(18, 2);
            e.Property(d => d.FineAmount).HasPrecision(18, 2);
            e.Property(d => d.UnitValue).HasPrecision(18, 2);
            e.Property(d => d.AppealOutcome).HasMaxLength(40);
            e.Property(d => d.SignatureSha256).HasMaxLength(64);
        });

        AuditModel(builder);
    }

    /// <summary>Incidents, audits and trusted lists (docs/incidents-and-audits.md): lists by organisation and date; one open entry per system and sector.</summary>
    private static void AuditModel(ModelBuilder builder)
    {
        builder.Entity<Incident>(e =>
        {
            e.ToTable("Incidents");
            e.HasIndex(i => new { i.OrganisationId, i.ReportedAt });
            e.HasIndex(i => new { i.Status, i.ReportedAt });
            e.HasIndex(i => i.SystemId);
            e.HasOne<AiSystem>().WithMany().HasForeignKey(i => i.SystemId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Organisation>().WithMany().HasForeignKey(i => i.OrganisationId).OnDelete(DeleteBehavior.Restrict);
            Enum(e.Property(i => i.Kind));
            Enum(e.Property(i => i.Status));
            e.Property(i => i.Summary).HasMaxLength(Senim.Registry.Incidents.IncidentLimits.Text);
            e.Property(i => i.Harm).HasMaxLength(Senim.Registry.Incidents.IncidentLimits.Text);
            e.Property(i => i.Measures).HasMaxLength(Senim.Registry.Incidents.IncidentLimits.Text);
            e.Property(i => i.AffectedCategories).HasMaxLength(Senim.Registry.Incidents.IncidentLimits.Categories);
            e.Property(i => i.EuDeadlineId).HasMaxLength(100);
            e.Property(i => i.Version).IsConcurrencyToken();
        });

        builder.Entity<Audit>(e =>
        {
            e.ToTable("Audits");
            e.HasIndex(a => new { a.OrganisationId, a.PlannedStart });
            e.HasIndex(a => new { a.AuditorId, a.PlannedStart });
            e.HasIndex(a => new { a.SystemId, a.Status });
            e.HasOne<AiSystem>().WithMany().HasForeignKey(a => a.SystemId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Organisation>().WithMany().HasForeignKey(a => a.OrganisationId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(a => a.Findings).WithOne().HasForeignKey(f => f.AuditId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(a => a.Actions).WithOne().HasForeignKey(c => c.AuditId).OnDelete(DeleteBehavior.Cascade);
            Enum(e.Property(a => a.Status));
            e.Property(a => a.Sector).HasMaxLength(40);
            e.Property(a => a.Scope).HasMaxLength(Senim.Registry.Audits.AuditLimits.Scope);
            e.Property(a => a.ChecklistId).HasMaxLength(100);
            e.Property(a => a.PackVersion).HasMaxLength(40);
            e.Property(a => a.Conclusion).HasMaxLength(Senim.Registry.Audits.AuditLimits.Text);
            e.Property(a => a.Version).IsConcurrencyToken();
        });

        builder.Entity<AuditFinding>(e =>
        {
            e.ToTable("AuditFindings");
            e.HasIndex(f => new { f.AuditId, f.ItemId }).IsUnique();
            Enum(e.Property(f => f.Result));
            e.Property(f => f.ItemId).HasMaxLength(100);
            e.Property(f => f.Note).HasMaxLength(Senim.Registry.Audits.AuditLimits.Text);
            e.Property(f => f.EvidenceKey).HasMaxLength(200);
            e.Property(f => f.EvidenceName).HasMaxLength(255);
            e.Property(f => f.EvidenceSha256).HasMaxLength(64);
        });

        builder.Entity<CorrectiveAction>(e =>
        {
            e.ToTable("CorrectiveActions");
            e.Property(c => c.ItemId).HasMaxLength(100);
            e.Property(c => c.Text).HasMaxLength(Senim.Registry.Audits.AuditLimits.Text);
            e.Property(c => c.DoneText).HasMaxLength(Senim.Registry.Audits.AuditLimits.Text);
        });

        builder.Entity<TrustedListEntry>(e =>
        {
            e.ToTable("TrustedListEntries");
            e.HasIndex(t => new { t.SystemId, t.Sector }, "IX_TrustedListEntries_Current").IsUnique().HasFilter("\"RemovedAt\" IS NULL");
            e.HasIndex(t => new { t.Sector, t.RemovedAt });
            e.HasOne<AiSystem>().WithMany().HasForeignKey(t => t.SystemId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Audit>().WithMany().HasForeignKey(t => t.AuditId).OnDelete(DeleteBehavior.Restrict);
            e.Property(t => t.Sector).HasMaxLength(40);
            e.Property(t => t.RemovalReason).HasMaxLength(Senim.Registry.Audits.TrustedListService.MaxReason);
            e.Property(t => t.Version).IsConcurrencyToken();
        });

        builder.Entity<TrustedListEvent>(e =>
        {
            e.ToTable("TrustedListEvents");
            e.HasIndex(t => new { t.SystemId, t.At });
            e.Property(t => t.Kind).HasMaxLength(40);
            e.Property(t => t.RegisterNumber).HasMaxLength(40);
            e.Property(t => t.Sector).HasMaxLength(40);
            e.Property(t => t.Reason).HasMaxLength(Senim.Registry.Audits.TrustedListService.MaxReason);
        });
    }

    // Enums are stored by name: readable in either database, and stable when members are added.
    private static void Enum<T>(PropertyBuilder<T> property) => property.HasConversion<string>().HasMaxLength(40);
}
