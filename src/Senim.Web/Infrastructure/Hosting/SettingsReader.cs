using System.Text.RegularExpressions;
using Senim.Authority.Keys;
using Senim.Registry.Data;
using Senim.Registry.Log;

namespace Senim.Web.Infrastructure.Hosting;

/// <summary>A setting that keeps the host from starting; the message names every wrong key and what it should be.</summary>
public sealed class SettingsException : Exception
{
    public SettingsException(IReadOnlyList<string> problems)
        : base(Describe(problems)) => Problems = problems;

    public SettingsException()
        : this([])
    {
    }

    public SettingsException(string message)
        : this([message])
    {
    }

    public SettingsException(string message, Exception inner)
        : base(message, inner) => Problems = [message];

    public IReadOnlyList<string> Problems { get; }

    private static string Describe(IReadOnlyList<string> problems) =>
        problems.Count == 1
            ? "Senim cannot start: " + problems[0]
            : $"Senim cannot start: {problems.Count} settings are wrong:" + string.Concat(problems.Select(p => Environment.NewLine + "  " + p));
}

/// <summary>Binds <see cref="SenimSettings"/> from configuration and checks every value before anything uses it.</summary>
public static partial class SettingsReader
{
    public static SenimSettings Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var settings = new SenimSettings();
        try
        {
            configuration.GetSection(SenimSettings.Section).Bind(settings);
        }
        catch (InvalidOperationException ex) when (ConversionFailure().Match(ex.Message) is { Success: true } failure)
        {
            var key = failure.Groups["key"].Value;
            throw new SettingsException([$"{key} = '{configuration[key]}' is not {Kind(failure.Groups["type"].Value)}."]);
        }

