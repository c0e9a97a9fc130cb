using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Senim.Authority.Keys;

/// <summary>
/// Keys as password-protected files: one encrypted PKCS#8 PEM per key (PBES2: PBKDF2-HMAC-SHA256 and
/// AES-256-CBC), named NAME.key.pem in one folder. Files are written to a temporary name and moved into
/// place, so a crash never leaves half a key, and never overwrite an existing key. On Unix the folder is
/// 0700 and each file 0600, and a key file that others can read is refused. The password is given by the
/// caller (configuration or an environment variable): the store never writes it anywhere.
/// </summary>
public sealed partial class FileKeyStore : IKeyStore
{
    /// <summary>PBKDF2 iterations for new keys by default (OWASP's figure for PBKDF2-HMAC-SHA256).</summary>
    public const int DefaultIterations = 600_000;

    /// <summary>The fewest iterations a store accepts for new keys.</summary>
    public const int MinIterations = 10_000;

    /// <summary>The most PBKDF2 iterations a key file may ask for.</summary>
    public const int MaxIterations = EncryptedKeyInfo.MaxIterations;

    /// <summary>The shortest password the store accepts.</summary>
    public const int MinPasswordLength = 12;

    private const int MaxFileBytes = 16 * 1024;
    private const string Suffix = ".key.pem";
    private const string PemLabel = "ENCRYPTED PRIVATE KEY";

    private readonly string _password;
    private readonly int _iterations;

    /// <summary>Opens (and creates if needed) a key folder.</summary>
    /// <param name="directory">The folder for the key files.</param>
    /// <param name="password">Encrypts and decrypts every key; at least <see cref="MinPasswordLength"/> characters.</param>
    /// <param name="iterations">PBKDF2 iterations for keys created from now on; existing keys keep theirs.</param>
    public FileKeyStore(string directory, string password, int iterations = DefaultIterations)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(password);
        if (password.Length < MinPasswordLength || string.IsNullOrWhiteSpace(password))
        {
            throw new KeyStoreException(KeyStoreError.WeakPassword, $"The key store password must be at least {MinPasswordLength} characters (and not only spaces).");
        }

        if (iterations is < MinIterations or > EncryptedKeyInfo.MaxIterations)
        {
            throw new ArgumentOutOfRangeException(nameof(iterations), $"PBKDF2 iterations must be between {MinIterations:N0} and {EncryptedKeyInfo.MaxIterations:N0}.");
        }

        Directory = Path.GetFullPath(directory);
        _password = password;
        _iterations = iterations;
        try
        {
            if (OperatingSystem.IsWindows())
            {
                System.IO.Directory.CreateDirectory(Directory);
            }
            else
            {
                System.IO.Directory.CreateDirectory(Directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new KeyStoreException(KeyStoreError.Io, $"The key folder {Directory} could not be created: {ex.Message}", ex);
        }
    }

    /// <summary>The key folder (absolute).</summary>
    public string Directory { get; }

    /// <summary>The file that holds (or would hold) the named key.</summary>
    public string PathOf(string name) => Path.Combine(Directory, CheckName(name) + Suffix);

    /// <inheritdoc />
    public bool Contains(string name) => File.Exists(PathOf(name));

    /// <inheritdoc />
    public ISigningKey Create(string name, KeyAlgorithm algorithm)
    {
        var path = PathOf(name);
        if (File.Exists(path))
        {
            throw new KeyStoreException(KeyStoreError.AlreadyExists, $"A key named '{name}' exists already in {Directory}; keys are never overwritten.");
        }

        var key = ECDsa.Create(algorithm.Curve());
        try
        {
            var der = key.ExportEncryptedPkcs8PrivateKey(
                _password,
                new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, _iterations));
            WriteNew(path, name, PemEncoding.Write(PemLabel, der));
            return new EcdsaSigningKey(name, algorithm, key);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public ISigningKey Open(string name)
    {
        var path = PathOf(name);
        var der = ReadDer(path, name);
        EncryptedKeyInfo.Inspect(der, name);

        var key = ECDsa.Create();
        try
        {
            int read;
            try
            {
                key.ImportEncryptedPkcs8PrivateKey(_password, der, out read);
            }
            catch (CryptographicException ex)
            {
                throw new KeyStoreException(KeyStoreError.WrongPassword, $"The key '{name}' could not be decrypted: the key store password is wrong, or the key file was altered.", ex);
            }

            if (read != der.Length)
            {
                throw new KeyStoreException(KeyStoreError.Corrupt, $"The key file for '{name}' has data after the key.");
            }

            var algorithm = KeyAlgorithms.Of(key)
                ?? throw new KeyStoreException(KeyStoreError.UnsupportedKey, $"The key '{name}' is not an ECDSA P-256 or P-384 key.");
            return new EcdsaSigningKey(name, algorithm, key);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    private static string CheckName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!NamePattern().IsMatch(name) || name.Contains("..", StringComparison.Ordinal))
        {
            throw new KeyStoreException(KeyStoreError.InvalidName, $"'{name}' is not a valid key name: use 1-128 letters, digits, '.', '_' or '-', starting with a letter or digit.");
        }

        return name;
    }

    private static byte[] ReadDer(string path, string name)
    {
        string text;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                throw new KeyStoreException(KeyStoreError.NotFound, $"No key named '{name}' in {Path.GetDirectoryName(path)}.");
            }

            if (!OperatingSystem.IsWindows() && (info.UnixFileMode & (UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite)) != 0)
            {
                throw new KeyStoreException(KeyStoreError.Io, $"The key file {path} can be read or written by other users; make it private (chmod 600) first.");
            }

            if (info.Length > MaxFileBytes)
            {
                throw new KeyStoreException(KeyStoreError.Corrupt, $"The key file for '{name}' is {info.Length:N0} bytes, far more than a key; refusing to read it.");
            }

            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new KeyStoreException(KeyStoreError.Io, $"The key file {path} could not be read: {ex.Message}", ex);
        }

        if (!PemEncoding.TryFind(text, out var fields))
        {
            throw new KeyStoreException(KeyStoreError.Corrupt, $"The key file for '{name}' holds no PEM block.");
        }

        var label = text.AsSpan()[fields.Label];
        if (!label.SequenceEqual(PemLabel))
        {
            throw new KeyStoreException(KeyStoreError.Corrupt, $"The key file for '{name}' holds a '{label}' block, not an '{PemLabel}': Senim stores only encrypted keys.");
        }

        var der = new byte[fields.DecodedDataLength];
        if (!Convert.TryFromBase64Chars(text.AsSpan()[fields.Base64Data], der, out var written) || written != der.Length)
        {
            throw new KeyStoreException(KeyStoreError.Corrupt, $"The key file for '{name}' has damaged base64.");
        }

        return der;
    }

    private static void WriteNew(string path, string name, char[] pem)
    {
        var directory = Path.GetDirectoryName(path)!;
        var temp = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var stream = new FileStream(temp, options))
            using (var writer = new StreamWriter(stream))
            {
                writer.Write(pem);
                writer.Write('\n');
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }

            // Move without overwrite is atomic and fails if another process created the key meanwhile.
            File.Move(temp, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            throw new KeyStoreException(KeyStoreError.AlreadyExists, $"A key named '{name}' exists already in {directory}; keys are never overwritten.");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new KeyStoreException(KeyStoreError.Io, $"The key '{name}' could not be written to {directory}: {ex.Message}", ex);
        }
        finally
        {
            Array.Clear(pem);
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
