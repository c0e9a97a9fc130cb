using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Senim.Labels.Assertions;
using Senim.Labels.Cbor;
using Senim.Labels.Cose;
using Senim.Labels.Jumbf;
using Senim.Labels.Model;
using Senim.Labels.Trust;

namespace Senim.Labels.Validation;

/// <summary>Validates one manifest of a store, and the manifests its ingredients point to.</summary>
internal sealed class ManifestValidator
{
    private const int MaxCertificateCache = 4096;
    private readonly ChainChecker chains;
    private readonly TimeProvider time;
    private readonly LabelLimits limits;
    private readonly ConcurrentDictionary<string, X509Certificate2> certificates = new();

    public ManifestValidator(ChainChecker chains, TimeProvider time, LabelLimits limits)
    {
        this.chains = chains;
        this.time = time;
        this.limits = limits;
    }

    public ManifestReport Validate(ManifestStore store, Manifest manifest, Stream? asset, bool isActive, HashSet<string> visited, List<string> notes, int depth = 0)
    {
        visited.Add(manifest.Label);
        var statuses = new List<ValidationStatus>();
        var url = $"self#jumbf=/c2pa/{manifest.Label}";
        var report = new ManifestReport { Label = manifest.Label, Statuses = statuses, ClaimVersion = manifest.ClaimVersion };

        if (manifest.ClaimVersion == -1)
        {
            statuses.Add(Fail(ValidationCodes.ClaimMultiple, url, "The manifest has more than one claim."));
            return report;
        }

        if (manifest.ClaimBox is null || Manifest.ContentOf(manifest.ClaimBox) is not { } claimBytes)
        {
            statuses.Add(Fail(ValidationCodes.ClaimMissing, url, "The manifest has no claim."));
            return report;
        }

        Claim claim;
        try
        {
            claim = Claim.Parse(manifest.ClaimVersion, claimBytes, limits);
        }
        catch (LabelException ex)
        {
            statuses.Add(Fail(ValidationCodes.ClaimMalformed, url, ex.Message));
            return report;
        }

        report = report with { ClaimGenerator = claim.Generator, Title = claim.Title };
        report = report with { Signer = CheckSignature(store, manifest, claim, statuses, notes) };

        var referenced = CheckAssertions(store, manifest, claim, statuses);
        CheckHardBinding(manifest, claim, referenced, asset, isActive, statuses, notes);
        report = Describe(report, referenced);
        var ingredients = CheckIngredients(store, manifest, referenced, visited, statuses, notes, depth);
        return report with { Ingredients = ingredients };
    }

