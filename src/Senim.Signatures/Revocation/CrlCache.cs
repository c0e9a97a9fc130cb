using System.Buffers;
using System.Collections.Concurrent;
using Senim.Signatures.Algorithms;
using Senim.Signatures.Certificates;
using Senim.Signatures.Verification;

namespace Senim.Signatures.Revocation;

/// <summary>What the cache knows about one certificate: the CRL that answered and the entry, or why none could.</summary>
internal readonly record struct CrlLookup(RevocationList? List, RevokedEntry? Entry, string? Problem);

/// <summary>
/// CRLs by issuer, kept until their nextUpdate: loaded from files or bytes the operator configures, and fetched
/// through the host's <see cref="ICrlFetcher"/> from a certificate's distribution points when none is current.
/// A CRL is used for a certificate only when it names the certificate's issuer, matches its key identifier,
/// verifies with its key (which must allow cRLSign), is complete (not a delta) and is current. Every CRL is
/// bounded by <see cref="MaxBytes"/> before a byte of it is parsed. Thread-safe; one cache serves all verifiers.
/// </summary>
public sealed class CrlCache
{
    /// <summary>The default size limit for one CRL.</summary>
    public const long DefaultMaxBytes = 32L * 1024 * 1024;

    private const int MaxPerIssuer = 4;
    private readonly ICrlFetcher? fetcher;
    private readonly TimeProvider time;
    private readonly Lock gate = new();
    private readonly Dictionary<string, List<RevocationList>> byIssuer = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Uri, Lazy<Task<string?>>> inFlight = new();
    private readonly ConcurrentDictionary<Uri, (DateTimeOffset Until, string Why)> failures = new();

    /// <param name="fetcher">Fetches CRLs from distribution points; null means only configured CRLs are used.</param>
    /// <param name="time">The clock for fetch back-off; the system clock when null.</param>
    /// <param name="maxBytes">The largest CRL accepted.</param>
    public CrlCache(ICrlFetcher? fetcher = null, TimeProvider? time = null, long maxBytes = DefaultMaxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        this.fetcher = fetcher;
        this.time = time ?? TimeProvider.System;
        MaxBytes = maxBytes;
    }

    /// <summary>The largest CRL accepted, in bytes.</summary>
    public long MaxBytes { get; }

