using System.Text;
using Senim.Ledger.Checkpoints;
using Senim.Ledger.Json;
using Senim.Ledger.Notes;
using Senim.Ledger.Receipts;
using Senim.Ledger.Storage;
using Senim.Ledger.Tests.Support;
using Senim.Ledger.Tiles;
using Senim.Ledger.Witnessing;

namespace Senim.Ledger.Tests;

/// <summary>Mutated versions of valid inputs: every parser either accepts or throws <see cref="LedgerException"/>; nothing else escapes.</summary>
public class HostileInputTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const int Rounds = 1500;

    // Bytes that mean something to the formats: newline, '+', space, '=', '/', digits, 'x', '.', 'p', and the em dash's first byte.
    private static readonly byte[] Separators = [.. "\n+ =/0x.p"u8, 0xE2];

    private static IEnumerable<byte[]> Mutations(byte[] valid, int seed)
    {
        var random = new Random(seed);
        for (var round = 0; round < Rounds; round++)
        {
            var bytes = (byte[])valid.Clone();
            switch (round % 4)
            {
                case 0:
                    for (var i = 0; i < 1 + random.Next(4); i++)
                    {
                        bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                    }

                    break;
                case 1:
                    bytes = bytes[..random.Next(bytes.Length)];
                    break;
                case 2:
                    var at = random.Next(bytes.Length);
                    var insert = new byte[1 + random.Next(8)];
                    random.NextBytes(insert);
                    bytes = [.. bytes[..at], .. insert, .. bytes[at..]];
                    break;
                default:
                    bytes[random.Next(bytes.Length)] = Separators[random.Next(Separators.Length)];
                    break;
            }

            yield return bytes;
        }
    }

    private static void OnlyLedgerErrors(Action parse)
    {
        try
        {
            parse();
        }
        catch (LedgerException)
        {
        }
    }

    [Fact]
    public void Mutated_signed_checkpoints_never_crash_the_parser_or_verifier()
    {
        using var signer = TestLogs.NewSigner();
        var valid = Encoding.UTF8.GetBytes(new Checkpoint(TestLogs.Origin, 1234, TestLogs.Leaf(1)).Sign(signer));
        var accepted = 0;
        foreach (var bytes in Mutations(valid, 1))
        {
            OnlyLedgerErrors(() =>
            {
                var note = SignedNote.Parse(bytes);
                note.Verify([signer.Verifier]);
                Checkpoint.ParseBody(note.Text);
                accepted++;
            });
        }

        Assert.True(accepted < Rounds / 10, $"{accepted} mutated checkpoints verified");
    }

    [Fact]
    public async Task Mutated_keys_receipts_and_tile_paths_never_crash()
    {
        using var signer = TestLogs.NewSigner();
        var store = await TestLogs.BuildAsync(300, signer);
        var receipt = Encoding.UTF8.GetBytes((await TlogProof.CreateAsync(store, 77, store.LatestCheckpoint!, Ct)).ToString());
        foreach (var bytes in Mutations(receipt, 2))
        {
            var result = ReceiptVerifier.Verify(Encoding.UTF8.GetString(bytes), TestLogs.Entry(77), new ReceiptPolicy(TestLogs.Origin, signer.Verifier));
            Assert.True(result.Valid || result.Error is not null);
        }

        foreach (var bytes in Mutations(Encoding.UTF8.GetBytes(signer.VerifierKey), 3))
        {
            OnlyLedgerErrors(() => NoteKeys.ParseVerifierKey(Encoding.UTF8.GetString(bytes)));
        }

        foreach (var bytes in Mutations("tile/entries/x001/x234/067.p/12"u8.ToArray(), 4))
        {
            var text = Encoding.UTF8.GetString(bytes);
            if (TilePath.TryParse(text, out var parsed, out _))
            {
                Assert.Equal(text, parsed.ToString());
            }
        }
    }

    [Fact]
    public void Mutated_tiles_bundles_and_json_never_crash()
    {
        var bundle = TileLayout.EntryBundle([.. Enumerable.Range(0, 20).Select(i => TestLogs.Entry(i))]);
        foreach (var bytes in Mutations(bundle, 5))
        {
            OnlyLedgerErrors(() => TileLayout.ParseEntryBundle(bytes, 20, "b"));
        }

        var json = """{"system":{"id":"kz-2026-0042","name":"Скоринг","tier":"high"},"at":1.5e3,"labels":["a",null,true]}"""u8.ToArray();
        foreach (var bytes in Mutations(json, 6))
        {
            OnlyLedgerErrors(() => JsonCanonicalizer.Canonicalize(bytes));
        }
    }

    [Fact]
    public async Task Mutated_witness_requests_get_a_status_never_an_exception()
    {
        using var log = TestLogs.NewSigner();
        using var cosigner = (CosignatureSigner)NoteKeys.ParseSignerKey(NoteKeys.Generate("w.example", NoteKeys.CosignatureType).SignerKey);
        using var dir = new TempDir();
        var witness = new Witness(cosigner, new Dictionary<string, IReadOnlyList<NoteVerifier>> { [TestLogs.Origin] = [log.Verifier] }, new FileWitnessState(dir.File("s.json")));
        var store = new MemoryLogStore();
        await new LogAppender(store, TestLogs.Origin, log).AppendAsync([TestLogs.Entry(0), TestLogs.Entry(1), TestLogs.Entry(2)], TestContext.Current.CancellationToken);
        var valid = Encoding.UTF8.GetBytes("old 0\n\n" + store.LatestCheckpoint);
        foreach (var bytes in Mutations(valid, 7))
        {
            var response = witness.AddCheckpoint(bytes);
            Assert.Contains(response.StatusCode, new[] { 200, 400, 403, 404, 409, 413, 422 });
        }
    }
}
