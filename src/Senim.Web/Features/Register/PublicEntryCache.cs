using Microsoft.Extensions.Caching.Memory;
using Senim.Registry.Services;

namespace Senim.Web.Features.Register;

/// <summary>
/// Public entries kept for a few seconds: the public register is read far more than it changes, and
/// building an entry re-runs its classification. Staleness is bounded by <see cref="Lifetime"/> on every node.
/// </summary>
public sealed class PublicEntryCache(IMemoryCache cache, IServiceScopeFactory scopes)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);

    public async Task<PublicEntry> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(id, out PublicEntry? entry) && entry is not null)
        {
            return entry;
        }

        await using var scope = scopes.CreateAsyncScope();
        entry = await scope.ServiceProvider.GetRequiredService<PublicEntries>().GetAsync(id, cancellationToken);
        cache.Set(id, entry, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = Lifetime, Size = 1 });
        return entry;
    }
}
