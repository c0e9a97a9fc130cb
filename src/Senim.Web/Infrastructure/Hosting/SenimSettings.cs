using Senim.Registry.Data;

namespace Senim.Web.Infrastructure.Hosting;

/// <summary>
/// Every setting under "Senim" (docs/web.md lists them), bound once at start and checked by
/// <see cref="SettingsReader"/>: a value of the wrong type or out of range stops the host with a message
/// naming the key. Services receive these objects; nothing reads "Senim:..." by string elsewhere.
/// </summary>
public sealed class SenimSettings
{
    public const string Section = "Senim";

    /// <summary>The law folder (default: the packs shipped beside the program, or SENIM_LAW_DIR).</summary>
    public string? LawDir { get; set; }

    /// <summary>kk, ru or en: the language when neither the cookie nor the browser names one.</summary>
    public string DefaultLanguage { get; set; } = "kk";

    /// <summary>The time zone pages show times in (IANA id); machine-readable formats stay in UTC.</summary>
    public string TimeZone { get; set; } = "Asia/Almaty";

    /// <summary>The base of stable URLs (register JSON/CSV/Atom, certificates); default: the request's scheme and host.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Where evidence files are kept.</summary>
    public string Files { get; set; } = Path.Combine("data", "files");

    /// <summary>Seconds a node keeps anonymous register reads in memory (0: off).</summary>
    public int PublicCacheSeconds { get; set; } = 5;

    /// <summary>
    /// The remark shown with a classification that registration of high-risk systems through expert review is
    /// the operator's policy, not a statutory duty; null keeps the shipped text (kk/ru/en).
    /// </summary>
    public LocalizedSetting? RegistrationPolicyNote { get; set; }

    /// <summary>
    /// Reverse proxies whose X-Forwarded-For and X-Forwarded-Proto Senim believes: addresses or CIDR networks, separated
    /// by commas ("127.0.0.1, 10.0.0.0/8"). Empty (the default): the headers are ignored.
    /// </summary>
    public string? TrustedProxies { get; set; }

    /// <summary>Days browsers keep to HTTPS after a response over HTTPS (Strict-Transport-Security); 0: no HSTS header.</summary>
    public int HstsDays { get; set; } = 365;

    public DatabaseSettings Database { get; set; } = new();

    public LogOptions Log { get; set; } = new();

    public RateLimitOptions RateLimits { get; set; } = new();

    public DemoOptions Demo { get; set; } = new();

    public AdminOptions Admin { get; set; } = new();

    public PkiOptions Pki { get; set; } = new();

    public LabelOptions Labels { get; set; } = new();

    /// <summary>Enforcement fines: Senim:Enforcement:MciByYear:2027 = the MCI in tenge of a year the law pack does not give (docs/enforcement.md).</summary>
    public Senim.Registry.Enforcement.EnforcementSettings Enforcement { get; set; } = new();

    /// <summary>Register search: Senim:RegisterSearch:InProcessIndex = true searches text through an index in each node's memory (docs/search.md).</summary>
    public Senim.Registry.Services.RegisterSearchSettings RegisterSearch { get; set; } = new();

    public MailOptions Mail { get; set; } = new();

    public SignatureOptions Signatures { get; set; } = new();

    public KeyProtectionOptions DataProtection { get; set; } = new();

    public Features.Citizens.CitizenOptions Citizens { get; set; } = new();
}

/// <summary>Senim:DataProtection — how the keys that protect sessions, kept forms and TOTP secrets are kept.</summary>
public sealed class KeyProtectionOptions
{
    /// <summary>A PKCS#12 (.pfx) file with an RSA certificate and its private key that encrypts the keys stored in the database; default: data/data-protection.pfx, generated on the first start.</summary>
    public string? Certificate { get; set; }

    /// <summary>The .pfx file's password, if it has one.</summary>
    public string? CertificatePassword { get; set; }
}

/// <summary>A text an operator may set in each language; a language left out falls back to the shipped text.</summary>
public sealed class LocalizedSetting
{
    public string? Kk { get; set; }

    public string? Ru { get; set; }

    public string? En { get; set; }
}

/// <summary>Senim:Log — the transparency log's key, origin and integrity job.</summary>
public sealed class LogOptions
{
    /// <summary>The signer key file (default data/log/signing.key).</summary>
    public string? KeyFile { get; set; }

    /// <summary>The origin line; default: the public base URL's host and path + "/log", else senim.local/log.</summary>
    public string? Origin { get; set; }

    /// <summary>Minutes between integrity checks (0: off).</summary>
    public int IntegrityMinutes { get; set; } = 10;
}

/// <summary>Senim:RateLimits — per client address (an IPv6 client by its /64).</summary>
public sealed class RateLimitOptions
{
    public int PublicPerSecond { get; set; } = 200;

    public int SignInPerMinute { get; set; } = 10;

    /// <summary>Sign-up forms posted per client per hour.</summary>
    public int SignUpPerHour { get; set; } = 20;

    /// <summary>Password-reset requests posted per client per hour.</summary>
    public int PasswordResetPerHour { get; set; } = 10;

    /// <summary>Two-factor settings forms posted per client per minute.</summary>
    public int TwoFactorPerMinute { get; set; } = 10;

    /// <summary>Classifications, label verifications and signings posted per client per minute.</summary>
    public int HeavyPerMinute { get; set; } = 60;

