using System.Text;

namespace Senim.Labels.Tests.Support;

/// <summary>The tamperings the interop tests apply to signed files.</summary>
internal static class Tamper
{
    /// <summary>Flips one bit of the last byte before the JPEG EOI or the PNG IEND chunk: pixel data.</summary>
    public static byte[] PixelByte(byte[] signed)
    {
        var copy = (byte[])signed.Clone();
        var index = copy[0] == 0xFF ? copy.Length - 3 : copy.Length - 17;
        copy[index] ^= 0x01;
        return copy;
    }

    /// <summary>Changes one digit of the register number inside the Senim assertion.</summary>
    public static byte[] AssertionByte(byte[] signed)
    {
        var copy = (byte[])signed.Clone();
        var at = IndexOf(copy, Encoding.ASCII.GetBytes("KZ-AI-2026-000123"));
        copy[at + 16] = (byte)'4';
        return copy;
    }

    /// <summary>Puts <paramref name="replacement"/>'s DER in place of <paramref name="original"/>'s (same length).</summary>
    public static byte[] SwapCertificate(byte[] signed, byte[] original, byte[] replacement)
    {
        if (original.Length != replacement.Length)
        {
            throw new ArgumentException("The certificates must have the same length.", nameof(replacement));
        }

        var copy = (byte[])signed.Clone();
        var at = IndexOf(copy, original);
        replacement.CopyTo(copy, at);
        return copy;
    }

    /// <summary>
    /// Flips one bit of an assertion of the first ingredient manifest (the one the active manifest's ingredient
    /// points to): its content is found by parsing the store, then in the file, before the active manifest.
    /// </summary>
    public static byte[] IngredientAssertionByte(byte[] signed, string assertion)
    {
        var store = Formats.AssetReader.FindStore(new MemoryStream(signed), signed[0] == 0xFF ? Formats.AssetFormat.Jpeg : Formats.AssetFormat.Png, LabelLimits.Default)
            ?? throw new ArgumentException("The file carries no manifest store.", nameof(signed));
        var parsed = Model.ManifestStore.Parse(store.Bytes);
        var ingredient = parsed.Manifests.First(m => m != parsed.Active);
        var content = Model.Manifest.ContentOf(ingredient.Assertion(assertion))?.ToArray() ?? throw new ArgumentException($"The ingredient manifest has no {assertion}.", nameof(assertion));
        var at = IndexOf(signed, content);
        if (at > IndexOf(signed, Encoding.ASCII.GetBytes(parsed.Active.Label)))
        {
            throw new ArgumentException("The assertion's content was found only after the active manifest began.", nameof(signed));
        }

        var copy = (byte[])signed.Clone();
        copy[at + (content.Length / 2)] ^= 0x01;
        return copy;
    }

    public static int IndexOf(byte[] haystack, byte[] needle)
    {
        var at = haystack.AsSpan().IndexOf(needle);
        return at >= 0 ? at : throw new ArgumentException("Pattern not found.", nameof(needle));
    }
}