    private SignerInfo? CheckSignature(ManifestStore store, Manifest manifest, Claim claim, List<ValidationStatus> statuses, List<string> notes)
    {
        var signatureUrl = claim.Signature!;
        var box = JumbfUri.Resolve(store, manifest, signatureUrl, out _);
        if (box is null || Manifest.ContentOf(box) is not { } coseBytes)
        {
            statuses.Add(Fail(ValidationCodes.ClaimSignatureMissing, signatureUrl, "The claim signature named by the claim is not in the manifest."));
            return null;
        }

        CoseSign1 cose;
        try
        {
            cose = CoseSign1.Parse(coseBytes, limits);
        }
        catch (LabelException ex)
        {
            statuses.Add(Fail(ValidationCodes.ClaimSignatureMismatch, signatureUrl, $"The claim signature cannot be read: {ex.Message}"));
            return null;
        }

        if (!SignatureVerifier.IsSupported(cose.AlgorithmId))
        {
            statuses.Add(Fail(ValidationCodes.AlgorithmUnsupported, signatureUrl, $"The signature algorithm {cose.AlgorithmId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(none)"} is not one C2PA allows."));
            return null;
        }

        if (cose.Chain.Count == 0)
        {
            statuses.Add(Fail(ValidationCodes.SigningCredentialInvalid, signatureUrl, "The claim signature carries no certificate (x5chain)."));
            return null;
        }

        List<X509Certificate2> chain;
        try
        {
            chain = [.. cose.Chain.Select(Certificate)];
        }
        catch (CryptographicException ex)
        {
            statuses.Add(Fail(ValidationCodes.SigningCredentialInvalid, signatureUrl, $"A certificate of the x5chain cannot be read: {ex.Message}"));
            return null;
        }

        try
        {
            return CheckCredentials(cose, chain, claim, signatureUrl, statuses, notes);
        }
        catch (CryptographicException ex)
        {
            statuses.Add(Fail(ValidationCodes.SigningCredentialInvalid, signatureUrl, $"The signing certificate cannot be used: {ex.Message}"));
            return null;
        }
    }

    private SignerInfo CheckCredentials(CoseSign1 cose, List<X509Certificate2> chain, Claim claim, string signatureUrl, List<ValidationStatus> statuses, List<string> notes)
    {
        var algorithm = (CoseAlgorithm)cose.AlgorithmId!.Value;
        var leaf = chain[0];
        var signer = new SignerInfo(leaf.Subject, leaf.Issuer, leaf.SerialNumber, new DateTimeOffset(leaf.NotBefore.ToUniversalTime()), new DateTimeOffset(leaf.NotAfter.ToUniversalTime()), algorithm.ToString());
        var toBeSigned = CoseSign1.ToBeSigned(cose.ProtectedBytes.Span, claim.Bytes.Span);
        bool verified;
        try
        {
            verified = SignatureVerifier.Verify(algorithm, leaf, toBeSigned, cose.Signature.Span);
        }
        catch (CryptographicException)
        {
            verified = false;
        }

        statuses.Add(verified
            ? Pass(ValidationCodes.ClaimSignatureValidated, signatureUrl, "The claim signature is valid.")
            : Fail(ValidationCodes.ClaimSignatureMismatch, signatureUrl, "The claim signature does not match the claim: the claim or the signature was changed."));

        var now = time.GetUtcNow();
        var signingTime = now;
        if (TimeStamps.Check(cose, claim.Bytes.Span) is { } stamp)
        {
            if (stamp.Valid)
            {
                signingTime = stamp.Time;
                statuses.Add(Pass(ValidationCodes.TimeStampValidated, signatureUrl, stamp.Explanation));
            }
            else
            {
                // As in c2pa-rs, a time-stamp that does not verify is not a failure of the manifest: it is
                // ignored, and the certificate is judged at the current time instead.
                notes.Add($"{ValidationCodes.TimeStampMismatch}: {stamp.Explanation} It was ignored; the signing certificate was checked at the current time.");
            }
        }

        var verdict = chains.Check(chain, signingTime, now);
        notes.AddRange(verdict.Notes);
        if (verdict.ProfileProblem is { } problem)
        {
            statuses.Add(Fail(ValidationCodes.SigningCredentialInvalid, signatureUrl, $"The signing certificate does not follow the C2PA profile: {problem}."));
        }

        if (verdict.OutsideValidity)
        {
            statuses.Add(Fail(ValidationCodes.SigningCredentialExpired, signatureUrl, $"The signing certificate is valid from {signer.NotBefore:u} to {signer.NotAfter:u}, not at {signingTime:u}."));
        }
        else
        {
            statuses.Add(Pass(ValidationCodes.ClaimSignatureInsideValidity, signatureUrl, "The signing certificate was valid when the claim was validated."));
        }

        if (verdict.Revoked)
        {
            statuses.Add(Fail(ValidationCodes.SigningCredentialRevoked, signatureUrl, "The signing certificate is listed in a CRL of its issuer."));
        }

        statuses.Add(verdict.Trusted
            ? Pass(ValidationCodes.SigningCredentialTrusted, signatureUrl, "The signing certificate chains to a trust anchor.")
            : Fail(ValidationCodes.SigningCredentialUntrusted, signatureUrl, "The signing certificate does not chain to any trust anchor."));
        return signer with { SignedAt = signingTime == now ? null : signingTime };
    }

    private static Dictionary<string, JumbfBox> CheckAssertions(ManifestStore store, Manifest manifest, Claim claim, List<ValidationStatus> statuses)
    {
        var referenced = new Dictionary<string, JumbfBox>();
        IReadOnlyList<HashedUri> uris;
        try
        {
            uris = claim.Assertions;
        }
        catch (LabelException ex)
        {
            statuses.Add(Fail(ValidationCodes.ClaimMalformed, null, ex.Message));
            return referenced;
        }

        foreach (var uri in uris)
        {
            var box = JumbfUri.Resolve(store, manifest, uri.Url, out _);
            if (box is null)
            {
                statuses.Add(Fail(ValidationCodes.AssertionMissing, uri.Url, "The claim references an assertion that is not in the manifest."));
                continue;
            }

            var algorithmName = uri.Algorithm ?? claim.Algorithm;
            if (DataHashCheck.Algorithm(algorithmName) is not { } algorithm)
            {
                statuses.Add(Fail(ValidationCodes.AlgorithmUnsupported, uri.Url, $"The hash algorithm '{algorithmName}' is not supported."));
                continue;
            }

            if (!Hash(algorithm, box.Payload.Span).AsSpan().SequenceEqual(uri.Hash.Span))
            {
                statuses.Add(Fail(ValidationCodes.AssertionHashedUriMismatch, uri.Url, "The assertion does not match its hash in the claim: it was changed after signing."));
                referenced.TryAdd(box.Label ?? JumbfUri.LastSegment(uri.Url), box);
                continue;
            }

            statuses.Add(Pass(ValidationCodes.AssertionHashedUriMatch, uri.Url, "The assertion matches its hash in the claim."));
            referenced.TryAdd(box.Label ?? JumbfUri.LastSegment(uri.Url), box);
        }

        return referenced;
    }

    private static void CheckHardBinding(Manifest manifest, Claim claim, Dictionary<string, JumbfBox> referenced, Stream? asset, bool isActive, List<ValidationStatus> statuses, List<string> notes)
    {
        var dataHashes = referenced.Where(r => JumbfUri.BaseLabel(r.Key) == "c2pa.hash.data").ToList();
        var otherBindings = referenced.Keys.Where(k => JumbfUri.BaseLabel(k) is "c2pa.hash.boxes" or "c2pa.hash.bmff" or "c2pa.hash.bmff.v2" or "c2pa.hash.bmff.v3" or "c2pa.hash.collection.data").ToList();
        var claimsBinding = claim.Assertions.Any(u => JumbfUri.BaseLabel(JumbfUri.LastSegment(u.Url)) is "c2pa.hash.data" or "c2pa.hash.boxes" or "c2pa.hash.bmff" or "c2pa.hash.bmff.v2" or "c2pa.hash.bmff.v3" or "c2pa.hash.collection.data");
        if (!claimsBinding && !manifest.IsUpdate)
        {
            statuses.Add(Fail(ValidationCodes.ClaimHardBindingsMissing, null, "The claim has no hard binding to the asset's content."));
            return;
        }

        if (!isActive || asset is null)
        {
            return;
        }

        if (otherBindings.Count > 0 && dataHashes.Count == 0)
        {
            notes.Add($"The hard binding {otherBindings[0]} is not checked by Senim.");
            return;
        }

        foreach (var (label, box) in dataHashes)
        {
            var url = $"self#jumbf=/c2pa/{manifest.Label}/c2pa.assertions/{label}";
            CborNode node;
            try
            {
                node = CborNode.Decode(Manifest.ContentOf(box) ?? ReadOnlyMemory<byte>.Empty);
            }
            catch (LabelException ex)
            {
                statuses.Add(Fail(ValidationCodes.AssertionDataHashMalformed, url, ex.Message));
                continue;
            }

            var failure = DataHashCheck.Check(node, claim.Algorithm, asset);
            statuses.Add(failure is { } f ? Fail(f.Code, url, f.Explanation) : Pass(ValidationCodes.AssertionDataHashMatch, url, "The asset's content matches the data hash."));
        }
    }

    private List<ManifestReport> CheckIngredients(ManifestStore store, Manifest manifest, Dictionary<string, JumbfBox> referenced, HashSet<string> visited, List<ValidationStatus> statuses, List<string> notes, int depth)
    {
        var reports = new List<ManifestReport>();
        foreach (var (label, box) in referenced)
        {
            if (!JumbfUri.BaseLabel(label).StartsWith("c2pa.ingredient", StringComparison.Ordinal) || Manifest.ContentOf(box) is not { } content)
            {
                continue;
            }

            CborNode node;
            try
            {
                node = CborNode.Decode(content, limits.MaxDepth);
            }
            catch (LabelException)
            {
                statuses.Add(Fail(ValidationCodes.AssertionCborInvalid, label, "The ingredient assertion is not valid CBOR."));
                continue;
            }

            if (HashedUri.From(node["activeManifest"] ?? node["c2pa_manifest"]) is not { } uri)
            {
                continue;
            }

            var target = JumbfUri.Resolve(store, manifest, uri.Url, out var ingredientManifest);
            if (target is null || ingredientManifest is null || !ReferenceEquals(target, ingredientManifest.Box))
            {
                statuses.Add(Fail(ValidationCodes.IngredientManifestMissing, uri.Url, "The ingredient's manifest is not in the manifest store."));
                continue;
            }

            // Ingredient v3 hashes the manifest box; v1 and v2 ("c2pa_manifest") hash the manifest's claim.
            var algorithm = DataHashCheck.Algorithm(uri.Algorithm ?? "sha256") ?? HashAlgorithmName.SHA256;
            var matches = Hash(algorithm, target.Payload.Span).AsSpan().SequenceEqual(uri.Hash.Span)
                || (node["c2pa_manifest"] is not null && Manifest.ContentOf(ingredientManifest.ClaimBox) is { } ingredientClaim
                    && Hash(algorithm, ingredientClaim.Span).AsSpan().SequenceEqual(uri.Hash.Span));
            if (!matches)
            {
                statuses.Add(Fail(ValidationCodes.IngredientManifestMismatch, uri.Url, "The ingredient's manifest does not match its hash in the ingredient assertion."));
            }

            if (visited.Contains(ingredientManifest.Label) || visited.Count > limits.MaxManifests)
            {
                continue;
            }

            if (depth >= limits.MaxDepth)
            {
                notes.Add($"Ingredient manifests nested deeper than {limits.MaxDepth} levels were not validated.");
                continue;
            }

            // C2PA 2.x, "Validate the ingredients": the results an ingredient assertion records stand for its
            // manifest; without them the validator validates that manifest in full, and its failures count.
            var ingredientUrl = $"self#jumbf=/c2pa/{manifest.Label}/c2pa.assertions/{label}";
            var recorded = node["validationResults"] is not null || node["validationStatus"] is not null;
            reports.Add(Validate(store, ingredientManifest, null, isActive: false, visited, notes, depth + 1) with { IngredientUrl = ingredientUrl, ResultsRecorded = recorded });
        }

        return reports;
    }

    private static ManifestReport Describe(ManifestReport report, Dictionary<string, JumbfBox> referenced)
    {
        var actions = new List<string>();
        var sourceTypes = new List<string>();
        SenimAssertion? senim = null;
        foreach (var (label, box) in referenced)
        {
            var baseLabel = JumbfUri.BaseLabel(label);
            if (baseLabel is not ("c2pa.actions" or "c2pa.actions.v2" or SenimAssertion.Label) || Manifest.ContentOf(box) is not { } content)
            {
                continue;
            }

            CborNode node;
            try
            {
                node = CborNode.Decode(content);
            }
            catch (LabelException)
            {
                continue;
            }

            if (baseLabel == SenimAssertion.Label)
            {
                senim = SenimAssertion.From(node);
                continue;
            }

            if (node["actions"] is { Kind: CborKind.Array } list)
            {
                foreach (var action in list.Items)
                {
                    if (action["action"]?.AsText() is { } name)
                    {
                        actions.Add(name);
                    }

                    if (action["digitalSourceType"]?.AsText() is { } type && !sourceTypes.Contains(type))
                    {
                        sourceTypes.Add(type);
                    }
                }
            }
        }

        return report with { Actions = actions, DigitalSourceTypes = sourceTypes, Senim = senim };
    }

    private X509Certificate2 Certificate(byte[] der)
    {
        var key = Convert.ToBase64String(SHA256.HashData(der));
        if (certificates.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var certificate = X509CertificateLoader.LoadCertificate(der);
        if (certificates.Count > MaxCertificateCache)
        {
            certificates.Clear();
        }

        certificates[key] = certificate;
        return certificate;
    }

    private static byte[] Hash(HashAlgorithmName algorithm, ReadOnlySpan<byte> data) =>
        algorithm == HashAlgorithmName.SHA384 ? SHA384.HashData(data)
        : algorithm == HashAlgorithmName.SHA512 ? SHA512.HashData(data)
        : SHA256.HashData(data);

    private static ValidationStatus Pass(string code, string? url, string explanation) => new(code, true, url, explanation);

    private static ValidationStatus Fail(string code, string? url, string explanation) => new(code, false, url, explanation);
}
