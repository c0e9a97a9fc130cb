namespace Senim.Registry.Model;

/// <summary>Whether an organisation has proved that it is the holder of its BIN, and how.</summary>
public enum VerificationState
{
    /// <summary>Not proved: nothing is published in its name, no label certificate is issued to it.</summary>
    Unverified,

    /// <summary>A person signed a challenge with a legal-entity certificate of the NCA carrying the organisation's BIN.</summary>
    Signature,

    /// <summary>The supervisory body verified it with uploaded evidence and a reason (or decided a BIN dispute for it).</summary>
    Supervisor,
}

/// <summary>The codes of <see cref="VerificationState"/> in the API, the log and the pages' tables.</summary>
public static class VerificationStates
{
    public static IReadOnlyList<VerificationState> All { get; } = Enum.GetValues<VerificationState>();

    public static string Code(this VerificationState state) => state switch
    {
        VerificationState.Unverified => "unverified",
        VerificationState.Signature => "signature",
        VerificationState.Supervisor => "supervisor",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };
}

/// <summary>
/// The evidence of one verification of an organisation, kept with it: the signature file and what the verifier
/// learned from the certificate, or the supervisor's evidence file and reason. Visible to the organisation's admins,
/// the supervisory body and platform admins; the public log gets only hashes and the method.
/// </summary>
public sealed class OrganisationVerification
{
    public Guid Id { get; set; }

    public Guid OrganisationId { get; set; }

    /// <summary><see cref="VerificationState.Signature"/> or <see cref="VerificationState.Supervisor"/>.</summary>
    public VerificationState Method { get; set; }

    /// <summary>The BIN verified (the organisation's BIN at the time).</summary>
    public string Bin { get; set; } = "";

    public DateTime At { get; set; }

    /// <summary>Who verified: the signer's account (signature) or the supervisor.</summary>
    public Guid? ActorId { get; set; }

    public string ActorName { get; set; } = "";

    /// <summary>False once the verification no longer holds (the BIN was transferred to another organisation).</summary>
    public bool Current { get; set; } = true;

    /// <summary>The public event this verification appended to the log.</summary>
    public Guid EventId { get; set; }

    /// <summary>The signed challenge (its canonical text), for a signature.</summary>
    public string? Challenge { get; set; }

    /// <summary>The signature file as received (DER after decoding PEM or Base64), for a signature.</summary>
    public byte[]? Cms { get; set; }

    /// <summary>Lower-case hex SHA-256 of <see cref="Cms"/>: what the public log records.</summary>
    public string? CmsSha256 { get; set; }

    public string? SignerSubject { get; set; }

    public string? SignerIssuer { get; set; }

    /// <summary>The certificate's serial number (upper-case hex).</summary>
    public string? CertificateSerial { get; set; }

    public string? CertificateSha256 { get; set; }

    /// <summary>The signer's IIN from the certificate: personal data, never published.</summary>
    public string? SignerIin { get; set; }

    /// <summary>The NCA role of the certificate (first head, employee, ...), as the verifier names it.</summary>
    public string? SignerRole { get; set; }

    /// <summary>The signingTime attribute (UTC), when the signature carries one.</summary>
    public DateTime? SigningTime { get; set; }

    /// <summary>The supervisor's reason (published with the event: it must hold no personal data).</summary>
    public string? Reason { get; set; }

    public string? EvidenceFileName { get; set; }

    public string? EvidenceContentType { get; set; }

    public long? EvidenceSize { get; set; }

    /// <summary>Lower-case hex SHA-256 of the supervisor's evidence file: what the public log records.</summary>
    public string? EvidenceSha256 { get; set; }

    public string? EvidenceStorageKey { get; set; }
}

/// <summary>What a challenge is for.</summary>
public enum ChallengeUse
{
    /// <summary>Verifying an organisation by signature.</summary>
    Organisation,

    /// <summary>Signing an expert's recommendation.</summary>
    Recommendation,

    /// <summary>Signing a supervisor's decision.</summary>
    Decision,

    /// <summary>Signing a decision of an enforcement case (docs/enforcement.md).</summary>
    EnforcementDecision,
}

/// <summary>
/// A challenge issued to one person, kept until it is signed (once) or expires: its canonical text is what the
/// signature must cover byte for byte, and its nonce is unique, so a signature cannot be used twice.
/// </summary>
public sealed class SignatureChallenge
{
    public Guid Id { get; set; }

    public ChallengeUse Use { get; set; }

    /// <summary>The organisation to verify, or the one that owns the system an act is about.</summary>
    public Guid OrganisationId { get; set; }

    /// <summary>The system an act is about (acts only).</summary>
    public Guid? SystemId { get; set; }

    /// <summary>The enforcement case a decision is about (<see cref="ChallengeUse.EnforcementDecision"/> only).</summary>
    public Guid? CaseId { get; set; }

    /// <summary>The person the challenge was issued to; only they may answer it.</summary>
    public Guid IssuedTo { get; set; }

    /// <summary>The challenge's nonce (unique).</summary>
    public string Nonce { get; set; } = "";

    /// <summary>The canonical challenge text (senim-challenge/1).</summary>
    public string Text { get; set; } = "";

    /// <summary>For an act: its canonical content (RFC 8785 JSON), whose SHA-256 the challenge names.</summary>
    public string? ActContent { get; set; }

