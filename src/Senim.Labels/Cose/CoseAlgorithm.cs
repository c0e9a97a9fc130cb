namespace Senim.Labels.Cose;

/// <summary>COSE algorithm identifiers (IANA) that C2PA allows for claim signatures.</summary>
public enum CoseAlgorithm
{
    /// <summary>ECDSA P-256 with SHA-256 (-7).</summary>
    ES256 = -7,

    /// <summary>ECDSA P-384 with SHA-384 (-35).</summary>
    ES384 = -35,

    /// <summary>ECDSA P-521 with SHA-512 (-36).</summary>
    ES512 = -36,

    /// <summary>RSASSA-PSS with SHA-256 (-37).</summary>
    PS256 = -37,

    /// <summary>RSASSA-PSS with SHA-384 (-38).</summary>
    PS384 = -38,

    /// <summary>RSASSA-PSS with SHA-512 (-39).</summary>
    PS512 = -39,

    /// <summary>EdDSA; C2PA allows it with Ed25519 keys only (-8).</summary>
    Ed25519 = -8,
}
