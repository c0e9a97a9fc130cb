using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Senim.Registry.Files;

namespace Senim.Web.Infrastructure.Hosting;

/// <summary>
/// Secrets at rest. The Data Protection keys (they protect the session cookies, kept forms and TOTP secrets) stay in
/// the database so every node shares them, but each key is encrypted with a certificate kept outside it
/// (Senim:DataProtection:Certificate, a PKCS#12 file); without one, a certificate is generated on the first start into
/// data/data-protection.pfx (mode 600) with a warning, as the label authority's password is. Identity's tokens (the
/// authenticator key, recovery codes) are encrypted with those keys (<see cref="ProtectedUserStore"/>).
/// </summary>
public static class KeyProtectionHosting
{
    /// <summary>The certificate a demo run generates, in the data folder.</summary>
    public const string GeneratedCertificateFile = "data-protection.pfx";

    public static IServiceCollection AddSenimKeyProtection(this IServiceCollection services, SenimSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        // Read (or made) while the host is built: Data Protection takes the certificate itself, not a factory.
        var key = KeyCertificate.Load(settings);
        services.AddSingleton(key);
        services.AddDataProtection().ProtectKeysWithCertificate(key.Certificate).UnprotectKeysWithAnyCertificate(key.Certificate);
        services.Replace(ServiceDescriptor.Scoped<IUserStore<SenimUser>, ProtectedUserStore>());
        return services;
    }

    /// <summary>The folder of Senim's own files: the parent of the evidence folder (data/ by default).</summary>
    public static string DataFolder(this SenimSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return Path.GetDirectoryName(Path.GetFullPath(settings.Files))!;
    }
}

/// <summary>The certificate that encrypts the Data Protection keys; <see cref="Generated"/> when this start made it (the start-up tasks warn).</summary>
public sealed class KeyCertificate(X509Certificate2 certificate, string path, bool generated) : IDisposable
{
    public X509Certificate2 Certificate { get; } = certificate;

    /// <summary>The file it was read from.</summary>
    public string Path { get; } = path;

    public bool Generated { get; } = generated;

    public void Dispose() => Certificate.Dispose();

    /// <summary>Reads the configured certificate, else the generated one, generating it on the first start.</summary>
    public static KeyCertificate Load(SenimSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var configured = settings.DataProtection.Certificate;
        var path = System.IO.Path.GetFullPath(configured is { Length: > 0 } ? configured : System.IO.Path.Combine(settings.DataFolder(), KeyProtectionHosting.GeneratedCertificateFile));
        var generated = configured is not { Length: > 0 } && !File.Exists(path);
        if (generated)
        {
            Generate(path);
        }

        var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, settings.DataProtection.CertificatePassword, X509KeyStorageFlags.EphemeralKeySet);
        if (!certificate.HasPrivateKey || certificate.GetRSAPrivateKey() is null)
        {
            certificate.Dispose();
            throw new SettingsException($"Senim:DataProtection:Certificate = '{path}' has no RSA private key: Data Protection needs one to encrypt and decrypt its keys.");
        }

        return new KeyCertificate(certificate, path, generated);
    }

    private static void Generate(string path)
    {
        PrivateFiles.CreateFolder(System.IO.Path.GetDirectoryName(path)!);
        using var rsa = RSA.Create(3072);
        var request = new CertificateRequest("CN=Senim Data Protection keys", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DataEncipherment, critical: true));
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(100));
        var pfx = certificate.Export(X509ContentType.Pkcs12);
        using var stream = new FileStream(path, PrivateFiles.Create());
        stream.Write(pfx);
    }
}
