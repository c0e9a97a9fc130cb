using System.Buffers.Binary;
using System.Diagnostics;
using Senim.Labels.Assertions;
using Senim.Labels.Jumbf;
using Senim.Labels.Model;
using Senim.Labels.Tests.Support;
using Senim.Labels.Trust;
using Senim.Labels.Validation;

namespace Senim.Labels.Tests;

/// <summary>Hostile input gets a report or a typed error: never an unexpected exception, a hang or an unbounded allocation.</summary>
public sealed class RobustnessTests
{
    private static readonly LabelValidator Validator = new(new TrustSettings([TestPki.Shared.Root], [RevocationList.Parse(TestPki.Shared.Crl([]))]));
    private static readonly LabelValidator Untrusting = new(TrustSettings.None);

    [Theory]
    [InlineData("jpeg")]
    [InlineData("png")]
    public void Every_truncation_of_a_signed_file_gets_a_verdict(string format)
    {
        var signed = Labeling.Sign(format == "jpeg" ? TinyImages.Jpeg(4, 4, 41) : TinyImages.Png(4, 4, 41));
        for (var length = 0; length < signed.Length; length++)
        {
            var report = Labeling.Validate(signed[..length], Validator);
            Assert.NotEqual(ValidationState.Trusted, report.State);
            Assert.NotEqual(ValidationState.Valid, report.State);
            if (report.Error is { } error)
            {
                Assert.Contains(error, new[] { LabelError.Truncated, LabelError.MalformedJpeg, LabelError.MalformedPng, LabelError.UnsupportedFormat, LabelError.MalformedJumbf, LabelError.TooLarge });
            }
        }
    }

    [Fact]
    public void A_manifest_store_that_declares_more_bytes_than_the_file_holds_is_a_clear_error()
    {
        var signed = Labeling.Sign(TinyImages.Jpeg(4, 4, 42));
        var at = signed.AsSpan().IndexOf("JP\0\u0001\0\0\0\u0001"u8);
        BinaryPrimitives.WriteUInt32BigEndian(signed.AsSpan(at + 8), 0x7FFF_0000);

        var report = Labeling.Validate(signed, Validator);

        Assert.Equal(ValidationState.Invalid, report.State);
        Assert.Equal(LabelError.TooLarge, report.Error);
    }

    [Fact]
    public void A_sidecar_larger_than_the_limit_is_refused_before_it_is_read()
    {
        var validator = new LabelValidator(TrustSettings.None, limits: LabelLimits.Default with { MaxManifestStoreBytes = 1000 });
        var report = validator.ValidateSidecar(new MemoryStream(new byte[5000]), null);
        Assert.Equal(LabelError.TooLarge, report.Error);
    }

    [Fact]
    public void A_sidecar_that_does_not_say_its_length_is_refused_once_more_than_the_limit_arrived()
    {
        var validator = new LabelValidator(TrustSettings.None, limits: LabelLimits.Default with { MaxManifestStoreBytes = 1000 });
        var endless = new Unseekable(new MemoryStream(new byte[1_000_000]));

        Assert.Equal(LabelError.TooLarge, validator.ValidateSidecar(endless, null).Error);
        Assert.True(endless.Inner.Position < 1_000_000, "reading stopped at the limit, not at the end");

        // At the limit the whole sidecar is read and parsed: the refusal is about its content, not its size.
        var report = validator.ValidateSidecar(new Unseekable(new MemoryStream(new byte[1000])), null);
        Assert.NotEqual(LabelError.TooLarge, report.Error);
    }

    [Fact]
    public void An_asset_over_the_size_limit_is_refused_for_signing_and_validation()
    {
        var limits = LabelLimits.Default with { MaxAssetBytes = 1000 };
        var asset = TinyImages.Png(32, 32, 47);
        var signer = new Signing.LabelSigner(Signing.SigningCredentials.FromEcdsa(TestPki.Shared.Signer.Key, [TestPki.Shared.Signer.Certificate]), limits: limits);

        Assert.Equal(LabelError.TooLarge, Assert.Throws<LabelException>(() => Labeling.Sign(asset, signer: signer)).Error);
        Assert.Equal(LabelError.TooLarge, Labeling.Validate(Labeling.Sign(asset), new LabelValidator(TrustSettings.None, limits: limits)).Error);
    }

