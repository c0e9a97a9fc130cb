using Senim.Web.Features.AdminLaw;
using Senim.Web.Features.Audits;
using Senim.Web.Features.Account;
using Senim.Web.Features.Admin;
using Senim.Web.Features.Citizens;
using Senim.Web.Features.Classify;
using Senim.Web.Features.Dashboard;
using Senim.Web.Features.Decisions;
using Senim.Web.Features.Enforcement;
using Senim.Web.Features.Health;
using Senim.Web.Features.Invitations;
using Senim.Web.Features.Labels;
using Senim.Web.Features.Law;
using Senim.Web.Features.Log;
using Senim.Web.Features.Notifications;
using Senim.Web.Features.Review;
using Senim.Web.Features.Supervision;
using Senim.Web.Features.Register;
using Senim.Web.Features.Statistics;
using Senim.Web.Features.Organisations;
using Senim.Web.Features.Systems;

namespace Senim.Web;

/// <summary>Composes the web host: settings, services, middleware, and the list of feature endpoints.</summary>
public static class SenimApp
{
    public const string PublicRateLimit = RateLimitHosting.Public;
    public const string SignInRateLimit = RateLimitHosting.SignIn;
    public const string SignUpRateLimit = RateLimitHosting.SignUp;
    public const string PasswordResetRateLimit = RateLimitHosting.PasswordReset;
    public const string TwoFactorRateLimit = RateLimitHosting.TwoFactor;
    public const string HeavyRateLimit = RateLimitHosting.Heavy;
    public const string CitizenFileRateLimit = RateLimitHosting.CitizenFile;
    public const string TrackRateLimit = RateLimitHosting.Track;
    public const string PublicCache = WebHosting.PublicCache;

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var settings = SettingsReader.Read(builder.Configuration);
        builder.Services
            .AddSenimRegister(settings)
            .AddSenimCitizens(settings.Citizens)
            .AddSenimAccounts()
            .AddSenimMail(settings)
            .AddSenimKeyProtection(settings)
            .AddSenimRateLimits(settings.RateLimits)
            .AddSenimProxies(settings)
            .AddSenimWeb(settings);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = WebHosting.MaxRequestBytes);

        var app = builder.Build();
        app.UseSenimPipeline(settings);

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
        app.MapStatisticsApi();
        app.MapLogApi();
        app.MapAccountApi();
        app.MapOrganisationsApi();
        app.MapInvitationsApi();
        app.MapVerificationApi();
        app.MapAdminUsersApi();
        app.MapDashboardApi();
        app.MapSystemsApi();
        app.MapDocumentsApi();
        app.MapLabelsApi();
        app.MapIncidentsApi();
        app.MapAuditsApi();
        app.MapTrustedListsApi();
        app.MapPki();
        app.MapEnforcementApi();
        app.MapDecisionsApi();
        app.MapCitizensApi();
        app.MapRazorPages();
        return app;
    }

    internal static bool IsApi(PathString path) =>
        path.StartsWithSegments("/api") || path.StartsWithSegments("/openapi") || path.StartsWithSegments("/health");
}
