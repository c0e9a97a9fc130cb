namespace Senim.Authority;

/// <summary>What kind of request the authority refused.</summary>
public enum AuthorityError
{
    /// <summary>The caller's input is wrong (a register number, a name, a validity, a serial's format).</summary>
    InvalidInput,

    /// <summary>The certificate signing request is malformed, badly signed, or holds a key Senim does not accept.</summary>
    BadRequest,

    /// <summary>No certificate with that serial, or the authority has not been set up.</summary>
    NotFound,

    /// <summary>The request conflicts with the current state (already revoked, not on hold, a revoked signer).</summary>
    Conflict,

    /// <summary>The authority's stored state is damaged or inconsistent (a key without its certificate, a key that does not match).</summary>
    Inconsistent,
}

/// <summary>The authority refused or could not carry out a request; the message says why in words for people.</summary>
public sealed class AuthorityException(AuthorityError error, string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The kind of refusal.</summary>
    public AuthorityError Error { get; } = error;
}