    [Fact]
    public void A_jumbf_box_longer_than_its_parent_is_truncated()
    {
        var store = JumbfWriter.Superbox(BoxTypes.ManifestStore, "c2pa", JumbfWriter.ContentBox(BoxTypes.Cbor, new byte[10]));
        BinaryPrimitives.WriteUInt32BigEndian(store.AsSpan(store.Length - 18), 1000);
        var error = Assert.Throws<LabelException>(() => ManifestStore.Parse(store));
        Assert.Equal(LabelError.Truncated, error.Error);
    }

    [Fact]
    public void Superboxes_nested_a_thousand_deep_are_too_complex()
    {
        var box = JumbfWriter.ContentBox(BoxTypes.Cbor, [0xA0]);
        for (var i = 0; i < 1000; i++)
        {
            box = JumbfWriter.Superbox(BoxTypes.ManifestStore, "c2pa", box);
        }

        var error = Assert.Throws<LabelException>(() => ManifestStore.Parse(box));
        Assert.Equal(LabelError.TooComplex, error.Error);
    }

    [Fact]
    public void Cbor_nested_a_hundred_thousand_deep_is_too_complex_without_overflowing_the_stack()
    {
        var bytes = Enumerable.Repeat((byte)0x81, 100_000).Append((byte)0x00).ToArray();
        var error = Assert.Throws<LabelException>(() => Cbor.CborNode.Decode(bytes));
        Assert.Equal(LabelError.TooComplex, error.Error);
    }

    [Fact]
    public void A_cbor_array_that_declares_four_billion_items_is_refused_before_allocating()
    {
        var error = Assert.Throws<LabelException>(() => Cbor.CborNode.Decode(new byte[] { 0x9A, 0xFF, 0xFF, 0xFF, 0xFF, 0x00 }));
        Assert.Equal(LabelError.MalformedCbor, error.Error);
    }

    [Fact]
    public void An_ingredient_that_points_at_its_own_manifest_does_not_loop()
    {
        var first = Labeling.Sign(TinyImages.Jpeg(4, 4, 43));
        var edited = Labeling.Sign(first, Labeling.Request with { Origin = ContentOrigin.Edited });
        var report = Labeling.Validate(edited, Validator);
        var parent = report.Active!.Ingredients[0].Label;
        var active = report.Active.Label;

        var parentBytes = System.Text.Encoding.ASCII.GetBytes("/c2pa/" + parent);
        var ingredientAt = Tamper.IndexOf(edited, "c2pa.ingredient.v3"u8.ToArray());
        var urlAt = edited.AsSpan(ingredientAt).IndexOf(parentBytes) + ingredientAt;
        System.Text.Encoding.ASCII.GetBytes("/c2pa/" + active).CopyTo(edited, urlAt);

        var looped = Labeling.Validate(edited, Validator);

        Assert.Equal(ValidationState.Invalid, looped.State);
        Assert.Contains("assertion.hashedURI.mismatch", looped.FailureCodes);
        Assert.Contains("ingredient.manifest.mismatch", looped.FailureCodes);
        Assert.Empty(looped.Active!.Ingredients);
    }

