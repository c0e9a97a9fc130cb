namespace Senim.Authority.Keys;

/// <summary>What went wrong with a key store operation.</summary>
public enum KeyStoreError
{
    /// <summary>The key name is not allowed.</summary>
    InvalidName,

    /// <summary>No key of that name.</summary>
    NotFound,

    /// <summary>A key of that name exists already; keys are never overwritten.</summary>
    AlreadyExists,

    /// <summary>The file is not an encrypted PKCS#8 key Senim can read (damaged, truncated, another format).</summary>
    Corrupt,

    /// <summary>Decryption failed: the password is wrong, or the encrypted content was altered.</summary>
    WrongPassword,

    /// <summary>The key decrypted but is not an ECDSA P-256 or P-384 key.</summary>
    UnsupportedKey,

    /// <summary>The password does not meet the store's minimum.</summary>
    WeakPassword,

    /// <summary>The file system refused a read or write.</summary>
    Io,
}

/// <summary>A key store operation failed; <see cref="Error"/> says why, the message says it for people.</summary>
public sealed class KeyStoreException(KeyStoreError error, string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The kind of failure.</summary>
    public KeyStoreError Error { get; } = error;
}
