using System.Text.Encodings.Web;
using System.Text.Unicode;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.WebEncoders;
using Senim.Law.Packs;
using Senim.Law.Texts;
using Senim.Registry;
using Senim.Registry.Data;
using Senim.Registry.Log;
using Senim.Registry.Model;
using Senim.Registry.Services;
using Senim.Web.Features.AdminLaw;
using Senim.Web.Features.Account;
using Senim.Web.Features.Admin;
using Senim.Web.Features.Classify;
using Senim.Web.Features.Dashboard;
using Senim.Web.Features.Health;
using Senim.Web.Features.Labels;
using Senim.Web.Features.Law;
using Senim.Web.Features.Log;
using Senim.Web.Features.Notifications;
using Senim.Web.Features.Review;
using Senim.Web.Features.Supervision;
using Senim.Web.Features.Register;
using Senim.Web.Features.Organisations;
using Senim.Web.Features.Systems;
using Senim.Web.Infrastructure;
using Senim.Web.Infrastructure.Auth;

namespace Senim.Web;

/// <summary>Composes the web host: services, middleware, and the list of feature endpoints.</summary>
public static class SenimApp
{
    public const string PublicRateLimit = "public";
    public const string SignInRateLimit = "sign-in";
    public const string PublicCache = "public-register";

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var services = builder.Services;
        var configuration = builder.Configuration;

        var database = new DatabaseSettings
        {
            Provider = DatabaseSettings.ParseProvider(configuration["Senim:Database:Provider"]),
            ConnectionString = configuration["Senim:Database:ConnectionString"],
            MigrateOnStart = configuration.GetValue("Senim:Database:MigrateOnStart", true),
        };
        var log = new LogSettings
        {
            KeyFile = configuration["Senim:Log:KeyFile"] is { Length: > 0 } keyFile ? keyFile : Path.Combine("data", "log", "signing.key"),
            Origin = configuration["Senim:Log:Origin"] is { Length: > 0 } origin ? origin : LogSettings.OriginFor(configuration["Senim:PublicBaseUrl"]),
            IntegrityMinutes = configuration.GetValue("Senim:Log:IntegrityMinutes", 10),
        };
        var filesRoot = configuration["Senim:Files"] is { Length: > 0 } files ? files : Path.Combine("data", "files");
        services.AddRegistry(database, filesRoot, log);
        services.AddSingleton<Features.Log.IntegrityState>();
        services.AddHostedService<Features.Log.IntegrityJob>();
        services.AddLabels(sp => LabelHosting.Read(configuration, Path.GetDirectoryName(Path.GetFullPath(filesRoot))!, sp.GetRequiredService<ILoggerFactory>().CreateLogger("Senim.Labels")));
        services.AddTransient(sp => sp.GetRequiredService<LawCatalog>().Active);
        services.AddHostedService<StartupTasks>();

