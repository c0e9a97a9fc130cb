using System.Security.Cryptography.X509Certificates;
using Senim.Labels.Assertions;
using Senim.Labels.Signing;
using Senim.Labels.Trust;
using Senim.Labels.Validation;

namespace Senim.Labels.Tests.Support;

/// <summary>Signs and validates in memory with the shared test PKI.</summary>
internal static class Labeling
{
    public static readonly LabelRequest Request = new()
    {
        Senim = new SenimAssertion { RegisterNumber = "KZ-AI-2026-000123", SystemName = "Test generator" },
        Title = "test",
    };

    private static readonly Lazy<LabelSigner> DefaultSigner = new(() => new LabelSigner(SigningCredentials.FromEcdsa(TestPki.Shared.Signer.Key, [TestPki.Shared.Signer.Certificate])));

    public static LabelSigner Signer => DefaultSigner.Value;

    public static LabelValidator TrustingValidator { get; } = new(new TrustSettings([TestPki.Shared.Root]));

    public static byte[] Sign(byte[] asset, LabelRequest? request = null, LabelSigner? signer = null)
    {
        using var input = new MemoryStream(asset);
        using var output = new MemoryStream();
        (signer ?? Signer).SignEmbedded(input, output, request ?? Request);
        return output.ToArray();
    }

    public static ValidationReport Validate(byte[] asset, LabelValidator? validator = null)
    {
        using var stream = new MemoryStream(asset);
        return (validator ?? TrustingValidator).Validate(stream);
    }

    public static LabelSigner SignerFor(X509Certificate2 certificate, System.Security.Cryptography.ECDsa key, TimeProvider? time = null) =>
        new(SigningCredentials.FromEcdsa(key, [certificate]), time);
}
