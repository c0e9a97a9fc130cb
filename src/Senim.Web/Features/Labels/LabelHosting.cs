using System.Security.Cryptography;
using Senim.Authority.Keys;
using Senim.Registry.Labels;

namespace Senim.Web.Features.Labels;

/// <summary>
/// Reads the label authority's settings (docs/web.md, "Content labels"): folder, key password, public
/// address, trust anchors and upload limit. Without a configured password (a demo or development run) one
/// is generated once into the data folder, with a log line saying so.
/// </summary>
public static class LabelHosting
{
    /// <summary>The password file a demo run generates, beside (never inside) the authority's folder.</summary>
    public const string GeneratedPasswordFile = "pki-password.txt";

    public static LabelSettings Read(IConfiguration configuration, string dataFolder, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var directory = configuration["Senim:Pki:Dir"] is { Length: > 0 } dir ? dir : Path.Combine(dataFolder, "pki");
        return new LabelSettings
        {
            PkiDirectory = Path.GetFullPath(directory),
            Password = Password(configuration, dataFolder, logger),
            KeyIterations = configuration.GetValue("Senim:Pki:KeyIterations", FileKeyStore.DefaultIterations),
            BaseUrl = BaseUrl(configuration),
            TrustAnchorsDirectory = configuration["Senim:Labels:TrustAnchors"] is { Length: > 0 } anchors ? anchors : null,
            MaxUploadBytes = configuration.GetValue("Senim:Labels:MaxUploadBytes", LabelSettings.DefaultMaxUploadBytes),
        };
    }

    /// <summary>Senim:PublicBaseUrl, else the first address the host listens on (a wildcard host read as localhost), else http://localhost:5000/.</summary>
    public static Uri BaseUrl(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (configuration["Senim:PublicBaseUrl"] is { Length: > 0 } configured)
        {
            return new Uri(configured.EndsWith('/') ? configured : configured + "/", UriKind.Absolute);
        }

        var first = (configuration["urls"] ?? configuration["ASPNETCORE_URLS"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        if (first is not null)
        {
            var normalised = first.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal).Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal).Replace("://[::]", "://localhost", StringComparison.Ordinal);
            if (Uri.TryCreate(normalised, UriKind.Absolute, out var listening))
            {
                return new Uri(listening.GetLeftPart(UriPartial.Authority) + "/");
            }
        }

        return new Uri("http://localhost:5000/");
    }

    private static string Password(IConfiguration configuration, string dataFolder, ILogger logger)
    {
        if (configuration["Senim:Pki:Password"] is { Length: > 0 } configured)
        {
            return configured;
        }

        if (Environment.GetEnvironmentVariable("SENIM_PKI_PASSWORD") is { Length: > 0 } environment)
        {
            return environment;
        }

        var file = Path.GetFullPath(Path.Combine(dataFolder, GeneratedPasswordFile));
        if (File.Exists(file))
        {
            return File.ReadAllText(file).Trim();
        }

        Directory.CreateDirectory(dataFolder);
        var generated = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(file, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.WriteLine(generated);
        }

        logger.LogWarning("No Senim:Pki:Password (or SENIM_PKI_PASSWORD) set: generated a key store password into {File}. Fine for a demo; set your own and keep it outside the data folder in production.", file);
        return generated;
    }
}
