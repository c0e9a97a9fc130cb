using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.WebEncoders;

namespace Senim.Web.Infrastructure.Hosting;

/// <summary>Pages, the JSON API and its documents: texts, the public cache, request limits, problem details, OpenAPI.</summary>
public static class WebHosting
{
    public const string PublicCache = "public-register";

    /// <summary>The largest request body Kestrel and forms accept; label uploads stream past it on their own limit.</summary>
    public const int MaxRequestBytes = 12 * 1024 * 1024;

    public static IServiceCollection AddSenimWeb(this IServiceCollection services, SenimSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        services.AddSingleton<UiText>();
        services.AddSingleton<RegistrationPolicy>();
        services.AddHttpContextAccessor();
        services.AddScoped<PageText>();
        services.AddScoped<Senim.Web.Features.Statistics.StatisticsReport>();
        services.AddOutputCache(o =>
        {
            o.SizeLimit = 256L * 1024 * 1024;
            // The public register is read far more than it changes: anonymous reads are served from memory for
            // a few seconds per node, varied by language (PERFORMANCE.md says how much that buys).
            // Senim:PublicCacheSeconds=0 switches it off (the load tests measure both).
            o.AddPolicy(PublicCache, b =>
            {
                if (settings.PublicCacheSeconds <= 0)
                {
                    b.NoCache();
                    return;
                }

                b.Expire(TimeSpan.FromSeconds(settings.PublicCacheSeconds)).SetVaryByQuery("*")
                    .VaryByValue(c => new KeyValuePair<string, string>("lang", RequestLanguage.Get(c).Code())).Tag("register");
            });
        });
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.Configure<FormOptions>(o =>
        {
            o.ValueCountLimit = 2000;
            o.ValueLengthLimit = 64 * 1024;
            o.MultipartBodyLengthLimit = MaxRequestBytes;
        });

        // One JSON style for the whole API, matching the exchange formats: snake_case names.
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower;
            o.SerializerOptions.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        });
        services.AddRazorPages(o =>
        {
            o.RootDirectory = "/Features";
            o.Conventions.ConfigureFilter(new Pages.UnknownHandlerFilter());
        });
        services.AddProblemDetails(ProblemDetailsSetup.Configure);
        // A query or route value that does not convert (page=abc) throws, so the problem names the parameter instead of an empty 400.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddExceptionHandler<RegistryProblems>();
        services.AddOpenApi("v1", OpenApiSetup.Configure);
        return services;
    }

    /// <summary>
    /// The middleware in order: forwarded headers from trusted proxies, HSTS and Secure cookies over HTTPS, problem details
    /// for the API and error pages for people, security headers, static
    /// files, the reader's language, routing, rate limits, who is asking (and a form kept from an ended session), the
    /// public cache, antiforgery.
    /// </summary>
    public static WebApplication UseSenimPipeline(this WebApplication app, SenimSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        app.UseSenimProxies(settings);
        app.UseWhen(c => SenimApp.IsApi(c.Request.Path), api =>
        {
            api.UseExceptionHandler();
            api.UseStatusCodePages();
        });
        app.UseWhen(c => !SenimApp.IsApi(c.Request.Path), pages =>
        {
            pages.UseExceptionHandler("/error");
            pages.UseStatusCodePagesWithReExecute("/error", "?code={0}");
        });
        app.UseSecurityHeaders();
        app.UseStaticFiles();
        app.UseRequestLanguage(settings.Language());
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseNoStoreWhenSignedIn();
        app.UseKeptForms();
        app.UseAuthorization();
        app.UseOutputCache();
        app.UseAntiforgery();
        return app;
    }
}