    /// <summary>Heavy requests one node works on at once (more wait in a short queue, then get 503); 0: twice the processors.</summary>
    public int HeavyConcurrent { get; set; }

    /// <summary>Citizens' requests filed per client per hour, with or without the browser's proof of work (docs/citizens.md).</summary>
    public int CitizenFilePerHour { get; set; } = 30;

    /// <summary>Tracking-code lookups per client per minute (pages and API).</summary>
    public int TrackPerMinute { get; set; } = 30;
}

/// <summary>Senim:Demo.</summary>
public sealed class DemoOptions
{
    /// <summary>Add the demo organisations, users and systems when the register is empty.</summary>
    public bool Seed { get; set; } = true;
}

/// <summary>Senim:Admin — the first platform admin, created when there is none.</summary>
public sealed class AdminOptions
{
    public string Email { get; set; } = "admin@senim.local";

    /// <summary>Null: a password is generated and shown once.</summary>
    public string? Password { get; set; }
}

/// <summary>Senim:Pki — the label certificate authority's key store.</summary>
public sealed class PkiOptions
{
    /// <summary>The authority's folder (default: pki beside the files folder).</summary>
    public string? Dir { get; set; }

    /// <summary>The key store password (else SENIM_PKI_PASSWORD, else generated for a demo).</summary>
    public string? Password { get; set; }

    public int KeyIterations { get; set; } = Senim.Authority.Keys.FileKeyStore.DefaultIterations;
}

/// <summary>Senim:Labels — content-label verification and signing.</summary>
public sealed class LabelOptions
{
    /// <summary>A folder of extra trust anchors (PEM or DER).</summary>
    public string? TrustAnchors { get; set; }

    public long MaxUploadBytes { get; set; } = Senim.Registry.Labels.LabelSettings.DefaultMaxUploadBytes;

    /// <summary>Bytes of uploads a node holds at once in temporary files (past it: 503); 0: eight times MaxUploadBytes.</summary>
    public long MaxBytesInFlight { get; set; }

    /// <summary>The budget in force: the setting, or eight uploads of the largest size.</summary>
    public long BytesInFlight => MaxBytesInFlight > 0 ? MaxBytesInFlight : 8 * MaxUploadBytes;
}

/// <summary>Senim:Mail — the e-mail outbox's sender (docs/email.md).</summary>
public sealed class MailOptions
{
    /// <summary>folder (drop .eml files; nothing leaves the machine), smtp, or off (this node sends nothing; mail waits in the outbox).</summary>
    public string Mode { get; set; } = "folder";

    /// <summary>The folder of .eml files (default: mail beside the files folder).</summary>
    public string? Folder { get; set; }

    public string From { get; set; } = "no-reply@senim.local";

    public string FromName { get; set; } = "Senim";

    public SmtpRelayOptions Smtp { get; set; } = new();

    public int MaxAttempts { get; set; } = 12;

    public int RetrySeconds { get; set; } = 30;

    public int MaxRetrySeconds { get; set; } = 3600;

    public int BatchSize { get; set; } = 50;

    /// <summary>Milliseconds the sender waits when the outbox has nothing due.</summary>
    public int PollMilliseconds { get; set; } = 2000;

    public int LeaseSeconds { get; set; } = 300;

    public int KeepDays { get; set; } = 30;
}

/// <summary>Senim:Mail:Smtp — the relay mail goes through when Senim:Mail:Mode is smtp.</summary>
public sealed class SmtpRelayOptions
{
    public string? Host { get; set; }

    public int Port { get; set; } = 25;

    /// <summary>none, starttls, tls or auto.</summary>
    public string Security { get; set; } = "auto";

    public string? User { get; set; }

    public string? Password { get; set; }

    public int TimeoutSeconds { get; set; } = 30;
}

/// <summary>
/// Senim:Signatures — digital signatures of organisations and acts (docs/organisations.md): the NCA's root certificates
/// (trust anchors) and intermediate CA certificates, CRLs shipped by the operator, whether CRLs are fetched from the
/// certificates' distribution points, and whether recommendations and decisions must be signed.
/// </summary>
public sealed class SignatureOptions
{
    /// <summary>A folder of trust anchors (PEM or DER): the NCA's root certificates. None: signatures cannot be verified.</summary>
    public string? Anchors { get; set; }

    /// <summary>A folder of intermediate CA certificates (PEM or DER): NCALayer puts only the signer's certificate in a signature.</summary>
    public string? Intermediates { get; set; }

    /// <summary>A folder of CRLs (PEM or DER) loaded at start.</summary>
    public string? Crls { get; set; }

    /// <summary>Fetch a CRL over HTTP from a certificate's distribution point when none loaded is current.</summary>
    public bool FetchCrls { get; set; } = true;

    /// <summary>The largest CRL accepted, loaded or fetched (the NCA's full CRLs are large).</summary>
    public long MaxCrlBytes { get; set; } = Senim.Signatures.Revocation.CrlCache.DefaultMaxBytes;

    /// <summary>Seconds a CRL download may take.</summary>
    public int CrlFetchSeconds { get; set; } = 20;

    /// <summary>Refuse recommendations and decisions without a digital signature.</summary>
    public bool RequireSignedActs { get; set; }

    /// <summary>Hours an issued challenge accepts its signature.</summary>
    public int ChallengeHours { get; set; } = 24;
}
