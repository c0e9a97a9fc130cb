using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Senim.Registry.Files;
using Senim.Registry.Labels;
using Senim.Registry.Log;
using Senim.Registry.Mail;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Senim.Registry.Organisations;
using Senim.Registry.Services;

namespace Senim.Registry;

/// <summary>Registers the register's services, for the web host, the CLI and tests alike.</summary>
public static class RegistryServices
{
    public static IServiceCollection AddRegistry(this IServiceCollection services, DatabaseSettings database, string fileStoreRoot, LogSettings? log = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(database);
        services.AddSingleton(log ?? new LogSettings());
        services.AddSingleton<LogKey>();
        services.AddScoped<RegistryLogStore>();
        services.AddScoped<LogService>();
        services.AddScoped<IntegrityCheck>();
        // Pooled contexts: a request leases one instead of building the model-bound context anew. Interceptors
        // registered as singletons (a test's query counter) join every context.
        services.AddDbContextPool<RegistryDb>((sp, o) => o.UseRegistryDatabase(database).AddInterceptors(sp.GetServices<IInterceptor>()));
        services.AddSingleton<LawCatalog>();
        services.AddSingleton<IFileStore>(_ => new LocalFileStore(fileStoreRoot));
        services.AddScoped<RegisterWriter>();
        services.AddScoped<ActorService>();
        services.AddScoped<TokenService>();
        services.AddScoped<OrganisationService>();
        services.AddScoped<SystemService>();
        services.AddScoped<ClassificationService>();
        services.AddScoped<DocumentService>();
        services.AddScoped<WorkflowService>();
        services.AddScoped<RegistrationDeadlines>();
        services.AddScoped<StatisticsService>();
        services.AddScoped<RegisterService>();
        // Text search through an index in each node's memory when the host switches it on (docs/search.md, ADR 0029).
        services.TryAddSingleton(new RegisterSearchSettings());
        services.AddSingleton<RegisterSearchIndex>();
        services.AddScoped<NotificationService>();
        services.AddScoped<ReviewService>();
        services.AddScoped<SupervisionService>();
        services.AddScoped<LawUpdateService>();
        services.AddScoped<PublicEntries>();
        services.AddScoped<BulkSeeder>();
        services.AddScoped<RequestSeeder>();
        services.AddScoped<DemoSeeder>();
        services.AddScoped<RegisterStartup>();
        services.AddScoped<DashboardService>();
        services.AddScoped<UserAdminService>();
        services.AddScoped<AccountService>();
        services.AddScoped<SystemOverviewService>();
        services.AddScoped<CaseFileService>();
        services.AddScoped<MailOutbox>();
        services.AddScoped<AccountEmailService>();
        services.AddScoped<InvitationService>();
        services.TryAddSingleton(SignatureTrust.None);
        services.AddScoped<SignedChallenges>();
        services.AddScoped<OrganisationVerificationService>();
        services.AddScoped<BinDisputeService>();
        services.AddScoped<ActSignatureService>();
        // Citizens' requests (docs/citizens.md): the host gives the working-day calendar (WorkingCalendar) and may give its CitizenSettings.
        services.TryAddSingleton(new Citizens.CitizenSettings());
        services.AddSingleton<Citizens.PersonalDataSeal>();
        services.AddSingleton<Citizens.CaseClock>();
        services.AddScoped<Citizens.CitizenCases>();
        services.AddScoped<Citizens.CitizenRequestService>();
        services.AddScoped<Citizens.CitizenInbox>();
        services.AddScoped<Citizens.CitizenJobs>();
        // Enforcement cases (docs/enforcement.md): the host may give its EnforcementSettings (the MCI per year).
        services.TryAddSingleton(new Enforcement.EnforcementSettings());
        services.AddScoped<Enforcement.EnforcementService>();
        services.AddScoped<Enforcement.EnforcementCases>();
        services.AddScoped<Enforcement.PublicDecisions>();
        services.AddScoped<Citizens.IEnforcementOpener, Enforcement.RequestEnforcementOpener>();
        services.AddScoped<CaseTimeline>();
        // Incidents, audits and trusted lists (docs/incidents-and-audits.md).
        services.AddScoped<Incidents.IncidentService>();
        services.AddScoped<Audits.AuditService>();
        services.AddScoped<Audits.TrustedListService>();
        services.TryAddTimeProvider();
        return services;
    }

    /// <summary>
    /// Hosts Senim's label certificate authority beside the register: certificates for registered systems,
    /// signing and verification, and the hook that holds or revokes certificates when a system's status changes.
    /// </summary>
    public static IServiceCollection AddLabels(this IServiceCollection services, LabelSettings settings) => services.AddLabels(_ => settings);

    /// <inheritdoc cref="AddLabels(IServiceCollection, LabelSettings)"/>
    public static IServiceCollection AddLabels(this IServiceCollection services, Func<IServiceProvider, LabelSettings> settings)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(settings);
        services.AddSingleton<LabelAuthority>();
        services.AddSingleton<LabelCertificateSync>();
        services.AddSingleton<ISystemStatusObserver>(sp => sp.GetRequiredService<LabelCertificateSync>());
        services.AddScoped<LabelCertificateService>();
        services.AddScoped<LabelService>();
        return services;
    }

    /// <summary>
    /// The outbox's sender beside the register: delivery settings, and how a host writes (<paramref name="composer"/>)
    /// and sends (<paramref name="transport"/>) mail. A host that sends nothing (the CLI) leaves this out; mail waits.
    /// </summary>
    public static IServiceCollection AddMailSender(this IServiceCollection services, MailSettings settings, Func<IServiceProvider, IMailComposer> composer, Func<IServiceProvider, IMailTransport> transport)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(settings);
        services.AddSingleton(composer);
        services.AddSingleton(transport);
        services.AddScoped<OutboxSender>();
        return services;
    }

    private static void TryAddTimeProvider(this IServiceCollection services)
    {
        if (services.All(d => d.ServiceType != typeof(TimeProvider)))
        {
            services.AddSingleton(TimeProvider.System);
        }
    }
}
