using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using IPNetwork = System.Net.IPNetwork;

namespace Senim.Web.Infrastructure.Hosting;

/// <summary>
/// Running behind a reverse proxy (docs/web.md, "Running behind nginx"): the client's address and the scheme come from
/// X-Forwarded-For and X-Forwarded-Proto only when the request reached Senim from a proxy named in
/// Senim:TrustedProxies; from anyone else the headers are ignored, so a client cannot choose its own rate-limit bucket
/// or claim HTTPS. Over HTTPS (direct or forwarded) every cookie is Secure and responses carry HSTS.
/// </summary>
public static class ProxyHosting
{
    /// <summary>The trusted proxies of the setting: addresses and CIDR networks, separated by commas, semicolons or spaces.</summary>
    public static IReadOnlyList<IPNetwork> Parse(string? text, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var networks = new List<IPNetwork>();
        foreach (var item in (text ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (IPAddress.TryParse(item, out var address) && !item.Contains('/', StringComparison.Ordinal))
            {
                networks.Add(new IPNetwork(address, address.GetAddressBytes().Length * 8));
            }
            else if (IPNetwork.TryParse(item, out var network))
            {
                networks.Add(network);
            }
            else
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"Senim:TrustedProxies: '{item}' is not an IP address or a network such as 10.0.0.0/8."));
            }
        }

        return networks;
    }

    public static IServiceCollection AddSenimProxies(this IServiceCollection services, SenimSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var trusted = Parse(settings.TrustedProxies, []);
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.KnownIPNetworks.Clear();
            o.KnownProxies.Clear();
            foreach (var network in trusted)
            {
                o.KnownIPNetworks.Add(network);
            }

            // A chain of trusted proxies (a load balancer, then nginx) is walked back to the first address that is not one.
            o.ForwardLimit = null;
            o.RequireHeaderSymmetry = false;
        });
        services.Configure<CookiePolicyOptions>(o => o.Secure = CookieSecurePolicy.SameAsRequest);
        services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(settings.HstsDays);
            o.IncludeSubDomains = false;
        });
        return services;
    }

    /// <summary>First in the pipeline: the forwarded headers (only with trusted proxies configured), HSTS over HTTPS, Secure cookies over HTTPS.</summary>
    public static IApplicationBuilder UseSenimProxies(this IApplicationBuilder app, SenimSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!string.IsNullOrWhiteSpace(settings.TrustedProxies))
        {
            app.UseForwardedHeaders();
        }

        if (settings.HstsDays > 0)
        {
            app.UseHsts();
        }

        return app.UseCookiePolicy();
    }
}
