using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Senim.Ledger.Json;
using Senim.Registry.Services;
using Senim.Registry.Workflow;
using Senim.Signatures.Challenges;

namespace Senim.Registry.Organisations;

/// <summary>
/// Digital signatures on acts (docs/organisations.md): an expert's recommendation and a supervisor's decision can be
/// signed over a challenge that names the act and the SHA-256 of its canonical content (RFC 8785 JSON of what the act
/// says). The act is fixed first (a challenge is issued for exactly that content), then sent with the signature; the
/// register checks that the act sent is the act signed, verifies the signature and keeps it with the act. Optional per
/// deployment, required when <see cref="SignatureTrust.RequireSignedActs"/> is set.
/// </summary>
public sealed class ActSignatureService(RegistryDb db, SystemService systems, SignedChallenges challenges, SignatureTrust trust, TimeProvider time)
{
    /// <summary>Whether a signature can be verified here, and whether acts need one.</summary>
    public SignatureTrust Trust => trust;

    /// <summary>Set while demo data is made: the demo's acts are unsigned even where signed acts are required.</summary>
    internal bool Seeding { get; set; }

    /// <summary>The canonical content of an expert's recommendation: what a signature over it covers.</summary>
    public static string RecommendationContent(Guid systemId, Guid assignmentId, Recommendation recommendation, string text) =>
        Canonical(w =>
        {
            w.WriteString("act", "recommendation");
            w.WriteString("system", systemId);
            w.WriteString("assignment", assignmentId);
            w.WriteString("recommendation", recommendation switch
            {
                Recommendation.Register => "register",
                Recommendation.RegisterWithConditions => "register-with-conditions",
                _ => "refuse",
            });
            w.WriteString("text", (text ?? "").Trim());
        });

    /// <summary>The canonical content of a supervisor's decision on the system at <paramref name="version"/>.</summary>
    public static string DecisionContent(Guid systemId, int version, DecisionInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Canonical(w =>
        {
            w.WriteString("act", "decision");
            w.WriteString("system", systemId);
            w.WriteNumber("version", version);
            w.WriteString("decision", input.Decision.Code());
            Optional(w, "reasons", input.Reasons);
            Optional(w, "conditions", input.Decision == Decision.RegisterWithConditions ? input.Conditions : null);
            Optional(w, "deadline", input.Decision == Decision.RegisterWithConditions ? input.Deadline?.ToString(DecisionInput.DateFormat, CultureInfo.InvariantCulture) : null);
        });
    }

