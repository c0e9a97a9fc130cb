using Senim.Labels.Assertions;
using Senim.Labels.Signing;
using Senim.Labels.Tests.Support;

namespace Senim.Labels.Fuzz;

/// <summary>Small signed files to start the fuzzer from: a JPEG, a PNG, an edited JPEG and a sidecar.</summary>
internal static class Seeds
{
    public static void Write(string folder)
    {
        Directory.CreateDirectory(folder);
        using var pki = new TestPki("Fuzz Root");
        var signer = new LabelSigner(SigningCredentials.FromEcdsa(pki.Signer.Key, [pki.Signer.Certificate]));
        var request = new LabelRequest { Senim = new SenimAssertion { RegisterNumber = "KZ-AI-2026-000001" }, Title = "seed" };
        var jpeg = Sign(signer, TinyImages.Jpeg(2, 2, 1), request);
        File.WriteAllBytes(Path.Combine(folder, "signed.jpg"), jpeg);
        File.WriteAllBytes(Path.Combine(folder, "signed.png"), Sign(signer, TinyImages.Png(2, 2, 1), request));
        File.WriteAllBytes(Path.Combine(folder, "edited.jpg"), Sign(signer, jpeg, request with { Origin = ContentOrigin.Edited }));
        using var sidecar = File.Create(Path.Combine(folder, "sidecar.c2pa"));
        signer.SignSidecar(new MemoryStream("asset"u8.ToArray()), sidecar, request);
    }

    private static byte[] Sign(LabelSigner signer, byte[] asset, LabelRequest request)
    {
        using var output = new MemoryStream();
        signer.SignEmbedded(new MemoryStream(asset), output, request);
        return output.ToArray();
    }
}
