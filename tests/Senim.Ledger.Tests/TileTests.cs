using Senim.Ledger.Merkle;
using Senim.Ledger.Tests.Support;
using Senim.Ledger.Tiles;

namespace Senim.Ledger.Tests;

public class TileTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(0, 0L, 256, "tile/0/000")]
    [InlineData(0, 1234067L, 256, "tile/0/x001/x234/067")]
    [InlineData(1, 5L, 17, "tile/1/005.p/17")]
    [InlineData(0, 1000L, 1, "tile/0/x001/000.p/1")]
    [InlineData(63, 999L, 255, "tile/63/999.p/255")]
    public void Hash_tile_paths_use_x_prefixed_groups_of_three_digits(int level, long index, int width, string path)
    {
        var tile = TilePath.Hashes(level, index, width);
        Assert.Equal(path, tile.ToString());
        Assert.Equal(tile, TilePath.Parse(path));
    }

    [Fact]
    public void Entry_bundle_paths_parse_and_print()
    {
        Assert.Equal("tile/entries/x001/234.p/9", TilePath.Entries(1234, 9).ToString());
        Assert.Equal(TilePath.Entries(1234, 9), TilePath.Parse("tile/entries/x001/234.p/9"));
    }

    [Theory]
    [InlineData("tile/00/000")]
    [InlineData("tile/64/000")]
    [InlineData("tile/0/1234")]
    [InlineData("tile/0/12")]
    [InlineData("tile/0/001/234")]
    [InlineData("tile/0/x000/234")]
    [InlineData("tile/0/000.p/0")]
    [InlineData("tile/0/000.p/256")]
    [InlineData("tile/0/000.p/07")]
    [InlineData("tile/0/000.p")]
    [InlineData("tiles/0/000")]
    [InlineData("tile/0/x001/x002/x003/x004/x005/x006/x007/008")]
    [InlineData("tile/0/../000")]
    [InlineData("tile/entries")]
    public void Malformed_tile_paths_are_rejected(string path)
    {
        Assert.False(TilePath.TryParse(path, out _, out var error));
        Assert.NotEmpty(error);
    }

    [Fact]
    public void An_index_whose_first_hash_overflows_a_long_names_no_tile_and_does_not_parse()
    {
        // index·256 wrapped round to a positive remainder for these: a "tile" that read hashes at a negative index.
        foreach (var index in new[] { TilePath.MaxIndex + 1, long.MaxValue / 2, long.MaxValue })
        {
            Assert.Equal(0, TileLayout.Width(0, index, long.MaxValue));
            Assert.False(TilePath.TryParse("tile/0/" + TilePath.IndexPath(index), out _, out var error));
            Assert.Contains("too large", error, StringComparison.Ordinal);
            Assert.Throws<LedgerException>(() => TilePath.Hashes(0, index));
        }

        Assert.Equal(255, TileLayout.Width(0, TilePath.MaxIndex, long.MaxValue));
        Assert.True(TilePath.TryParse("tile/entries/" + TilePath.IndexPath(TilePath.MaxIndex), out var largest, out _));
        Assert.Equal(TilePath.MaxIndex * 256, largest.FirstIndex);
    }

    [Fact]
    public void Tile_widths_follow_the_c2sp_example_of_a_70000_leaf_tree()
    {
        var tiles = TileLayout.HashTiles(70_000).ToList();
        Assert.Equal(273, tiles.Count(t => t.Level == 0 && !t.IsPartial));
        Assert.Equal(112, tiles.Single(t => t.Level == 0 && t.IsPartial).Width);
        Assert.Single(tiles, t => t.Level == 1 && !t.IsPartial);
        Assert.Equal(17, tiles.Single(t => t.Level == 1 && t.IsPartial).Width);
        Assert.Equal(1, tiles.Single(t => t.Level == 2).Width);
        Assert.Equal(["tile/0/000", "tile/1/000.p/1"], TileLayout.HashTiles(256).Select(t => t.ToString()));
        Assert.Empty(TileLayout.HashTiles(0));
    }

    [Fact]
    public async Task Tiles_hold_the_stored_hashes_and_entry_bundles_the_entries()
    {
        using var signer = TestLogs.NewSigner();
        var store = await TestLogs.BuildAsync(600, signer);
        var tile = await TileLayout.TileBytesAsync(store, TilePath.Hashes(0, 2, 88), Ct);
        Assert.Equal(88 * 32, tile.Length);
        Assert.Equal(TestLogs.Leaf(512).ToArray(), tile[..32]);
        var upper = TileLayout.ParseTile(await TileLayout.TileBytesAsync(store, TilePath.Hashes(1, 0, 2), Ct), 2, "t");
        Assert.Equal(await MerkleTree.RootAsync(store, 256, Ct), upper[0]);
        Assert.Equal(Rfc9162.RootOfLeafHashes(TestLogs.Leaves(512).AsSpan(256)), upper[1]);

        var bundle = TileLayout.EntryBundle(await store.ReadEntriesAsync(512, 88, Ct));
        Assert.Equal("0009656e7472792d353132", Convert.ToHexStringLower(bundle[..11]));
        Assert.Equal("entry-599"u8.ToArray(), TileLayout.ParseEntryBundle(bundle, 88, "b")[87]);
    }

    [Fact]
    public void Truncated_oversize_and_padded_tiles_and_bundles_are_rejected()
    {
        Assert.Contains("truncated", Assert.Throws<LedgerException>(() => TileLayout.ParseTile(new byte[31], 1, "t")).Message, StringComparison.Ordinal);
        Assert.Contains("oversize", Assert.Throws<LedgerException>(() => TileLayout.ParseTile(new byte[65], 2, "t")).Message, StringComparison.Ordinal);
        var bundle = TileLayout.EntryBundle([[1, 2], [3]]);
        Assert.Throws<LedgerException>(() => TileLayout.ParseEntryBundle(bundle.AsSpan(0, bundle.Length - 1), 2, "b"));
        Assert.Throws<LedgerException>(() => TileLayout.ParseEntryBundle([.. bundle, 0], 2, "b"));
        Assert.Throws<LedgerException>(() => TileLayout.ParseEntryBundle(bundle, 3, "b"));
        Assert.Throws<LedgerException>(() => TileLayout.ParseEntryBundle(bundle, 1, "b"));
        Assert.Throws<LedgerException>(() => TileLayout.ParseEntryBundle([0xff, 0xff, 1], 1, "b"));
        Assert.Throws<LedgerException>(() => TileLayout.EntryBundle([new byte[65536]]));
    }

    [Fact]
    public async Task An_exported_log_recomputes_to_its_checkpoint_root_and_serves_proofs_from_tiles()
    {
        using var signer = TestLogs.NewSigner();
        var store = await TestLogs.BuildAsync(70_000, signer, batch: 9_999);
        using var dir = new TempDir();
        await LogExporter.ExportAsync(store, dir.Path, Ct);
        var source = new DirectoryLogSource(dir.Path);
        var result = await TreeRecomputation.RecomputeAsync(source, 70_000, Ct);
        Assert.Equal(await MerkleTree.RootAsync(store, 70_000, Ct), result.Root);
        Assert.Equal(273 + 1 + 1 + 1 + 1, result.TilesRead);

        var tiles = new TileReader(source, 70_000);
        Assert.Equal(await MerkleTree.InclusionProofAsync(store, 12_345, 70_000, Ct), await MerkleTree.InclusionProofAsync(tiles, 12_345, 70_000, Ct));
        Assert.Equal(await MerkleTree.ConsistencyProofAsync(store, 65_537, 70_000, Ct), await MerkleTree.ConsistencyProofAsync(tiles, 65_537, 70_000, Ct));
        Assert.True(tiles.Fetched < 12);
        Assert.True(File.Exists(Path.Combine(dir.Path, "tile/entries/273.p/112")));
        Assert.True(File.Exists(Path.Combine(dir.Path, "checkpoint")));
    }

    [Fact]
    public async Task A_missing_partial_tile_falls_back_to_the_full_tile()
    {
        using var signer = TestLogs.NewSigner();
        var store = await TestLogs.BuildAsync(300, signer);
        using var dir = new TempDir();
        await LogExporter.ExportAsync(store, dir.Path, Ct);
        var full = await TileLayout.TileBytesAsync(store, TilePath.Hashes(0, 0), Ct);
        File.Delete(Path.Combine(dir.Path, "tile/0/001.p/44"));
        await Assert.ThrowsAsync<LedgerException>(async () => await TreeRecomputation.RecomputeAsync(new DirectoryLogSource(dir.Path), 300, Ct));
        Assert.Equal(await MerkleTree.RootAsync(store, 200, Ct), (await TreeRecomputation.RecomputeAsync(new DirectoryLogSource(dir.Path), 200, Ct)).Root);
        Assert.Equal(full.Length, new FileInfo(Path.Combine(dir.Path, "tile/0/000")).Length);
    }

    [Fact]
    public async Task Altered_tiles_are_caught()
    {
        using var signer = TestLogs.NewSigner();
        var store = await TestLogs.BuildAsync(600, signer);
        using var dir = new TempDir();
        await LogExporter.ExportAsync(store, dir.Path, Ct);
        var tile = Path.Combine(dir.Path, "tile/1/000.p/2");
        var bytes = File.ReadAllBytes(tile);
        bytes[40] ^= 1;
        File.WriteAllBytes(tile, bytes);
        Assert.Equal(LedgerError.Inconsistent, (await Assert.ThrowsAsync<LedgerException>(async () => await TreeRecomputation.RecomputeAsync(new DirectoryLogSource(dir.Path), 600, Ct))).Kind);

        File.WriteAllBytes(Path.Combine(dir.Path, "tile/0/001"), new byte[8191]);
        Assert.Contains("truncated", (await Assert.ThrowsAsync<LedgerException>(async () => await TreeRecomputation.RecomputeAsync(new DirectoryLogSource(dir.Path), 600, Ct))).Message, StringComparison.Ordinal);
        File.WriteAllBytes(Path.Combine(dir.Path, "tile/0/001"), new byte[8193]);
        Assert.Contains("oversize", (await Assert.ThrowsAsync<LedgerException>(async () => await TreeRecomputation.RecomputeAsync(new DirectoryLogSource(dir.Path), 600, Ct))).Message, StringComparison.Ordinal);
        File.WriteAllBytes(Path.Combine(dir.Path, "tile/0/001"), new byte[100_000]);
        Assert.Contains("larger than", (await Assert.ThrowsAsync<LedgerException>(async () => await TreeRecomputation.RecomputeAsync(new DirectoryLogSource(dir.Path), 600, Ct))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_directory_source_stays_inside_its_folder_and_bounds_what_it_reads()
    {
        using var dir = new TempDir();
        var source = new DirectoryLogSource(dir.Path);
        await Assert.ThrowsAsync<LedgerException>(async () => await source.ReadAsync("../etc/passwd", 100, Ct));
        Assert.Null(await source.ReadAsync("tile/0/000", 100, Ct));
        await File.WriteAllBytesAsync(dir.File("checkpoint"), new byte[101], Ct);
        Assert.Contains("oversize", (await Assert.ThrowsAsync<LedgerException>(async () => await source.ReadAsync("checkpoint", 100, Ct))).Message, StringComparison.Ordinal);
        Assert.Equal(101, (await source.ReadAsync("checkpoint", 101, Ct))!.Length);
    }
}
