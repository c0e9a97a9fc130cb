using Microsoft.Extensions.Caching.Memory;

namespace Senim.Web.Infrastructure.Auth;

/// <summary>
/// How failures of one kind slow the next attempt: <see cref="FreeFailures"/> cost nothing, then each further failure
/// doubles the wait, from <see cref="FirstDelay"/> up to <see cref="MaxDelay"/>; a key left alone for <see cref="Forget"/>
/// starts again from nothing.
/// </summary>
public sealed record ThrottleRule(string Kind, int FreeFailures, TimeSpan FirstDelay, TimeSpan MaxDelay, TimeSpan Forget)
{
    /// <summary>The wait after <paramref name="failures"/> failures, counted from the last one.</summary>
    public TimeSpan DelayAfter(int failures)
    {
        if (failures <= FreeFailures)
        {
            return TimeSpan.Zero;
        }

        var doublings = Math.Min(failures - FreeFailures - 1, 30);
        var delay = FirstDelay * Math.Pow(2, doublings);
        return delay < MaxDelay ? delay : MaxDelay;
    }
}

/// <summary>
/// Failed attempts per key (an account and a client, a device, a user), in this node's memory: a wait that grows with
/// the failures instead of a lock, so a stranger who knows an e-mail address can slow down only their own attempts.
/// At most <see cref="Capacity"/> keys are kept; under more the oldest are dropped, which only makes waits shorter.
/// </summary>
public sealed class AttemptThrottle(TimeProvider time) : IDisposable
{
    public const int Capacity = 200_000;

    private readonly MemoryCache _entries = new(new MemoryCacheOptions { SizeLimit = Capacity, CompactionPercentage = 0.2 });

    /// <summary>How long the key must still wait before its next attempt is looked at (zero: now).</summary>
    public TimeSpan Wait(ThrottleRule rule, string key)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (!_entries.TryGetValue(Key(rule, key), out Entry? entry) || entry is null)
        {
            return TimeSpan.Zero;
        }

        lock (entry)
        {
            var now = time.GetUtcNow();
            if (now - entry.Last > rule.Forget)
            {
                return TimeSpan.Zero;
            }

            var left = entry.Last + rule.DelayAfter(entry.Failures) - now;
            return left > TimeSpan.Zero ? left : TimeSpan.Zero;
        }
    }

    /// <summary>Counts a failure; returns the failures the key has now.</summary>
    public int Failed(ThrottleRule rule, string key)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var entry = _entries.GetOrCreate(Key(rule, key), e =>
        {
            e.Size = 1;
            e.SlidingExpiration = rule.Forget;
            return new Entry();
        })!;
        lock (entry)
        {
            var now = time.GetUtcNow();
            entry.Failures = now - entry.Last > rule.Forget ? 1 : entry.Failures + 1;
            entry.Last = now;
            return entry.Failures;
        }
    }

    /// <summary>Forgets the key's failures (the right password or code was given).</summary>
    public void Succeeded(ThrottleRule rule, string key)
    {
        ArgumentNullException.ThrowIfNull(rule);
        _entries.Remove(Key(rule, key));
    }

    public void Dispose() => _entries.Dispose();

    private static string Key(ThrottleRule rule, string key) => rule.Kind + "\n" + key;

    private sealed class Entry
    {
        public int Failures { get; set; }

        public DateTimeOffset Last { get; set; } = DateTimeOffset.MinValue;
    }
}