    /// <summary>How long a failed fetch from one distribution point is not retried.</summary>
    public TimeSpan RetryAfterFailure { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How many CRLs are held.</summary>
    public int Count
    {
        get
        {
            lock (gate)
            {
                return byIssuer.Values.Sum(l => l.Count);
            }
        }
    }

    /// <summary>Adds a CRL (DER or PEM). Whose it is and whether it is intact is checked when it is used.</summary>
    /// <exception cref="CrlException">Too large or unreadable.</exception>
    public void Add(ReadOnlySpan<byte> crl)
    {
        if (crl.Length > MaxBytes)
        {
            throw TooLarge($"{crl.Length:N0} bytes");
        }

        Store(RevocationList.Parse(crl));
    }

    /// <summary>Adds a CRL file; a file over the limit is refused by its length, before it is read.</summary>
    /// <exception cref="CrlException">Too large or unreadable.</exception>
    public async Task AddFileAsync(string path, CancellationToken cancellationToken = default)
    {
        var length = new FileInfo(path).Length;
        if (length > MaxBytes)
        {
            throw TooLarge($"'{Path.GetFileName(path)}' is {length:N0} bytes");
        }

        var stream = File.OpenRead(path);
        await using (stream.ConfigureAwait(false))
        {
            await AddAsync(stream, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Adds a CRL read from <paramref name="stream"/>, stopping as soon as it passes the limit.</summary>
    /// <exception cref="CrlException">Too large or unreadable.</exception>
    public async Task AddAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        Store(RevocationList.Parse(await ReadBoundedAsync(stream, cancellationToken).ConfigureAwait(false)));
    }

    /// <summary>
    /// The status of <paramref name="certificate"/> from a current CRL of <paramref name="issuer"/>, fetching one
    /// through the host when none is held.
    /// </summary>
    internal async ValueTask<CrlLookup> LookupAsync(CertificateInfo certificate, CertificateInfo issuer, DateTimeOffset at, AlgorithmSet algorithms, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        if (Find(certificate, issuer, at, algorithms, problems) is { } found)
        {
            return found;
        }

        if (fetcher is not null)
        {
            foreach (var point in certificate.CrlDistributionPoints)
            {
                var why = await FetchAsync(point, cancellationToken).ConfigureAwait(false);
                if (why is not null)
                {
                    problems.Add(why);
                    continue;
                }

                problems.Clear();
                if (Find(certificate, issuer, at, algorithms, problems) is { } fetched)
                {
                    return fetched;
                }
            }
        }

        if (problems.Count == 0)
        {
            problems.Add(fetcher is null || certificate.CrlDistributionPoints.Count == 0
                ? $"no CRL of '{issuer.SubjectText}' is configured" + (fetcher is null ? string.Empty : " and the certificate names no distribution point")
                : $"no CRL of '{issuer.SubjectText}' could be fetched");
        }

        return new CrlLookup(null, null, string.Join("; ", problems.Distinct(StringComparer.Ordinal)));
    }

    private CrlLookup? Find(CertificateInfo certificate, CertificateInfo issuer, DateTimeOffset at, AlgorithmSet algorithms, List<string> problems)
    {
        RevocationList[] candidates;
        lock (gate)
        {
            candidates = byIssuer.TryGetValue(Key(issuer.Subject.Span), out var lists) ? [.. lists] : [];
        }

        foreach (var list in candidates.OrderByDescending(l => l.ThisUpdate))
        {
            var problem = list.IssuerChecks.GetOrAdd(issuer.Sha256, _ => list.IssuerProblem(issuer) ?? SignatureProblem(list, issuer, algorithms)) ?? list.DateProblem(at);
            if (problem is not null)
            {
                problems.Add(problem);
                continue;
            }

            return new CrlLookup(list, list.Entries.TryGetValue(certificate.Serial, out var entry) ? entry : null, null);
        }

        return null;
    }

    private static string? SignatureProblem(RevocationList list, CertificateInfo issuer, AlgorithmSet algorithms)
    {
        try
        {
            return algorithms.Verify($"the CRL of '{list.IssuerText}'", list.SignatureAlgorithm, null, issuer.KeyAlgorithmOid, issuer.SubjectPublicKeyInfo.Span, list.SignedPart, list.Signature)
                ? null
                : $"the CRL of '{list.IssuerText}' does not verify with the issuer's key";
        }
        catch (SignatureFailureException ex)
        {
            return ex.Message;
        }
    }

    /// <summary>Fetches and stores the CRL at <paramref name="point"/>; null on success, else why not. Concurrent callers share one fetch.</summary>
    private async Task<string?> FetchAsync(Uri point, CancellationToken cancellationToken)
    {
        if (failures.TryGetValue(point, out var failure) && failure.Until > time.GetUtcNow())
        {
            return failure.Why;
        }

        var attempt = inFlight.GetOrAdd(point, p => new Lazy<Task<string?>>(() => FetchOnceAsync(p, cancellationToken)));
        try
        {
            var why = await attempt.Value.ConfigureAwait(false);
            if (why is not null)
            {
                failures[point] = (time.GetUtcNow() + RetryAfterFailure, why);
            }

            return why;
        }
        finally
        {
            inFlight.TryRemove(new KeyValuePair<Uri, Lazy<Task<string?>>>(point, attempt));
        }
    }

    private async Task<string?> FetchOnceAsync(Uri point, CancellationToken cancellationToken)
    {
        try
        {
            var stream = await fetcher!.OpenAsync(point, cancellationToken).ConfigureAwait(false);
            if (stream is null)
            {
                return $"the CRL at {point} could not be fetched";
            }

            await using (stream.ConfigureAwait(false))
            {
                await AddAsync(stream, cancellationToken).ConfigureAwait(false);
            }

            return null;
        }
        catch (CrlException ex)
        {
            return $"the CRL at {point} was refused: {ex.Message}";
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException or TimeoutException)
        {
            return $"the CRL at {point} could not be fetched ({ex.GetType().Name})";
        }
    }

    private void Store(RevocationList list)
    {
        lock (gate)
        {
            var key = Key(list.Issuer);
            if (!byIssuer.TryGetValue(key, out var lists))
            {
                byIssuer[key] = lists = [];
            }

            if (lists.Any(l => l.SignedPart.AsSpan().SequenceEqual(list.SignedPart)))
            {
                return;
            }

            lists.Add(list);
            if (lists.Count > MaxPerIssuer)
            {
                lists.Remove(lists.MinBy(l => l.ThisUpdate)!);
            }
        }
    }

    private async Task<byte[]> ReadBoundedAsync(Stream stream, CancellationToken cancellationToken)
    {
        if (stream.CanSeek && stream.Length - stream.Position > MaxBytes)
        {
            throw TooLarge($"{stream.Length - stream.Position:N0} bytes");
        }

        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > MaxBytes)
                {
                    throw TooLarge("more than that");
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.ToArray();
    }

    private CrlException TooLarge(string size) =>
        new(CrlProblem.TooLarge, $"The CRL is over the {MaxBytes:N0}-byte limit ({size}); it was not read. Raise the limit in the configuration only if the issuer's CRLs are really this large.");

    private static string Key(ReadOnlySpan<byte> issuerName) => Convert.ToHexString(issuerName);
}
