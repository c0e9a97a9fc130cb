namespace Senim.Authority;

/// <summary>
/// How the authority names itself, where it publishes, and how long what it signs stays valid.
/// Only <see cref="BaseUrl"/> has no default.
/// </summary>
public sealed record AuthorityOptions
{
    /// <summary>The longest a signer certificate may be valid.</summary>
    public static readonly TimeSpan MaxSignerValidity = TimeSpan.FromDays(730);

    /// <summary>
    /// The public address the CRLs, CA certificates and register entries are served under, e.g.
    /// https://senim.example.kz/. CRLs are at pki/issuing.crl and pki/root.crl below it, the CA
    /// certificates at pki/issuing.crt and pki/root.crt, register entries at register/NUMBER.
    /// These go into every certificate, so they must stay stable for as long as the certificates live.
    /// </summary>
    public required Uri BaseUrl { get; init; }

    /// <summary>The organisation that runs the authority: O of the CA certificates.</summary>
    public string OperatorName { get; init; } = "Senim";

    /// <summary>The country of the operator: C of the CA certificates (ISO 3166 alpha-2).</summary>
    public string Country { get; init; } = "KZ";

    /// <summary>How long the root CA certificate is valid (default 20 years).</summary>
    public TimeSpan RootValidity { get; init; } = TimeSpan.FromDays(7305);

    /// <summary>How long the issuing CA certificate is valid (default 6 years; it must outlive the signers it issues).</summary>
    public TimeSpan IssuingValidity { get; init; } = TimeSpan.FromDays(2192);

    /// <summary>How long a signer certificate is valid unless the request says otherwise (default 1 year, at most <see cref="MaxSignerValidity"/>).</summary>
    public TimeSpan SignerValidity { get; init; } = TimeSpan.FromDays(365);

    /// <summary>How far ahead an issuing CA's CRL sets nextUpdate (default 7 days; publish a new one well before).</summary>
    public TimeSpan IssuingCrlValidity { get; init; } = TimeSpan.FromDays(7);

    /// <summary>How far ahead the root's CRL sets nextUpdate (default 365 days).</summary>
    public TimeSpan RootCrlValidity { get; init; } = TimeSpan.FromDays(365);

    /// <summary>Where the issuing CA's CRL is published: the CRL distribution point of every signer certificate.</summary>
    public Uri IssuingCrlUrl => new(Base, "pki/issuing.crl");

    /// <summary>Where the root's CRL is published: the CRL distribution point of the issuing CA certificate.</summary>
    public Uri RootCrlUrl => new(Base, "pki/root.crl");

    /// <summary>Where the issuing CA certificate is published (caIssuers of every signer certificate).</summary>
    public Uri IssuingCertificateUrl => new(Base, "pki/issuing.crt");

    /// <summary>Where the root certificate is published (caIssuers of the issuing CA certificate).</summary>
    public Uri RootCertificateUrl => new(Base, "pki/root.crt");

    /// <summary>The register entry of a system: the URI in its certificate's subjectAltName.</summary>
    public Uri RegisterEntryUrl(string registerNumber) => new(Base, "register/" + Uri.EscapeDataString(registerNumber));

    private Uri Base => BaseUrl.AbsoluteUri.EndsWith('/') ? BaseUrl : new Uri(BaseUrl.AbsoluteUri + "/");

    /// <summary>Checks the options and throws <see cref="AuthorityException"/> naming the first bad one.</summary>
    public void Validate()
    {
        if (BaseUrl is null || !BaseUrl.IsAbsoluteUri || BaseUrl.Scheme is not ("http" or "https") || !string.IsNullOrEmpty(BaseUrl.Query) || !string.IsNullOrEmpty(BaseUrl.Fragment))
        {
            throw new AuthorityException(AuthorityError.InvalidInput, $"The base URL '{BaseUrl}' must be an absolute http or https address without query or fragment.");
        }

        if (string.IsNullOrWhiteSpace(OperatorName) || OperatorName.Length > SystemIdentity.MaxNameLength)
        {
            throw new AuthorityException(AuthorityError.InvalidInput, $"The operator name must be 1-{SystemIdentity.MaxNameLength} characters.");
        }

        if (Country is not { Length: 2 } || !Country.All(char.IsAsciiLetterUpper))
        {
            throw new AuthorityException(AuthorityError.InvalidInput, $"The country '{Country}' must be two capital letters (ISO 3166 alpha-2).");
        }

        if (SignerValidity <= TimeSpan.Zero || SignerValidity > MaxSignerValidity)
        {
            throw new AuthorityException(AuthorityError.InvalidInput, $"Signer certificates may be valid for 1 day to {MaxSignerValidity.TotalDays:0} days.");
        }

        if (IssuingValidity <= MaxSignerValidity || IssuingValidity >= RootValidity)
        {
            throw new AuthorityException(AuthorityError.InvalidInput, "The issuing CA must be valid longer than any signer certificate and shorter than the root.");
        }

        if (IssuingCrlValidity <= TimeSpan.Zero || RootCrlValidity <= TimeSpan.Zero)
        {
            throw new AuthorityException(AuthorityError.InvalidInput, "CRL validity periods must be positive.");
        }
    }
}
