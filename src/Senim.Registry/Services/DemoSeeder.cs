using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Senim.Law.Systems;
using Senim.Registry.Organisations;

namespace Senim.Registry.Services;

/// <summary>
/// Demo data for a first look (documented in the README): organisations, users for every role, and
/// systems in every workflow state, built through the real services so every event and version is
/// as a user would have made it. Runs only on an empty register.
/// </summary>
public sealed class DemoSeeder(
    RegistryDb db,
    UserManager<SenimUser> users,
    LawCatalog catalog,
    TimeProvider time,
    ActorService actors,
    SystemService systems,
    ClassificationService classifications,
    DocumentService documents,
    WorkflowService workflow,
    OrganisationService organisations,
    InvitationService invitations,
    OrganisationVerificationService verifications,
    ActSignatureService acts,
    ILogger<DemoSeeder> logger)
{
    /// <summary>The password of every demo account. Demo data is for local trials; switch it off in production (Senim:Demo:Seed=false).</summary>
    public const string DemoPassword = "Demo-password-1";

    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        if (await db.Organisations.AnyAsync(cancellationToken))
        {
            return;
        }

        logger.LogInformation("Seeding demo data (switch off with Senim:Demo:Seed=false)");
        var admin = await UserAsync("admin@demo.senim.kz", "Айгерім Сейітова", PlatformRoles.Admin);
        var supervisor = await UserAsync("supervisor@demo.senim.kz", "Ерлан Жақсылықов", PlatformRoles.Supervisor);
        var expert1 = await UserAsync("expert1@demo.senim.kz", "Dana Omarova", PlatformRoles.Expert);
        var expert2 = await UserAsync("expert2@demo.senim.kz", "Арман Қасымов", PlatformRoles.Expert);
        await UserAsync("expert3@demo.senim.kz", "Ольга Ким", PlatformRoles.Expert);
        var bankOwner = await UserAsync("owner@demo.senim.kz", "Марат Нұрланов (Demo Bank)", null);
        var bankEditor = await UserAsync("editor@demo.senim.kz", "Asel Bekova (Demo Bank)", null);
        var hospitalOwner = await UserAsync("hospital@demo.senim.kz", "Гүлнар Әлиева (City Hospital)", null);
        var retailOwner = await UserAsync("retail@demo.senim.kz", "Timur Ospanov (Demo Retail)", null);
        _ = admin;

        var bank = await organisations.CreateAsync(await actors.ForUserAsync(bankOwner.Id, cancellationToken: cancellationToken),
            new OrganisationInput("990140000017", null, SizeClass.Large, "compliance@demobank.example", "+7 727 000 00 01", "Almaty, Abay Ave 1", "https://demobank.example")
            { NameKk = "«Демо Банк» АҚ", NameRu = "АО «Демо Банк»", NameEn = "Demo Bank JSC" }, cancellationToken);
        // The editor joins as anyone does: invited by the bank's admin, accepted with the invitation's link.
        var invitation = await invitations.InviteAsync(await actors.ForUserAsync(bankOwner.Id, cancellationToken: cancellationToken), bank.Id, "editor@demo.senim.kz", MemberRole.Editor, cancellationToken);
        await invitations.AcceptAsync(await actors.ForUserAsync(bankEditor.Id, cancellationToken: cancellationToken), invitation.Invitation.Id, invitation.Token, cancellationToken);
        var hospital = await organisations.CreateAsync(await actors.ForUserAsync(hospitalOwner.Id, cancellationToken: cancellationToken),
            new OrganisationInput("080240000030", null, SizeClass.Medium, "it@hospital1.example", null, "Astana, Mangilik El 10", null)
            { NameKk = "№ 1 қалалық аурухана", NameRu = "Городская больница № 1", NameEn = "City Hospital No. 1" }, cancellationToken);
        var retail = await organisations.CreateAsync(await actors.ForUserAsync(retailOwner.Id, cancellationToken: cancellationToken),
            new OrganisationInput("150440000053", null, SizeClass.Small, "ai@demoretail.example", null, "Shymkent", "https://demoretail.example")
            { NameKk = "«Демо Ритейл» ЖШС", NameRu = "ТОО «Демо Ритейл»", NameEn = "Demo Retail LLP" }, cancellationToken);

        // The demo organisations are verified by the supervisory body, with "demo data" as the evidence, so the demo
        // publishes as before; a real register verifies each organisation (docs/organisations.md).
        var supervisorActor = await actors.ForUserAsync(supervisor.Id, cancellationToken: cancellationToken);
        foreach (var organisation in (Organisation[])[bank, hospital, retail])
        {
            using var evidence = new MemoryStream("Demo data: this organisation is fictitious and verified for the demonstration only.\n"u8.ToArray());
            await verifications.VerifyBySupervisorAsync(supervisorActor, organisation.Id, "Demo data: verified for the demonstration.", new Upload("demo-data.txt", evidence.Length, evidence), cancellationToken);
        }

        acts.Seeding = true;
        var bankActor = await actors.ForUserAsync(bankOwner.Id, cancellationToken: cancellationToken);
        var editorActor = await actors.ForUserAsync(bankEditor.Id, cancellationToken: cancellationToken);
        var hospitalActor = await actors.ForUserAsync(hospitalOwner.Id, cancellationToken: cancellationToken);
        var retailActor = await actors.ForUserAsync(retailOwner.Id, cancellationToken: cancellationToken);
        var expert1Actor = await actors.ForUserAsync(expert1.Id, cancellationToken: cancellationToken);
        var expert2Actor = await actors.ForUserAsync(expert2.Id, cancellationToken: cancellationToken);

        var high = new Dictionary<string, string[]> { ["kz.risk.significant"] = ["users", "economy"], ["kz.infosec.critical_ict"] = ["no"], ["kz.infosec.state_resource"] = ["no"] };

        // Not high-risk: draft, published by notification, removed.
        await SystemAsync(retailActor, retail.Id, Demo.ShopRecommender, null, cancellationToken);
        var chatbot = await SystemAsync(retailActor, retail.Id, Demo.Chatbot, null, cancellationToken);
        await workflow.PublishAsync(retailActor, chatbot.Id, chatbot.Version, cancellationToken);
        var spam = await SystemAsync(bankActor, bank.Id, Demo.SpamFilter, null, cancellationToken);
        spam = await workflow.PublishAsync(bankActor, spam.Id, spam.Version, cancellationToken);
        var translation = await SystemAsync(editorActor, bank.Id, Demo.Translation, null, cancellationToken);
        translation = await workflow.PublishAsync(editorActor, translation.Id, translation.Version, cancellationToken);
        await workflow.RemoveAsync(editorActor, translation.Id, "Replaced by a vendor service", translation.Version, cancellationToken);

        // High-risk: every stage of registration.
        var triage = await HighAsync(hospitalActor, hospital.Id, Demo.Triage, null, cancellationToken);
        triage = await workflow.SubmitAsync(hospitalActor, triage.Id, triage.Version, "Please review before the pilot in March.", cancellationToken);

        var scoring = await HighAsync(bankActor, bank.Id, Demo.CreditScoring, high, cancellationToken);
        scoring = await workflow.SubmitAsync(bankActor, scoring.Id, scoring.Version, null, cancellationToken);
        scoring = await workflow.AssignAsync(supervisorActor, scoring.Id, [expert1.Id], scoring.Version, cancellationToken);

        var cv = await HighAsync(bankActor, bank.Id, Demo.CvScreening, high, cancellationToken);
        cv = await workflow.SubmitAsync(bankActor, cv.Id, cv.Version, null, cancellationToken);
        cv = await workflow.AssignAsync(supervisorActor, cv.Id, [expert1.Id], cv.Version, cancellationToken);
        await workflow.DeclareNoConflictAsync(expert1Actor, cv.Id, cancellationToken);
        await workflow.RemarkAsync(expert1Actor, cv.Id, workflow.Checklist().Items[0].Id, ChecklistVerdict.Issue, "The classification rationale does not explain why failure could harm candidates.", cancellationToken);
        cv = await systems.GetAsync(bankActor, cv.Id, cancellationToken);
        await workflow.RequestChangesAsync(expert1Actor, cv.Id, "Explain the failure scenarios in the risk document and add a bias test of the ranking.", cv.Version, cancellationToken);

        var proctoring = await HighAsync(bankActor, bank.Id, Demo.Proctoring, high, cancellationToken);
        proctoring = await ThroughReviewAsync(proctoring, bankActor, supervisorActor, [expert1Actor, expert2Actor], Recommendation.Register, cancellationToken);

        var grid = await HighAsync(hospitalActor, hospital.Id, Demo.PowerBalancer, null, cancellationToken);
        grid = await ThroughReviewAsync(grid, hospitalActor, supervisorActor, [expert2Actor], Recommendation.Register, cancellationToken);
        grid = await workflow.DecideAsync(supervisorActor, grid.Id, Decision.Register, "The review found the documentation complete and the risks managed.", null, null, grid.Version, cancellationToken);

        var court = await HighAsync(bankActor, bank.Id, Demo.ClaimDrafting, high, cancellationToken);
        court = await ThroughReviewAsync(court, bankActor, supervisorActor, [expert1Actor], Recommendation.RegisterWithConditions, cancellationToken);
        await workflow.DecideAsync(supervisorActor, court.Id, Decision.RegisterWithConditions, "Registered on condition of a bias audit.",
            "Carry out an independent audit of outputs for discrimination and publish its summary.", DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).AddMonths(6), court.Version, cancellationToken);

        var trading = await HighAsync(bankActor, bank.Id, Demo.Trading, new Dictionary<string, string[]> { ["kz.autonomy.control"] = ["human_can_override"] }, cancellationToken);
        trading = await ThroughReviewAsync(trading, bankActor, supervisorActor, [expert2Actor], Recommendation.Refuse, cancellationToken);
        await workflow.DecideAsync(supervisorActor, trading.Id, Decision.Refuse, "The kill switch was not demonstrated; human override is not reliable.", null, null, trading.Version, cancellationToken);

        var chatbotHigh = await HighAsync(retailActor, retail.Id, Demo.LoanBot, high, cancellationToken);
        chatbotHigh = await ThroughReviewAsync(chatbotHigh, retailActor, supervisorActor, [expert1Actor], Recommendation.Register, cancellationToken);
        chatbotHigh = await workflow.DecideAsync(supervisorActor, chatbotHigh.Id, Decision.Register, "Registered.", null, null, chatbotHigh.Version, cancellationToken);
        await workflow.SuspendAsync(supervisorActor, chatbotHigh.Id, "Complaints about misleading answers are being investigated.", chatbotHigh.Version, cancellationToken);

        var spamHigh = await HighAsync(hospitalActor, hospital.Id, Demo.PatientMail, high, cancellationToken);
        spamHigh = await ThroughReviewAsync(spamHigh, hospitalActor, supervisorActor, [expert2Actor], Recommendation.Register, cancellationToken);
        spamHigh = await workflow.DecideAsync(supervisorActor, spamHigh.Id, Decision.Register, "Registered.", null, null, spamHigh.Version, cancellationToken);
        await workflow.WithdrawAsync(supervisorActor, spamHigh.Id, "The holder stopped operating the system; registration withdrawn.", spamHigh.Version, cancellationToken);

        logger.LogInformation("Demo data seeded: {Systems} systems in {Organisations} organisations", await db.Systems.CountAsync(cancellationToken), await db.Organisations.CountAsync(cancellationToken));
    }

    private async Task<SenimUser> UserAsync(string email, string name, string? role)
    {
        var user = new SenimUser { Id = Guid.NewGuid(), UserName = email, Email = email, EmailConfirmed = true, DisplayName = name, CreatedAt = time.GetUtcNow().UtcDateTime, PreferredLanguage = "ru" };
        var result = await users.CreateAsync(user, DemoPassword);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("demo user: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        }

        if (role is not null)
        {
            await users.AddToRoleAsync(user, role);
        }

        return user;
    }

    private async Task<AiSystem> SystemAsync(Actor owner, Guid organisationId, Demo demo, Dictionary<string, string[]>? overrides, CancellationToken cancellationToken)
    {
        var system = await systems.CreateAsync(owner, organisationId, new SystemInput(demo.Name.Kk, demo.Name.Ru, demo.Name.En, demo.Purpose.Kk, demo.Purpose.Ru, demo.Purpose.En,
            demo.Description, demo.Sector, OwnershipRole.Owner, demo.DataAndModels, UsageMode.Closed, "compliance@example.kz", "support@example.kz", "https://example.kz/ai-terms"), cancellationToken);
        var answers = Example(demo.Example).Answers;
        foreach (var (id, values) in overrides ?? [])
        {
            var question = catalog.Active.Packs.SelectMany(p => p.Pack.Questions).First(q => q.Id == id);
            answers = answers.With(id, AnswerParsing.Parse(question, values, question.Type == Law.Packs.QuestionType.AnyOf, AnswerParsing.LatestDate, out _));
        }

        var access = await systems.OpenAsync(owner, system.Id, SystemPurpose.Change, cancellationToken);
        var (classified, _, _) = await classifications.ClassifyAsync(access, answers, "all", system.Version, cancellationToken);
        await FillDocumentsAsync(owner, classified.Id, cancellationToken);
        return await systems.GetAsync(owner, classified.Id, cancellationToken);
    }

    private async Task<AiSystem> HighAsync(Actor owner, Guid organisationId, Demo demo, Dictionary<string, string[]>? overrides, CancellationToken cancellationToken)
    {
        var system = await SystemAsync(owner, organisationId, demo, overrides, cancellationToken);
        if (system.Tier != "high")
        {
            throw new InvalidOperationException($"demo system {demo.Name.En} should be high-risk but is {system.Tier}");
        }

        return system;
    }

    private async Task<AiSystem> ThroughReviewAsync(AiSystem system, Actor owner, Actor supervisor, IReadOnlyList<Actor> experts, Recommendation recommendation, CancellationToken cancellationToken)
    {
        system = await workflow.SubmitAsync(owner, system.Id, system.Version, null, cancellationToken);
        system = await workflow.AssignAsync(supervisor, system.Id, [.. experts.Select(e => e.UserId)], system.Version, cancellationToken);
        foreach (var expert in experts)
        {
            await workflow.DeclareNoConflictAsync(expert, system.Id, cancellationToken);
            foreach (var item in workflow.Checklist().Items)
            {
                await workflow.RemarkAsync(expert, system.Id, item.Id, ChecklistVerdict.Satisfied, null, cancellationToken);
            }

            system = await systems.GetAsync(owner, system.Id, cancellationToken);
            system = await workflow.RecommendAsync(expert, system.Id, recommendation, "The checklist is satisfied; see the remarks per item.", system.Version, cancellationToken);
        }

        return await systems.GetAsync(owner, system.Id, cancellationToken);
    }

    private async Task FillDocumentsAsync(Actor owner, Guid systemId, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var access = await systems.OpenAsync(owner, systemId, SystemPurpose.Change, cancellationToken);
        foreach (var document in await documents.RequirementsAsync(access, cancellationToken))
        {
            var sections = document.Requirement.Sections.ToDictionary(s => s.Id, s => (string?)$"**{s.Title.En}.** Prepared for the demo: see the attached evidence and the owner's internal procedure PR-{Math.Abs(s.Id.GetHashCode(StringComparison.Ordinal)) % 100:00}.");
            await documents.SaveAsync(access, document.Requirement.Id, sections,
                document.HasReview ? today.AddMonths(-2) : null, document.HasReview ? today.AddMonths(10) : null, document.Stored?.Version ?? 0, cancellationToken);
        }
    }

    private SystemDescription Example(string name)
    {
        using var stream = typeof(DemoSeeder).Assembly.GetManifestResourceStream($"Senim.Registry.Demo.{name}.yaml")
            ?? throw new InvalidOperationException($"demo example {name} is not embedded");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return SystemDescriptions.Read(name + ".yaml", buffer.ToArray(), catalog.Active, new DateOnly(2026, 11, 25));
    }
}
