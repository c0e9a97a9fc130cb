using System.Text;
using System.Text.Json.Serialization;
using Senim.Registry.Organisations;
using Senim.Web.Features.CaseParts;
using Senim.Web.Infrastructure.Signing;

namespace Senim.Web.Features.Organisations;

/// <summary>
/// /api/v1: verifying organisations (a challenge, then its signature; or the supervisory body with evidence), BIN
/// disputes and their decisions, and challenges for signing an expert's recommendation or a supervisor's decision
/// (docs/organisations.md). A refused signature is a 400 whose error names the field "signature" and the reason's code.
/// </summary>
public static class VerificationApi
{
    public sealed record EvidenceDoc(Guid Id, string Method, DateTime At, bool Current, string? SignerSubject, string? SignerIssuer, string? CertificateSerial,
        DateTime? SigningTime, [property: JsonPropertyName("signature_sha256")] string? CmsSha256, string? Reason, string? EvidenceFile,
        [property: JsonPropertyName("evidence_sha256")] string? EvidenceSha256, string? EvidenceUrl);

    public sealed record HolderDoc(Guid Id, string Name);

    public sealed record DisputeDoc(Guid Id, string Bin, Guid ClaimantId, string? Claimant, Guid HolderId, string? Holder, string State, DateTime FiledAt,
        string Statement, string? EvidenceFile, [property: JsonPropertyName("evidence_sha256")] string? EvidenceSha256, DateTime? DecidedAt, string? Decision, int Version);

    public sealed record VerificationDoc(Guid OrganisationId, string Bin, string Name, string State, DateTime? VerifiedAt, bool SignaturesAvailable,
        HolderDoc? Holder, IReadOnlyList<EvidenceDoc> Evidence, IReadOnlyList<DisputeDoc> Disputes);

    /// <param name="Text">The challenge exactly as it must be signed (UTF-8).</param>
    /// <param name="TextBase64">The same bytes in Base64, as NCALayer's createCAdESFromBase64 takes them.</param>
    public sealed record ChallengeDoc(Guid Id, string Text, string TextBase64, string Nonce, DateTime IssuedAt, DateTime ExpiresAt);

    /// <param name="ChallengeId">The challenge the signature answers.</param>
    /// <param name="Signature">The CMS signature: Base64 (as NCALayer returns it) or PEM.</param>
    public sealed record SignatureBody(Guid? ChallengeId, string? Signature);

    /// <param name="Decision">transfer or reject.</param>
    public sealed record DisputeDecisionBody(string? Decision, string? Reason, int? Version);

    public sealed record RecommendationChallengeBody(string? Recommendation, string? Text);

    public sealed record DecisionChallengeBody(string? Decision, string? Reasons, string? Conditions, string? Deadline);

    public sealed record ActSignatureDoc(Guid Id, string Act, Guid EventId, string ContentSha256, [property: JsonPropertyName("signature_sha256")] string CmsSha256,
        string SignerSubject, string? SignerName, string SignerIssuer, string CertificateSerial, DateTime? SigningTime, DateTime VerifiedAt);

