using System.Text.RegularExpressions;
using Senim.Labels;
using Senim.Labels.Assertions;
using Senim.Labels.Cose;
using Senim.Labels.Formats;
using Senim.Labels.Signing;
using Senim.Labels.Validation;
using Senim.Notices;

namespace Senim.Registry.Labels;

/// <summary>What to put in a label besides the system: a visible notice, the title, the file name the client gave.</summary>
/// <param name="Visible">Draw the visible notice (Senim.Notices) into the image before signing; JPEG and PNG only.</param>
/// <param name="Languages">The notice's languages, in order (default kk, ru, en).</param>
/// <param name="FileName">The client's file name, if any: its extension must agree with the content.</param>
/// <param name="Edited">The content is existing material the system edited, not created from nothing.</param>
public sealed record LabelSignOptions(bool Visible, IReadOnlyList<NoticeLanguage>? Languages, string? FileName, bool Edited = false);

/// <summary>What signing produced.</summary>
/// <param name="Format">JPEG or PNG (the label is inside the file) or Sidecar (the output is a .c2pa manifest store).</param>
/// <param name="MediaType">The output's media type.</param>
/// <param name="FileName">A file name for the output.</param>
/// <param name="ManifestLabel">The new manifest's label (urn:c2pa:...).</param>
/// <param name="CertificateSerial">The signer certificate used.</param>
/// <param name="RegisterNumber">The system's register number.</param>
public sealed record SignedLabel(AssetFormat Format, string MediaType, string FileName, string ManifestLabel, string CertificateSerial, string RegisterNumber);

