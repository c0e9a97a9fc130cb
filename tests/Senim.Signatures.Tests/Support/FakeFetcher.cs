using Senim.Signatures.Revocation;

namespace Senim.Signatures.Tests.Support;

/// <summary>A host's CRL fetcher that answers from a function and counts its calls.</summary>
internal sealed class FakeFetcher(Func<Uri, Stream?> answer) : ICrlFetcher
{
    private int calls;

    public int Calls => calls;

    public ValueTask<Stream?> OpenAsync(Uri distributionPoint, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref calls);
        return ValueTask.FromResult(answer(distributionPoint));
    }
}
