using Senim.Ledger.Checkpoints;
using Senim.Ledger.Merkle;
using Senim.Ledger.Storage;
using Senim.Ledger.Tests.Support;

namespace Senim.Ledger.Tests;

public class LogAppenderTests
{
    [Fact]
    public void Each_batch_gets_one_signed_checkpoint_of_the_new_size()
    {
        using var signer = TestLogs.NewSigner();
        var store = new MemoryLogStore();
        var appender = new LogAppender(store, TestLogs.Origin, signer);
        var first = appender.Append([TestLogs.Entry(0), TestLogs.Entry(1), TestLogs.Entry(2)]);
        Assert.Equal(0, first.FirstIndex);
        Assert.Equal(Fixtures.Roots[2], first.Checkpoint.Root.ToHex());
        var second = appender.Append([TestLogs.Entry(3), TestLogs.Entry(4), TestLogs.Entry(5), TestLogs.Entry(6)]);
        Assert.Equal(3, second.FirstIndex);
        Assert.Equal(Fixtures.Roots[6], second.Checkpoint.Root.ToHex());
        Assert.Equal(second.SignedCheckpoint, store.ReadCheckpoint());
        var (checkpoint, _, _) = Checkpoint.Open(store.ReadCheckpoint()!, TestLogs.Origin, [signer.Verifier]);
        Assert.Equal(7, checkpoint.Size);
        Assert.Equal(7, store.Size);
    }

    [Fact]
    public void A_store_whose_hashes_were_altered_is_refused_before_signing()
    {
        using var signer = TestLogs.NewSigner();
        var store = new TamperableStore();
        var appender = new LogAppender(store, TestLogs.Origin, signer);
        appender.Append([TestLogs.Entry(0), TestLogs.Entry(1)]);
        store.Tamper = true;
        var error = Assert.Throws<LedgerException>(() => appender.Append([TestLogs.Entry(2)]));
        Assert.Equal(LedgerError.Inconsistent, error.Kind);
        Assert.Contains("altered", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, store.Inner.Size);
    }

    [Fact]
    public void A_checkpoint_signed_by_another_key_or_for_another_origin_is_refused()
    {
        using var signer = TestLogs.NewSigner();
        using var other = TestLogs.NewSigner();
        var store = new MemoryLogStore();
        new LogAppender(store, TestLogs.Origin, other).Append([TestLogs.Entry(0)]);
        Assert.Equal(LedgerError.UnknownKey, Assert.Throws<LedgerException>(() => new LogAppender(store, TestLogs.Origin, signer).Append([TestLogs.Entry(1)])).Kind);
        Assert.Equal(LedgerError.WrongOrigin, Assert.Throws<LedgerException>(() => new LogAppender(store, "other.origin", other).Append([TestLogs.Entry(1)])).Kind);
    }

    [Fact]
    public void Bad_batches_are_refused_and_nothing_is_written()
    {
        using var signer = TestLogs.NewSigner();
        var store = new MemoryLogStore();
        var appender = new LogAppender(store, TestLogs.Origin, signer);
        Assert.Throws<ArgumentException>(() => appender.Append([]));
        Assert.Throws<LedgerException>(() => appender.Append([new byte[65536]]));
        Assert.Equal(0, store.Size);
        Assert.Null(store.ReadCheckpoint());
        appender.Append([new byte[65535], []]);
        Assert.Equal(2, store.Size);
    }

    [Fact]
    public void Concurrent_appenders_never_sign_two_checkpoints_of_one_size()
    {
        using var signer = TestLogs.NewSigner();
        var store = new MemoryLogStore();
        var signed = new System.Collections.Concurrent.ConcurrentBag<AppendResult>();
        Parallel.For(0, 200, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            signed.Add(new LogAppender(store, TestLogs.Origin, signer).Append([TestLogs.Entry(i), TestLogs.Entry(i + 1000)]));
        });
        Assert.Equal(200, signed.Select(r => r.Checkpoint.Size).Distinct().Count());
        Assert.Equal(400, store.Size);
        var roots = signed.OrderBy(r => r.Checkpoint.Size).ToList();
        foreach (var result in roots)
        {
            Assert.Equal(MerkleTree.Root(store, result.Checkpoint.Size), result.Checkpoint.Root);
        }
    }

    [Fact]
    public void A_commit_that_lost_the_race_is_a_conflict()
    {
        using var signer = TestLogs.NewSigner();
        var store = new MemoryLogStore();
        new LogAppender(store, TestLogs.Origin, signer).Append([TestLogs.Entry(0)]);
        using var session = store.BeginAppend();
        var error = Assert.Throws<LedgerException>(() => session.Commit(new LogBatch(0, [TestLogs.Entry(9)], [new StoredHash(0, 0, TestLogs.Leaf(9))], "x")));
        Assert.Equal(LedgerError.Conflict, error.Kind);
    }

    /// <summary>A store whose level-0 hashes can be changed under the appender, as an edit in a database would.</summary>
    private sealed class TamperableStore : ILogStore
    {
        public MemoryLogStore Inner { get; } = new();

        public bool Tamper { get; set; }

        public string? ReadCheckpoint() => Inner.ReadCheckpoint();

        public IReadOnlyList<byte[]> ReadEntries(long start, int count) => Inner.ReadEntries(start, count);

        public void ReadHashes(int level, long start, Span<MerkleHash> destination)
        {
            Inner.ReadHashes(level, start, destination);
            if (Tamper && level == 1)
            {
                destination[0] = Rfc9162.EmptyRoot;
            }
        }

        public ILogAppendSession BeginAppend() => new Session(this, Inner.BeginAppend());

        private sealed class Session(TamperableStore store, ILogAppendSession inner) : ILogAppendSession
        {
            public string? Checkpoint => inner.Checkpoint;

            public void ReadHashes(int level, long start, Span<MerkleHash> destination) => store.ReadHashes(level, start, destination);

            public void Commit(LogBatch batch) => inner.Commit(batch);

            public void Dispose() => inner.Dispose();
        }
    }
}