    [Fact]
    public void A_long_chain_of_edits_is_validated_to_the_depth_limit_only()
    {
        var asset = Labeling.Sign(TinyImages.Jpeg(2, 2, 46));
        for (var i = 0; i < 12; i++)
        {
            asset = Labeling.Sign(asset, Labeling.Request with { Origin = ContentOrigin.Edited });
        }

        var shallow = new LabelValidator(new TrustSettings([TestPki.Shared.Root]), limits: LabelLimits.Default with { MaxDepth = 5 });
        var report = Labeling.Validate(asset, shallow);

        Assert.Equal(ValidationState.Trusted, report.State);
        Assert.Equal(13, report.ManifestCount);
        Assert.Contains(report.Notes, n => n.Contains("deeper than 5", StringComparison.Ordinal));
        var depth = 0;
        for (var level = report.Active; level!.Ingredients.Count > 0; level = level.Ingredients[0])
        {
            depth++;
        }

        Assert.Equal(5, depth);
    }

    [Fact]
    public void A_hundred_thousand_random_mutations_never_crash_or_hang()
    {
        var sidecarAsset = "any asset bytes"u8.ToArray();
        using var sidecar = new MemoryStream();
        Labeling.Signer.SignSidecar(new MemoryStream(sidecarAsset), sidecar, Labeling.Request);
        var seeds = new[]
        {
            Labeling.Sign(TinyImages.Jpeg(2, 2, 44)),
            Labeling.Sign(TinyImages.Png(2, 2, 44)),
            Labeling.Sign(Labeling.Sign(TinyImages.Jpeg(2, 2, 45)), Labeling.Request with { Origin = ContentOrigin.Edited }),
            sidecar.ToArray(),
        };
        const int Mutations = 100_000;
        // A hang shows as one mutation that takes long, whatever the machine's load: the slowest is kept.
        long slowest = 0;
        var states = new int[4];
        Parallel.For(0, Mutations, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var random = new Random(i);
            var input = (byte[])seeds[i % seeds.Length].Clone();
            var changes = 1 + random.Next(4);
            for (var c = 0; c < changes; c++)
            {
                var position = random.Next(input.Length);
                input[position] = random.Next(3) switch
                {
                    0 => (byte)random.Next(256),
                    1 => (byte)(input[position] ^ (1 << random.Next(8))),
                    _ => random.Next(2) == 0 ? (byte)0xFF : (byte)0x00,
                };
            }

            if (random.Next(10) == 0)
            {
                input = input[..random.Next(input.Length)];
            }

            ValidationReport report;
            var started = Stopwatch.GetTimestamp();
            try
            {
                // One in twenty also builds certificate paths (the slow part); all parse, hash and verify signatures.
                var validator = i % 20 == 0 ? Validator : Untrusting;
                report = i % seeds.Length == 3
                    ? validator.ValidateSidecar(new MemoryStream(input), new MemoryStream(sidecarAsset))
                    : Labeling.Validate(input, validator);
            }
            catch (Exception ex)
            {
                throw new InvalidOperationException($"Mutation {i} threw {ex.GetType().Name}: {ex.Message}", ex);
            }

            var took = Stopwatch.GetTimestamp() - started;
            long seen;
            while (took > (seen = Interlocked.Read(ref slowest)) && Interlocked.CompareExchange(ref slowest, took, seen) != seen)
            {
            }

            Interlocked.Increment(ref states[(int)report.State]);
        });

        Assert.Equal(Mutations, states.Sum());
        Assert.True(states[(int)ValidationState.Invalid] > Mutations / 2, $"Only {states[(int)ValidationState.Invalid]} mutations were found invalid.");
        Assert.True(Stopwatch.GetElapsedTime(0, slowest) < TimeSpan.FromSeconds(10), $"One mutation took {Stopwatch.GetElapsedTime(0, slowest)}.");
    }

    [Fact]
    public void A_claim_with_a_huge_declared_byte_string_is_malformed()
    {
        var bytes = new byte[] { 0xA1, 0x61, 0x78, 0x5B, 0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00 };
        var error = Assert.Throws<LabelException>(() => Cbor.CborNode.Decode(bytes));
        Assert.Equal(LabelError.MalformedCbor, error.Error);
    }

    /// <summary>A stream that hides its length, as a network body does.</summary>
    private sealed class Unseekable(MemoryStream inner) : Stream
    {
        public MemoryStream Inner => inner;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
