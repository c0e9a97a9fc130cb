using System.CommandLine;
using Senim.Labels;
using Senim.Labels.Assertions;
using Senim.Labels.Formats;
using Senim.Labels.Inspect;
using Senim.Labels.Model;
using Senim.Labels.Signing;
using Senim.Labels.Trust;
using Senim.Labels.Validation;

namespace Senim.Cli;

/// <summary>`senim label sign|verify|inspect`: C2PA content labels (docs/labels.md, docs/cli.md).</summary>
internal static class LabelCommands
{
    public static Command Create(CliContext context)
    {
        var label = new Command("label", "Sign, verify and inspect C2PA content labels (Law 230-VIII Art. 21(2)).");

        var files = new Argument<string[]>("FILE") { Description = "Files to label or check.", Arity = ArgumentArity.OneOrMore };
        var system = new Option<string>("--system") { Description = "The register number of the AI system, KZ-AI-YYYY-NNNNNN.", Required = true };
        var key = new Option<string>("--key") { Description = "The signer's EC private key (PEM, unencrypted PKCS#8 or SEC1).", Required = true };
        var cert = new Option<string>("--cert") { Description = "The signer's certificate chain (PEM, signer first).", Required = true };
        var edited = new Option<bool>("--edited") { Description = "The files are existing content the system edited (compositeWithTrainedAlgorithmicMedia), not created from nothing." };
        var outDir = new Option<string?>("--out") { Description = "Folder for the labelled files (default: beside each input, as NAME.label.EXT)." };
        var tsa = new Option<string?>("--tsa") { Description = "URL of an RFC 3161 time-stamp authority; every signature then carries a time-stamp." };
        var visible = new Option<bool>("--visible") { Description = "Draw the visible notice (\"AI-generated\" in kk/ru/en and the register number) into JPEG and PNG images before signing (Art. 21)." };
        var languages = new Option<string>("--lang") { Description = "The visible notice's languages, in order: a comma-separated list of kk, ru, en.", DefaultValueFactory = _ => "kk,ru,en" };
        var sign = new Command("sign", "Sign files: JPEG and PNG get an embedded manifest, any other file a NAME.c2pa sidecar.") { files, system, key, cert, edited, outDir, tsa, visible, languages };
        sign.SetAction(parse => Sign(context, parse.GetValue(files)!, parse.GetValue(system)!, parse.GetValue(key)!, parse.GetValue(cert)!, parse.GetValue(edited), parse.GetValue(outDir), parse.GetValue(tsa),
            parse.GetValue(visible) ? parse.GetValue(languages)! : null));
        label.Subcommands.Add(sign);

        var verifyFiles = new Argument<string[]>("FILE") { Description = "Files to verify (JPEG, PNG, or any file with a NAME.c2pa sidecar beside it, or a .c2pa sidecar).", Arity = ArgumentArity.OneOrMore };
        var anchors = new Option<string[]>("--anchors") { Description = "PEM file(s) of trust anchors (Senim's root and any others).", AllowMultipleArgumentsPerToken = true };
        var crls = new Option<string[]>("--crl") { Description = "CRL file(s), DER or PEM; each counts only if signed by the certificate's issuer and current.", AllowMultipleArgumentsPerToken = true };
        var format = new Option<string>("--format") { Description = "text or json.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var verify = new Command("verify", "Verify labels. Exit code 0 when every file is Valid or Trusted, 1 when any is not.") { verifyFiles, anchors, crls, format };
        verify.SetAction(parse => Verify(context, parse.GetValue(verifyFiles)!, parse.GetValue(anchors) ?? [], parse.GetValue(crls) ?? [], parse.GetValue(format)!));
        label.Subcommands.Add(verify);

        var inspectFile = new Argument<string>("FILE") { Description = "A JPEG, PNG or .c2pa file." };
        var inspect = new Command("inspect", "Print the manifest store as readable JSON, with the validation verdict.") { inspectFile, anchors, crls };
        inspect.SetAction(parse => Inspect(context, parse.GetValue(inspectFile)!, parse.GetValue(anchors) ?? [], parse.GetValue(crls) ?? []));
        label.Subcommands.Add(inspect);
        return label;
    }

    private static int Sign(CliContext context, string[] files, string system, string keyFile, string certFile, bool edited, string? outDir, string? tsaUrl, string? visibleLanguages)
    {
        List<Senim.Notices.NoticeLanguage>? notice = null;
        if (visibleLanguages is not null)
        {
            notice = [];
            foreach (var code in visibleLanguages.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                Senim.Notices.NoticeLanguage? language = code.ToLowerInvariant() switch { "kk" => Senim.Notices.NoticeLanguage.Kk, "ru" => Senim.Notices.NoticeLanguage.Ru, "en" => Senim.Notices.NoticeLanguage.En, _ => null };
                if (language is null)
                {
                    context.Error.WriteLine($"error [notices.language]: --lang takes kk, ru and en separated by commas, not '{code}'.");
                    return ExitCodes.InvalidInput;
                }

                if (!notice.Contains(language.Value))
                {
                    notice.Add(language.Value);
                }
            }
        }

        LabelSigner signer;
        Uri? tsa = null;
        if (tsaUrl is not null && (!Uri.TryCreate(tsaUrl, UriKind.Absolute, out tsa) || tsa.Scheme is not ("http" or "https")))
        {
            context.Error.WriteLine($"error [labels.timestamp.failed]: --tsa needs an http or https URL, not '{tsaUrl}'.");
            return ExitCodes.InvalidInput;
        }

        using var http = tsa is null ? null : new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        try
        {
            var timeStamps = tsa is null ? null : new TimeStampClient(request => PostTimeStampRequest(http!, tsa, request));
            signer = new LabelSigner(SigningCredentials.FromPem(ReadText(keyFile), ReadText(certFile)), timeStamps: timeStamps);
        }
        catch (LabelException ex)
        {
            context.Error.WriteLine($"error [{ex.Code}]: {ex.Message}");
            return ExitCodes.InvalidInput;
        }

        var failed = 0;
        foreach (var file in files)
        {
            try
            {
                var request = new LabelRequest
                {
                    Senim = new SenimAssertion { RegisterNumber = system },
                    Origin = edited ? ContentOrigin.Edited : ContentOrigin.Created,
                    Title = Path.GetFileName(file),
                    MediaType = AssetFormats.MediaType(file),
                };
                using var opened = OpenInput(file);
                var format = CheckFormat(file, opened);
                using Stream input = notice is null ? opened : WithNotice(file, opened, format, system, notice);
                var folder = outDir ?? Path.GetDirectoryName(Path.GetFullPath(file))!;
                Directory.CreateDirectory(folder);
                if (format == AssetFormat.Sidecar)
                {
                    var sidecar = Path.Combine(folder, Path.GetFileNameWithoutExtension(file) + ".c2pa");
                    var existing = File.Exists(sidecar) && edited ? File.ReadAllBytes(sidecar) : null;
                    using var output = File.Create(sidecar);
                    var result = signer.SignSidecar(input, output, request, existing is null ? null : new MemoryStream(existing));
                    context.Output.WriteLine($"signed  {file} -> {sidecar} ({result.ManifestLabel})");
                }
                else
                {
                    var target = outDir is null
                        ? Path.Combine(folder, $"{Path.GetFileNameWithoutExtension(file)}.label{Path.GetExtension(file)}")
                        : Path.Combine(folder, Path.GetFileName(file));
                    if (Path.GetFullPath(target) == Path.GetFullPath(file))
                    {
                        throw new LabelException(LabelError.UnsupportedFormat, "The output would overwrite the input; choose another --out folder.");
                    }

                    var temporary = target + ".tmp";
                    try
                    {
                        using (var output = File.Create(temporary))
                        {
                            var result = signer.SignEmbedded(input, output, request);
                            context.Output.WriteLine($"signed  {file} -> {target} ({result.ManifestLabel})");
                        }

                        File.Move(temporary, target, overwrite: true);
                    }
                    finally
                    {
                        File.Delete(temporary);
                    }
                }
            }
            catch (LabelException ex)
            {
                failed++;
                context.Error.WriteLine($"{file}: error [{ex.Code}]: {ex.Message}");
            }
            catch (Senim.Notices.ImageNoticeException ex)
            {
                failed++;
                context.Error.WriteLine($"{file}: error [notices.{ex.Error.ToString().ToLowerInvariant()}]: {ex.Message}");
            }
            catch (IOException ex)
            {
                failed++;
                context.Error.WriteLine($"{file}: error [labels.io]: {ex.Message}");
            }
            catch (UnauthorizedAccessException ex)
            {
                failed++;
                context.Error.WriteLine($"{file}: error [labels.io]: {ex.Message}");
            }
        }

        return failed == 0 ? ExitCodes.Ok : ExitCodes.InvalidInput;
    }

    /// <summary>The image with the visible notice drawn in (Senim.Notices), ready to sign; only JPEG and PNG take one.</summary>
    private static MemoryStream WithNotice(string file, Stream input, AssetFormat format, string system, IReadOnlyList<Senim.Notices.NoticeLanguage> languages)
    {
        if (format == AssetFormat.Sidecar)
        {
            throw new LabelException(LabelError.UnsupportedFormat, $"{Path.GetFileName(file)}: a visible notice can be drawn into JPEG and PNG images only; sign it without --visible (it gets a .c2pa sidecar).");
        }

        using var buffer = new MemoryStream();
        input.CopyTo(buffer);
        var options = new Senim.Notices.ImageNoticeOptions { RegisterNumber = Senim.Notices.NoticeTexts.IsRegisterNumber(system) ? system : null, Languages = languages };
        return new MemoryStream(Senim.Notices.ImageNotice.Apply(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), options).Image);
    }

