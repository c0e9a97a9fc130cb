using System.Text.Json;
using Senim.Authority;
using Senim.Authority.Keys;
using Senim.Authority.State;

namespace Senim.Cli;

/// <summary>
/// Where `senim pki` keeps the authority: DIR/authority.json (state), DIR/keys/ (encrypted keys),
/// DIR/pki.json (the base URL and operator name fixed at init), DIR/root.pem and DIR/issuing.pem (public).
/// The key password comes from --password-file or SENIM_PKI_PASSWORD, never from a file in DIR.
/// </summary>
internal sealed class PkiWorkspace : IDisposable
{
    public const string PasswordVariable = "SENIM_PKI_PASSWORD";
    public const string DirectoryVariable = "SENIM_PKI_DIR";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
    private readonly Lazy<FileKeyStore> _keys;

    private PkiWorkspace(string directory, string? passwordFile, FileAuthorityStore store)
    {
        Directory = directory;
        Store = store;
        _keys = new Lazy<FileKeyStore>(() => new FileKeyStore(Path.Combine(directory, "keys"), ReadPassword(directory, passwordFile)));
    }

    public string Directory { get; }

    /// <summary>The key store, opened on first use: commands that need no key need no password.</summary>
    public FileKeyStore Keys => _keys.Value;

    public FileAuthorityStore Store { get; }

    public string SettingsPath => Path.Combine(Directory, "pki.json");

    /// <summary>Opens the folder (created if missing).</summary>
    public static PkiWorkspace Open(string? directory, string? passwordFile)
    {
        var dir = Path.GetFullPath(directory ?? Environment.GetEnvironmentVariable(DirectoryVariable) ?? Path.Combine("data", "pki"));
        return new PkiWorkspace(dir, passwordFile, new FileAuthorityStore(dir));
    }

    /// <summary>The options fixed at init; null when the authority was never set up here.</summary>
    public AuthorityOptions? ReadOptions()
    {
        if (!File.Exists(SettingsPath))
        {
            return null;
        }

        try
        {
            var settings = JsonSerializer.Deserialize<Settings>(File.ReadAllText(SettingsPath))
                ?? throw new JsonException("empty");
            return new AuthorityOptions { BaseUrl = new Uri(settings.BaseUrl, UriKind.Absolute), OperatorName = settings.OperatorName };
        }
        catch (Exception ex) when (ex is JsonException or UriFormatException or ArgumentNullException)
        {
            throw new UsageException($"{SettingsPath} is damaged: {ex.Message}");
        }
    }

    public void WriteOptions(AuthorityOptions options) =>
        File.WriteAllText(SettingsPath, JsonSerializer.Serialize(new Settings(options.BaseUrl.AbsoluteUri, options.OperatorName), Indented) + "\n");

    public void Dispose() => Store.Dispose();

    private static string ReadPassword(string dir, string? passwordFile)
    {
        if (passwordFile is not null)
        {
            var full = Path.GetFullPath(passwordFile);
            if (full.StartsWith(dir + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                throw new UsageException($"The password file {full} is inside the authority folder {dir}; keep the password away from the keys.");
            }

            try
            {
                return File.ReadAllText(full).TrimEnd('\r', '\n');
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new UsageException($"The password file {full} cannot be read: {ex.Message}");
            }
        }

        return Environment.GetEnvironmentVariable(PasswordVariable) is { Length: > 0 } fromEnvironment
            ? fromEnvironment
            : throw new UsageException($"No key password: set {PasswordVariable} or pass --password-file FILE.");
    }

    private sealed record Settings(string BaseUrl, string OperatorName);
}

/// <summary>A problem with how a command was called (exit code 2).</summary>
internal sealed class UsageException(string message) : Exception(message);