        // A key present but empty (JSON null in appsettings.json, an empty environment variable) means "not set".
        var defaults = new SenimSettings();
        settings.DefaultLanguage = Given(settings.DefaultLanguage) ?? defaults.DefaultLanguage;
        settings.TimeZone = Given(settings.TimeZone) ?? defaults.TimeZone;
        settings.Files = Given(settings.Files) ?? defaults.Files;
        settings.Admin.Email = Given(settings.Admin.Email) ?? defaults.Admin.Email;
        settings.Mail.Mode = Given(settings.Mail.Mode) ?? defaults.Mail.Mode;
        settings.Mail.From = Given(settings.Mail.From) ?? defaults.Mail.From;
        var problems = Check(settings);
        return problems.Count > 0 ? throw new SettingsException(problems) : settings;
    }

    /// <summary>The transparency log's settings: the key file, and the origin (from the public address unless set).</summary>
    public static LogSettings LogSettings(this SenimSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new LogSettings
        {
            KeyFile = settings.Log.KeyFile is { Length: > 0 } keyFile ? keyFile : Path.Combine("data", "log", "signing.key"),
            Origin = settings.Log.Origin is { Length: > 0 } origin ? origin : Senim.Registry.Log.LogSettings.OriginFor(settings.PublicBaseUrl),
            IntegrityMinutes = settings.Log.IntegrityMinutes,
        };
    }

    /// <summary>The law folder: the setting, else the packs shipped beside the program (or SENIM_LAW_DIR).</summary>
    public static string LawFolder(this SenimSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.LawDir is { Length: > 0 } configured ? configured : LawLibrary.FindDefaultRoot()
            ?? throw new SettingsException(["no law folder found: set Senim:LawDir (or SENIM_LAW_DIR)."]);
    }

    /// <summary>The default language as a value (checked at start).</summary>
    public static Language Language(this SenimSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return Languages.TryParse(settings.DefaultLanguage, out var language) ? language : Law.Texts.Language.Kk;
    }

    private static List<string> Check(SenimSettings s)
    {
        var problems = new List<string>();
        void Range(string key, long value, long min, long max)
        {
            if (value < min || value > max)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"Senim:{key} = {value} must be between {min} and {max}."));
            }
        }

        try
        {
            s.Enforcement.Validate();
            s.RegisterSearch.Validate();
        }
        catch (InvalidOperationException ex)
        {
            problems.Add("Senim:" + ex.Message);
        }

        if (!Languages.TryParse(s.DefaultLanguage, out _))
        {
            problems.Add($"Senim:DefaultLanguage = '{s.DefaultLanguage}' must be kk, ru or en.");
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(s.TimeZone ?? "", out _))
        {
            problems.Add($"Senim:TimeZone = '{s.TimeZone}' is not a time zone this machine knows (use an IANA id such as Asia/Almaty).");
        }

        if (s.PublicBaseUrl is { Length: > 0 } url && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
        {
            problems.Add($"Senim:PublicBaseUrl = '{url}' must be an absolute http or https address.");
        }

        if (s.LawDir is { Length: > 0 } law && !Directory.Exists(law))
        {
            problems.Add($"Senim:LawDir = '{law}' is not a folder.");
        }

        if (string.IsNullOrWhiteSpace(s.Files))
        {
            problems.Add("Senim:Files must name a folder.");
        }

        Range("PublicCacheSeconds", s.PublicCacheSeconds, 0, 3600);
        Range("HstsDays", s.HstsDays, 0, 2 * 365);
        ProxyHosting.Parse(s.TrustedProxies, problems);
        if (s.Database.Provider == DatabaseProvider.Postgres && string.IsNullOrWhiteSpace(s.Database.ConnectionString))
        {
            problems.Add("Senim:Database:ConnectionString is required when Senim:Database:Provider is postgres.");
        }

        Range("Log:IntegrityMinutes", s.Log.IntegrityMinutes, 0, 7 * 24 * 60);
        Range("RateLimits:PublicPerSecond", s.RateLimits.PublicPerSecond, 1, 10_000_000);
        Range("RateLimits:SignInPerMinute", s.RateLimits.SignInPerMinute, 1, 1_000_000);
        Range("RateLimits:SignUpPerHour", s.RateLimits.SignUpPerHour, 1, 1_000_000);
        Range("RateLimits:PasswordResetPerHour", s.RateLimits.PasswordResetPerHour, 1, 1_000_000);
        Range("RateLimits:TwoFactorPerMinute", s.RateLimits.TwoFactorPerMinute, 1, 1_000_000);
        Range("RateLimits:HeavyPerMinute", s.RateLimits.HeavyPerMinute, 1, 10_000_000);
        Range("RateLimits:HeavyConcurrent", s.RateLimits.HeavyConcurrent, 0, 10_000);
        Range("RateLimits:CitizenFilePerHour", s.RateLimits.CitizenFilePerHour, 1, 1_000_000);
        Range("RateLimits:TrackPerMinute", s.RateLimits.TrackPerMinute, 1, 1_000_000);
        Features.Citizens.CitizenOptions.Check(s.Citizens, problems, Range);
        Range("Pki:KeyIterations", s.Pki.KeyIterations, FileKeyStore.MinIterations, FileKeyStore.MaxIterations);
        if (s.Pki.Password is { Length: > 0 } password && password.Length < FileKeyStore.MinPasswordLength)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"Senim:Pki:Password must be at least {FileKeyStore.MinPasswordLength} characters."));
        }

        Range("Labels:MaxUploadBytes", s.Labels.MaxUploadBytes, 1024, 1024L * 1024 * 1024);
        if (s.Labels.MaxBytesInFlight != 0)
        {
            Range("Labels:MaxBytesInFlight", s.Labels.MaxBytesInFlight, s.Labels.MaxUploadBytes, 1024L * 1024 * 1024 * 1024);
        }
        if (s.DataProtection.Certificate is { Length: > 0 } certificate && !File.Exists(certificate))
        {
            problems.Add($"Senim:DataProtection:Certificate = '{certificate}' is not a file (a .pfx with the certificate and its private key).");
        }

        if (s.Labels.TrustAnchors is { Length: > 0 } anchors && !Directory.Exists(anchors))
        {
            problems.Add($"Senim:Labels:TrustAnchors = '{anchors}' is not a folder.");
        }

        foreach (var (key, folder) in new[] { ("Anchors", s.Signatures.Anchors), ("Intermediates", s.Signatures.Intermediates), ("Crls", s.Signatures.Crls) })
        {
            if (folder is { Length: > 0 } && !Directory.Exists(folder))
            {
                problems.Add($"Senim:Signatures:{key} = '{folder}' is not a folder.");
            }
        }

        Range("Signatures:MaxCrlBytes", s.Signatures.MaxCrlBytes, 1024, 4L * 1024 * 1024 * 1024);
        Range("Signatures:CrlFetchSeconds", s.Signatures.CrlFetchSeconds, 1, 600);
        Range("Signatures:ChallengeHours", s.Signatures.ChallengeHours, 1, 24 * 30);
        if (s.Signatures.RequireSignedActs && s.Signatures.Anchors is not { Length: > 0 })
        {
            problems.Add("Senim:Signatures:RequireSignedActs = true needs Senim:Signatures:Anchors: without trust anchors no act could be signed.");
        }

        if (s.Admin.Password is { Length: > 0 } adminPassword && adminPassword.Length < Registry.RegistryIdentity.MinPasswordLength)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"Senim:Admin:Password must be at least {Registry.RegistryIdentity.MinPasswordLength} characters."));
        }

        CheckMail(s.Mail, problems, Range);
        if (string.IsNullOrWhiteSpace(s.Admin.Email) || !s.Admin.Email.Contains('@', StringComparison.Ordinal))
        {
            problems.Add($"Senim:Admin:Email = '{s.Admin.Email}' must be an e-mail address.");
        }

        return problems;
    }

    private static void CheckMail(MailOptions mail, List<string> problems, Action<string, long, long, long> range)
    {
        if (mail.Mode is not ("folder" or "smtp" or "off"))
        {
            problems.Add($"Senim:Mail:Mode = '{mail.Mode}' must be folder, smtp or off.");
        }

        if (mail.Mode == "smtp" && string.IsNullOrWhiteSpace(mail.Smtp.Host))
        {
            problems.Add("Senim:Mail:Smtp:Host is required when Senim:Mail:Mode is smtp.");
        }

        if (Registry.Mail.EmailAddresses.Normalize(mail.From) is null)
        {
            problems.Add($"Senim:Mail:From = '{mail.From}' must be an e-mail address.");
        }

        if (!Senim.Mail.SmtpOptions.SecurityModes.Contains(mail.Smtp.Security))
        {
            problems.Add($"Senim:Mail:Smtp:Security = '{mail.Smtp.Security}' must be none, starttls, tls or auto.");
        }

        range("Mail:Smtp:Port", mail.Smtp.Port, 1, 65535);
        range("Mail:Smtp:TimeoutSeconds", mail.Smtp.TimeoutSeconds, 1, 600);
        range("Mail:MaxAttempts", mail.MaxAttempts, 1, 1000);
        range("Mail:RetrySeconds", mail.RetrySeconds, 1, 86_400);
        range("Mail:MaxRetrySeconds", mail.MaxRetrySeconds, 1, 7 * 86_400);
        range("Mail:BatchSize", mail.BatchSize, 1, 1000);
        range("Mail:PollMilliseconds", mail.PollMilliseconds, 10, 600_000);
        range("Mail:LeaseSeconds", mail.LeaseSeconds, 60, 86_400);
        range("Mail:KeepDays", mail.KeepDays, 1, 3650);
    }

    private static string? Given(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static string Kind(string type) => type switch
    {
        "System.Int32" or "System.Int64" => "a whole number",
        "System.Boolean" => "true or false",
        var t when t.EndsWith(nameof(DatabaseProvider), StringComparison.Ordinal) => "a database provider (sqlite or postgres)",
        _ => "a value of the expected kind (" + type + ")",
    };

    [GeneratedRegex("Failed to convert configuration value .*?at '(?<key>[^']+)' to type '(?<type>[^']+)'", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex ConversionFailure();
}
