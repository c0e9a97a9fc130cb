using Senim.Registry.Organisations;

namespace Senim.Web.Infrastructure.Signing;

/// <summary>
/// The signature fields a signed act's form posts (the case pages' recommendation and decision forms): the challenge the
/// act was fixed with, and the signature as an uploaded file or as Base64 text (what NCALayer gives the page's script).
/// </summary>
public sealed class ActSigningFields
{
    [BindProperty(Name = "challenge_id")]
    public Guid? ChallengeId { get; set; }

    [BindProperty(Name = "signature")]
    public IFormFile? SignatureFile { get; set; }

    [BindProperty(Name = "signature_text")]
    public string? SignatureText { get; set; }

    /// <summary>The answer to send with the act, or null when the form carries no challenge.</summary>
    public async Task<SignedAnswer?> AnswerAsync() =>
        ChallengeId is { } id ? new SignedAnswer(id, await SignedAnswers.ReadAsync(SignatureFile, SignatureText)) : null;

    /// <summary>After a refused signed act, the challenge it was fixed with (to show again, with NCALayer allowed), or null.</summary>
    public Task<SignatureChallenge?> ReopenAsync(ActSignatureService acts, Actor actor, Guid systemId, HttpResponse response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(acts);
        return ReopenAsync(id => acts.ChallengeAsync(actor, systemId, id, cancellationToken), response);
    }

    /// <summary>The same, with <paramref name="find"/> looking the challenge up where the act lives (an enforcement case's decision, say).</summary>
    public async Task<SignatureChallenge?> ReopenAsync(Func<Guid, Task<SignatureChallenge>> find, HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(find);
        if (ChallengeId is not { } id)
        {
            return null;
        }

        try
        {
            var found = await find(id);
            NcaLayer.AllowOn(response);
            return found;
        }
        catch (NotFoundException)
        {
            return null;
        }
    }
}

/// <summary>A challenge as a file to sign with any tool: exactly its canonical bytes.</summary>
public static class ChallengeFile
{
    public static FileContentResult Of(SignatureChallenge challenge)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        return new FileContentResult(System.Text.Encoding.UTF8.GetBytes(challenge.Text), "text/plain; charset=utf-8") { FileDownloadName = $"senim-challenge-{challenge.Nonce}.txt" };
    }
}

/// <summary>What _ActSigning.cshtml shows: the challenge fixed for an act, how to sign it, and the signature's error.</summary>
/// <param name="FormId">The form the NCALayer script fills and submits.</param>
/// <param name="DownloadUrl">Where the challenge is downloaded as a file.</param>
public sealed record ActSigningView(SignatureChallenge Challenge, string FormId, string DownloadUrl, string? Error, string? SignatureText);

/// <summary>What _ActSignatures.cshtml lists: the signatures kept with a system's acts.</summary>
public sealed record ActSignaturesView(IReadOnlyList<ActSignature> Signatures);
