namespace Senim.Search.Tests;

/// <summary>Several nodes, each with its own index, following one change feed (as web nodes follow the register's).</summary>
public sealed class IndexFollowerTests : IDisposable
{
    private readonly ChangeLog log = new();
    private readonly MemorySearchIndex nodeA = new();
    private readonly MemorySearchIndex nodeB = new();

    public void Dispose()
    {
        nodeA.Dispose();
        nodeB.Dispose();
    }

    private static SearchDocument Doc(Guid id, string name) => new(id, [new SearchField(SearchFieldKind.Name, "ru", name)]);

    private static Guid[] Find(MemorySearchIndex index, string text) => [.. index.Search(new SearchRequest(text)).Hits.Select(h => h.Id)];

    [Fact]
    public async Task Every_node_sees_a_write_made_through_any_node_once_it_catches_up()
    {
        var followA = new IndexFollower(nodeA, log);
        var followB = new IndexFollower(nodeB, log);
        var id = Guid.NewGuid();
        log.Append(id, Doc(id, "Кредитный скоринг"));

        Assert.Empty(Find(nodeB, "скоринг"));
        Assert.Equal(1, await followA.CatchUpAsync(TestContext.Current.CancellationToken));
        Assert.Equal(1, await followB.CatchUpAsync(TestContext.Current.CancellationToken));
        Assert.Equal([id], Find(nodeA, "скоринг"));
        Assert.Equal([id], Find(nodeB, "скоринг"));

        log.Append(id, Doc(id, "Чат-бот"));
        log.Append(id, null);
        await followB.CatchUpAsync(TestContext.Current.CancellationToken);
        Assert.Empty(Find(nodeB, "скоринг"));
        Assert.Empty(Find(nodeB, "чат"));
        Assert.Equal(0, nodeB.Count);
        Assert.Equal(0, await followB.CatchUpAsync(TestContext.Current.CancellationToken));
        Assert.Equal(3, followB.Position);
    }

    [Fact]
    public async Task Changes_are_read_in_batches_and_the_last_change_of_a_document_wins()
    {
        var ids = Enumerable.Range(0, 2500).Select(_ => Guid.NewGuid()).ToList();
        foreach (var id in ids)
        {
            log.Append(id, Doc(id, "первая версия"));
        }

        log.Append(ids[0], null);
        log.Append(ids[0], Doc(ids[0], "вернулась"));
        var follower = new IndexFollower(nodeA, log, batch: 1000);
        Assert.Equal(2502, await follower.CatchUpAsync(TestContext.Current.CancellationToken));
        Assert.Equal(2500, nodeA.Count);
        Assert.Equal([ids[0]], Find(nodeA, "вернулась"));
        Assert.True(log.Reads >= 3);
    }

    [Fact]
    public async Task A_change_committed_late_with_an_earlier_position_is_applied_within_the_overlap()
    {
        var early = Guid.NewGuid();
        var late = Guid.NewGuid();
        log.Reserve(1); // position 1 is taken by a transaction that has not committed yet
        log.Append(late, Doc(late, "поздняя запись"));
        var follower = new IndexFollower(nodeA, log, overlap: 10);
        await follower.CatchUpAsync(TestContext.Current.CancellationToken);
        Assert.Equal([late], Find(nodeA, "поздняя"));

        log.Commit(1, early, Doc(early, "ранняя запись"));
        await follower.CatchUpAsync(TestContext.Current.CancellationToken);
        Assert.Equal([early], Find(nodeA, "ранняя"));

        var without = new IndexFollower(nodeB, log);
        log.Reserve(3);
        log.Append(Guid.NewGuid(), Doc(Guid.NewGuid(), "ещё"));
        await without.CatchUpAsync(TestContext.Current.CancellationToken);
        var missed = Guid.NewGuid();
        log.Commit(3, missed, Doc(missed, "пропущенная"));
        await without.CatchUpAsync(TestContext.Current.CancellationToken);
        Assert.Empty(Find(nodeB, "пропущенная")); // why the register's follower reads with an overlap
    }

    [Fact]
    public async Task A_running_follower_picks_up_writes_within_its_interval_and_survives_a_failing_feed()
    {
        using var stop = new CancellationTokenSource();
        var failures = 0;
        log.FailNextReads = 2;
        var running = new IndexFollower(nodeB, log).RunAsync(TimeSpan.FromMilliseconds(20), TimeProvider.System, _ => Interlocked.Increment(ref failures), stop.Token);
        var id = Guid.NewGuid();
        log.Append(id, Doc(id, "Диагностический помощник"));

        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (Find(nodeB, "диагностический").Length == 0 && waited.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        await stop.CancelAsync();
        await running;
        Assert.Equal([id], Find(nodeB, "диагностический"));
        Assert.Equal(2, failures);
    }

    /// <summary>A change feed in memory, standing in for the register's change table.</summary>
    private sealed class ChangeLog : IIndexChangeSource
    {
        private readonly Lock gate = new();
        private readonly SortedDictionary<long, IndexChange?> changes = [];
        private long next = 1;

        public int Reads { get; private set; }

        public int FailNextReads { get; set; }

        public void Append(Guid id, SearchDocument? document)
        {
            lock (gate)
            {
                var position = next++;
                changes[position] = new IndexChange(position, id, document);
            }
        }

        public void Reserve(long position)
        {
            lock (gate)
            {
                Assert.Equal(next, position);
                changes[next++] = null;
            }
        }

        public void Commit(long position, Guid id, SearchDocument document)
        {
            lock (gate)
            {
                changes[position] = new IndexChange(position, id, document);
            }
        }

        public Task<IReadOnlyList<IndexChange>> ReadAfterAsync(long position, int limit, CancellationToken cancellationToken)
        {
            lock (gate)
            {
                Reads++;
                if (FailNextReads > 0)
                {
                    FailNextReads--;
                    throw new InvalidOperationException("the database is down");
                }

                IReadOnlyList<IndexChange> page = [.. changes.Where(c => c.Key > position && c.Value is not null).Select(c => c.Value!).Take(limit)];
                return Task.FromResult(page);
            }
        }
    }
}
