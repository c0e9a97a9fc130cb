using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Senim.Signatures.Algorithms;
using Senim.Signatures.Certificates;
using Senim.Signatures.Challenges;
using Senim.Signatures.Cms;
using Senim.Signatures.Revocation;

namespace Senim.Signatures.Verification;

/// <summary>
/// Verifies a CMS/CAdES signature made with an NCA certificate: the file's structure, the signature over the
/// signed attributes and the message digest over the content, the content against the expected bytes, the path
/// from the signer to a configured anchor (names, key identifiers, signatures, CA constraints, critical
/// extensions, at most <see cref="SignatureLimits.MaxChainLength"/> long), every certificate's validity at the
/// signing time, the signer's key usage and NCA subject layout, the expected BIN or IIN, and the revocation of
/// every certificate in the path (OCSP when configured, else CRLs). Thread-safe and meant to live as long as its
/// <see cref="TrustSettings"/>: parsed certificates and verified certificate signatures are cached.
/// </summary>
public sealed class SignatureVerifier
{
    private const int MaxSignatureCache = 20_000;
    private static readonly string[] ReasonNames =
        ["unspecified", "keyCompromise", "cACompromise", "affiliationChanged", "superseded", "cessationOfOperation", "certificateHold", "7", "removeFromCRL", "privilegeWithdrawn", "aACompromise"];

    private readonly TrustSettings trust;
    private readonly AlgorithmSet algorithms;
    private readonly CertificateCache certificates = new();
    private readonly ConcurrentDictionary<(string Child, string Issuer), bool> issuedBy = new();
    private readonly IReadOnlyList<CertificateInfo> anchors;
    private readonly IReadOnlyList<CertificateInfo> intermediates;
    private readonly HashSet<string> anchorHashes;

    public SignatureVerifier(TrustSettings trust)
    {
        ArgumentNullException.ThrowIfNull(trust);
        this.trust = trust;
        algorithms = new AlgorithmSet([RsaAlgorithms.Instance, .. trust.Algorithms]);
        anchors = [.. trust.Anchors.Select(a => Configured(a, "trust anchor"))];
        intermediates = [.. trust.Intermediates.Select(a => Configured(a, "intermediate"))];
        anchorHashes = new HashSet<string>(anchors.Select(a => a.Sha256), StringComparer.Ordinal);
    }

    /// <summary>Verifies a signature over <paramref name="challenge"/> (see <see cref="SignatureRequest.ForChallenge"/>).</summary>
    public ValueTask<SignatureVerdict> VerifyAsync(ReadOnlyMemory<byte> signature, Challenge challenge, CancellationToken cancellationToken = default) =>
        VerifyAsync(SignatureRequest.ForChallenge(signature, challenge), cancellationToken);

    /// <summary>Verifies <paramref name="request"/>. Never throws for bad input: every refusal is a verdict.</summary>
    public async ValueTask<SignatureVerdict> VerifyAsync(SignatureRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var state = new State(trust.Time.GetUtcNow());
        try
        {
            await CheckAsync(request, state, cancellationToken).ConfigureAwait(false);
            return state.Verdict(null);
        }
        catch (SignatureFailureException ex)
        {
            return state.Verdict(new SignatureFailure(ex.Reason, ex.Message));
        }
        catch (CryptographicException ex)
        {
            // A certificate that passed the reader but not the platform (e.g. when a host's OCSP client needs it).
            return state.Verdict(new SignatureFailure(SignatureReason.Malformed, $"The signature file cannot be processed: {ex.Message}"));
        }
    }

