using Senim.Registry;
using Senim.Web.Features.Labels;
using Senim.Web.Features.Log;
using Senim.Web.Features.Organisations;

namespace Senim.Web.Infrastructure.Hosting;

/// <summary>The register behind the pages and the API: database, law, log, files, label authority and the jobs that keep them.</summary>
public static class RegisterHosting
{
    public static IServiceCollection AddSenimRegister(this IServiceCollection services, SenimSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        services.AddSingleton(settings);
        services.AddSingleton<PublicAddress>();
        services.AddSingleton<LocalTime>();
        services.AddSingleton(settings.Enforcement);
        services.AddSingleton(settings.RegisterSearch);
        services.AddRegistry(settings.Database, settings.Files, settings.LogSettings());
        services.AddSingleton(_ => Senim.Law.Calendar.WorkingCalendar.Load(Senim.Law.Calendar.WorkingCalendar.DefaultFolder(settings.LawFolder())));
        services.AddSingleton<IntegrityState>();
        services.AddHostedService<IntegrityJob>();
        // Senim's own folder (data/ by default) is its user's only: created 700 before anything is put in it.
        var dataFolder = settings.DataFolder();
        Senim.Registry.Files.PrivateFiles.CreateFolder(dataFolder);
        services.AddLabels(sp => LabelHosting.Read(settings, dataFolder, sp.GetRequiredService<PublicAddress>(), sp.GetRequiredService<ILoggerFactory>().CreateLogger("Senim.Labels")));
        services.AddSignatures(settings.Signatures);
        services.AddSingleton(new UploadBudget(settings.Labels.BytesInFlight));
        services.AddTransient<LawLibrary>(sp => sp.GetRequiredService<LawCatalog>().Active);
        services.AddHostedService<StartupTasks>();
        return services;
    }
}
