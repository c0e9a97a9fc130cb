using System.Text.Encodings.Web;
using System.Text.Json;
using Senim.Labels.Cbor;
using Senim.Labels.Cose;
using Senim.Labels.Jumbf;
using Senim.Labels.Model;
using Senim.Labels.Validation;

namespace Senim.Labels.Inspect;

/// <summary>
/// A manifest store as readable JSON: every manifest with its claim, its assertions (CBOR as JSON, byte
/// strings as base64) and its signature's algorithm and certificates, plus the validation verdict.
/// </summary>
public static class ManifestStoreJson
{
    /// <summary>Writes the store (and, when given, the validation report) as indented JSON.</summary>
    public static string Write(ManifestStore store, ValidationReport? report)
    {
        ArgumentNullException.ThrowIfNull(store);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("active_manifest", store.Active.Label);
            writer.WritePropertyName("manifests");
            writer.WriteStartObject();
            foreach (var manifest in store.Manifests)
            {
                writer.WritePropertyName(manifest.Label);
                WriteManifest(writer, manifest);
            }

            writer.WriteEndObject();
            if (report is not null)
            {
                WriteReport(writer, report);
            }

            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteManifest(Utf8JsonWriter writer, Manifest manifest)
    {
        writer.WriteStartObject();
        writer.WriteString("claim_label", manifest.ClaimBox?.Label);
        writer.WritePropertyName("claim");
        WriteContent(writer, manifest.ClaimBox);
        writer.WritePropertyName("assertions");
        writer.WriteStartObject();
        foreach (var assertion in manifest.AssertionStore?.Children ?? [])
        {
            if (assertion.Label is { } label)
            {
                writer.WritePropertyName(label);
                WriteContent(writer, assertion);
            }
        }

        writer.WriteEndObject();
        writer.WritePropertyName("signature");
        WriteSignature(writer, manifest.SignatureBox);
        writer.WriteEndObject();
    }

    private static void WriteContent(Utf8JsonWriter writer, JumbfBox? box)
    {
        var content = box?.Children.FirstOrDefault(c => c.Description is null);
        if (content is null)
        {
            writer.WriteNullValue();
            return;
        }

        try
        {
            switch (content.Type)
            {
                case BoxTypes.Cbor:
                    CborJson.Write(writer, CborNode.Decode(content.Payload));
                    return;
                case BoxTypes.Json:
                    using (var document = JsonDocument.Parse(content.Payload))
                    {
                        document.RootElement.WriteTo(writer);
                    }

                    return;
                default:
                    writer.WriteStartObject();
                    writer.WriteString("box", BoxTypes.Name(content.Type));
                    writer.WriteNumber("bytes", content.Payload.Length);
                    writer.WriteEndObject();
                    return;
            }
        }
        catch (Exception ex) when (ex is LabelException or JsonException)
        {
            writer.WriteStartObject();
            writer.WriteString("unreadable", ex.Message);
            writer.WriteEndObject();
        }
    }

    private static void WriteSignature(Utf8JsonWriter writer, JumbfBox? box)
    {
        if (Manifest.ContentOf(box) is not { } bytes)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStartObject();
        try
        {
            var cose = CoseSign1.Parse(bytes, LabelLimits.Default);
            writer.WriteString("alg", cose.AlgorithmId is { } id && Enum.IsDefined((CoseAlgorithm)id) ? ((CoseAlgorithm)id).ToString() : cose.AlgorithmId?.ToString(System.Globalization.CultureInfo.InvariantCulture));
            writer.WritePropertyName("certificates");
            writer.WriteStartArray();
            foreach (var der in cose.Chain)
            {
                writer.WriteStartObject();
                try
                {
                    using var certificate = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(der);
                    writer.WriteString("subject", certificate.Subject);
                    writer.WriteString("issuer", certificate.Issuer);
                    writer.WriteString("serial", certificate.SerialNumber);
                    writer.WriteString("not_before", certificate.NotBefore.ToUniversalTime());
                    writer.WriteString("not_after", certificate.NotAfter.ToUniversalTime());
                }
                catch (System.Security.Cryptography.CryptographicException ex)
                {
                    writer.WriteString("unreadable", ex.Message);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }
        catch (LabelException ex)
        {
            writer.WriteString("unreadable", ex.Message);
        }

        writer.WriteEndObject();
    }

    private static void WriteReport(Utf8JsonWriter writer, ValidationReport report)
    {
        writer.WritePropertyName("validation");
        writer.WriteStartObject();
        writer.WriteString("state", report.State.ToString());
        writer.WritePropertyName("failures");
        writer.WriteStartArray();
        foreach (var status in report.Statuses.Where(s => !s.Success))
        {
            writer.WriteStartObject();
            writer.WriteString("code", status.Code);
            writer.WriteString("url", status.Url);
            writer.WriteString("explanation", status.Explanation);
            if (status.Ingredient is { } ingredient)
            {
                writer.WriteString("ingredient", ingredient);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WritePropertyName("successes");
        writer.WriteStartArray();
        foreach (var status in report.Statuses.Where(s => s.Success))
        {
            writer.WriteStringValue(status.Code);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