/// <summary>
/// Signs content for a registered system with the key Senim holds for it, and verifies labels against
/// Senim's trust list, the current CRLs and the register. Bad input comes back as a
/// <see cref="ValidationException"/> with the Senim.Labels error code as the key.
/// </summary>
public sealed partial class LabelService(RegistryDb db, LabelAuthority authority, LabelCertificateService certificates, TimeProvider time)
{
    /// <summary>
    /// Signs <paramref name="input"/> (seekable) for the system named by register number or id and writes
    /// the labelled file (JPEG, PNG) or a .c2pa sidecar (anything else) to <paramref name="output"/>.
    /// The format comes from the content, never from the file name.
    /// </summary>
    public async Task<SignedLabel> SignAsync(Actor actor, string systemReference, Stream input, Stream output, LabelSignOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(options);
        if (input.Length == 0)
        {
            throw Invalid("file", "labels.input.empty", "The file is empty.");
        }

        var format = AssetFormats.Detect(input);
        if (options.FileName is { Length: > 0 } name && Path.HasExtension(name) && AssetFormats.FromExtension(name) != format
            && (format != AssetFormat.Sidecar || AssetFormats.FromExtension(name) != AssetFormat.Sidecar))
        {
            throw Invalid("file", LabelError.FormatMismatch.Code(), "The file is named {0} but its content is {1}.", name, Describe(format));
        }

        if (options.Visible && format == AssetFormat.Sidecar)
        {
            throw Invalid("visible", LabelError.UnsupportedFormat.Code(), "A visible notice can be drawn into JPEG and PNG images only; this file is {0}.", Describe(format));
        }

        var system = await certificates.ResolveAsync(actor, systemReference, cancellationToken);
        var registerNumber = LabelCertificateService.RequireSignable(system).RegisterNumber;

        // The notice is drawn before a signer is opened: a picture too small for it issues no certificate.
        Stream source = options.Visible ? new MemoryStream(Notice(input, registerNumber, options.Languages)) : input;

        var signer = await certificates.OpenSignerAsync(system, cancellationToken);
        var credentials = SigningCredentials.FromCallback(
            signer.Chain.Select(System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate),
            CoseAlgorithm.ES256,
            64,
            data =>
            {
                // The key object is shared between requests; one signature at a time.
                lock (signer)
                {
                    return signer.Key.SignData(data.Span, System.Security.Cryptography.DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
                }
            });
        var labelSigner = new LabelSigner(credentials, time, new LabelLimits { MaxAssetBytes = authority.Settings.MaxUploadBytes * 2 });
        var baseName = SafeBaseName(options.FileName);
        var request = new LabelRequest
        {
            Senim = new SenimAssertion
            {
                RegisterNumber = registerNumber,
                SystemName = system.NameEn ?? system.NameRu ?? system.NameKk,
                RegisterUrl = new Uri(authority.Settings.BaseUrl, "register/" + registerNumber),
            },
            Origin = options.Edited ? ContentOrigin.Edited : ContentOrigin.Created,
            Title = options.FileName is { Length: > 0 } ? Path.GetFileName(options.FileName) : baseName + Extension(format),
            MediaType = MediaType(format, options.FileName),
        };

        try
        {
            SignResult result = format == AssetFormat.Sidecar
                ? labelSigner.SignSidecar(source, output, request)
                : labelSigner.SignEmbedded(source, output, request);
            return format == AssetFormat.Sidecar
                ? new SignedLabel(format, "application/c2pa", baseName + ".c2pa", result.ManifestLabel, signer.Certificate.Serial, registerNumber)
                : new SignedLabel(format, request.MediaType, baseName + ".label" + Extension(format), result.ManifestLabel, signer.Certificate.Serial, registerNumber);
        }
        catch (LabelException ex)
        {
            throw Invalid("file", ex.Code, "{0}", ex.Message);
        }
    }

    /// <summary>
    /// Validates a file (JPEG or PNG with an embedded label, or any file with its .c2pa sidecar) and reads
    /// the signer against the register.
    /// </summary>
    public async Task<LabelVerdict> VerifyAsync(Stream asset, Stream? sidecar, string? fileName = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(asset);
        if (asset.Length == 0 && sidecar is null)
        {
            throw Invalid("file", "labels.input.empty", "The file is empty.");
        }

        var validator = await authority.ValidatorAsync(cancellationToken);
        var content = asset.Length > 0 ? AssetFormats.Detect(asset) : AssetFormat.Sidecar;
        ValidationReport report;
        if (sidecar is not null)
        {
            report = validator.ValidateSidecar(sidecar, asset.Length == 0 ? null : asset);
        }
        else if (content == AssetFormat.Sidecar)
        {
            // A .c2pa store uploaded on its own is read as a sidecar without its asset.
            report = LooksLikeStore(asset) ? validator.ValidateSidecar(asset, null) : validator.Validate(asset);
        }
        else
        {
            report = validator.Validate(asset);
        }

        var verdict = await JudgeAsync(report, cancellationToken);
        if (fileName is { Length: > 0 } && Path.HasExtension(fileName) && asset.Length > 0 && sidecar is null
            && !Path.GetExtension(fileName).Equals(".c2pa", StringComparison.OrdinalIgnoreCase) && AssetFormats.FromExtension(fileName) != content)
        {
            // The verdict is about the content; the name only misleads people, which is worth saying.
            verdict = verdict with { Warnings = [.. verdict.Warnings, "format-mismatch"] };
        }

        return verdict;
    }

    /// <summary>A system in the public register by its number, or null: what a badge's link to /verify?system=... shows.</summary>
    public async Task<LabelSystem?> FindPublicAsync(string registerNumber, CancellationToken cancellationToken = default) =>
        await db.Systems.AsNoTracking().Where(s => s.RegisterNumber == registerNumber && s.Listed)
            .Select(s => new LabelSystem(s.Id, registerNumber, s.NameKk, s.NameRu, s.NameEn, s.Organisation!.Name, s.Status))
            .FirstOrDefaultAsync(cancellationToken);

    private async Task<LabelVerdict> JudgeAsync(ValidationReport report, CancellationToken cancellationToken)
    {
        var warnings = new List<string>();
        var failures = report.FailureCodes;
        var claimed = report.Active?.Senim?.RegisterNumber;
        var certified = report.Active?.Signer is { } signer ? SubjectSerialNumber().Match(signer.Subject) is { Success: true } m ? m.Groups[1].Value : null : null;
        var number = certified ?? claimed;
        if (certified is not null && claimed is not null && certified != claimed)
        {
            warnings.Add("number-mismatch");
        }

        LabelSystem? system = null;
        if (number is not null)
        {
            system = await FindPublicAsync(number, cancellationToken);
        }

        LabelVerdictKind kind;
        if (report.Error is LabelError.UnsupportedFormat)
        {
            kind = LabelVerdictKind.UnsupportedFormat;
        }
        else if (report.Error is not null)
        {
            kind = LabelVerdictKind.Unreadable;
        }
        else if (report.State == ValidationState.NoManifest)
        {
            kind = LabelVerdictKind.NoLabel;
        }
        else if (failures.Contains(ValidationCodes.SigningCredentialRevoked))
        {
            kind = LabelVerdictKind.Revoked;
        }
        else if (failures.Contains(ValidationCodes.SigningCredentialExpired) || failures.Contains(ValidationCodes.ClaimSignatureOutsideValidity))
        {
            kind = LabelVerdictKind.Expired;
        }
        else if (failures.Any(Tampering.Contains))
        {
            kind = LabelVerdictKind.Tampered;
        }
        else if (report.State == ValidationState.Invalid)
        {
            kind = LabelVerdictKind.Invalid;
        }
        else if (report.State == ValidationState.Valid)
        {
            kind = LabelVerdictKind.UnknownSigner;
        }
        else
        {
            kind = system is { Status: SystemStatus.Registered or SystemStatus.RegisteredWithConditions } ? LabelVerdictKind.Trusted : LabelVerdictKind.NotRegistered;
        }

        if (kind is not (LabelVerdictKind.NoLabel or LabelVerdictKind.Trusted or LabelVerdictKind.Unreadable or LabelVerdictKind.Invalid or LabelVerdictKind.UnsupportedFormat))
        {
            warnings.Insert(0, new LabelVerdict(kind, report, null, null, []).Code);
        }

        if (kind is LabelVerdictKind.NoLabel or LabelVerdictKind.Unreadable)
        {
            warnings.Insert(0, kind == LabelVerdictKind.NoLabel ? "no-label" : "unreadable");
        }

        if (number is not null && kind != LabelVerdictKind.NotRegistered && system is not { Status: SystemStatus.Registered or SystemStatus.RegisteredWithConditions })
        {
            warnings.Add("not-registered");
        }

        if (system is { Status: SystemStatus.Suspended or SystemStatus.Withdrawn or SystemStatus.Refused })
        {
            warnings.Add(system.Status.Code());
        }

        return new LabelVerdict(kind, report, number, system, [.. warnings.Distinct()]);
    }

    private static readonly HashSet<string> Tampering =
    [
        ValidationCodes.AssertionDataHashMismatch,
        ValidationCodes.AssertionHashedUriMismatch,
        ValidationCodes.ClaimSignatureMismatch,
        ValidationCodes.AssertionMissing,
        ValidationCodes.IngredientManifestMismatch,
        ValidationCodes.ClaimSignatureMissing,
    ];

    private static byte[] Notice(Stream input, string registerNumber, IReadOnlyList<NoticeLanguage>? languages)
    {
        using var buffer = new MemoryStream();
        input.Position = 0;
        input.CopyTo(buffer);
        try
        {
            return ImageNotice.Apply(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), new ImageNoticeOptions { RegisterNumber = registerNumber, Languages = languages }).Image;
        }
        catch (ImageNoticeException ex)
        {
            throw Invalid("visible", "notices." + ex.Error.ToString().ToLowerInvariant(), "The visible notice could not be drawn: {0}", ex.Message);
        }
    }

