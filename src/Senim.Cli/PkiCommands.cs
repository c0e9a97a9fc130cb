using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using Senim.Authority;
using Senim.Authority.Keys;
using Senim.Authority.State;

namespace Senim.Cli;

/// <summary>`senim pki init|issue|revoke|release|crl|list`: the certificate authority for label-signing certificates.</summary>
internal static class PkiCommands
{
    private static readonly Dictionary<string, RevocationReason> Reasons = new(StringComparer.Ordinal)
    {
        ["suspended"] = RevocationReason.CertificateHold,
        ["withdrawn"] = RevocationReason.CessationOfOperation,
        ["key-compromise"] = RevocationReason.KeyCompromise,
        ["superseded"] = RevocationReason.Superseded,
        ["affiliation-changed"] = RevocationReason.AffiliationChanged,
        ["unspecified"] = RevocationReason.Unspecified,
    };

    public static Command Create(CliContext context)
    {
        var dir = new Option<string?>("--dir") { Description = $"The authority's folder (default: {PkiWorkspace.DirectoryVariable}, else data/pki).", Recursive = true };
        var passwordFile = new Option<string?>("--password-file") { Description = $"A file holding the key password (default: the {PkiWorkspace.PasswordVariable} environment variable). Never inside the authority's folder.", Recursive = true };
        var pki = new Command("pki", "Senim's certificate authority for label-signing certificates (root CA, issuing CA, signer certificates, CRLs).") { dir, passwordFile };

        var baseUrl = new Option<string?>("--base-url") { Description = "Public address the CRLs, CA certificates and register entries are served under, e.g. https://senim.example.kz/ (required on first init)." };
        var operatorName = new Option<string>("--operator") { Description = "The operator's organisation name in the CA certificates.", DefaultValueFactory = _ => "Senim" };
        var init = new Command("init", "Create the root and issuing CA (or load them if they exist) and write root.pem and issuing.pem.") { baseUrl, operatorName };
        init.SetAction((parse, ct) => RunAsync(context, parse.GetValue(dir), parse.GetValue(passwordFile), ws => InitAsync(context, ws, parse.GetValue(baseUrl), parse.GetValue(operatorName)!, ct)));
        pki.Subcommands.Add(init);

        var system = new Option<string>("--system") { Description = "The register number, KZ-AI-YYYY-NNNNNN.", Required = true };
        var organisation = new Option<string>("--organisation") { Description = "The owner organisation's registered name (certificate O).", Required = true };
        var name = new Option<string>("--name") { Description = "The system's registered name (certificate CN).", Required = true };
        var csr = new Option<string?>("--csr") { Description = "A PKCS#10 request (PEM or DER) for a key the owner keeps." };
        var managed = new Option<bool>("--managed") { Description = "Generate and keep the key in Senim's key store; the owner signs through the API." };
        var days = new Option<int?>("--days") { Description = "Validity in days (1-730; default 365)." };
        var outFile = new Option<string?>("--out") { Description = "Write the certificate chain (signer, then issuing CA) as PEM to this file instead of standard output." };
        var issue = new Command("issue", "Issue a label-signing certificate to a registered AI system, from a CSR or with a managed key.") { system, organisation, name, csr, managed, days, outFile };
        issue.SetAction((parse, ct) => RunAsync(context, parse.GetValue(dir), parse.GetValue(passwordFile), ws => IssueAsync(
            context, ws, new SystemIdentity(parse.GetValue(system)!, parse.GetValue(organisation)!, parse.GetValue(name)!),
            parse.GetValue(csr), parse.GetValue(managed), parse.GetValue(days), parse.GetValue(outFile), ct)));
        pki.Subcommands.Add(issue);

        var serial = new Argument<string>("SERIAL") { Description = "The certificate's serial number (hex)." };
        var reason = new Option<string>("--reason") { Description = "suspended (certificateHold), withdrawn (cessationOfOperation), key-compromise, superseded, affiliation-changed or unspecified.", Required = true };
        var revoke = new Command("revoke", "Revoke a certificate (or put it on hold when the system is suspended). Publish a new CRL afterwards.") { serial, reason };
        revoke.SetAction((parse, ct) => RunAsync(context, parse.GetValue(dir), parse.GetValue(passwordFile), async ws =>
        {
            if (!Reasons.TryGetValue(parse.GetValue(reason)!, out var why))
            {
                throw new UsageException($"--reason must be one of: {string.Join(", ", Reasons.Keys)}.");
            }

            using var authority = await OpenAsync(ws, ct);
            var revoked = await authority.RevokeAsync(parse.GetValue(serial)!, why, ct);
            context.Output.WriteLine($"Revoked {revoked.Serial} ({revoked.Subject}) at {revoked.Revocation!.At:u}, reason {revoked.Revocation.Reason}.");
            context.Output.WriteLine("Publish a new CRL: senim pki crl --out FILE");
            return ExitCodes.Ok;
        }));
        pki.Subcommands.Add(revoke);

        var releaseSerial = new Argument<string>("SERIAL") { Description = "The serial number of a certificate on hold." };
        var release = new Command("release", "Lift the hold on a suspended system's certificate. Publish a new CRL afterwards.") { releaseSerial };
        release.SetAction((parse, ct) => RunAsync(context, parse.GetValue(dir), parse.GetValue(passwordFile), async ws =>
        {
            using var authority = await OpenAsync(ws, ct);
            var released = await authority.ReleaseHoldAsync(parse.GetValue(releaseSerial)!, ct);
            context.Output.WriteLine($"Released {released.Serial} ({released.Subject}) from hold.");
            return ExitCodes.Ok;
        }));
        pki.Subcommands.Add(release);

        var crlOut = new Option<string>("--out") { Description = "Where to write the CRL.", Required = true };
        var root = new Option<bool>("--root") { Description = "The root's CRL (lists a revoked issuing CA) instead of the issuing CA's." };
        var pem = new Option<bool>("--pem") { Description = "Write PEM instead of DER (CRL distribution points serve DER)." };
        var crl = new Command("crl", "Sign a new CRL with the next CRL number; serve it at the CRL URL.") { crlOut, root, pem };
        crl.SetAction((parse, ct) => RunAsync(context, parse.GetValue(dir), parse.GetValue(passwordFile), async ws =>
        {
            using var authority = await OpenAsync(ws, ct);
            var published = await authority.CreateCrlAsync(parse.GetValue(root) ? CertificateKind.Root : CertificateKind.IssuingCa, ct);
            var path = parse.GetValue(crlOut)!;
            await WriteAtomicallyAsync(path, parse.GetValue(pem) ? System.Text.Encoding.ASCII.GetBytes(published.ToPem()) : published.Der, ct);
            context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"CRL number {published.Number}, {published.Entries} revoked certificate(s), valid until {published.NextUpdate:u}: {Path.GetFullPath(path)}"));
            return ExitCodes.Ok;
        }));
        pki.Subcommands.Add(crl);

        var listSystem = new Option<string?>("--system") { Description = "Only this system's certificates." };
        var list = new Command("list", "List the certificates the authority issued, with their status.") { listSystem };
        list.SetAction((parse, ct) => RunAsync(context, parse.GetValue(dir), parse.GetValue(passwordFile), async ws =>
        {
            var filter = parse.GetValue(listSystem);
            var all = filter is null ? await ws.Store.ListAsync(ct) : await ws.Store.FindBySystemAsync(filter, ct);
            foreach (var c in all)
            {
                var status = c.Revocation switch
                {
                    null => "valid",
                    { Reason: RevocationReason.CertificateHold } r => $"on hold since {r.At:u}",
                    { } r => $"revoked {r.At:u} ({r.Reason})",
                };
                context.Output.WriteLine($"{c.Serial}  {c.Kind,-9}  {c.NotBefore:yyyy-MM-dd}..{c.NotAfter:yyyy-MM-dd}  {status,-12}  {c.Subject}");
            }

            context.Output.WriteLine($"{all.Count} certificate(s).");
            return ExitCodes.Ok;
        }));
        pki.Subcommands.Add(list);
        return pki;
    }

    private static async Task<int> InitAsync(CliContext context, PkiWorkspace ws, string? baseUrl, string operatorName, CancellationToken ct)
    {
        var existing = ws.ReadOptions();
        AuthorityOptions options;
        if (existing is null)
        {
            if (baseUrl is null || !Uri.TryCreate(baseUrl, UriKind.Absolute, out var url))
            {
                throw new UsageException("The first init needs --base-url, an absolute address such as https://senim.example.kz/ (it goes into every certificate).");
            }

            options = new AuthorityOptions { BaseUrl = url, OperatorName = operatorName };
            options.Validate();
        }
        else
        {
            if (baseUrl is not null && (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var url) || url.AbsoluteUri != existing.BaseUrl.AbsoluteUri))
            {
                throw new UsageException($"This authority publishes under {existing.BaseUrl.AbsoluteUri}; its certificates name that address, so it cannot change to {baseUrl}.");
            }

            options = existing;
        }

        var (authority, created) = await CertificateAuthority.InitializeAsync(options, ws.Keys, ws.Store, TimeProvider.System, ct);
        using (authority)
        {
            if (existing is null)
            {
                ws.WriteOptions(options);
            }

            await WriteAtomicallyAsync(Path.Combine(ws.Directory, "root.pem"), System.Text.Encoding.ASCII.GetBytes(authority.Root.ToPem()), ct);
            await WriteAtomicallyAsync(Path.Combine(ws.Directory, "issuing.pem"), System.Text.Encoding.ASCII.GetBytes(authority.Issuing.ToPem()), ct);
            context.Output.WriteLine(created ? $"Created the certificate authority in {ws.Directory}." : $"The certificate authority in {ws.Directory} exists; loaded it.");
            Describe(context, "Root CA", authority.Root);
            Describe(context, "Issuing CA", authority.Issuing);
            context.Output.WriteLine($"Publish: {options.RootCrlUrl} and {options.IssuingCrlUrl} (senim pki crl), {options.RootCertificateUrl} (root.pem) and {options.IssuingCertificateUrl} (issuing.pem).");
            context.Output.WriteLine($"Verifiers trust the root: {Path.Combine(ws.Directory, "root.pem")}");
        }

        return ExitCodes.Ok;
    }

    private static async Task<int> IssueAsync(CliContext context, PkiWorkspace ws, SystemIdentity identity, string? csr, bool managed, int? days, string? outFile, CancellationToken ct)
    {
        if ((csr is null) == !managed)
        {
            throw new UsageException("Give exactly one of --csr FILE (the owner keeps the key) or --managed (Senim keeps it).");
        }

        if (days is < 1 or > 730)
        {
            throw new UsageException("--days must be between 1 and 730.");
        }

        var validity = days is { } d ? TimeSpan.FromDays(d) : (TimeSpan?)null;
        using var authority = await OpenAsync(ws, ct);
        IssuedCertificate issued;
        if (csr is not null)
        {
            var info = new FileInfo(csr);
            if (!info.Exists)
            {
                throw new UsageException($"{csr}: no such file.");
            }

            if (info.Length > Senim.Authority.Issuance.SigningRequest.MaxBytes)
            {
                throw new UsageException($"{csr} is {info.Length:N0} bytes; a certificate signing request is at most {Senim.Authority.Issuance.SigningRequest.MaxBytes:N0}.");
            }

            issued = await authority.IssueFromRequestAsync(identity, await File.ReadAllBytesAsync(csr, ct), validity, ct);
        }
        else
        {
            issued = await authority.IssueManagedAsync(identity, validity, ct);
        }

        var chain = issued.ToPem() + authority.Issuing.ToPem();
        Describe(context, "Issued", issued);
        context.Output.WriteLine(issued.Custody == KeyCustody.Managed
            ? $"  key: held by Senim as '{issued.KeyName}' ({KeyAlgorithm.EcP256.CoseName()})"
            : "  key: held by the owner (from the CSR)");
        if (outFile is not null)
        {
            await WriteAtomicallyAsync(outFile, System.Text.Encoding.ASCII.GetBytes(chain), ct);
            context.Output.WriteLine($"  chain: {Path.GetFullPath(outFile)}");
        }
        else
        {
            context.Output.Write(chain);
        }

        return ExitCodes.Ok;
    }

    private static void Describe(CliContext context, string label, IssuedCertificate certificate)
    {
        context.Output.WriteLine($"{label}: {certificate.Subject}");
        context.Output.WriteLine($"  serial: {certificate.Serial}");
        context.Output.WriteLine($"  valid: {certificate.NotBefore:u} to {certificate.NotAfter:u}");
        context.Output.WriteLine($"  SHA-256 fingerprint: {Convert.ToHexString(SHA256.HashData(certificate.Der))}");
    }

    private static async Task<CertificateAuthority> OpenAsync(PkiWorkspace ws, CancellationToken ct)
    {
        var options = ws.ReadOptions() ?? throw new AuthorityException(AuthorityError.NotFound, $"No certificate authority in {ws.Directory}: run senim pki init --base-url URL first.");
        return await CertificateAuthority.OpenAsync(options, ws.Keys, ws.Store, TimeProvider.System, ct);
    }

    private static async Task WriteAtomicallyAsync(string path, byte[] content, CancellationToken ct)
    {
        var full = Path.GetFullPath(path);
        var temp = full + "." + Guid.NewGuid().ToString("N") + ".tmp";
        await File.WriteAllBytesAsync(temp, content, ct);
        File.Move(temp, full, overwrite: true);
    }

    private static async Task<int> RunAsync(CliContext context, string? dir, string? passwordFile, Func<PkiWorkspace, Task<int>> work)
    {
        try
        {
            using var ws = PkiWorkspace.Open(dir, passwordFile);
            return await work(ws);
        }
        catch (UsageException ex)
        {
            context.Error.WriteLine(ex.Message);
            return ExitCodes.InvalidInput;
        }
        catch (AuthorityException ex)
        {
            context.Error.WriteLine(ex.Message);
            return ex.Error is AuthorityError.InvalidInput or AuthorityError.BadRequest ? ExitCodes.InvalidInput : ExitCodes.Failure;
        }
        catch (KeyStoreException ex)
        {
            context.Error.WriteLine(ex.Message);
            return ex.Error == KeyStoreError.WeakPassword ? ExitCodes.InvalidInput : ExitCodes.Failure;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            context.Error.WriteLine($"A file could not be read or written: {ex.Message}");
            return ExitCodes.Failure;
        }
    }
}
