using System.Security.Cryptography;
using Senim.Registry.Files;
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

    public static LabelSettings Read(SenimSettings settings, string dataFolder, PublicAddress address, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(address);
        var directory = settings.Pki.Dir is { Length: > 0 } dir ? dir : Path.Combine(dataFolder, "pki");
        return new LabelSettings
        {
            PkiDirectory = Path.GetFullPath(directory),
            Password = Password(settings.Pki, dataFolder, logger),
            KeyIterations = settings.Pki.KeyIterations,
            BaseUrl = address.ForHost(),
            TrustAnchorsDirectory = settings.Labels.TrustAnchors is { Length: > 0 } anchors ? anchors : null,
            MaxUploadBytes = settings.Labels.MaxUploadBytes,
        };
    }

    private static string Password(PkiOptions pki, string dataFolder, ILogger logger)
    {
        if (pki.Password is { Length: > 0 } configured)
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

        PrivateFiles.CreateFolder(dataFolder);
        var generated = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));
        using (var stream = new FileStream(file, PrivateFiles.Create()))
        using (var writer = new StreamWriter(stream))
        {
            writer.WriteLine(generated);
        }

        logger.LogWarning("No Senim:Pki:Password (or SENIM_PKI_PASSWORD) set: generated a key store password into {File}. Fine for a demo; set your own and keep it outside the data folder in production.", file);
        return generated;
    }
}