        services.AddIdentity<SenimUser, Microsoft.AspNetCore.Identity.IdentityRole<Guid>>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 10;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<RegistryDb>()
            .AddDefaultTokenProviders();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/sign-in";
            o.LogoutPath = "/account/sign-out";
            o.AccessDeniedPath = "/account/denied";
            o.Cookie.Name = "senim-session";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(12);
            o.Events.OnRedirectToLogin = context => ApiOr(context.HttpContext, 401, "Sign in or send an API token (Authorization: Bearer senim_...).", () => context.Response.Redirect(context.RedirectUri));
            o.Events.OnRedirectToAccessDenied = context => ApiOr(context.HttpContext, 403, "You may not do this.", () => context.Response.Redirect(context.RedirectUri));
        });
        // Role changes, locks and 2FA changes reach open sessions within a minute (the security stamp is checked that often).
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        services.AddAuthentication()
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, TokenAuthentication>(TokenAuthentication.SchemeName, null)
            .AddPolicyScheme("Senim", "cookie or token", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? TokenAuthentication.SchemeName
                    : IdentityConstants.ApplicationScheme);
        services.Configure<Microsoft.AspNetCore.Authentication.AuthenticationOptions>(o =>
        {
            o.DefaultScheme = "Senim";
            o.DefaultAuthenticateScheme = "Senim";
            o.DefaultChallengeScheme = "Senim";
        });
        services.AddAuthorization();
        services.AddScoped<CurrentActor>();
        services.AddDataProtection().SetApplicationName("Senim").PersistKeysToDbContext<RegistryDb>();

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            var publicPerSecond = configuration.GetValue("Senim:RateLimits:PublicPerSecond", 200);
            var signInPerMinute = configuration.GetValue("Senim:RateLimits:SignInPerMinute", 10);
            o.AddPolicy(PublicRateLimit, context => RateLimitPartition.GetTokenBucketLimiter(ClientKey(context), _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = publicPerSecond * 2,
                TokensPerPeriod = publicPerSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
            o.AddPolicy(SignInRateLimit, context => RateLimitPartition.GetFixedWindowLimiter(ClientKey(context), _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = signInPerMinute,
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
            }));
            o.OnRejected = async (context, cancellationToken) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                await Results.Problem(statusCode: 429, title: "Too many requests", detail: "Slow down and try again in a minute.").ExecuteAsync(context.HttpContext);
            };
        });

        services.AddSingleton<UiText>();
        services.AddHttpContextAccessor();
        services.AddScoped<PageText>();
        services.AddOutputCache(o =>
        {
            o.SizeLimit = 256L * 1024 * 1024;
            // The public register is read far more than it changes: anonymous reads are served from memory for
            // a few seconds per node, varied by language (PERFORMANCE.md says how much that buys).
            // Senim:PublicCacheSeconds=0 switches it off (the load tests measure both).
            var seconds = configuration.GetValue("Senim:PublicCacheSeconds", 5);
            o.AddPolicy(PublicCache, b =>
            {
                if (seconds <= 0)
                {
                    b.NoCache();
                    return;
                }

                b.Expire(TimeSpan.FromSeconds(seconds)).SetVaryByQuery("*").VaryByValue(c => new KeyValuePair<string, string>("lang", RequestLanguage.Get(c).Code())).Tag("register");
            });
        });
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.Configure<FormOptions>(o =>
        {
            o.ValueCountLimit = 2000;
            o.ValueLengthLimit = 64 * 1024;
            o.MultipartBodyLengthLimit = 12 * 1024 * 1024;
        });
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 12 * 1024 * 1024);

        // One JSON style for the whole API, matching the exchange formats: snake_case names.
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower;
            o.SerializerOptions.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        });
        services.AddRazorPages(o => o.RootDirectory = "/Features");
        services.AddProblemDetails(ProblemDetailsSetup.Configure);
        // A query or route value that does not convert (page=abc) throws, so the problem names the parameter instead of an empty 400.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddExceptionHandler<RegistryProblems>();
        services.AddOpenApi("v1", OpenApiSetup.Configure);

        var app = builder.Build();
        var fallback = Languages.TryParse(app.Configuration["Senim:DefaultLanguage"], out var configured) ? configured : Language.Kk;

        app.UseWhen(c => IsApi(c.Request.Path), api =>
        {
            api.UseExceptionHandler();
            api.UseStatusCodePages();
        });
        app.UseWhen(c => !IsApi(c.Request.Path), pages =>
        {
            pages.UseExceptionHandler("/error");
            pages.UseStatusCodePagesWithReExecute("/error", "?code={0}");
        });
        app.UseSecurityHeaders();
        app.UseStaticFiles();
        app.UseRequestLanguage(fallback);
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseOutputCache();
        app.UseAntiforgery();

        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapHealthApi();
        app.MapLanguageSwitch();
        app.MapClassificationApi();
        app.MapLawApi();
        app.MapReviewApi();
        app.MapSupervisionApi();
        app.MapAdminLawApi();
        app.MapNotificationsApi();
        app.MapRegisterApi();
        app.MapLogApi();
        app.MapAccountApi();
        app.MapOrganisationsApi();
        app.MapAdminUsersApi();
        app.MapDashboardApi();
        app.MapSystemsApi();
        app.MapDocumentsApi();
        app.MapLabelsApi();
        app.MapPki();
        app.MapRazorPages();
        return app;
    }

    private static string ClientKey(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static Task ApiOr(HttpContext context, int status, string detail, Action pages)
    {
        if (IsApi(context.Request.Path))
        {
            return Results.Problem(statusCode: status, title: status == 401 ? "Authentication required" : "Forbidden", detail: detail).ExecuteAsync(context);
        }

        pages();
        return Task.CompletedTask;
    }

    internal static bool IsApi(PathString path) =>
        path.StartsWithSegments("/api") || path.StartsWithSegments("/openapi") || path.StartsWithSegments("/health");

    internal static string LawFolder(IConfiguration configuration) =>
        configuration["Senim:LawDir"] is { Length: > 0 } configured ? configured : LawLibrary.FindDefaultRoot()
            ?? throw new InvalidOperationException("No law folder found: set Senim:LawDir (or SENIM_LAW_DIR).");
}