    /// <summary>
    /// The canonical content of an enforcement decision on the case at <paramref name="version"/>: what it decides, the
    /// published reasons, and for a fine the category, the offence date and the amount computed, so the signer signs the sum.
    /// </summary>
    public static string EnforcementDecisionContent(Guid caseId, int version, string decision, string? reasons, string? category, DateOnly? offenceDate,
        decimal? fineUnits, decimal? fineAmount, int? unitYear, bool suspension) =>
        Canonical(w =>
        {
            w.WriteString("act", "enforcement-decision");
            w.WriteString("case", caseId);
            w.WriteNumber("version", version);
            w.WriteString("decision", decision);
            Optional(w, "reasons", reasons);
            Optional(w, "category", category);
            Optional(w, "offence_date", offenceDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            Optional(w, "fine_units", fineUnits?.ToString("0.##", CultureInfo.InvariantCulture));
            Optional(w, "fine_amount_kzt", fineAmount?.ToString("0.##", CultureInfo.InvariantCulture));
            if (unitYear is { } year)
            {
                w.WriteNumber("mci_year", year);
            }
            else
            {
                w.WriteNull("mci_year");
            }

            w.WriteBoolean("suspension_ordered", suspension);
        });

    /// <summary>An assigned expert fixes a recommendation for signing: the challenge names it (its id, what it recommends, the text's hash).</summary>
    public async Task<SignatureChallenge> IssueForRecommendationAsync(Actor actor, Guid systemId, Recommendation recommendation, string? text, Uri origin, CancellationToken cancellationToken = default)
    {
        var access = await systems.OpenAsync(actor, systemId, SystemPurpose.Workflow, cancellationToken);
        var assignment = access.RequireAssignment(declared: true);
        if (assignment.Recommendation is not null)
        {
            throw new RuleException("already-recommended", "You already recommended '{0}' on {1}; a recommendation cannot be given twice.",
                assignment.Recommendation.Value.ToString(), assignment.RecommendedAt!.Value.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
        }

        RequireStatus(access, WorkflowAction.Recommend);
        var errors = new FieldErrors();
        OrganisationVerificationService.RequireText(errors, "text", text);
        errors.ThrowIfAny();
        var content = RecommendationContent(systemId, assignment.Id, recommendation, text!);
        return await IssueAsync(access, ChallengeUse.Recommendation, $"{Reference(access.System)}/recommendation/{assignment.Id:N}", content, origin, cancellationToken);
    }

    /// <summary>The supervisory body fixes a decision for signing: the challenge names the decision on the system's current version.</summary>
    public async Task<SignatureChallenge> IssueForDecisionAsync(Actor actor, Guid systemId, DecisionInput input, Uri origin, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var access = await systems.OpenAsync(actor, systemId, SystemPurpose.Workflow, cancellationToken);
        access.RequireSupervisor();
        RequireStatus(access, input.Action);
        input.Validate(DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
        var content = DecisionContent(systemId, access.System.Version, input);
        return await IssueAsync(access, ChallengeUse.Decision, $"{Reference(access.System)}/decision/v{access.System.Version}", content, origin, cancellationToken);
    }

    /// <summary>The supervisory body fixes an enforcement decision for signing (its content from <see cref="EnforcementDecisionContent"/>).</summary>
    internal async Task<SignatureChallenge> IssueForCaseAsync(Actor actor, Guid organisationId, Guid caseId, string reference, string content, Uri origin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(origin);
        trust.Require();
        var challenge = Challenge.ForAct(reference, SHA256.HashData(Encoding.UTF8.GetBytes(content)), null, null,
            DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), new Uri(origin.GetLeftPart(UriPartial.Authority) + "/"));
        return await challenges.IssueAsync(actor, ChallengeUse.EnforcementDecision, organisationId, null, challenge, content, cancellationToken, caseId);
    }

    /// <summary>The challenge issued to the actor for an enforcement case's decision (to show or download it again).</summary>
    public async Task<SignatureChallenge> CaseChallengeAsync(Actor actor, Guid caseId, Guid challengeId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var row = await db.SignatureChallenges.AsNoTracking().FirstOrDefaultAsync(c => c.Id == challengeId && c.CaseId == caseId && c.IssuedTo == actor.UserId && c.Use == ChallengeUse.EnforcementDecision, cancellationToken);
        return row ?? throw new NotFoundException("challenge", challengeId);
    }

    /// <summary>The signatures kept with an enforcement case's decisions, oldest first (the case's readers see them).</summary>
    public async Task<IReadOnlyList<ActSignature>> ForCaseAsync(Guid caseId, CancellationToken cancellationToken = default) =>
        await db.ActSignatures.AsNoTracking().Where(a => a.CaseId == caseId).OrderBy(a => a.VerifiedAt).ToListAsync(cancellationToken);

    /// <summary>The challenge issued to the actor for an act on the system (to show or download it again).</summary>
    public async Task<SignatureChallenge> ChallengeAsync(Actor actor, Guid systemId, Guid challengeId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var row = await db.SignatureChallenges.AsNoTracking().FirstOrDefaultAsync(c => c.Id == challengeId && c.SystemId == systemId && c.IssuedTo == actor.UserId && c.Use != ChallengeUse.Organisation, cancellationToken);
        return row ?? throw new NotFoundException("challenge", challengeId);
    }

    /// <summary>
    /// The signatures kept with the system's acts, oldest first: all of them for the supervisory body and platform admins;
    /// for anyone else (an expert on the panel) their own and the decisions, so an expert does not learn another's recommendation.
    /// </summary>
    public Task<IReadOnlyList<ActSignature>> ForSystemAsync(SystemAccess access, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(access);
        return ForSystemAsync(access.Id, access.Actor, access.SeesPanel, cancellationToken);
    }

    /// <summary>
    /// The same for a system a case page has already opened for <paramref name="actor"/> (its case file authorised the
    /// reader): <paramref name="seesPanel"/> for the supervisory body and platform admins, else the actor's own and the decisions.
    /// </summary>
    public async Task<IReadOnlyList<ActSignature>> ForSystemAsync(Guid systemId, Actor actor, bool seesPanel, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var me = actor.UserId;
        return await db.ActSignatures.AsNoTracking()
            .Where(a => a.SystemId == systemId && (seesPanel || a.Act == ChallengeUse.Decision || a.SignedBy == me))
            .OrderBy(a => a.VerifiedAt).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The signature sent with an act, verified: the act sent must be the one the challenge names, the challenge the
    /// actor's, unused and unexpired, the signature valid. Null when none was sent and none is required. The result and
    /// the used challenge are staged on the context; the workflow saves them with the act's event.
    /// </summary>
    internal Task<ActSignature?> AcceptAsync(SystemAccess access, ChallengeUse use, string content, SignedAnswer? answer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(access);
        return AcceptAsync(access.Actor, use, access.Id, access.Id, null, content, answer, cancellationToken);
    }

    /// <summary>The same for an enforcement case's decision: the challenge must name the case.</summary>
    internal Task<ActSignature?> AcceptForCaseAsync(Actor actor, Guid caseId, Guid? systemId, string content, SignedAnswer? answer, CancellationToken cancellationToken) =>
        AcceptAsync(actor, ChallengeUse.EnforcementDecision, caseId, systemId, caseId, content, answer, cancellationToken);

    private async Task<ActSignature?> AcceptAsync(Actor actor, ChallengeUse use, Guid subjectId, Guid? systemId, Guid? caseId, string content, SignedAnswer? answer, CancellationToken cancellationToken)
    {
        if (answer is null)
        {
            if (trust.RequireSignedActs && !Seeding)
            {
                throw new RuleException("act-signature-required", "This register requires recommendations and decisions to be digitally signed: fix the act for signing, sign the challenge (NCALayer, or any tool, uploading the signature), then send it with the signature.");
            }

            return null;
        }

        var row = await challenges.FindAsync(actor, answer.ChallengeId, use, subjectId, cancellationToken);
        if (!string.Equals(row.ActContent, content, StringComparison.Ordinal))
        {
            throw new RuleException("act-changed", "What was sent differs from the act the challenge names (its text, decision or the system's version changed): fix it for signing again and sign the new challenge.");
        }

        var accepted = await challenges.AnswerAsync(row, answer.Signature, request => request with { ExpectedBin = null, RequireLegalEntity = false }, cancellationToken);
        var signer = accepted.Verdict.Signer!;
        return new ActSignature
        {
            Id = Guid.NewGuid(),
            SystemId = systemId,
            CaseId = caseId,
            Act = use,
            Content = content,
            ContentSha256 = Sha256(content),
            Challenge = row.Text,
            Cms = answer.Signature.ToArray(),
            CmsSha256 = accepted.Verdict.CmsSha256!,
            SignedBy = actor.UserId,
            SignerSubject = signer.Subject,
            SignerName = signer.Holder.CommonName,
            SignerIssuer = signer.Issuer,
            CertificateSerial = signer.SerialNumber,
            SigningTime = accepted.Verdict.SigningTime?.UtcDateTime,
            VerifiedAt = accepted.Verdict.CheckedAt.UtcDateTime,
        };
    }

    private async Task<SignatureChallenge> IssueAsync(SystemAccess access, ChallengeUse use, string reference, string content, Uri origin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(origin);
        trust.Require();
        var challenge = Challenge.ForAct(reference, SHA256.HashData(Encoding.UTF8.GetBytes(content)), null, null,
            DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), new Uri(origin.GetLeftPart(UriPartial.Authority) + "/"));
        return await challenges.IssueAsync(access.Actor, use, access.System.OrganisationId, access.Id, challenge, content, cancellationToken);
    }

    private static void RequireStatus(SystemAccess access, WorkflowAction action)
    {
        if (!RegistrationWorkflow.Allows(action, access.System.Status))
        {
            throw new RuleException("transition", "A system that is {0} cannot be {1}: allowed from {2}.", access.System.Status.Code(), action.Code(),
                string.Join(", ", RegistrationWorkflow.Get(action).From.Select(s => s.Code())));
        }
    }

    private static string Reference(AiSystem system) => system.RegisterNumber ?? system.Id.ToString("N");

    private static string Sha256(string content) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));

    private static string Canonical(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("format", "senim.act/1");
            write(w);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(JsonCanonicalizer.Canonicalize(buffer.ToArray()));
    }

    private static void Optional(Utf8JsonWriter w, string name, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value.Trim());
        }
    }
}