    private static bool LooksLikeStore(Stream stream)
    {
        Span<byte> head = stackalloc byte[8];
        var start = stream.Position;
        var read = stream.ReadAtLeast(head, 8, throwOnEndOfStream: false);
        stream.Position = start;
        return read == 8 && head[4..8].SequenceEqual("jumb"u8);
    }

    private static ValidationException Invalid(string field, string key, string english, params object[] args) =>
        new([new FieldError(field, key, string.Format(System.Globalization.CultureInfo.InvariantCulture, english, args), [.. args.Select(a => a.ToString() ?? "")])]);

    private static string Describe(AssetFormat format) => format switch
    {
        AssetFormat.Jpeg => "a JPEG image",
        AssetFormat.Png => "a PNG image",
        _ => "neither JPEG nor PNG",
    };

    private static string Extension(AssetFormat format) => format switch
    {
        AssetFormat.Jpeg => ".jpg",
        AssetFormat.Png => ".png",
        _ => "",
    };

    private static string MediaType(AssetFormat format, string? fileName) => format switch
    {
        AssetFormat.Jpeg => "image/jpeg",
        AssetFormat.Png => "image/png",
        _ => fileName is { Length: > 0 } ? AssetFormats.MediaType(fileName) : "application/octet-stream",
    };

    private static string SafeBaseName(string? fileName)
    {
        var stem = Path.GetFileNameWithoutExtension(Path.GetFileName(fileName ?? ""));
        var safe = new string([.. stem.Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.').Take(80)]);
        return safe.Length == 0 ? "labelled" : safe;
    }

    [GeneratedRegex(@"(?:SERIALNUMBER|OID\.2\.5\.4\.5)=(KZ-AI-\d{4}-\d{6})", RegexOptions.CultureInvariant)]
    private static partial Regex SubjectSerialNumber();
}
