namespace Senim.Search;

/// <summary>A change at one position of a feed: the document as it now is, or (when <see cref="Document"/> is null) its removal.</summary>
public sealed record IndexChange(long Position, Guid Id, SearchDocument? Document);

/// <summary>
/// Where an index learns of changes: an ordered feed (for the register, a change sequence written in the same transaction as
/// the change it describes). Every node reads the same feed, so each node's index sees every node's writes.
/// </summary>
public interface IIndexChangeSource
{
    /// <summary>At most <paramref name="limit"/> changes with a position above <paramref name="position"/>, in position order.</summary>
    Task<IReadOnlyList<IndexChange>> ReadAfterAsync(long position, int limit, CancellationToken cancellationToken);
}

/// <summary>
/// Keeps an index up to date from a change feed: reads what is new since the last position it applied, applies it, and
/// does it again every interval. Each read goes back <paramref name="overlap"/> positions, so a change whose transaction
/// took its position earlier but committed after a later one is still applied (applying a change twice is harmless).
/// </summary>
public sealed class IndexFollower(ISearchIndex index, IIndexChangeSource source, long overlap = 0, int batch = 1000)
{
    /// <summary>The highest position applied so far (0 before the first).</summary>
    public long Position { get; private set; }

    /// <summary>Applies every change the feed has now; returns how many it applied.</summary>
    public async Task<int> CatchUpAsync(CancellationToken cancellationToken = default)
    {
        var applied = 0;
        var from = Math.Max(0, Position - overlap);
        while (true)
        {
            var changes = await source.ReadAfterAsync(from, batch, cancellationToken).ConfigureAwait(false);
            if (changes.Count == 0)
            {
                return applied;
            }

            // In feed order, the last change of a document wins; consecutive upserts go in one write.
            var upserts = new List<SearchDocument>();
            foreach (var change in changes)
            {
                if (change.Document is { } document)
                {
                    upserts.Add(document);
                }
                else
                {
                    Flush(upserts);
                    index.Remove([change.Id]);
                }
            }

            Flush(upserts);
            applied += changes.Count;
            from = changes[^1].Position;
            Position = Math.Max(Position, from);
            if (changes.Count < batch)
            {
                return applied;
            }
        }
    }

    private void Flush(List<SearchDocument> upserts)
    {
        if (upserts.Count > 0)
        {
            index.Upsert(upserts);
            upserts.Clear();
        }
    }

    /// <summary>Catches up, then again every <paramref name="interval"/>, until cancelled; a failed read is retried at the next interval.</summary>
    public async Task RunAsync(TimeSpan interval, TimeProvider time, Action<Exception>? failed = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(time);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await CatchUpAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                failed?.Invoke(e);
            }

            try
            {
                await Task.Delay(interval, time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
