using Senim.Signatures.Verification;

namespace Senim.Registry.Organisations;

/// <summary>
/// What the register trusts for digital signatures, as the host configured it: the verifier (null when no trust
/// anchors are configured, and then nobody can verify by signature), whether recommendations and decisions must be
/// signed, and how long a challenge may wait for its signature.
/// </summary>
public sealed class SignatureTrust(SignatureVerifier? verifier, bool requireSignedActs = false, TimeSpan? challengeLifetime = null)
{
    /// <summary>Digital signatures are not configured: nothing can be verified.</summary>
    public static SignatureTrust None { get; } = new(null);

    public SignatureVerifier? Verifier { get; } = verifier;

    /// <summary>True when signatures can be verified (trust anchors are configured).</summary>
    public bool Available => Verifier is not null;

    /// <summary>Recommendations and decisions are refused without a digital signature (Senim:Signatures:RequireSignedActs).</summary>
    public bool RequireSignedActs { get; } = requireSignedActs;

    /// <summary>How long an issued challenge accepts its signature.</summary>
    public TimeSpan ChallengeLifetime { get; } = challengeLifetime ?? TimeSpan.FromDays(1);

    /// <summary>The verifier, or the refusal that says this register verifies no signatures.</summary>
    public SignatureVerifier Require() => Verifier
        ?? throw new RuleException("signatures-unavailable", "This register has no trust anchors for digital signatures configured, so signatures cannot be verified here: ask the supervisory body to verify the organisation, or the operator to configure the NCA's certificates (docs/organisations.md).");
}
