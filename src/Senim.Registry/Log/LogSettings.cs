namespace Senim.Registry.Log;

/// <summary>Settings under Senim:Log: where the signing key lives, the log's origin, and how often the integrity job runs.</summary>
public sealed class LogSettings
{
    public const string DefaultOrigin = "senim.local/log";
    public const string DefaultKeyFile = "data/log/signing.key";

    /// <summary>The signer key file (created with mode 0600 on first start; never in the database, never committed).</summary>
    public string KeyFile { get; set; } = DefaultKeyFile;

    /// <summary>The checkpoint origin line and key name, e.g. "register.example.kz/log".</summary>
    public string Origin { get; set; } = DefaultOrigin;

    /// <summary>Minutes between integrity checks (0 switches the background job off; the check still runs on demand).</summary>
    public int IntegrityMinutes { get; set; } = 10;

    /// <summary>The origin for a public base URL: host and path without the scheme, plus "/log" ("register.example.kz/log").</summary>
    public static string OriginFor(string? publicBaseUrl)
    {
        if (publicBaseUrl is null || !Uri.TryCreate(publicBaseUrl, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
        {
            return DefaultOrigin;
        }

        var path = uri.AbsolutePath.TrimEnd('/');
        return uri.IsDefaultPort ? $"{uri.Host}{path}/log" : $"{uri.Host}:{uri.Port}{path}/log";
    }
}
