namespace Senim.Authority.Keys;

/// <summary>
/// Where the authority's private keys live: the CA keys and the keys Senim holds for systems that sign
/// through the API. Names are 1–128 characters of letters, digits, '.', '_' and '-', starting with a
/// letter or digit.
/// </summary>
public interface IKeyStore
{
    /// <summary>Whether a key of this name exists.</summary>
    bool Contains(string name);

    /// <summary>Generates a new key, stores it and returns a handle to it.</summary>
    /// <exception cref="KeyStoreException">The name is invalid or taken, or the key could not be stored.</exception>
    ISigningKey Create(string name, KeyAlgorithm algorithm);

    /// <summary>Opens a stored key.</summary>
    /// <exception cref="KeyStoreException">Missing, unreadable, corrupt, or the password is wrong.</exception>
    ISigningKey Open(string name);
}
