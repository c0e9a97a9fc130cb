namespace Senim.Web.Infrastructure.Hosting;

/// <summary>
/// The base of Senim's stable public URLs (register formats, certificates, label manifests): Senim:PublicBaseUrl
/// when set, else the address of the request, else the first address the host listens on.
/// </summary>
public sealed class PublicAddress(SenimSettings settings, IConfiguration configuration)
{
    /// <summary>The configured base URL, with a trailing slash, or null.</summary>
    public Uri? Configured { get; } = settings.PublicBaseUrl is { Length: > 0 } url ? new Uri(url.EndsWith('/') ? url : url + "/", UriKind.Absolute) : null;

    /// <summary>The base for a request: the configured one, else the request's scheme and host.</summary>
    public Uri For(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Configured ?? new Uri($"{request.Scheme}://{request.Host}{request.PathBase}/", UriKind.Absolute);
    }

    /// <summary>The base for a request without its trailing slash, as the register's formats join paths to it.</summary>
    public string Root(HttpRequest request) => For(request).ToString().TrimEnd('/');

    /// <summary>The base outside a request (certificates made at start): the configured one, else the first listening address (a wildcard host read as localhost), else http://localhost:5000/.</summary>
    public Uri ForHost()
    {
        if (Configured is not null)
        {
            return Configured;
        }

        // "urls" is the host's own listening setting, not Senim's.
        var first = (configuration["urls"] ?? configuration["ASPNETCORE_URLS"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        if (first is not null)
        {
            var normalised = first.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal)
                .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal).Replace("://[::]", "://localhost", StringComparison.Ordinal);
            if (Uri.TryCreate(normalised, UriKind.Absolute, out var listening))
            {
                return new Uri(listening.GetLeftPart(UriPartial.Authority) + "/");
            }
        }

        return new Uri("http://localhost:5000/");
    }
}
