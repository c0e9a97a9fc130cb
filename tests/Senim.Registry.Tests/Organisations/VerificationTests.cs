using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Senim.Registry.Access;
using Senim.Registry.Labels;
using Senim.Registry.Log;
using Senim.Registry.Model;
using Senim.Registry.Organisations;
using Senim.Registry.Services;
using Senim.Registry.Tests.Support;
using Senim.Tests.Shared;

namespace Senim.Registry.Tests.Organisations;

/// <summary>
/// Verified organisations without signatures (the signature path is tested end to end in the web tests, with an
/// openssl-made PKI): the BIN check on entry, what an unverified organisation may not do, verification by the
/// supervisory body with its evidence and log event, one verified holder per BIN, disputes and transfers.
/// </summary>
public sealed class VerificationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<T> Verifications<T>(TestRegistry registry, Func<OrganisationVerificationService, Task<T>> action) =>
        registry.RunAsync(sp => action(sp.GetRequiredService<OrganisationVerificationService>()));

    private static Task<T> Disputes<T>(TestRegistry registry, Func<BinDisputeService, Task<T>> action) =>
        registry.RunAsync(sp => action(sp.GetRequiredService<BinDisputeService>()));

    private static Upload Evidence(string name = "extract.txt", string text = "Extract from the register of legal entities.") =>
        new(name, text.Length, new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text)));

    private static Task<OrganisationVerification> SupervisorVerifiesAsync(TestRegistry registry, Actor supervisor, Guid organisationId, string reason = "Checked against the state register.") =>
        Verifications(registry, v => v.VerifyBySupervisorAsync(supervisor, organisationId, reason, Evidence()));

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task A_mistyped_BIN_is_refused_on_entry_with_a_code_naming_the_problem(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var person = await registry.UserAsync("founder@new.example");
        foreach (var (bin, code) in new[] { ("", "bin-empty"), ("99014000001", "bin-wrong-length"), ("99014000001X", "bin-not-digits"), ("990140000012", "bin-check-digit"), ("26054000005" + "0", "bin-check-digit-undefined") })
        {
            var refused = await Assert.ThrowsAsync<ValidationException>(() => registry.OrganisationAsync(person, bin, verified: false));
            var error = Assert.Single(refused.Errors);
            Assert.Equal(("bin", code), (error.Field, error.Key));
        }

        Assert.Equal(0, await registry.CountAsync<Organisation>());
        var (created, _) = await registry.OrganisationAsync(person, " 990140000017 ", verified: false);
        Assert.Equal("990140000017", created.Bin);
        Assert.Equal(VerificationState.Unverified, created.Verification);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task An_unverified_organisation_publishes_nothing_and_gets_no_label_certificate_until_verified(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var founder = await registry.UserAsync("founder@new.example");
        var (organisation, admin) = await registry.OrganisationAsync(founder, "990140000017", "New LLP", verified: false);
        var plain = await registry.SystemAsync(admin, organisation.Id, "spam-filter");
        var high = await registry.SystemAsync(admin, organisation.Id, "credit-scoring", World.HighRisk);

        var publish = await Assert.ThrowsAsync<RuleException>(() => world.Workflow(w => w.PublishAsync(admin, plain.Id, plain.Version)));
        Assert.Equal("organisation-unverified", publish.Key);
        Assert.Contains("verifies it", publish.Message, StringComparison.Ordinal);
        var submit = await Assert.ThrowsAsync<RuleException>(() => world.Workflow(w => w.SubmitAsync(admin, high.Id, high.Version, null)));
        Assert.Equal("organisation-unverified", submit.Key);
        Assert.Equal(SystemStatus.Draft, (await registry.GetAsync(admin, plain.Id)).Status);
        Assert.Equal(0, await registry.Db(db => db.Systems.CountAsync(s => s.OrganisationId == organisation.Id && s.Listed, Ct)));
        Assert.Equal(0, await registry.CountAsync<LogEntry>());

        await SupervisorVerifiesAsync(registry, world.Supervisor, organisation.Id);
        var published = await world.Workflow(w => w.PublishAsync(admin, plain.Id, plain.Version));
        Assert.Equal(SystemStatus.Published, published.Status);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task A_registered_system_of_an_organisation_that_lost_its_verification_gets_no_new_label_certificate(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var registered = await world.HighRiskAsync(SystemStatus.Registered);
        await registry.Db(db => db.Organisations.Where(o => o.Id == world.Org.Id).ExecuteUpdateAsync(s => s.SetProperty(o => o.Verification, VerificationState.Unverified), Ct));

        var refused = await Assert.ThrowsAsync<RuleException>(() => registry.RunAsync(sp => sp.GetRequiredService<LabelCertificateService>().IssueManagedAsync(world.Owner, registered.Id)));
        Assert.Equal("organisation-unverified", refused.Key);
        // The system stays listed: an organisation that is unverified now keeps what was registered before (ADR 0022).
        Assert.True(await registry.Db(db => db.Systems.Where(s => s.Id == registered.Id).Select(s => s.Listed).FirstAsync(Ct)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task The_supervisory_body_verifies_with_evidence_and_the_log_records_it_without_personal_data(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var founder = await registry.UserAsync("founder@new.example");
        var (organisation, admin) = await registry.OrganisationAsync(founder, "990140000017", "New LLP", verified: false);

        // Only the supervisory body; a reason and an evidence file of an accepted type are required; nothing is kept when refused.
        await Assert.ThrowsAsync<ForbiddenException>(() => SupervisorVerifiesAsync(registry, admin, organisation.Id));
        await Assert.ThrowsAsync<ForbiddenException>(() => SupervisorVerifiesAsync(registry, world.Admin, organisation.Id));
        var missing = await Assert.ThrowsAsync<ValidationException>(() => Verifications(registry, v => v.VerifyBySupervisorAsync(world.Supervisor, organisation.Id, " ", null)));
        Assert.Equal(["evidence:evidence-required", "reason:required"], missing.Errors.Select(e => e.Field + ":" + e.Key).Order());
        var exe = await Assert.ThrowsAsync<ValidationException>(() => Verifications(registry, v => v.VerifyBySupervisorAsync(world.Supervisor, organisation.Id, "x", Evidence("setup.exe", "MZ"))));
        Assert.Equal("file-type", Assert.Single(exe.Errors).Key);
        Assert.Equal(0, await registry.CountAsync<OrganisationVerification>());
        Assert.Empty(Directory.Exists(registry.FilesRoot) ? Directory.EnumerateFiles(registry.FilesRoot, "*", SearchOption.AllDirectories) : []);

        var verification = await SupervisorVerifiesAsync(registry, world.Supervisor, organisation.Id, "Checked against the state register on 2026-11-25.");
        var stored = await registry.Db(db => db.Organisations.AsNoTracking().FirstAsync(o => o.Id == organisation.Id, Ct));
        Assert.Equal(VerificationState.Supervisor, stored.Verification);
        Assert.Equal(organisation.Version + 1, stored.Version);
        Assert.Equal("extract.txt", verification.EvidenceFileName);
        var (_, content) = await Verifications(registry, v => v.OpenEvidenceAsync(admin, organisation.Id, verification.Id));
        await using (content)
        {
            Assert.Equal("Extract from the register of legal entities.", await new StreamReader(content).ReadToEndAsync(Ct));
        }

        await Assert.ThrowsAsync<NotFoundException>(() => Verifications(registry, v => v.OpenEvidenceAsync(world.Other, organisation.Id, verification.Id)));

        // One public event, logged in the same transaction: the organisation, its BIN, the method, the evidence's hash and the reason; no person.
        var entry = await registry.Db(db => db.LogEntries.AsNoTracking().SingleAsync(Ct));
        Assert.Equal((RegisterLogEntry.OrganisationVerification, (Guid?)organisation.Id, (Guid?)null), (entry.Kind, entry.OrganisationId, entry.SystemId));
        var text = System.Text.Encoding.UTF8.GetString(entry.Data);
        Assert.Contains("\"method\":\"supervisor\"", text, StringComparison.Ordinal);
        Assert.Contains(verification.EvidenceSha256!, text, StringComparison.Ordinal);
        Assert.Contains("990140000017", text, StringComparison.Ordinal);
        Assert.DoesNotContain("supervisor@gov.example", text, StringComparison.Ordinal);
        Assert.DoesNotContain(world.Supervisor.UserId.ToString(), text, StringComparison.Ordinal);
        var summary = RegisterLogEntry.Summarize(entry.Data);
        Assert.Equal(("990140000017", "New LLP", "Checked against the state register on 2026-11-25."), (summary.Bin, summary.OrganisationName, summary.Reason));
        var page = await registry.RunAsync(sp => sp.GetRequiredService<LogService>().EventsAsync(new LogEventQuery(Kind: RegisterLogEntry.OrganisationVerification)));
        Assert.Equal(organisation.Id, Assert.Single(page.Items).OrganisationId);
        Assert.True((await registry.RunAsync(sp => sp.GetRequiredService<IntegrityCheck>().RunAsync())).Ok);

        var twice = await Assert.ThrowsAsync<RuleException>(() => SupervisorVerifiesAsync(registry, world.Supervisor, organisation.Id));
        Assert.Equal("already-verified", twice.Key);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task An_edited_or_deleted_organisation_event_is_found_by_the_integrity_check(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var (organisation, _) = await registry.OrganisationAsync(await registry.UserAsync("founder@new.example"), "990140000017", "New LLP", verified: false);
        await SupervisorVerifiesAsync(registry, world.Supervisor, organisation.Id);

        await registry.Db(db => db.OrganisationEvents.ExecuteUpdateAsync(s => s.SetProperty(e => e.Name, "Someone Else LLP"), Ct));
        var edited = await registry.RunAsync(sp => sp.GetRequiredService<IntegrityCheck>().RunAsync());
        Assert.Contains(edited.Problems, p => p.Code == "event-altered");

        await registry.Db(db => db.OrganisationEvents.ExecuteDeleteAsync(Ct));
        var deleted = await registry.RunAsync(sp => sp.GetRequiredService<IntegrityCheck>().RunAsync());
        Assert.Contains(deleted.Problems, p => p.Code == "event-missing");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task One_verified_organisation_holds_a_BIN_and_a_dispute_lets_the_supervisory_body_transfer_it(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var squatter = await registry.UserAsync("squatter@fake.example");
        var (holder, holderAdmin) = await registry.OrganisationAsync(squatter, "990140000017", "Real Bank JSC (fake)", verified: false);
        await SupervisorVerifiesAsync(registry, world.Supervisor, holder.Id);

        // The real company can still create its record with the same BIN (unverified), but not be verified while another holds it.
        var real = await registry.UserAsync("cfo@real.example");
        var (claimant, claimantAdmin) = await registry.OrganisationAsync(real, "990140000017", "Real Bank JSC", verified: false);
        var held = await Assert.ThrowsAsync<RuleException>(() => SupervisorVerifiesAsync(registry, world.Supervisor, claimant.Id));
        Assert.Equal("bin-verified-elsewhere", held.Key);
        var fixedBin = await Assert.ThrowsAsync<ValidationException>(() => registry.RunAsync(sp => sp.GetRequiredService<OrganisationService>()
            .UpdateAsync(holderAdmin, holder.Id, new OrganisationInput("080240000030", holder.Name, holder.Size, holder.ContactEmail, null, null, null), holder.Version + 1)));
        Assert.Equal("bin-verified-fixed", Assert.Single(fixedBin.Errors).Key);

        // A dispute: the claimant's admin, with a statement; not by the holder, not twice.
        await Assert.ThrowsAsync<NotFoundException>(() => Disputes(registry, d => d.FileAsync(holderAdmin, claimant.Id, "ours", null)));
        Assert.Equal("dispute-verified", (await Assert.ThrowsAsync<RuleException>(() => Disputes(registry, d => d.FileAsync(holderAdmin, holder.Id, "ours", null)))).Key);
        Assert.Equal("required", Assert.Single((await Assert.ThrowsAsync<ValidationException>(() => Disputes(registry, d => d.FileAsync(claimantAdmin, claimant.Id, "", null)))).Errors).Key);
        var dispute = await Disputes(registry, d => d.FileAsync(claimantAdmin, claimant.Id, "BIN 990140000017 is ours: see the attached extract.", Evidence()));
        Assert.Equal("dispute-open", (await Assert.ThrowsAsync<RuleException>(() => Disputes(registry, d => d.FileAsync(claimantAdmin, claimant.Id, "again", null)))).Key);
        await Assert.ThrowsAsync<ForbiddenException>(() => Disputes(registry, d => d.ListAsync(claimantAdmin)));
        Assert.Equal(dispute.Id, Assert.Single(await Disputes(registry, d => d.ListAsync(world.Supervisor))).Id);

        // The decision needs a reason and the version read; a transfer swaps who holds the BIN and is logged.
        Assert.Equal("required", Assert.Single((await Assert.ThrowsAsync<ValidationException>(() => Disputes(registry, d => d.DecideAsync(world.Supervisor, dispute.Id, true, null, dispute.Version)))).Errors).Key);
        await Assert.ThrowsAsync<ConcurrencyException>(() => Disputes(registry, d => d.DecideAsync(world.Supervisor, dispute.Id, true, "x", dispute.Version + 5)));
        await Assert.ThrowsAsync<ForbiddenException>(() => Disputes(registry, d => d.DecideAsync(world.Admin, dispute.Id, true, "x", dispute.Version)));
        var entries = await registry.CountAsync<LogEntry>();
        var decided = await Disputes(registry, d => d.DecideAsync(world.Supervisor, dispute.Id, true, "The extract names the claimant as the holder of the BIN.", dispute.Version));
        Assert.Equal(DisputeState.Transferred, decided.State);
        var states = await registry.Db(db => db.Organisations.AsNoTracking().Where(o => o.Bin == "990140000017").ToDictionaryAsync(o => o.Id, o => o.Verification, Ct));
        Assert.Equal(VerificationState.Unverified, states[holder.Id]);
        Assert.Equal(VerificationState.Supervisor, states[claimant.Id]);
        var transfer = await registry.Db(db => db.LogEntries.AsNoTracking().OrderByDescending(e => e.Index).FirstAsync(Ct));
        Assert.Equal(entries + 1, transfer.Index + 1);
        Assert.Equal((RegisterLogEntry.BinTransfer, (Guid?)claimant.Id), (transfer.Kind, transfer.OrganisationId));
        Assert.Contains($"\"from_organisation\":\"{holder.Id}\"", System.Text.Encoding.UTF8.GetString(transfer.Data), StringComparison.Ordinal);
        Assert.False(await registry.Db(db => db.OrganisationVerifications.AnyAsync(v => v.OrganisationId == holder.Id && v.Current, Ct)));
        Assert.Equal("dispute-decided", (await Assert.ThrowsAsync<RuleException>(() => Disputes(registry, d => d.DecideAsync(world.Supervisor, dispute.Id, false, "x", decided.Version)))).Key);
        Assert.True((await registry.RunAsync(sp => sp.GetRequiredService<IntegrityCheck>().RunAsync())).Ok);

        // The former holder may now dispute in turn, and a rejection changes nobody's verification and logs nothing.
        var back = await Disputes(registry, d => d.FileAsync(holderAdmin, holder.Id, "No, it is ours.", null));
        var rejected = await Disputes(registry, d => d.DecideAsync(world.Supervisor, back.Id, false, "The claim is not supported.", back.Version));
        Assert.Equal(DisputeState.Rejected, rejected.State);
        Assert.Equal(entries + 1, await registry.CountAsync<LogEntry>());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task Without_trust_anchors_no_challenge_is_issued_and_required_signed_acts_refuse_an_unsigned_decision(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind, services => services.AddSingleton(new SignatureTrust(null, requireSignedActs: true)));
        var world = await World.CreateAsync(registry);
        var (organisation, admin) = await registry.OrganisationAsync(await registry.UserAsync("founder@new.example"), "990140000017", "New LLP", verified: false);
        var unavailable = await Assert.ThrowsAsync<RuleException>(() => Verifications(registry, v => v.IssueChallengeAsync(admin, organisation.Id, new Uri("https://senim.test"))));
        Assert.Equal("signatures-unavailable", unavailable.Key);
        await Assert.ThrowsAsync<NotFoundException>(() => Verifications(registry, v => v.IssueChallengeAsync(world.Owner, world.OtherOrg.Id, new Uri("https://senim.test"))));

        var inReview = await world.HighRiskAsync(SystemStatus.InReview);
        var refused = await Assert.ThrowsAsync<RuleException>(() => world.Workflow(w => w.RecommendAsync(world.Expert, inReview.Id, Recommendation.Register, "Fine.", inReview.Version)));
        Assert.Equal("act-signature-required", refused.Key);
        Assert.Equal(SystemStatus.InReview, (await registry.GetAsync(world.Owner, inReview.Id)).Status);
        Assert.Null(await registry.Db(db => db.ReviewAssignments.Where(a => a.SystemId == inReview.Id).Select(a => a.Recommendation).FirstAsync(Ct)));
    }
}
