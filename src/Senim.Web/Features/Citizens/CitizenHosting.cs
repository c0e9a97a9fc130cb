namespace Senim.Web.Features.Citizens;

/// <summary>Citizens' requests in the web host: the register's settings from Senim:Citizens, the form guard and the job.</summary>
public static class CitizenHosting
{
    public static IServiceCollection AddSenimCitizens(this IServiceCollection services, CitizenOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var register = options.Register();
        register.Validate();
        services.AddSingleton(options);
        services.AddSingleton(register);
        services.AddSingleton<CitizenFormGuard>();
        services.AddScoped<CitizenFiling>();
        services.AddSingleton<CitizenJob>();
        services.AddHostedService(sp => sp.GetRequiredService<CitizenJob>());
        return services;
    }
}
