using Microsoft.Extensions.DependencyInjection;
using Senim.Search;

namespace Senim.Registry.Services;

/// <summary>How the public register searches text (docs/search.md, ADR 0029).</summary>
public sealed class RegisterSearchSettings
{
    /// <summary>
    /// Search text through an index in this node's memory (Senim.Search: across scripts, word forms and typos) instead of
    /// the database's full-text index. Off by default until the register writes the change feed of ADR 0029.
    /// </summary>
    public bool InProcessIndex { get; init; }

    /// <summary>How often (at most) a search looks in the database for changed systems to apply, in milliseconds.</summary>
    public int RefreshMilliseconds { get; init; } = 1000;

    /// <summary>How far back a refresh re-reads, in seconds of update time: for changes committed out of order or stamped by a node whose clock is behind.</summary>
    public int OverlapSeconds { get; init; } = 30;

    public void Validate()
    {
        if (RefreshMilliseconds is < 0 or > 600_000 || OverlapSeconds is < 0 or > 86_400)
        {
            throw new InvalidOperationException("RegisterSearch: RefreshMilliseconds must be 0–600000 and OverlapSeconds 0–86400.");
        }
    }
}

/// <summary>
/// The register's systems (listed or not, with their listing, status, sector, tier and organisation as facets) in a
/// <see cref="MemorySearchIndex"/> of this node. The first search starts the build and is answered by the database until
/// it is done; later searches apply what changed since the last look (systems whose update time moved, re-read with an
/// overlap), at most every <see cref="RegisterSearchSettings.RefreshMilliseconds"/>.
/// </summary>
/// <remarks>
/// Interim feed, until the change table of ADR 0029: a system deleted from the database stays in the index until the
/// count of systems drops (then the index is rebuilt), and an organisation's rename reaches the index with its systems'
/// next change. Both only cost a result the page then leaves out or a stale organisation name in matching.
/// </remarks>
public sealed class RegisterSearchIndex(IServiceScopeFactory scopes, RegisterSearchSettings settings, TimeProvider time) : IDisposable
{
    private const int Batch = 1000;
    private readonly SemaphoreSlim refreshing = new(1, 1);
    private readonly Lock starting = new();
    private volatile MemorySearchIndex? index;
    private Task? build;
    private long checkedAt;
    private (DateTime Latest, int Count) seen;

    public bool Enabled => settings.InProcessIndex;