    private async ValueTask CheckAsync(SignatureRequest request, State state, CancellationToken cancellationToken)
    {
        var limits = trust.Limits;
        if (request.ExpectedContent is { Length: var expectedLength } && expectedLength > limits.MaxContentBytes)
        {
            throw Fail(SignatureReason.TooLarge, $"The expected content is {expectedLength:N0} bytes, over the {limits.MaxContentBytes:N0}-byte limit.");
        }

        var message = SignedMessage.Read(request.Signature.Span, limits);
        state.CmsSha256 = Convert.ToHexStringLower(SHA256.HashData(message.Der));
        state.Attached = message.Content is not null;

        var signer = message.Signer;
        var carried = message.Certificates.Select((der, i) => Carried(der, i)).ToList();
        var leaf = carried.Concat(intermediates).FirstOrDefault(signer.Matches)
            ?? throw Fail(SignatureReason.SignerCertificateMissing, "The signer's certificate is not in the signature file nor among the configured certificates: sign with a tool that includes the certificate (NCALayer does).");
        state.Signer = SignerDetails.From(leaf);

        if (signer.SignedAttributes is null || signer.MessageDigest is null || signer.ContentType is null)
        {
            throw Fail(SignatureReason.Malformed, "The signature file cannot be read as CAdES: the signature has no signed attributes with contentType and messageDigest.");
        }

        if (signer.ContentType != message.ContentType)
        {
            throw Fail(SignatureReason.Malformed, $"The signature file cannot be read: the signed contentType {signer.ContentType} differs from the content's type {message.ContentType}.");
        }

        if (!algorithms.Verify("the signature", signer.SignatureAlgorithm, signer.DigestAlgorithm.Oid, leaf.KeyAlgorithmOid, leaf.SubjectPublicKeyInfo.Span, signer.SignedAttributes, signer.Signature))
        {
            throw Fail(SignatureReason.SignatureInvalid, $"The signature does not verify with the key of '{leaf.SubjectText}': the file was changed after signing, or it was signed with another key.");
        }

        if (signer.SigningCertificate is { } reference && !reference.Hash.AsSpan().SequenceEqual(CertificateHash(reference.DigestOid, leaf)))
        {
            throw Fail(SignatureReason.SignatureInvalid, "The signed attributes name a different certificate from the one the signature verifies with.");
        }

        CheckContent(request, message, state);

        state.SigningTime = signer.SigningTime;
        if (signer.SigningTime is { } claimed && claimed > state.Now + limits.ClockSkew)
        {
            throw Fail(SignatureReason.SigningTimeInFuture, $"The signature claims to have been made at {claimed:u}, later than now ({state.Now:u}); check the signing computer's clock.");
        }

        if (signer.SigningTime is { } early && request.IssuedAt is { } issued && early < issued - limits.ClockSkew)
        {
            throw Fail(SignatureReason.SigningTimeBeforeIssue, $"The signature claims to have been made at {early:u}, before its content was issued ({issued:u}).");
        }

        if (signer.HasSignatureTimeStamp)
        {
            state.Notes.Add("The signature carries a signature timestamp (CAdES-T); it is not evaluated, and the signingTime attribute is used.");
        }

        var at = signer.SigningTime ?? state.Now;
        var path = BuildPath(leaf, carried);
        state.Path = [.. path.Select(c => c.SubjectText)];
        CheckPath(path, at);
        CheckSigner(leaf, request);
        await CheckRevocationAsync(path, state, cancellationToken).ConfigureAwait(false);
    }

    private void CheckContent(SignatureRequest request, SignedMessage message, State state)
    {
        var signer = message.Signer;
        if (message.Content is { } content)
        {
            state.ContentSha256 = Convert.ToHexStringLower(SHA256.HashData(content));
            if (!algorithms.Digest(signer.DigestAlgorithm.Oid, content).AsSpan().SequenceEqual(signer.MessageDigest))
            {
                throw Fail(SignatureReason.SignatureInvalid, "The content inside the signature file was changed after signing: its digest differs from the one that was signed.");
            }

            if (request.ExpectedContent is { } expected && !expected.Span.SequenceEqual(content))
            {
                throw Mismatch(content, expected.Span);
            }

            return;
        }

        if (request.ExpectedContent is not { } detached)
        {
            throw Fail(SignatureReason.ContentMissing, "The signature is detached, so the content it signs must be given with it.");
        }

        state.ContentSha256 = Convert.ToHexStringLower(SHA256.HashData(detached.Span));
        if (!algorithms.Digest(signer.DigestAlgorithm.Oid, detached.Span).AsSpan().SequenceEqual(signer.MessageDigest))
        {
            throw Fail(SignatureReason.ContentMismatch, "The signature is over other content than the expected challenge (another challenge, or a changed copy): sign the challenge issued for this request, unchanged.");
        }
    }