    public static IEndpointRouteBuilder MapVerificationApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Verification").RequireAuthorization().DisableAntiforgery();
        api.MapGet("/organisations/{id:guid}/verification", Overview)
            .Describe("GetVerification", "An organisation's verification: its state (unverified, signature, supervisor), the evidence kept, the verified organisation holding the same BIN (if another), its BIN disputes. Its admins, supervisors and platform admins.")
            .Produces<VerificationDoc>()
            .ProducesProblems(403, 404);
        api.MapPost("/organisations/{id:guid}/verification/challenge", Challenge)
            .Describe("IssueVerificationChallenge", "Issue a challenge (organisation, BIN, date, single-use nonce) to sign with a legal-entity certificate of the NCA carrying the organisation's BIN. Its admins, while it is unverified; 409 when this register has no trust anchors.")
            .Produces<ChallengeDoc>(StatusCodes.Status201Created)
            .ProducesProblems(403, 404, 409);
        api.MapPost("/organisations/{id:guid}/verification/signature", Signature)
            .Describe("VerifyBySignature", "Verify the organisation with a CMS/CAdES signature (Base64 or PEM, detached or attached) over a challenge issued to the caller. A refused signature is 400 with the field \"signature\" and the code signature.REASON (docs/signatures.md); a used or expired challenge is 409.")
            .AcceptsJson<SignatureBody>()
            .Produces<VerificationDoc>()
            .ProducesProblems(403, 404, 409);
        api.MapPost("/organisations/{id:guid}/verification/supervisor", Supervise)
            .Describe("VerifyBySupervisor", "The supervisory body verifies the organisation: multipart/form-data with \"reason\" (published in the log) and \"evidence\" (a file, at most 10 MB).")
            .Accepts<IFormFile>("multipart/form-data")
            .WithFormOptions(multipartBodyLengthLimit: VerificationModel.MaxRequestBytes)
            .Produces<VerificationDoc>()
            .ProducesProblems(400, 403, 404, 409, 413, 415);
        api.MapGet("/organisations/{id:guid}/verification/evidence/{verificationId:guid}", Evidence)
            .Describe("GetVerificationEvidence", "The evidence file of a supervisor's verification. Its admins, supervisors and platform admins.", 403, 404);
        api.MapPost("/organisations/{id:guid}/disputes", FileDispute)
            .Describe("FileBinDispute", "\"This BIN is ours\": an admin of an unverified organisation disputes the verified organisation holding the same BIN. multipart/form-data with \"statement\" and optionally \"evidence\" (a file). The supervisory body decides.")
            .Accepts<IFormFile>("multipart/form-data")
            .WithFormOptions(multipartBodyLengthLimit: VerificationModel.MaxRequestBytes)
            .Produces<DisputeDoc>(StatusCodes.Status201Created)
            .ProducesProblems(400, 403, 404, 409, 413, 415);
        api.MapGet("/disputes", Disputes)
            .Describe("ListBinDisputes", "The BIN disputes, open ones first (the supervisory body).")
            .Produces<IReadOnlyList<DisputeDoc>>()
            .ProducesProblems(403);
        api.MapPost("/disputes/{id:guid}/decision", DecideDispute)
            .Describe("DecideBinDispute", "The supervisory body decides a dispute: transfer (the claimant is verified, the holder becomes unverified; logged) or reject, with the reason. Needs If-Match (or version).")
            .AcceptsJson<DisputeDecisionBody>()
            .ChangesVersioned()
            .Produces<DisputeDoc>()
            .ProducesProblems(403, 404);
        api.MapPost("/systems/{id:guid}/review/recommendation/challenge", RecommendationChallenge)
            .Describe("IssueRecommendationChallenge", "Fix a recommendation for signing: the challenge names the act and the SHA-256 of its content. Send the same recommendation and text with challenge_id and signature to /review/recommendation.")
            .AcceptsJson<RecommendationChallengeBody>()
            .Produces<ChallengeDoc>(StatusCodes.Status201Created)
            .ProducesProblems(403, 404, 409);
        api.MapPost("/systems/{id:guid}/decision/challenge", DecisionChallenge)
            .Describe("IssueDecisionChallenge", "Fix a decision for signing (on the system's current version). Send the same decision with challenge_id and signature to /decision.")
            .AcceptsJson<DecisionChallengeBody>()
            .Produces<ChallengeDoc>(StatusCodes.Status201Created)
            .ProducesProblems(403, 404, 409);
        api.MapGet("/systems/{id:guid}/act-signatures", ActSignatures)
            .Describe("ListActSignatures", "The digital signatures kept with the system's recommendations and decisions: signer, certificate serial, time. The supervisory body, platform admins and the system's experts.")
            .Produces<IReadOnlyList<ActSignatureDoc>>()
            .ProducesProblems(403, 404);
        return app;
    }

    private static async Task<Ok<VerificationDoc>> Overview(Guid id, HttpContext context, CurrentActor current, OrganisationVerificationService verifications, LinkGenerator links)
    {
        var overview = await verifications.OverviewAsync(await current.GetAsync(), id, context.RequestAborted);
        return TypedResults.Ok(Doc(overview, context, links));
    }

    private static async Task<Created<ChallengeDoc>> Challenge(Guid id, HttpContext context, CurrentActor current, OrganisationVerificationService verifications, PublicAddress address, LinkGenerator links)
    {
        var issued = await verifications.IssueChallengeAsync(await current.GetAsync(), id, address.For(context.Request), context.RequestAborted);
        return TypedResults.Created(links.GetPathByName(context, "GetVerification", new { id }), Doc(issued));
    }

    private static async Task<Ok<VerificationDoc>> Signature(Guid id, HttpContext context, CurrentActor current, OrganisationVerificationService verifications, LinkGenerator links)
    {
        var body = await JsonBody.ReadAsync<SignatureBody>(context.Request, BodyLimits.Record);
        var answer = SignedAnswers.Of(body.ChallengeId, body.Signature) ?? throw JsonBody.Required("challenge_id", "give the challenge and the signature");
        var actor = await current.GetAsync();
        await verifications.VerifyBySignatureAsync(actor, id, answer, context.RequestAborted);
        return TypedResults.Ok(Doc(await verifications.OverviewAsync(actor, id, context.RequestAborted), context, links));
    }

    private static async Task<Results<Ok<VerificationDoc>, ProblemHttpResult>> Supervise(Guid id, HttpContext context, CurrentActor current, OrganisationVerificationService verifications, LinkGenerator links)
    {
        var actor = await current.GetAsync();
        OrganisationVerificationService.RequireSupervisor(actor);
        var (form, problem) = await MultipartBody.ReadAsync(context.Request, "the evidence in a field named \"evidence\" and the reason in \"reason\"", DocumentService.MaxAttachmentBytes / 1024 / 1024, context.RequestAborted);
        if (problem is not null)
        {
            return problem;
        }

        var file = form!.Files.GetFile("evidence");
        await using var content = file?.OpenReadStream();
        await verifications.VerifyBySupervisorAsync(actor, id, form["reason"].ToString(), EvidenceFile.Of(file, content), context.RequestAborted);
        return TypedResults.Ok(Doc(await verifications.OverviewAsync(actor, id, context.RequestAborted), context, links));
    }

    private static async Task<IResult> Evidence(Guid id, Guid verificationId, HttpContext context, CurrentActor current, OrganisationVerificationService verifications)
    {
        var (stored, content) = await verifications.OpenEvidenceAsync(await current.GetAsync(), id, verificationId, context.RequestAborted);
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.File(content, stored.EvidenceContentType ?? "application/octet-stream", stored.EvidenceFileName);
    }

    private static async Task<Results<Created<DisputeDoc>, ProblemHttpResult>> FileDispute(Guid id, HttpContext context, CurrentActor current, OrganisationVerificationService verifications, BinDisputeService disputes, LinkGenerator links)
    {
        var actor = await current.GetAsync();
        await verifications.LoadAsync(actor, id, tracked: false, context.RequestAborted);
        var (form, problem) = await MultipartBody.ReadAsync(context.Request, "the statement in a field named \"statement\" (and optionally a file in \"evidence\")", DocumentService.MaxAttachmentBytes / 1024 / 1024, context.RequestAborted);
        if (problem is not null)
        {
            return problem;
        }

        var file = form!.Files.GetFile("evidence");
        await using var content = file?.OpenReadStream();
        var dispute = await disputes.FileAsync(actor, id, form["statement"].ToString(), EvidenceFile.Of(file, content), context.RequestAborted);
        return TypedResults.Created(links.GetPathByName(context, "GetVerification", new { id }), Doc(dispute));
    }

    private static async Task<Ok<IReadOnlyList<DisputeDoc>>> Disputes(CurrentActor current, BinDisputeService disputes, CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<DisputeDoc>>([.. (await disputes.ListAsync(await current.GetAsync(), cancellationToken)).Select(Doc)]);

    private static async Task<Ok<DisputeDoc>> DecideDispute(Guid id, HttpRequest request, CurrentActor current, BinDisputeService disputes)
    {
        var body = await JsonBody.ReadAsync<DisputeDecisionBody>(request);
        var transfer = body.Decision switch
        {
            "transfer" => true,
            "reject" => false,
            _ => throw Invalid.Field("decision", "dispute-decision-invalid", "use transfer or reject"),
        };
        var expected = ApiVersions.Expected(request, body.Version);
        var actor = await current.GetAsync();
        var decided = await disputes.DecideAsync(actor, id, transfer, body.Reason, expected, request.HttpContext.RequestAborted);
        ApiVersions.SetETag(request.HttpContext.Response, decided.Version);
        return TypedResults.Ok(Doc(await disputes.GetAsync(actor, id, request.HttpContext.RequestAborted)));
    }

    private static async Task<Created<ChallengeDoc>> RecommendationChallenge(Guid id, HttpContext context, CurrentActor current, ActSignatureService acts, PublicAddress address, LinkGenerator links)
    {
        var body = await JsonBody.ReadAsync<RecommendationChallengeBody>(context.Request);
        var recommendation = ReviewCodes.ParseRecommendation(body.Recommendation)
            ?? throw Invalid.Field("recommendation", "recommendation-invalid", "use register, register-with-conditions or refuse");
        var issued = await acts.IssueForRecommendationAsync(await current.GetAsync(), id, recommendation, body.Text, address.For(context.Request), context.RequestAborted);
        return TypedResults.Created(links.GetPathByName(context, "ListActSignatures", new { id }), Doc(issued));
    }

    private static async Task<Created<ChallengeDoc>> DecisionChallenge(Guid id, HttpContext context, CurrentActor current, ActSignatureService acts, PublicAddress address, LinkGenerator links)
    {
        var body = await JsonBody.ReadAsync<DecisionChallengeBody>(context.Request);
        var input = DecisionInput.Parse(body.Decision, body.Reasons ?? "", body.Conditions, body.Deadline);
        var issued = await acts.IssueForDecisionAsync(await current.GetAsync(), id, input, address.For(context.Request), context.RequestAborted);
        return TypedResults.Created(links.GetPathByName(context, "ListActSignatures", new { id }), Doc(issued));
    }

    private static async Task<Ok<IReadOnlyList<ActSignatureDoc>>> ActSignatures(Guid id, CurrentActor current, SystemService systems, ActSignatureService acts, CancellationToken cancellationToken)
    {
        var access = await systems.OpenAsync(await current.GetAsync(), id, SystemPurpose.Read, cancellationToken);
        if (!access.SeesPanel && access.LatestAssignment is null)
        {
            throw new ForbiddenException("act-signatures-reviewers", "The signatures on acts are shown to the supervisory body, platform admins and the system's experts.");
        }

        return TypedResults.Ok<IReadOnlyList<ActSignatureDoc>>([.. (await acts.ForSystemAsync(access, cancellationToken)).Select(a => new ActSignatureDoc(
            a.Id, a.Act == ChallengeUse.Decision ? "decision" : "recommendation", a.EventId, a.ContentSha256, a.CmsSha256, a.SignerSubject, a.SignerName, a.SignerIssuer,
            a.CertificateSerial, ApiValues.Utc(a.SigningTime), ApiValues.Utc(a.VerifiedAt)))]);
    }

    internal static ChallengeDoc Doc(SignatureChallenge c) =>
        new(c.Id, c.Text, Convert.ToBase64String(Encoding.UTF8.GetBytes(c.Text)), c.Nonce, ApiValues.Utc(c.IssuedAt), ApiValues.Utc(c.ExpiresAt));

    private static DisputeDoc Doc(BinDispute d) =>
        new(d.Id, d.Bin, d.ClaimantId, d.Claimant?.Name, d.HolderId, d.Holder?.Name, TextTable.Kebab(d.State.ToString()), ApiValues.Utc(d.FiledAt), d.Statement,
            d.EvidenceFileName, d.EvidenceSha256, ApiValues.Utc(d.DecidedAt), d.Decision, d.Version);

    private static VerificationDoc Doc(VerificationOverview o, HttpContext context, LinkGenerator links) => new(
        o.Organisation.Id, o.Organisation.Bin, o.Organisation.Name, o.Organisation.Verification.Code(), ApiValues.Utc(o.Organisation.VerifiedAt), o.CanSign,
        o.Holder is { } h ? new HolderDoc(h.Id, h.Name) : null,
        [.. o.Evidence.Select(v => new EvidenceDoc(v.Id, v.Method.Code(), ApiValues.Utc(v.At), v.Current, v.SignerSubject, v.SignerIssuer, v.CertificateSerial,
            ApiValues.Utc(v.SigningTime), v.CmsSha256, v.Reason, v.EvidenceFileName, v.EvidenceSha256,
            v.EvidenceStorageKey is null ? null : links.GetPathByName(context, "GetVerificationEvidence", new { id = o.Organisation.Id, verificationId = v.Id })))],
        [.. o.Disputes.Select(Doc)]);
}
