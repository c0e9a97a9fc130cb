using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Senim.Law.Calendar;
using Senim.Law.Engine;
using Senim.Law.Packs;
using Senim.Law.Systems;
using Senim.Registry.Access;
using Senim.Registry.Data;
using Senim.Registry.Labels;
using Senim.Registry.Log;
using Senim.Registry.Model;
using Senim.Registry.Services;
using Senim.Tests.Shared;

namespace Senim.Registry.Tests.Support;

/// <summary>
/// The register's services on a fresh database (SQLite or PostgreSQL), with the repository's law packs,
/// a controllable clock, and helpers to make users, organisations and systems.
/// </summary>
public sealed class TestRegistry : IAsyncDisposable
{
    public static readonly string RepoRoot = FindRoot();
    private static readonly Lazy<IReadOnlyList<(string, string)>> LawFiles = new(() => LawLibrary.ReadFiles(Path.Combine(RepoRoot, "law")));
    private static readonly Lazy<WorkingCalendar> Calendar = new(() => WorkingCalendar.Load(WorkingCalendar.DefaultFolder(Path.Combine(RepoRoot, "law"))));

    private readonly TestDatabase _database;
    private readonly ServiceProvider _provider;

    private TestRegistry(TestDatabase database, ServiceProvider provider, FakeTimeProvider time)
    {
        _database = database;
        _provider = provider;
        Time = time;
    }

    public FakeTimeProvider Time { get; }

    public DatabaseKind Kind => _database.Kind;

    /// <summary>The folder the file store keeps evidence files in.</summary>
    public string FilesRoot => _database.FilesRoot;