    private static SignatureFailureException Mismatch(ReadOnlySpan<byte> signed, ReadOnlySpan<byte> expected)
    {
        Challenge? mine = null, theirs = null;
        try
        {
            mine = Challenge.Parse(expected);
            theirs = Challenge.Parse(signed);
        }
        catch (ChallengeException)
        {
        }

        if (mine is null || theirs is null)
        {
            return Fail(SignatureReason.ContentMismatch, "The signed content is not the expected challenge.");
        }

        var field = mine.Difference(theirs);
        return field == "nonce"
            ? Fail(SignatureReason.NonceMismatch, "The signed challenge was issued for another request (its nonce differs): sign the challenge shown now.")
            : Fail(SignatureReason.ContentMismatch, $"The signed challenge differs from the expected one in its '{field}' line.");
    }

    /// <summary>Builds the path from <paramref name="leaf"/> to an anchor through the file's certificates, the intermediates and the anchors.</summary>
    private List<CertificateInfo> BuildPath(CertificateInfo leaf, List<CertificateInfo> carried)
    {
        var max = trust.Limits.MaxChainLength;
        var pool = anchors.Concat(intermediates).Concat(carried).DistinctBy(c => c.Sha256).ToList();
        var path = new List<CertificateInfo> { leaf };
        var current = leaf;
        while (!anchorHashes.Contains(current.Sha256))
        {
            var candidates = pool.Where(c => IsIssuerOf(c, current) && !path.Contains(c)).ToList();
            if (candidates.Count == 0)
            {
                throw Fail(SignatureReason.UntrustedRoot, current.IsSelfIssued
                    ? $"The certificates end at '{current.SubjectText}', a root that is not among the configured trust anchors."
                    : $"No certificate of '{current.IssuerText}', which issued '{current.SubjectText}', is in the file or among the configured intermediates and anchors, so the signer cannot be traced to a trusted root.");
            }

            var issuer = candidates.FirstOrDefault(c => Issued(c, current))
                ?? throw Fail(SignatureReason.ChainInvalid, $"The certificate of '{current.SubjectText}' is not validly signed by '{current.IssuerText}'.");
            if (path.Count >= max)
            {
                throw Fail(SignatureReason.ChainTooLong, $"The path from the signer to a trust anchor is longer than {max} certificates.");
            }

            path.Add(issuer);
            current = issuer;
        }

        return path;
    }

    private static bool IsIssuerOf(CertificateInfo candidate, CertificateInfo child) =>
        candidate.Subject.Span.SequenceEqual(child.Issuer.Span)
        && (child.AuthorityKeyId is null || candidate.SubjectKeyId is null || child.AuthorityKeyId.AsSpan().SequenceEqual(candidate.SubjectKeyId));

    private bool Issued(CertificateInfo issuer, CertificateInfo child)
    {
        if (issuedBy.TryGetValue((child.Sha256, issuer.Sha256), out var known))
        {
            return known;
        }

        var verified = algorithms.Verify($"the certificate of '{child.SubjectText}'", child.SignatureAlgorithm, null, issuer.KeyAlgorithmOid, issuer.SubjectPublicKeyInfo.Span, child.SignedPart.Span, child.SignatureValue);
        if (issuedBy.Count >= MaxSignatureCache)
        {
            issuedBy.Clear();
        }

        issuedBy[(child.Sha256, issuer.Sha256)] = verified;
        return verified;
    }