    public DateTime IssuedAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    /// <summary>When a signature over it was accepted; a used challenge accepts no other.</summary>
    public DateTime? UsedAt { get; set; }

    public int Version { get; set; }
}

/// <summary>How a BIN dispute stands.</summary>
public enum DisputeState
{
    Open,

    /// <summary>The supervisory body gave the BIN to the claimant.</summary>
    Transferred,

    /// <summary>The supervisory body kept the BIN with its holder.</summary>
    Rejected,
}

/// <summary>
/// "This BIN is ours": a person acting for an unverified organisation disputes the verified organisation that holds
/// the same BIN. The supervisory body decides: transfer the BIN (the holder becomes unverified, the claimant
/// verified by the decision) or reject, with a reason; either decision is kept, a transfer is logged.
/// </summary>
public sealed class BinDispute
{
    public Guid Id { get; set; }

    public string Bin { get; set; } = "";

    /// <summary>The organisation that claims the BIN.</summary>
    public Guid ClaimantId { get; set; }

    public Organisation? Claimant { get; set; }

    /// <summary>The verified organisation holding the BIN when the dispute was filed.</summary>
    public Guid HolderId { get; set; }

    public Organisation? Holder { get; set; }

    public Guid FiledBy { get; set; }

    public string FiledByName { get; set; } = "";

    public DateTime FiledAt { get; set; }

    /// <summary>Why the claimant says the BIN is theirs.</summary>
    public string Statement { get; set; } = "";

    public string? EvidenceFileName { get; set; }

    public string? EvidenceContentType { get; set; }

    public long? EvidenceSize { get; set; }

    public string? EvidenceSha256 { get; set; }

    public string? EvidenceStorageKey { get; set; }

    public DisputeState State { get; set; }

    public DateTime? DecidedAt { get; set; }

    public Guid? DecidedBy { get; set; }

    public string? DecidedByName { get; set; }

    /// <summary>The supervisor's reason (published with a transfer: it must hold no personal data).</summary>
    public string? Decision { get; set; }

    public int Version { get; set; }
}

/// <summary>
/// A public event about an organisation, appended to the transparency log in the same transaction: a verification
/// or a BIN transfer. It carries no personal data: the organisation, its BIN and name, the method, the SHA-256 of the
/// evidence (signature file or uploaded document) and the supervisor's published reason.
/// </summary>
public sealed class OrganisationEvent
{
    /// <summary>Entry kinds of organisation events.</summary>
    public const string Verification = "organisation-verification";

    public const string Transfer = "bin-transfer";

    public Guid Id { get; set; }

    public Guid OrganisationId { get; set; }

    /// <summary><see cref="Verification"/> or <see cref="Transfer"/>.</summary>
    public string Kind { get; set; } = "";

    public DateTime At { get; set; }

    public string Bin { get; set; } = "";

    /// <summary>The organisation's name at the time.</summary>
    public string Name { get; set; } = "";

    /// <summary>How it was verified (a <see cref="VerificationState"/> code).</summary>
    public string Method { get; set; } = "";

    /// <summary>SHA-256 of the signature file or of the uploaded evidence.</summary>
    public string? EvidenceSha256 { get; set; }

    /// <summary>The supervisor's reason, published.</summary>
    public string? Reason { get; set; }

    /// <summary>For a transfer: the organisation that held the BIN before.</summary>
    public Guid? FromOrganisationId { get; set; }
}

/// <summary>
/// A digital signature over an act (an expert's recommendation, a supervisor's decision), kept with it: the act's
/// canonical content and its SHA-256, the challenge that named them, the signature file and what the verifier found.
/// </summary>
public sealed class ActSignature
{
    public Guid Id { get; set; }

    /// <summary>The system the act is about; null for an enforcement case that names none.</summary>
    public Guid? SystemId { get; set; }

    /// <summary>The enforcement case of a signed enforcement decision.</summary>
    public Guid? CaseId { get; set; }

    /// <summary><see cref="ChallengeUse.Recommendation"/>, <see cref="ChallengeUse.Decision"/> or <see cref="ChallengeUse.EnforcementDecision"/>.</summary>
    public ChallengeUse Act { get; set; }

    /// <summary>The workflow event the act made.</summary>
    public Guid EventId { get; set; }

    /// <summary>The act's canonical content (RFC 8785 JSON).</summary>
    public string Content { get; set; } = "";

    public string ContentSha256 { get; set; } = "";

    /// <summary>The signed challenge text.</summary>
    public string Challenge { get; set; } = "";

    public byte[] Cms { get; set; } = [];

    /// <summary>SHA-256 of the signature file: what the public log entry of a decision records.</summary>
    public string CmsSha256 { get; set; } = "";

    public Guid SignedBy { get; set; }

    public string SignerSubject { get; set; } = "";

    /// <summary>The signer's name from the certificate (CN).</summary>
    public string? SignerName { get; set; }

    public string SignerIssuer { get; set; } = "";

    public string CertificateSerial { get; set; } = "";

    public DateTime? SigningTime { get; set; }

    /// <summary>When Senim verified it (the signature was valid then: an invalid one is never stored).</summary>
    public DateTime VerifiedAt { get; set; }
}
