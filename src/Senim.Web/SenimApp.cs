using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.WebEncoders;
using Senim.Law.Packs;
using Senim.Law.Texts;
using Senim.Web.Features.Classify;
using Senim.Web.Features.Health;
using Senim.Web.Features.Law;
using Senim.Web.Infrastructure;

namespace Senim.Web;

/// <summary>Composes the web host: services, middleware, and the list of feature endpoints.</summary>
public static class SenimApp
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var services = builder.Services;

        services.AddSingleton(sp => LoadLaw(builder.Configuration, sp.GetRequiredService<ILogger<LawLibrary>>()));
        services.AddSingleton<UiText>();
        services.AddHttpContextAccessor();
        services.AddScoped<PageText>();
        services.AddSingleton(TimeProvider.System);
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.Configure<FormOptions>(o =>
        {
            o.ValueCountLimit = 2000;
            o.ValueLengthLimit = 64 * 1024;
            o.MultipartBodyLengthLimit = 1024 * 1024;
        });
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 2 * 1024 * 1024);

        services.AddRazorPages(o => o.RootDirectory = "/Features");
        services.AddProblemDetails(ProblemDetailsSetup.Configure);
        services.AddOpenApi("v1", OpenApiSetup.Configure);

        var app = builder.Build();
        var fallback = Languages.TryParse(app.Configuration["Senim:DefaultLanguage"], out var configured) ? configured : Language.Kk;

        // Load the law at start-up: a broken pack stops the host here with every problem listed.
        app.Services.GetRequiredService<LawLibrary>();

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
        app.UseAntiforgery();

        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapHealthApi();
        app.MapLanguageSwitch();
        app.MapClassificationApi();
        app.MapLawApi();
        app.MapRazorPages();
        return app;
    }

    private static bool IsApi(PathString path) =>
        path.StartsWithSegments("/api") || path.StartsWithSegments("/openapi") || path.StartsWithSegments("/health");

    private static LawLibrary LoadLaw(IConfiguration configuration, ILogger logger)
    {
        var root = configuration["Senim:LawDir"] is { Length: > 0 } configured ? configured : LawLibrary.FindDefaultRoot()
            ?? throw new InvalidOperationException("No law folder found: set Senim:LawDir (or SENIM_LAW_DIR).");
        var library = LawLibrary.Load(root);
        foreach (var pack in library.Packs)
        {
            logger.LogInformation("Law pack {Pack} {Version} loaded ({Hash})", pack.Pack.Id, pack.Pack.Header.Version, pack.ContentHash);
        }

        return library;
    }
}
