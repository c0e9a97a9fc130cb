using Microsoft.Extensions.Logging;
using Senim.Ledger.Notes;

namespace Senim.Registry.Log;

/// <summary>
/// The log's signing key, loaded from (or, on first use, created in) the key file named by <see cref="LogSettings.KeyFile"/>.
/// The key never goes into the database. One instance per process.
/// </summary>
public sealed class LogKey : IDisposable
{
    private readonly Lazy<NoteSigner> _signer;

    public LogKey(LogSettings settings, ILogger<LogKey> logger)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Settings = settings;
        _signer = new Lazy<NoteSigner>(() =>
        {
            var path = Path.GetFullPath(settings.KeyFile);
            if (!File.Exists(path))
            {
                var verifier = FileKeyStore.Create(path, settings.Origin);
                logger.LogWarning("Created the transparency log's signing key at {Path} (public key {VerifierKey}). Back it up: losing it means starting a new log under a new key.", path, verifier);
            }

            return FileKeyStore.LoadOrCreate(path, settings.Origin);
        }, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public LogSettings Settings { get; }

    /// <summary>The log's origin line (and key name).</summary>
    public string Origin => Settings.Origin;

    /// <summary>The signer (created on first use).</summary>
    public NoteSigner Signer => _signer.Value;

    /// <summary>The public verifier key to pin (name+keyid+base64).</summary>
    public string VerifierKey => Signer.VerifierKey;

    public void Dispose()
    {
        if (_signer.IsValueCreated)
        {
            _signer.Value.Dispose();
        }
    }
}
