using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Senim.Registry.Organisations;
using Senim.Signatures.Revocation;
using Senim.Signatures.Verification;

namespace Senim.Web.Features.Organisations;

/// <summary>
/// Builds what the register trusts for digital signatures from Senim:Signatures (docs/organisations.md): the NCA's
/// roots and intermediates from their folders, the CRLs shipped in a folder, a CRL fetcher over HTTP when allowed.
/// Without anchors nobody can verify by signature (the pages say so and point to the supervisory body). A certificate
/// or CRL file that cannot be read stops the host with a message naming it.
/// </summary>
public static class SignatureHosting
{
    public static IServiceCollection AddSignatures(this IServiceCollection services, SignatureOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(sp => Build(options, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>().CreateLogger("Senim.Signatures")));
        return services;
    }

    public static SignatureTrust Build(SignatureOptions options, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        var lifetime = TimeSpan.FromHours(options.ChallengeHours);
        var anchors = Certificates(options.Anchors, "Anchors");
        if (anchors.Count == 0)
        {
            logger.LogInformation("No Senim:Signatures:Anchors configured: organisations are verified by the supervisory body only (docs/organisations.md says how to configure the NCA's certificates).");
            return new SignatureTrust(null, options.RequireSignedActs, lifetime);
        }

        var crls = new CrlCache(options.FetchCrls ? new HttpCrlFetcher(TimeSpan.FromSeconds(options.CrlFetchSeconds), logger) : null, time, options.MaxCrlBytes);
        foreach (var file in Files(options.Crls))
        {
            try
            {
                crls.Add(File.ReadAllBytes(file));
            }
            catch (CrlException ex)
            {
                throw new SettingsException($"Senim:Signatures:Crls: '{Path.GetFileName(file)}' cannot be used: {ex.Message}");
            }
        }

        try
        {
            var verifier = new SignatureVerifier(new TrustSettings(anchors, Certificates(options.Intermediates, "Intermediates")) { Crls = crls, Time = time });
            logger.LogInformation("Digital signatures: {Anchors} trust anchors, {Crls} CRLs loaded, CRL download {Fetch}.", anchors.Count, crls.Count, options.FetchCrls ? "on" : "off");
            return new SignatureTrust(verifier, options.RequireSignedActs, lifetime);
        }
        catch (ArgumentException ex)
        {
            throw new SettingsException("Senim:Signatures: " + ex.Message);
        }
    }

    /// <summary>Every certificate in the folder's files (PEM, several per file, or DER).</summary>
    private static List<X509Certificate2> Certificates(string? folder, string key)
    {
        var certificates = new List<X509Certificate2>();
        foreach (var file in Files(folder))
        {
            try
            {
                var bytes = File.ReadAllBytes(file);
                if (bytes.AsSpan().IndexOf("-----BEGIN CERTIFICATE-----"u8) >= 0)
                {
                    var collection = new X509Certificate2Collection();
                    collection.ImportFromPem(System.Text.Encoding.ASCII.GetString(bytes));
                    certificates.AddRange(collection);
                }
                else
                {
                    certificates.Add(X509CertificateLoader.LoadCertificate(bytes));
                }
            }
            catch (CryptographicException ex)
            {
                throw new SettingsException($"Senim:Signatures:{key}: '{Path.GetFileName(file)}' is not a certificate (PEM or DER): {ex.Message}");
            }
        }

        return certificates;
    }

    private static IEnumerable<string> Files(string? folder) =>
        folder is { Length: > 0 } && Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder).Where(f => !Path.GetFileName(f).StartsWith('.')).Order(StringComparer.Ordinal)
            : [];
}

/// <summary>
/// Fetches CRLs from the distribution points of certificates that already chain to a configured anchor (the verifier
/// asks only then): plain HTTP(S) GET with a timeout, no redirects to other schemes. The cache bounds what it reads.
/// </summary>
public sealed class HttpCrlFetcher(TimeSpan timeout, ILogger logger) : ICrlFetcher, IDisposable
{
    private readonly HttpClient client = new(new SocketsHttpHandler { AllowAutoRedirect = true, MaxAutomaticRedirections = 3 }) { Timeout = timeout };

    public async ValueTask<Stream?> OpenAsync(Uri distributionPoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(distributionPoint);
        if (distributionPoint.Scheme is not ("http" or "https"))
        {
            return null;
        }

        try
        {
            var response = await client.GetAsync(distributionPoint, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                logger.LogWarning("CRL {Url}: HTTP {Status}", distributionPoint, (int)response.StatusCode);
                response.Dispose();
                return null;
            }

            return await response.Content.ReadAsStreamAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            logger.LogWarning("CRL {Url} could not be fetched: {Message}", distributionPoint, ex.Message);
            return null;
        }
    }

    public void Dispose() => client.Dispose();
}
