using Senim.Registry.Files;

namespace Senim.Registry.Tests.Systems;

/// <summary>Uploads are read into memory only up to their limit, whatever length they claim.</summary>
public sealed class BoundedReadTests
{
    [Fact]
    public async Task A_source_longer_than_the_limit_is_read_only_a_chunk_past_it()
    {
        var source = new MemoryStream(new byte[10_000]);

        using var read = await BoundedRead.ReadAsync(source, 100, TestContext.Current.CancellationToken, chunkSize: 16);

        Assert.InRange(read.Length, 101, 116);
        Assert.Equal(read.Length, source.Position);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(100)]
    public async Task A_source_within_the_limit_is_read_whole(int length)
    {
        var bytes = Enumerable.Range(0, length).Select(i => (byte)i).ToArray();

        using var read = await BoundedRead.ReadAsync(new MemoryStream(bytes), 100, TestContext.Current.CancellationToken, chunkSize: 16);

        Assert.Equal(bytes, read.ToArray());
    }
}
