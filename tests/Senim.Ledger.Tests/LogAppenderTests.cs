using Senim.Ledger.Checkpoints;
using Senim.Ledger.Merkle;
using Senim.Ledger.Storage;
using Senim.Ledger.Tests.Support;

namespace Senim.Ledger.Tests;

public class LogAppenderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Each_batch_gets_one_signed_checkpoint_of_the_new_size()
    {
        using var signer = TestLogs.NewSigner();
        var store = new MemoryLogStore();
        var appender = new LogAppender(store, TestLogs.Origin, signer);
        var first = await appender.AppendAsync([TestLogs.Entry(0), TestLogs.Entry(1), TestLogs.Entry(2)], Ct);
        Assert.Equal(0, first.FirstIndex);
        Assert.Equal(Fixtures.Roots[2], first.Checkpoint.Root.ToHex());
        var second = await appender.AppendAsync([TestLogs.Entry(3), TestLogs.Entry(4), TestLogs.Entry(5), TestLogs.Entry(6)], Ct);
        Assert.Equal(3, second.FirstIndex);
        Assert.Equal(Fixtures.Roots[6], second.Checkpoint.Root.ToHex());
        Assert.Equal(second.SignedCheckpoint, store.LatestCheckpoint);
        Assert.Equal(second.SignedCheckpoint, await store.ReadCheckpointAsync(Ct));
        var (checkpoint, _, _) = Checkpoint.Open(store.LatestCheckpoint!, TestLogs.Origin, [signer.Verifier]);
        Assert.Equal(7, checkpoint.Size);
        Assert.Equal(7, store.Size);
    }

    [Fact]
    public async Task An_append_reads_the_stored_hashes_it_needs_in_one_call()
    {
        using var signer = TestLogs.NewSigner();
        var store = new CountingStore();
        var appender = new LogAppender(store, TestLogs.Origin, signer);
        await appender.AppendAsync([.. Enumerable.Range(0, 1000).Select(i => TestLogs.Entry(i))], Ct);
        foreach (var size in new[] { 1, 7, 300 })
        {
            store.Calls.Clear();
            await appender.AppendAsync([.. Enumerable.Range(0, size).Select(i => TestLogs.Entry(5000 + i))], Ct);
            // The old tree's frontier, once; the consistency check then runs over memory.
            Assert.Equal(["nodes"], store.Calls);
        }

        store.Calls.Clear();
        var proof = await MerkleTree.InclusionProofAsync(store, 12, store.Inner.Size, Ct);
        Assert.Equal(["nodes"], store.Calls);
        ProofVerifier.VerifyInclusion(12, store.Inner.Size, TestLogs.Leaf(12), proof, await MerkleTree.RootAsync(store, store.Inner.Size, Ct));
    }

    [Fact]
    public async Task A_store_whose_hashes_were_altered_is_refused_before_signing()
    {
        using var signer = TestLogs.NewSigner();
        var store = new TamperableStore();
        var appender = new LogAppender(store, TestLogs.Origin, signer);
        await appender.AppendAsync([TestLogs.Entry(0), TestLogs.Entry(1)], Ct);
        store.Tamper = true;
        var error = await Assert.ThrowsAsync<LedgerException>(async () => await appender.AppendAsync([TestLogs.Entry(2)], Ct));
        Assert.Equal(LedgerError.Inconsistent, error.Kind);
        Assert.Contains("altered", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, store.Inner.Size);

        // The refused append gave its session back: the next one (with the store repaired) goes through.
        store.Tamper = false;
        Assert.Equal(2, (await appender.AppendAsync([TestLogs.Entry(2)], Ct)).FirstIndex);
    }

    [Fact]
    public async Task A_checkpoint_signed_by_another_key_or_for_another_origin_is_refused()
    {
        using var signer = TestLogs.NewSigner();
        using var other = TestLogs.NewSigner();
        var store = new MemoryLogStore();
        await new LogAppender(store, TestLogs.Origin, other).AppendAsync([TestLogs.Entry(0)], Ct);
        Assert.Equal(LedgerError.UnknownKey, (await Assert.ThrowsAsync<LedgerException>(async () => await new LogAppender(store, TestLogs.Origin, signer).AppendAsync([TestLogs.Entry(1)], Ct))).Kind);
        Assert.Equal(LedgerError.WrongOrigin, (await Assert.ThrowsAsync<LedgerException>(async () => await new LogAppender(store, "other.origin", other).AppendAsync([TestLogs.Entry(1)], Ct))).Kind);
    }

    [Fact]
    public async Task Bad_batches_are_refused_and_nothing_is_written()
    {
        using var signer = TestLogs.NewSigner();
        var store = new MemoryLogStore();
        var appender = new LogAppender(store, TestLogs.Origin, signer);
        await Assert.ThrowsAsync<ArgumentException>(async () => await appender.AppendAsync([], Ct));
        await Assert.ThrowsAsync<LedgerException>(async () => await appender.AppendAsync([new byte[65536]], Ct));
        Assert.Equal(0, store.Size);
        Assert.Null(store.LatestCheckpoint);
        await appender.AppendAsync([new byte[65535], []], Ct);
        Assert.Equal(2, store.Size);
    }

    [Fact]
    public async Task Concurrent_appenders_never_sign_two_checkpoints_of_one_size()
    {
        using var signer = TestLogs.NewSigner();
        var store = new MemoryLogStore();
        // Appenders on thread-pool threads: a session may end on another thread than the one that began it.
        var signed = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(async () =>
        {
            await Task.Yield();
            return await new LogAppender(store, TestLogs.Origin, signer).AppendAsync([TestLogs.Entry(i), TestLogs.Entry(i + 1000)], Ct);
        }, Ct)));
        Assert.Equal(200, signed.Select(r => r.Checkpoint.Size).Distinct().Count());
        Assert.Equal(400, store.Size);
        foreach (var result in signed.OrderBy(r => r.Checkpoint.Size))
        {
            Assert.Equal(await MerkleTree.RootAsync(store, result.Checkpoint.Size, Ct), result.Checkpoint.Root);
        }
    }

    [Fact]
    public async Task A_commit_that_lost_the_race_is_a_conflict()
    {
        using var signer = TestLogs.NewSigner();
        var store = new MemoryLogStore();
        await new LogAppender(store, TestLogs.Origin, signer).AppendAsync([TestLogs.Entry(0)], Ct);
        await using var session = await store.BeginAppendAsync(Ct);
        var error = await Assert.ThrowsAsync<LedgerException>(async () => await session.CommitAsync(new LogBatch(0, [TestLogs.Entry(9)], [new StoredHash(0, 0, TestLogs.Leaf(9))], "x"), Ct));
        Assert.Equal(LedgerError.Conflict, error.Kind);
    }

    [Fact]
    public async Task Waiting_for_the_append_session_can_be_cancelled_without_leaking_it()
    {
        using var signer = TestLogs.NewSigner();
        var store = new MemoryLogStore();
        var held = await store.BeginAppendAsync(Ct);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await new LogAppender(store, TestLogs.Origin, signer).AppendAsync([TestLogs.Entry(0)], cancel.Token));
        await held.DisposeAsync();
        await held.DisposeAsync();
        Assert.Equal(0, (await new LogAppender(store, TestLogs.Origin, signer).AppendAsync([TestLogs.Entry(0)], Ct)).FirstIndex);
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await held.CommitAsync(new LogBatch(1, [], [], "x"), Ct));
    }

    /// <summary>A store that records which read each call made.</summary>
    private sealed class CountingStore : DelegatingStore
    {
        public List<string> Calls { get; } = [];

        protected override void Reading(string what) => Calls.Add(what);
    }

    /// <summary>A store whose level-1 hashes can be changed under the appender, as an edit in a database would.</summary>
    private sealed class TamperableStore : DelegatingStore
    {
        public bool Tamper { get; set; }

        protected override void Read(TreeNode node, ref MerkleHash hash)
        {
            if (Tamper && node.Level == 1)
            {
                hash = Rfc9162.EmptyRoot;
            }
        }
    }

    /// <summary>A memory store seen through a wrapper that can watch or change what is read.</summary>
    private abstract class DelegatingStore : ILogStore
    {
        public MemoryLogStore Inner { get; } = new();

        protected virtual void Reading(string what)
        {
        }

        protected virtual void Read(TreeNode node, ref MerkleHash hash)
        {
        }

        public ValueTask<string?> ReadCheckpointAsync(CancellationToken cancellationToken = default) => Inner.ReadCheckpointAsync(cancellationToken);

        public ValueTask<IReadOnlyList<byte[]>> ReadEntriesAsync(long start, int count, CancellationToken cancellationToken = default) => Inner.ReadEntriesAsync(start, count, cancellationToken);

        public async ValueTask ReadHashesAsync(int level, long start, Memory<MerkleHash> destination, CancellationToken cancellationToken = default)
        {
            Reading("hashes");
            await Inner.ReadHashesAsync(level, start, destination, cancellationToken);
            for (var i = 0; i < destination.Length; i++)
            {
                Read(new TreeNode(level, start + i), ref destination.Span[i]);
            }
        }

        public async ValueTask ReadNodesAsync(ReadOnlyMemory<TreeNode> nodes, Memory<MerkleHash> destination, CancellationToken cancellationToken = default)
        {
            Reading("nodes");
            await Inner.ReadNodesAsync(nodes, destination, cancellationToken);
            for (var i = 0; i < nodes.Length; i++)
            {
                Read(nodes.Span[i], ref destination.Span[i]);
            }
        }

        public async ValueTask<ILogAppendSession> BeginAppendAsync(CancellationToken cancellationToken = default) => new Session(this, await Inner.BeginAppendAsync(cancellationToken));

        private sealed class Session(DelegatingStore store, ILogAppendSession inner) : ILogAppendSession
        {
            public string? Checkpoint => inner.Checkpoint;

            public ValueTask ReadHashesAsync(int level, long start, Memory<MerkleHash> destination, CancellationToken cancellationToken = default) => store.ReadHashesAsync(level, start, destination, cancellationToken);

            public ValueTask ReadNodesAsync(ReadOnlyMemory<TreeNode> nodes, Memory<MerkleHash> destination, CancellationToken cancellationToken = default) => store.ReadNodesAsync(nodes, destination, cancellationToken);

            public ValueTask CommitAsync(LogBatch batch, CancellationToken cancellationToken = default) => inner.CommitAsync(batch, cancellationToken);

            public ValueTask DisposeAsync() => inner.DisposeAsync();
        }
    }
}
