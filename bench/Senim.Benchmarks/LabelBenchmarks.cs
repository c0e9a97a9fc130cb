using BenchmarkDotNet.Attributes;
using Senim.Labels.Assertions;
using Senim.Labels.Signing;
using Senim.Labels.Tests.Support;
using Senim.Labels.Trust;
using Senim.Labels.Validation;

namespace Senim.Benchmarks;

/// <summary>Signing and verifying one 4 KB JPEG in memory (ES256, test PKI made with CertificateRequest).</summary>
[MemoryDiagnoser]
public class LabelBenchmarks
{
    private readonly LabelRequest request = new() { Senim = new SenimAssertion { RegisterNumber = "KZ-AI-2026-000001" }, Title = "bench.jpg" };
    private byte[] jpeg = [];
    private byte[] signed = [];
    private LabelSigner signer = null!;
    private LabelValidator validator = null!;

    [GlobalSetup]
    public void Setup()
    {
        var pki = new TestPki("Bench Root");
        signer = new LabelSigner(SigningCredentials.FromEcdsa(pki.Signer.Key, [pki.Signer.Certificate]));
        validator = new LabelValidator(new TrustSettings([pki.Root]));
        jpeg = TinyImages.Jpeg(64, 120, 1);
        signed = Sign();
    }

    [Benchmark]
    public byte[] Sign()
    {
        using var output = new MemoryStream(jpeg.Length + 4096);
        signer.SignEmbedded(new MemoryStream(jpeg), output, request);
        return output.ToArray();
    }

    [Benchmark]
    public ValidationState Verify() => validator.Validate(new MemoryStream(signed)).State;
}
