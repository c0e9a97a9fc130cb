using System.Numerics;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Senim.Authority.State;

/// <summary>
/// The authority's state in one JSON file (authority.json) in a folder, for the CLI and tests. Every call
/// holds an exclusive lock on authority.lock beside it, reads the file, and for changes writes a new file
/// under a temporary name and renames it over the old one, so a crash leaves the old state or the new,
/// never half of one, and two processes cannot interleave their changes.
/// </summary>
public sealed class FileAuthorityStore : IAuthorityStore, IDisposable
{
    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(30);
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly TimeProvider _time;

    /// <summary>A store in <paramref name="directory"/>, created on the first change.</summary>
    public FileAuthorityStore(string directory, TimeProvider? time = null)
    {
        Directory = Path.GetFullPath(directory);
        FilePath = Path.Combine(Directory, "authority.json");
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The folder.</summary>
    public string Directory { get; }

    /// <summary>The state file.</summary>
    public string FilePath { get; }

    /// <inheritdoc />
    public Task<IssuedCertificate?> FindCaAsync(CertificateKind kind, CancellationToken cancellationToken = default) =>
        ReadAsync(s => s.Certificates.LastOrDefault(c => c.Kind == kind), cancellationToken);

    /// <inheritdoc />
    public Task<IssuedCertificate?> FindAsync(string serial, CancellationToken cancellationToken = default) =>
        ReadAsync(s => s.Certificates.FirstOrDefault(c => c.Serial == serial), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<IssuedCertificate>> FindBySystemAsync(string registerNumber, CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<IssuedCertificate>>(s => [.. s.Certificates.Where(c => c.RegisterNumber == registerNumber)], cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<IssuedCertificate>> ListAsync(CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<IssuedCertificate>>(s => [.. s.Certificates], cancellationToken);

    /// <inheritdoc />
    public Task AddAsync(IssuedCertificate certificate, CancellationToken cancellationToken = default) =>
        ChangeAsync(s =>
        {
            if (s.Certificates.Any(c => c.Serial == certificate.Serial))
            {
                throw new InvalidOperationException($"A certificate with serial {certificate.Serial} is recorded already.");
            }

            s.Certificates.Add(certificate);
            return true;
        }, cancellationToken);

    /// <inheritdoc />
    public Task SetRevocationAsync(string serial, Revocation? revocation, CancellationToken cancellationToken = default) =>
        ChangeAsync(s =>
        {
            var index = s.Certificates.FindIndex(c => c.Serial == serial);
            if (index < 0)
            {
                throw new InvalidOperationException($"No certificate with serial {serial}.");
            }

            s.Certificates[index] = s.Certificates[index] with { Revocation = revocation };
            return true;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<IssuedCertificate>> RevokedByAsync(string issuerSerial, CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<IssuedCertificate>>(
            s => [.. s.Certificates.Where(c => c.Revocation is not null && c.IssuerSerial == issuerSerial && c.Serial != issuerSerial)],
            cancellationToken);

    /// <inheritdoc />
    public async Task<BigInteger> NextCrlNumberAsync(string issuerSerial, CancellationToken cancellationToken = default) =>
        await ChangeAsync(s =>
        {
            var next = s.CrlNumbers.GetValueOrDefault(issuerSerial) + 1;
            s.CrlNumbers[issuerSerial] = next;
            return new BigInteger(next);
        }, cancellationToken);

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();

    private Task<T> ReadAsync<T>(Func<StateFile, T> read, CancellationToken cancellationToken) =>
        System.IO.Directory.Exists(Directory)
            ? WithLockAsync(() => read(Load()), cancellationToken)
            : Task.FromResult(read(new StateFile()));

    private Task<T> ChangeAsync<T>(Func<StateFile, T> change, CancellationToken cancellationToken)
    {
        // The authority's folder holds its key store too: its owner's only, as the key store's own folder is.
        if (OperatingSystem.IsWindows())
        {
            System.IO.Directory.CreateDirectory(Directory);
        }
        else
        {
            System.IO.Directory.CreateDirectory(Directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return WithLockAsync(() =>
        {
            var state = Load();
            var result = change(state);
            Save(state);
            return result;
        }, cancellationToken);
    }

    private async Task<T> WithLockAsync<T>(Func<T> work, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            using var held = await AcquireFileLockAsync(cancellationToken);
            return work();
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<FileStream> AcquireFileLockAsync(CancellationToken cancellationToken)
    {
        var path = Path.Combine(Directory, "authority.lock");
        var deadline = _time.GetUtcNow() + LockTimeout;
        while (true)
        {
            try
            {
                // FileShare.None takes an exclusive advisory lock that other processes' opens respect.
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (_time.GetUtcNow() < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(25), _time, cancellationToken);
            }
            catch (IOException ex)
            {
                throw new AuthorityException(AuthorityError.Inconsistent, $"The authority state in {Directory} stayed locked by another process for {LockTimeout.TotalSeconds:0} s.", ex);
            }
        }
    }

    private StateFile Load()
    {
        if (!File.Exists(FilePath))
        {
            return new StateFile();
        }

        try
        {
            using var stream = File.OpenRead(FilePath);
            var state = JsonSerializer.Deserialize<StateFile>(stream, Json)
                ?? throw new JsonException("the file holds null");
            if (state.Version != StateFile.CurrentVersion)
            {
                throw new AuthorityException(AuthorityError.Inconsistent, $"{FilePath} is version {state.Version}; this Senim reads version {StateFile.CurrentVersion}.");
            }

            return state;
        }
        catch (JsonException ex)
        {
            throw new AuthorityException(AuthorityError.Inconsistent, $"{FilePath} is damaged: {ex.Message}", ex);
        }
    }

    private void Save(StateFile state)
    {
        var temp = FilePath + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                JsonSerializer.Serialize(stream, state, Json);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, FilePath, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    private sealed class StateFile
    {
        public const int CurrentVersion = 1;

        public int Version { get; set; } = CurrentVersion;

        public List<IssuedCertificate> Certificates { get; set; } = [];

        public Dictionary<string, long> CrlNumbers { get; set; } = [];
    }
}
