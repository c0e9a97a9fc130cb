using System.Text;
using Senim.Registry.Organisations;

namespace Senim.Web.Infrastructure.Signing;

/// <summary>The signature fields of an API body that signs an act (a recommendation, a decision) or answers a challenge.</summary>
public static class SignedAnswers
{
    /// <summary>The signature fields of a recommendation or decision body: both or neither.</summary>
    public static SignedAnswer? Of(Guid? challengeId, string? signature)
    {
        if (challengeId is null && string.IsNullOrWhiteSpace(signature))
        {
            return null;
        }

        if (challengeId is not { } id)
        {
            throw JsonBody.Required("challenge_id", "give the challenge the signature answers");
        }

        if (string.IsNullOrWhiteSpace(signature))
        {
            throw JsonBody.Required(SignatureRefusals.Field, "give the signature (Base64 or PEM)");
        }

        return new SignedAnswer(id, Encoding.UTF8.GetBytes(signature.Trim()));
    }

    /// <summary>The signature as sent: the uploaded file, else the pasted (or NCALayer's) Base64 text. At most <see cref="MaxSignatureBytes"/> is read.</summary>
    public static async Task<ReadOnlyMemory<byte>> ReadAsync(IFormFile? file, string? text)
    {
        if (file is { Length: > 0 })
        {
            using var buffer = new MemoryStream();
            await using var stream = file.OpenReadStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(chunk)) > 0 && buffer.Length <= MaxSignatureBytes)
            {
                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }

        return string.IsNullOrWhiteSpace(text) ? ReadOnlyMemory<byte>.Empty : Encoding.UTF8.GetBytes(text.Trim());
    }

    /// <summary>More than the verifier accepts (1 MiB of CMS, a third more as Base64), so that it, not the page, says "too large".</summary>
    public const int MaxSignatureBytes = 2 * 1024 * 1024;

    /// <summary>
    /// The request size of a form that carries a signature or evidence (the verification page, the case pages): somewhat
    /// over the register's 10 MB evidence limit, so that the register, not the server, names the limit.
    /// </summary>
    public const long MaxFormBytes = 16L * 1024 * 1024;
}
