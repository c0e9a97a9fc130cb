using System.Globalization;
using System.Net;
using Senim.Ledger.Tiles;
using Senim.Web.Tests.Support;

namespace Senim.Web.Tests.Validation;

/// <summary>
/// Odd URLs of the transparency log answer 4xx, never 500: tile paths with indices at and past the largest a 64-bit
/// tree can have (index·256 overflowed a long), every level and width, and entry indices at the limits of a long.
/// </summary>
public sealed class OddUrlTests(SenimFactory factory) : IClassFixture<SenimFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>Index paths: small, at the largest index whose first hash fits a long, one past it, long.MaxValue, and past a long.</summary>
    private static readonly string[] Indices =
    [
        "000",
        "001",
        "x001/000",
        TilePath.IndexPath(TilePath.MaxIndex),
        TilePath.IndexPath(TilePath.MaxIndex + 1),
        TilePath.IndexPath((long.MaxValue / 256) + 12345),
        TilePath.IndexPath(long.MaxValue / 2),
        TilePath.IndexPath(long.MaxValue),
        "x999/x999/x999/x999/x999/x999/999",
        "x009/x223/x372/x036/x854/x775/808",
        "x000/001",
        "1",
        "x001",
    ];

    private static readonly string[] Levels = ["0", "1", "7", "8", "63", "64", "entries", "-1", "00"];

    private static readonly string[] Widths = ["", ".p/1", ".p/255", ".p/256", ".p/0"];

    public static IEnumerable<string> TilePaths() =>
        from level in Levels from index in Indices from width in Widths select $"/log/tile/{level}/{index}{width}";

    [Fact]
    public async Task Every_probed_tile_path_answers_4xx_or_a_tile_never_500()
    {
        var client = factory.CreateClient();
        var paths = TilePaths().ToList();
        Assert.True(paths.Count >= 135, "the sweep probes at least as many paths as the security review did");
        var wrong = new List<string>();
        foreach (var path in paths)
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative), Cancel);
            var status = (int)response.StatusCode;
            if (status >= 500 || status is > 200 and < 400)
            {
                wrong.Add($"{path} → {status}");
            }

            if (status >= 400)
            {
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
        }

        Assert.True(wrong.Count == 0, "tile paths answered wrongly:\n" + string.Join("\n", wrong));
    }

    [Fact]
    public async Task A_tile_index_too_large_for_any_tree_is_a_400_naming_the_limit_and_one_just_below_is_a_404()
    {
        var client = factory.CreateClient();
        using var past = await client.GetAsync(new Uri("/log/tile/0/" + TilePath.IndexPath(TilePath.MaxIndex + 1), UriKind.Relative), Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, past.StatusCode);
        Assert.Contains("too large", await past.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        using var largest = await client.GetAsync(new Uri("/log/tile/entries/" + TilePath.IndexPath(TilePath.MaxIndex), UriKind.Relative), Cancel);
        Assert.Equal(HttpStatusCode.NotFound, largest.StatusCode);
    }

    [Theory]
    [InlineData("/log/receipt/{0}")]
    [InlineData("/api/v1/log/proofs/inclusion?index={0}")]
    [InlineData("/api/v1/log/proofs/inclusion?index=0&size={0}")]
    [InlineData("/api/v1/log/proofs/consistency?from={0}")]
    [InlineData("/api/v1/log/proofs/consistency?from=1&to={0}")]
    [InlineData("/api/v1/log/events?before={0}")]
    [InlineData("/log?before={0}")]
    [InlineData("/log/verify?index={0}")]
    public async Task Entry_indices_at_the_limits_of_a_long_answer_4xx_or_a_page(string route)
    {
        var client = factory.CreateClient();
        foreach (var value in new[] { long.MaxValue.ToString(CultureInfo.InvariantCulture), "9223372036854775808", "-1", "-9223372036854775808", "99999999999999999999999", "1e3", "0x10" })
        {
            using var response = await client.GetAsync(new Uri(string.Format(CultureInfo.InvariantCulture, route, value), UriKind.Relative), Cancel);
            Assert.True((int)response.StatusCode < 500, $"{route} with {value} → {(int)response.StatusCode}");
        }
    }
}