    /// <summary>RFC 3161 over HTTP: POST application/timestamp-query, expect application/timestamp-reply.</summary>
    private static byte[] PostTimeStampRequest(HttpClient http, Uri tsa, ReadOnlyMemory<byte> request)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, tsa) { Content = new ByteArrayContent(request.ToArray()) };
        message.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/timestamp-query");
        using var response = http.Send(message);
        response.EnsureSuccessStatusCode();
        using var body = response.Content.ReadAsStream();
        using var buffer = new MemoryStream();
        body.CopyTo(buffer);
        return buffer.ToArray();
    }

    private static int Verify(CliContext context, string[] files, string[] anchorFiles, string[] crlFiles, string format)
    {
        if (LoadTrust(context, anchorFiles, crlFiles) is not { } trust)
        {
            return ExitCodes.InvalidInput;
        }

        var validator = new LabelValidator(trust);
        var allGood = true;
        var results = new List<(string File, ValidationReport? Report, LabelException? Error)>();
        foreach (var file in files)
        {
            try
            {
                var report = ValidateFile(validator, file);
                // A label counts only when it is intact and its hard binding was checked against the content.
                allGood &= report.State is ValidationState.Valid or ValidationState.Trusted
                    && report.Statuses.Any(s => s.Success && s.Code == ValidationCodes.AssertionDataHashMatch);
                results.Add((file, report, null));
            }
            catch (LabelException ex)
            {
                allGood = false;
                results.Add((file, null, ex));
            }
        }

        if (format == "json")
        {
            LabelReports.WriteJson(context, results);
        }
        else
        {
            LabelReports.WriteText(context, results);
        }

        return allGood ? ExitCodes.Ok : ExitCodes.Failure;
    }

    private static int Inspect(CliContext context, string file, string[] anchorFiles, string[] crlFiles)
    {
        if (LoadTrust(context, anchorFiles, crlFiles) is not { } trust)
        {
            return ExitCodes.InvalidInput;
        }

        try
        {
            var (store, report) = ReadStore(new LabelValidator(trust), file);
            if (store is null)
            {
                context.Error.WriteLine($"{file}: {(report.Error is { } e ? $"error [{e.Code()}]: " : "")}{FirstProblem(report) ?? "no C2PA manifest"}");
                return ExitCodes.Failure;
            }

            context.Output.WriteLine(ManifestStoreJson.Write(store, report));
            return ExitCodes.Ok;
        }
        catch (LabelException ex)
        {
            context.Error.WriteLine($"{file}: error [{ex.Code}]: {ex.Message}");
            return ExitCodes.InvalidInput;
        }
    }

    private static ValidationReport ValidateFile(LabelValidator validator, string file) => ReadStore(validator, file).Report;

    /// <summary>The store of a file (embedded, the file itself when .c2pa, or a NAME.c2pa sidecar beside it) and its validation.</summary>
    private static (ManifestStore? Store, ValidationReport Report) ReadStore(LabelValidator validator, string file)
    {
        using var input = OpenInput(file);
        if (Path.GetExtension(file).Equals(".c2pa", StringComparison.OrdinalIgnoreCase))
        {
            var bytes = File.ReadAllBytes(file);
            var asset = AssetBeside(file);
            using var assetStream = asset is null ? null : File.OpenRead(asset);
            var report = validator.ValidateSidecar(new MemoryStream(bytes), assetStream);
            return (TryParse(bytes), asset is null ? report : report with { Notes = [.. report.Notes, $"Checked against {Path.GetFileName(asset)}."] });
        }

        var format = CheckFormat(file, input);
        if (format == AssetFormat.Sidecar)
        {
            var sidecar = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(file))!, Path.GetFileNameWithoutExtension(file) + ".c2pa");
            if (!File.Exists(sidecar))
            {
                return (null, new ValidationReport { State = ValidationState.NoManifest, Notes = [$"No sidecar {Path.GetFileName(sidecar)} beside the file."] });
            }

            var bytes = File.ReadAllBytes(sidecar);
            return (TryParse(bytes), validator.ValidateSidecar(new MemoryStream(bytes), input));
        }

        var result = validator.Validate(input);
        input.Position = 0;
        var embedded = result.State == ValidationState.NoManifest || result.Error is not null ? null : AssetReader.FindStore(input, format);
        return (embedded is null ? null : TryParse(embedded.Bytes), result);
    }

    /// <summary>The one file beside a sidecar with the same name and another extension (the asset it labels), or null.</summary>
    private static string? AssetBeside(string sidecar)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(sidecar))!;
        var stem = Path.GetFileNameWithoutExtension(sidecar);
        var candidates = Directory.GetFiles(folder, stem + ".*")
            .Where(f => !f.EndsWith(".c2pa", StringComparison.OrdinalIgnoreCase) && Path.GetFileNameWithoutExtension(f) == stem)
            .ToList();
        return candidates.Count == 1 ? candidates[0] : null;
    }

    internal static string? FirstProblem(ValidationReport report) => report.Problems.Count > 0 ? report.Problems[0].Explanation : null;

    private static ManifestStore? TryParse(ReadOnlyMemory<byte> bytes)
    {
        try
        {
            return ManifestStore.Parse(bytes);
        }
        catch (LabelException)
        {
            return null;
        }
    }

    private static FileStream OpenInput(string file)
    {
        try
        {
            return File.OpenRead(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new LabelException(LabelError.UnreadableFile, $"Cannot read {file}: {ex.Message}", ex);
        }
    }

    /// <summary>The format by content; a JPEG or PNG extension on other content (or the reverse) is a mismatch.</summary>
    private static AssetFormat CheckFormat(string file, Stream input)
    {
        var byContent = AssetFormats.Detect(input);
        var byName = AssetFormats.FromExtension(file);
        if (byContent != byName)
        {
            throw new LabelException(LabelError.FormatMismatch, $"{Path.GetFileName(file)} is named as {Describe(byName)} but its content is {Describe(byContent)}.");
        }

        return byContent;
    }

    private static string Describe(AssetFormat format) => format switch
    {
        AssetFormat.Jpeg => "a JPEG",
        AssetFormat.Png => "a PNG",
        _ => "neither JPEG nor PNG",
    };

    private static TrustSettings? LoadTrust(CliContext context, string[] anchorFiles, string[] crlFiles)
    {
        try
        {
            var anchors = anchorFiles.SelectMany(f => Pem.ReadCertificates(ReadText(f), f)).ToList();
            var crls = crlFiles.Select(f => RevocationList.Parse(ReadBytes(f))).ToList();
            return new TrustSettings(anchors, crls);
        }
        catch (LabelException ex)
        {
            context.Error.WriteLine($"error [{ex.Code}]: {ex.Message}");
            return null;
        }
    }

    private static string ReadText(string file) => System.Text.Encoding.UTF8.GetString(ReadBytes(file));

    private static byte[] ReadBytes(string file)
    {
        try
        {
            return File.ReadAllBytes(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new LabelException(LabelError.InvalidCredentialFile, $"Cannot read {file}: {ex.Message}", ex);
        }
    }
}
