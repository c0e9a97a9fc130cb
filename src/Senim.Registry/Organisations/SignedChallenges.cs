using System.Text;
using Senim.Signatures.Challenges;
using Senim.Signatures.Verification;

namespace Senim.Registry.Organisations;

/// <summary>A signature sent in answer to a challenge: the challenge's id and the signature file (DER, PEM or Base64).</summary>
public sealed record SignedAnswer(Guid ChallengeId, ReadOnlyMemory<byte> Signature);

/// <summary>A challenge answered with a valid signature: its row (marked used, staged on the context), its text and the verdict.</summary>
internal sealed record AcceptedAnswer(SignatureChallenge Row, Challenge Challenge, SignatureVerdict Verdict);

/// <summary>
/// Issues challenges to a person and takes their signed answers, for organisation verification and signed acts
/// alike: a challenge is kept with its issue time and single-use nonce, answers only the person it was issued to,
/// expires, and accepts exactly one valid signature (a concurrency token makes a second one lose even in a race).
/// </summary>
public sealed class SignedChallenges(RegistryDb db, SignatureTrust trust, TimeProvider time)
{
    /// <summary>How many unanswered challenges one person keeps; older ones are dropped when a new one is issued.</summary>
    public const int MaxOpenPerPerson = 20;

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>Keeps <paramref name="challenge"/> for <paramref name="actor"/> (saved at once): the register's record of what must be signed.</summary>
    internal async Task<SignatureChallenge> IssueAsync(Actor actor, ChallengeUse use, Guid organisationId, Guid? systemId, Challenge challenge, string? actContent, CancellationToken cancellationToken, Guid? caseId = null)
    {
        var now = Now;
        var open = await db.SignatureChallenges.Where(c => c.IssuedTo == actor.UserId && c.UsedAt == null).OrderByDescending(c => c.IssuedAt).ToListAsync(cancellationToken);
        db.SignatureChallenges.RemoveRange(open.Where((c, i) => c.ExpiresAt < now || i >= MaxOpenPerPerson - 1));
        var row = new SignatureChallenge
        {
            Id = Guid.NewGuid(),
            Use = use,
            OrganisationId = organisationId,
            SystemId = systemId,
            CaseId = caseId,
            IssuedTo = actor.UserId,
            Nonce = challenge.Nonce,
            Text = challenge.ToString(),
            ActContent = actContent,
            IssuedAt = now,
            ExpiresAt = now + trust.ChallengeLifetime,
            Version = 1,
        };
        db.SignatureChallenges.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        return row;
    }

    /// <summary>The challenge <paramref name="challengeId"/> as issued to <paramref name="actor"/> for <paramref name="use"/> on <paramref name="subjectId"/> (an organisation, a system for acts, an enforcement case for its decision); 404 for anyone else's.</summary>
    internal async Task<SignatureChallenge> FindAsync(Actor actor, Guid challengeId, ChallengeUse use, Guid subjectId, CancellationToken cancellationToken)
    {
        var row = await db.SignatureChallenges.FirstOrDefaultAsync(c => c.Id == challengeId && c.Use == use, cancellationToken);
        var subject = use switch
        {
            ChallengeUse.Organisation => row?.OrganisationId,
            ChallengeUse.EnforcementDecision => row?.CaseId,
            _ => row?.SystemId,
        };
        if (row is null || row.IssuedTo != actor.UserId || subject != subjectId)
        {
            throw new NotFoundException("challenge", challengeId);
        }

        return row;
    }

    /// <summary>
    /// Verifies the answer: the challenge is unused and unexpired, the signature covers its text byte for byte with the
    /// checks <paramref name="adjust"/> adds (the organisation's BIN, a legal entity); a refusal is a validation error
    /// of the "signature" field naming the reason. On success the challenge is marked used on the context; the caller
    /// saves it with the change the signature makes.
    /// </summary>
    internal async Task<AcceptedAnswer> AnswerAsync(SignatureChallenge row, ReadOnlyMemory<byte> signature, Func<SignatureRequest, SignatureRequest> adjust, CancellationToken cancellationToken)
    {
        if (row.UsedAt is { } used)
        {
            throw new RuleException("challenge-used", "This challenge was already answered with a valid signature on {0:yyyy-MM-dd HH:mm} UTC; a challenge is signed once. Ask for a new one.", used);
        }

        if (row.ExpiresAt < Now)
        {
            throw new RuleException("challenge-expired", "This challenge expired on {0:yyyy-MM-dd HH:mm} UTC; ask for a new one and sign it.", row.ExpiresAt);
        }

        if (signature.IsEmpty)
        {
            var errors = new FieldErrors();
            errors.Add(SignatureRefusals.Field, "signature-required", "attach the signature file (.cms or .p7s, DER, PEM or Base64) or sign with NCALayer");
            errors.ThrowIfAny();
        }

        var verifier = trust.Require();
        var challenge = Challenge.Parse(Encoding.UTF8.GetBytes(row.Text));
        var request = adjust(SignatureRequest.ForChallenge(signature, challenge, new DateTimeOffset(row.IssuedAt, TimeSpan.Zero)));
        var verdict = await verifier.VerifyAsync(request, cancellationToken);
        if (verdict.Failure is { } failure)
        {
            throw SignatureRefusals.Refused(failure);
        }

        row.UsedAt = Now;
        row.Version++;
        return new AcceptedAnswer(row, challenge, verdict);
    }
}