    /// <summary>CA constraints, critical extensions and validity at <paramref name="at"/> for every certificate of the path.</summary>
    private void CheckPath(List<CertificateInfo> path, DateTimeOffset at)
    {
        for (var i = 0; i < path.Count; i++)
        {
            var certificate = path[i];
            var isAnchor = i == path.Count - 1 && anchorHashes.Contains(certificate.Sha256);
            if (!isAnchor && certificate.UnknownCriticalExtensions.Count > 0)
            {
                throw Fail(SignatureReason.ChainInvalid, $"The certificate of '{certificate.SubjectText}' has critical extensions this verifier does not process ({string.Join(", ", certificate.UnknownCriticalExtensions)}).");
            }

            if (i > 0 && !isAnchor)
            {
                if (!certificate.IsCa)
                {
                    throw Fail(SignatureReason.ChainInvalid, $"'{certificate.SubjectText}' issued '{path[i - 1].SubjectText}' but is not a CA certificate.");
                }

                if (certificate.KeyUsage is { } usage && !usage.HasFlag(X509KeyUsageFlags.KeyCertSign))
                {
                    throw Fail(SignatureReason.ChainInvalid, $"'{certificate.SubjectText}' may not sign certificates (no keyCertSign key usage).");
                }

                var below = path.Take(i).Skip(1).Count(c => !c.IsSelfIssued);
                if (certificate.PathLength is { } limit && below > limit)
                {
                    throw Fail(SignatureReason.ChainInvalid, $"'{certificate.SubjectText}' allows {limit} CA certificates below it, and the path has {below}.");
                }
            }

            if (at < certificate.NotBefore)
            {
                throw Fail(SignatureReason.NotYetValid, $"The certificate of '{certificate.SubjectText}' is valid from {certificate.NotBefore:u}, after the signing time {at:u}.");
            }

            if (at > certificate.NotAfter)
            {
                throw Fail(SignatureReason.Expired, $"The certificate of '{certificate.SubjectText}' expired at {certificate.NotAfter:u}, before the signing time {at:u}.");
            }
        }
    }

    private static void CheckSigner(CertificateInfo leaf, SignatureRequest request)
    {
        if (leaf.IsCa)
        {
            throw Fail(SignatureReason.WrongKeyUsage, $"The signer's certificate '{leaf.SubjectText}' is a CA certificate, not a person's signing certificate.");
        }

        if (leaf.KeyUsage is not { } usage || (usage & (X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation)) == 0)
        {
            throw Fail(SignatureReason.WrongKeyUsage, leaf.KeyUsage is null
                ? "The signer's certificate has no key usage extension, so it is not a signing certificate."
                : $"The signer's certificate allows {leaf.KeyUsage} but neither digitalSignature nor nonRepudiation: it is not a signing key.");
        }

        var holder = leaf.Holder;
        if (request.RequireLegalEntity)
        {
            if (!NcaSubject.IsLegalEntity(leaf.Role))
            {
                throw Fail(SignatureReason.NotLegalEntity, leaf.Role == NcaRole.Individual
                    ? "The certificate is an individual's (NCA key usage 1.2.398.3.3.4.1.1), not one issued to a person acting for an organisation."
                    : "The certificate carries no NCA legal-entity key usage (1.2.398.3.3.4.1.2), so it was not issued to a person acting for an organisation.");
            }

            if (holder.Bin is null)
            {
                throw Fail(SignatureReason.NotLegalEntity, "The certificate's subject carries no BIN (OU=BIN followed by 12 digits), so it names no organisation.");
            }

            if (request.AcceptedRoles is { } roles && !roles.Contains(leaf.Role))
            {
                throw Fail(SignatureReason.RoleNotAccepted, $"The certificate's NCA role is {leaf.Role}; accepted here: {string.Join(", ", roles.Order())}.");
            }
        }

        if (request.ExpectedBin is { } bin && holder.Bin != bin.Value)
        {
            throw Fail(SignatureReason.WrongBin, holder.Bin is null
                ? $"The certificate carries no BIN; the organisation's BIN is {bin}."
                : $"The certificate is issued for BIN {holder.Bin}{(holder.Organisation is null ? string.Empty : $" ({holder.Organisation})")}, not for the organisation's BIN {bin}.");
        }

        if (request.ExpectedIin is { } iin && holder.Iin != iin.Value)
        {
            throw Fail(SignatureReason.WrongIin, $"The certificate is issued for IIN {holder.Iin ?? "(none)"}, not for the expected IIN {iin}.");
        }
    }