    /// <summary>The ranked ids of a request, or null while the index is being built (search the database then).</summary>
    public async Task<SearchResult?> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default)
    {
        if (index is null)
        {
            _ = BuildAsync(CancellationToken.None);
            return null;
        }

        await RefreshIfDueAsync(cancellationToken).ConfigureAwait(false);
        return index.Search(request);
    }

    /// <summary>Builds the index once (later calls wait for the same build); a failed build is tried again by the next call.</summary>
    public Task BuildAsync(CancellationToken cancellationToken = default)
    {
        lock (starting)
        {
            if (build is null || build.IsFaulted || build.IsCanceled)
            {
                build = Task.Run(() => RebuildAsync(cancellationToken), cancellationToken);
            }

            return build;
        }
    }

    /// <summary>Applies what changed since the last look, now (tests, and a host that wants a node current before it serves).</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        await refreshing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await ApplyChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            refreshing.Release();
        }
    }

    public void Dispose()
    {
        index?.Dispose();
        refreshing.Dispose();
    }

    private async Task RefreshIfDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetTimestamp();
        if (time.GetElapsedTime(Interlocked.Read(ref checkedAt), now).TotalMilliseconds < settings.RefreshMilliseconds)
        {
            return;
        }

        // One search refreshes; the others answer from the index as it is.
        if (!await refreshing.WaitAsync(0, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        try
        {
            Interlocked.Exchange(ref checkedAt, now);
            await ApplyChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            refreshing.Release();
        }
    }

    private async Task ApplyChangesAsync(CancellationToken cancellationToken)
    {
        if (index is not { } current)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDb>();
        var now = await StateAsync(db, cancellationToken).ConfigureAwait(false);
        if (now == seen)
        {
            return;
        }

        if (now.Count < seen.Count)
        {
            await RebuildAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        var since = seen.Latest.AddSeconds(-settings.OverlapSeconds);
        Guid? after = null;
        while (true)
        {
            var batch = await Documents(db.Systems.AsNoTracking().Where(s => s.UpdatedAt >= since), after, cancellationToken).ConfigureAwait(false);
            current.Upsert(batch);
            if (batch.Count < Batch)
            {
                break;
            }

            after = batch[^1].Id;
        }

        seen = now;
    }

    private async Task RebuildAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDb>();
        var state = await StateAsync(db, cancellationToken).ConfigureAwait(false);
        var fresh = new MemorySearchIndex();
        Guid? after = null;
        while (true)
        {
            var batch = await Documents(db.Systems.AsNoTracking(), after, cancellationToken).ConfigureAwait(false);
            fresh.Upsert(batch);
            if (batch.Count < Batch)
            {
                break;
            }

            after = batch[^1].Id;
        }

        var old = index;
        seen = state;
        Interlocked.Exchange(ref checkedAt, time.GetTimestamp());
        index = fresh;
        old?.Dispose();
    }

    private static async Task<(DateTime Latest, int Count)> StateAsync(RegistryDb db, CancellationToken cancellationToken)
    {
        var count = await db.Systems.CountAsync(cancellationToken).ConfigureAwait(false);
        var latest = count == 0 ? DateTime.MinValue : await db.Systems.MaxAsync(s => s.UpdatedAt, cancellationToken).ConfigureAwait(false);
        return (latest, count);
    }

    /// <summary>The next batch of systems by id as index documents.</summary>
    private static async Task<List<SearchDocument>> Documents(IQueryable<AiSystem> systems, Guid? after, CancellationToken cancellationToken)
    {
        if (after is { } last)
        {
            systems = systems.Where(s => s.Id.CompareTo(last) > 0);
        }

        var rows = await systems.OrderBy(s => s.Id).Take(Batch)
            .Select(s => new
            {
                s.Id, s.NameKk, s.NameRu, s.NameEn, s.PurposeKk, s.PurposeRu, s.PurposeEn, s.RegisterNumber, s.Listed, s.Status, s.Sector, s.Tier, s.OrganisationId,
                Organisation = s.Organisation!.Name, OrganisationKk = s.Organisation.NameKk, OrganisationRu = s.Organisation.NameRu, OrganisationEn = s.Organisation.NameEn, s.Organisation.Bin,
            })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(s => new SearchDocument(s.Id,
            [
                new(SearchFieldKind.Name, "kk", s.NameKk), new(SearchFieldKind.Name, "ru", s.NameRu), new(SearchFieldKind.Name, "en", s.NameEn),
                new(SearchFieldKind.Description, "kk", s.PurposeKk), new(SearchFieldKind.Description, "ru", s.PurposeRu), new(SearchFieldKind.Description, "en", s.PurposeEn),
                new(SearchFieldKind.Organisation, null, s.Organisation), new(SearchFieldKind.Organisation, "kk", s.OrganisationKk),
                new(SearchFieldKind.Organisation, "ru", s.OrganisationRu), new(SearchFieldKind.Organisation, "en", s.OrganisationEn),
            ],
            [.. new[] { s.RegisterNumber, s.Bin }.OfType<string>()],
            Facets(s.Listed, s.Status, s.Sector, s.Tier, s.OrganisationId)))];
    }

    /// <summary>The facets of a system, and of a query's filters (the same strings).</summary>
    internal static List<string> Facets(bool? listed, SystemStatus? status, string? sector, string? tier, Guid? organisation)
    {
        var facets = new List<string>();
        if (listed == true)
        {
            facets.Add("listed");
        }

        if (status is { } s)
        {
            facets.Add("status:" + s.Code());
        }

        if (sector is not null)
        {
            facets.Add("sector:" + sector);
        }

        if (tier is not null)
        {
            facets.Add("tier:" + tier);
        }

        if (organisation is { } o)
        {
            facets.Add("organisation:" + o.ToString("N"));
        }

        return facets;
    }
}