    /// <param name="configure">Adds to the services (an <c>IInterceptor</c> singleton joins every context).</param>
    public static async Task<TestRegistry> CreateAsync(DatabaseKind kind, Action<IServiceCollection>? configure = null)
    {
        var database = await TestDatabase.CreateAsync(kind);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<TimeProvider>(time);
        services.AddRegistry(database.Settings, database.FilesRoot, new LogSettings { KeyFile = Path.Combine(database.Folder, "log", "signing.key"), Origin = "test.senim.kz/log" });
        services.AddLabels(new LabelSettings
        {
            PkiDirectory = Path.Combine(Path.GetDirectoryName(database.FilesRoot)!, "pki"),
            Password = "test-pki-password",
            KeyIterations = Senim.Authority.Keys.FileKeyStore.MinIterations,
            BaseUrl = new Uri("https://senim.test/"),
        });
        services.AddIdentityCore<SenimUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.User.AllowedUserNameCharacters = "";
                o.Password.RequiredLength = RegistryIdentity.MinPasswordLength;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
            })
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<RegistryDb>()
            .AddSenimTokenProviders();
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddSingleton(Calendar.Value);
        services.Configure<IdentityOptions>(o => o.Tokens.EmailConfirmationTokenProvider = EmailConfirmationTokens.ProviderName);
        configure?.Invoke(services);
        var provider = services.BuildServiceProvider();
        var registry = new TestRegistry(database, provider, time);
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDb>();
        await RegistryDatabase.MigrateAsync(db);
        await provider.GetRequiredService<LawCatalog>().InitializeAsync(db, LawFiles.Value, time);
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole<Guid>>>();
        foreach (var role in PlatformRoles.All)
        {
            await roles.CreateAsync(new IdentityRole<Guid>(role));
        }

        return registry;
    }

    /// <summary>Runs work in a fresh scope (a fresh DbContext), as one request would.</summary>
    public async Task<T> RunAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = _provider.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public Task RunAsync(Func<IServiceProvider, Task> work) => RunAsync(async sp =>
    {
        await work(sp);
        return 0;
    });

    public LawLibrary Law => _provider.GetRequiredService<LawCatalog>().Active;

    /// <summary>A new account with a confirmed address (<paramref name="confirmed"/> false: as right after sign-up).</summary>
    public async Task<Actor> UserAsync(string email, string? role = null, bool confirmed = true, string language = "kk") => await RunAsync(async sp =>
    {
        var users = sp.GetRequiredService<UserManager<SenimUser>>();
        var user = new SenimUser { Id = Guid.NewGuid(), UserName = email, Email = email, EmailConfirmed = confirmed, PreferredLanguage = language, DisplayName = email.Split('@')[0], CreatedAt = Time.GetUtcNow().UtcDateTime };
        var created = await users.CreateAsync(user, "Test-password-1");
        Assert.True(created.Succeeded, string.Join(";", created.Errors.Select(e => e.Description)));
        if (role is not null)
        {
            await users.AddToRoleAsync(user, role);
        }

        return await sp.GetRequiredService<ActorService>().ForUserAsync(user.Id);
    });

    /// <summary>Makes the account of <paramref name="email"/> a member as anyone becomes one: invited by <paramref name="admin"/>, accepted with the link.</summary>
    public async Task MemberAsync(Actor admin, Guid organisationId, string email, MemberRole role)
    {
        var issued = await RunAsync(sp => sp.GetRequiredService<InvitationService>().InviteAsync(admin, organisationId, email, role));
        var key = email.ToUpperInvariant();
        var userId = await Db(db => db.Users.Where(u => u.NormalizedEmail == key).Select(u => u.Id).SingleAsync());
        var invitee = await ActorAsync(userId);
        await RunAsync(sp => sp.GetRequiredService<InvitationService>().AcceptAsync(invitee, issued.Invitation.Id, issued.Token));
    }

    public Task<Actor> ActorAsync(Guid userId) => RunAsync(sp => sp.GetRequiredService<ActorService>().ForUserAsync(userId));

    /// <summary>A new organisation whose admin is <paramref name="admin"/>; returns the organisation and the admin's refreshed actor.</summary>
    /// <summary>
    /// Creates an organisation with <paramref name="admin"/> as its admin. Unless <paramref name="verified"/> is false it is
    /// marked verified directly in the database, without evidence or a log event, so the log holds only what a test makes
    /// (the verification itself is tested in Organisations/VerificationTests).
    /// </summary>
    public async Task<(Organisation Organisation, Actor Admin)> OrganisationAsync(Actor admin, string bin, string name = "Test LLP", bool verified = true)
    {
        var organisation = await RunAsync(sp => sp.GetRequiredService<OrganisationService>()
            .CreateAsync(admin, new OrganisationInput(bin, name, SizeClass.Medium, "office@test.example", null, null, null)));
        if (verified)
        {
            await Db(db => db.Organisations.Where(o => o.Id == organisation.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.Verification, VerificationState.Supervisor).SetProperty(o => o.VerifiedAt, DateTime.UtcNow)));
            organisation.Verification = VerificationState.Supervisor;
        }

        return (organisation, await ActorAsync(admin.UserId));
    }

    public static SystemInput Input(string name = "Тестовая система") =>
        new(null, name, name + " (en)", null, "Назначение", "Purpose", "A description", "finance", OwnershipRole.Owner, null, UsageMode.Closed, null, null, null);

    /// <summary>Creates a system from an example in examples/, classifies it, and fills its required documents.</summary>
    public async Task<AiSystem> SystemAsync(Actor owner, Guid organisationId, string example, IReadOnlyDictionary<string, string[]>? overrides = null, bool fillDocuments = true)
    {
        var system = await RunAsync(sp => sp.GetRequiredService<SystemService>().CreateAsync(owner, organisationId, Input(example)));
        var answers = Answers(example, overrides);
        system = await RunAsync(async sp => (await sp.GetRequiredService<ClassificationService>().ClassifyAsync(await sp.OpenAsync(owner, system.Id), answers, "all", system.Version)).System);
        if (fillDocuments)
        {
            await FillDocumentsAsync(owner, system.Id);
        }

        return await GetAsync(owner, system.Id);
    }

    public AnswerSet Answers(string example, IReadOnlyDictionary<string, string[]>? overrides = null)
    {
        var path = Path.Combine(RepoRoot, "examples", example + ".yaml");
        var answers = SystemDescriptions.Read(path, File.ReadAllBytes(path), Law, new DateOnly(2026, 11, 25)).Answers;
        foreach (var (id, values) in overrides ?? new Dictionary<string, string[]>())
        {
            var question = Law.Packs.SelectMany(p => p.Pack.Questions).First(q => q.Id == id);
            answers = answers.With(id, AnswerParsing.Parse(question, values, question.Type == QuestionType.AnyOf, AnswerParsing.LatestDate, out var error) ?? throw new ArgumentException(error));
        }

        return answers;
    }

    public Task FillDocumentsAsync(Actor owner, Guid systemId) => RunAsync(async sp =>
    {
        var documents = sp.GetRequiredService<DocumentService>();
        var access = await sp.OpenAsync(owner, systemId);
        foreach (var document in await documents.RequirementsAsync(access))
        {
            var sections = document.Requirement.Sections.ToDictionary(s => s.Id, s => (string?)("Filled: " + s.Title.En));
            var today = DateOnly.FromDateTime(Time.GetUtcNow().UtcDateTime);
            await documents.SaveAsync(access, document.Requirement.Id, sections, document.HasReview ? today.AddMonths(-1) : null, document.HasReview ? today.AddMonths(11) : null, document.Stored?.Version ?? 0);
        }
    });

    public Task<AiSystem> GetAsync(Actor actor, Guid systemId) => RunAsync(sp => sp.GetRequiredService<SystemService>().GetAsync(actor, systemId));

    public Task<T> Db<T>(Func<RegistryDb, Task<T>> query) => RunAsync(sp => query(sp.GetRequiredService<RegistryDb>()));

    public async ValueTask DisposeAsync()
    {
        await _provider.DisposeAsync();
        await _database.DisposeAsync();
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Senim.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Senim.slnx not found");
    }
}

/// <summary>EF helpers for assertions.</summary>
public static class DbAssert
{
    public static Task<int> CountAsync<T>(this TestRegistry registry) where T : class => registry.Db(db => db.Set<T>().CountAsync());
}

/// <summary>Opening a system as a page or a handler does before it calls the register's services.</summary>
public static class SystemOpening
{
    /// <summary>Opens the system for the actor with the scope's <see cref="SystemService"/>.</summary>
    public static Task<SystemAccess> OpenAsync(this IServiceProvider services, Actor actor, Guid systemId, SystemPurpose purpose = SystemPurpose.Read) =>
        services.GetRequiredService<SystemService>().OpenAsync(actor, systemId, purpose);
}