    /// <summary>
    /// Every certificate below the anchor, checked at the verification time: without a trusted timestamp the
    /// signing time is the signer's claim, so a certificate revoked at any time before now is refused.
    /// </summary>
    private async ValueTask CheckRevocationAsync(List<CertificateInfo> path, State state, CancellationToken cancellationToken)
    {
        for (var i = 0; i + 1 < path.Count; i++)
        {
            var certificate = path[i];
            var issuer = path[i + 1];
            if (trust.Ocsp is { } ocsp)
            {
                var answer = await ocsp.CheckAsync(certificate.Certificate, issuer.Certificate, cancellationToken).ConfigureAwait(false);
                if (answer is { Status: OcspCertificateStatus.Revoked })
                {
                    throw Fail(SignatureReason.Revoked, $"The certificate of '{certificate.SubjectText}' (serial {certificate.Serial}) is revoked{(answer.RevokedAt is { } when ? $" since {when:u}" : string.Empty)}, says the OCSP responder {answer.Responder}.");
                }

                if (answer is { Status: OcspCertificateStatus.Good })
                {
                    state.Notes.Add($"'{certificate.SubjectText}': good, OCSP {answer.Responder} at {answer.ProducedAt:u}.");
                    continue;
                }
            }

            var lookup = await trust.Crls.LookupAsync(certificate, issuer, state.Now, algorithms, cancellationToken).ConfigureAwait(false);
            if (lookup.List is not { } list)
            {
                throw Fail(SignatureReason.CrlUnavailable, $"The revocation of '{certificate.SubjectText}' cannot be checked: {lookup.Problem}.");
            }

            var number = list.Number is { } n ? $" number {n.ToString(CultureInfo.InvariantCulture)}" : string.Empty;
            if (lookup.Entry is { } entry)
            {
                var reason = entry.Reason is { } code && code >= 0 && code < ReasonNames.Length ? $" ({ReasonNames[code]})" : string.Empty;
                throw Fail(SignatureReason.Revoked, $"The certificate of '{certificate.SubjectText}' (serial {certificate.Serial}) was revoked at {entry.RevokedAt:u}{reason}, says the CRL{number} of '{list.IssuerText}'.");
            }

            state.Notes.Add($"'{certificate.SubjectText}': not revoked, CRL{number} of '{list.IssuerText}' valid until {list.NextUpdate:u}.");
        }
    }

    private CertificateInfo Carried(byte[] der, int index)
    {
        try
        {
            return certificates.Get(der);
        }
        catch (FormatException ex)
        {
            throw Fail(SignatureReason.Malformed, $"The signature file cannot be read: certificate {index + 1} in it is not a readable X.509 v3 certificate ({ex.Message}).");
        }
    }

    private CertificateInfo Configured(X509Certificate2 certificate, string what)
    {
        try
        {
            return certificates.Get(certificate.RawData);
        }
        catch (FormatException ex)
        {
            throw new ArgumentException($"The configured {what} '{certificate.Subject}' cannot be read: {ex.Message}.", ex);
        }
    }

    private static byte[] CertificateHash(string digestOid, CertificateInfo certificate) => digestOid switch
    {
#pragma warning disable CA5350 // ESS SigningCertificate (v1) names the certificate by SHA-1; it identifies, the signature protects.
        Oids.Sha1 => SHA1.HashData(certificate.Raw),
#pragma warning restore CA5350
        Oids.Sha256 => SHA256.HashData(certificate.Raw),
        Oids.Sha384 => SHA384.HashData(certificate.Raw),
        Oids.Sha512 => SHA512.HashData(certificate.Raw),
        _ => throw Fail(SignatureReason.UnsupportedAlgorithm, $"The signing-certificate attribute uses {AlgorithmNames.Describe(digestOid)}. {AlgorithmNames.Remedy(digestOid)}"),
    };

    private static SignatureFailureException Fail(SignatureReason reason, string message) => new(reason, message);

    /// <summary>What one verification has learned so far, so a refusal can still report it.</summary>
    private sealed class State(DateTimeOffset now)
    {
        public DateTimeOffset Now { get; } = now;

        public string? CmsSha256 { get; set; }

        public string? ContentSha256 { get; set; }

        public bool Attached { get; set; }

        public SignerDetails? Signer { get; set; }

        public DateTimeOffset? SigningTime { get; set; }

        public IReadOnlyList<string> Path { get; set; } = [];

        public List<string> Notes { get; } = [];

        public SignatureVerdict Verdict(SignatureFailure? failure) => new()
        {
            Failure = failure,
            Signer = Signer,
            CmsSha256 = CmsSha256,
            ContentSha256 = ContentSha256,
            Attached = Attached,
            SigningTime = SigningTime,
            CheckedAt = Now,
            Path = Path,
            Notes = Notes,
        };
    }
}
