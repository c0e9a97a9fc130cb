using Senim.Registry.Citizens;

namespace Senim.Registry.Tests.Citizens;

/// <summary>Tracking codes: 80 random bits, a check character that tells a typo from an unknown code, forgiving reading.</summary>
public sealed class TrackingCodeTests
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    [Fact]
    public void A_new_code_reads_back_and_has_the_documented_shape()
    {
        var code = TrackingCode.New();
        Assert.Matches("^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]$", code);
        Assert.Equal(TrackingCode.Reading.Valid, TrackingCode.Read(code, out var data));
        Assert.Equal(code.Replace("-", "", StringComparison.Ordinal)[..16], data);
        Assert.Equal(64, TrackingCode.Hash(data).Length);
    }

    [Fact]
    public void Codes_do_not_repeat()
    {
        var codes = Enumerable.Range(0, 2000).Select(_ => TrackingCode.New()).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(2000, codes.Count);
    }

    [Fact]
    public void Case_spaces_and_look_alike_letters_are_forgiven()
    {
        var code = CodeWith('1', '0');
        var typed = code.ToLowerInvariant().Replace('1', 'l').Replace('0', 'o').Replace("-", " ", StringComparison.Ordinal);
        Assert.Equal(TrackingCode.Reading.Valid, TrackingCode.Read(typed, out var data));
        Assert.Equal(TrackingCode.Reading.Valid, TrackingCode.Read(code, out var same));
        Assert.Equal(same, data);
    }

    [Fact]
    public void Every_single_wrong_character_is_told_apart_as_a_typo()
    {
        var code = TrackingCode.New().Replace("-", "", StringComparison.Ordinal);
        for (var position = 0; position < code.Length; position++)
        {
            foreach (var replacement in Alphabet.Where(c => c != code[position]))
            {
                var typo = code[..position] + replacement + code[(position + 1)..];
                Assert.Equal(TrackingCode.Reading.Mistyped, TrackingCode.Read(typo, out _));
            }
        }
    }

    [Fact]
    public void Every_swap_of_neighbours_but_0_and_Z_is_caught()
    {
        var caught = 0;
        var swaps = 0;
        for (var i = 0; i < 200; i++)
        {
            var code = TrackingCode.New().Replace("-", "", StringComparison.Ordinal);
            for (var p = 0; p + 1 < code.Length; p++)
            {
                // Luhn mod 32 cannot see 0 and Z (values 0 and 31) change places; every other swap changes the check.
                if (code[p] == code[p + 1] || ((code[p] is '0' or 'Z') && (code[p + 1] is '0' or 'Z')))
                {
                    continue;
                }

                swaps++;
                var swapped = code[..p] + code[p + 1] + code[p] + code[(p + 2)..];
                caught += TrackingCode.Read(swapped, out _) == TrackingCode.Reading.Mistyped ? 1 : 0;
            }
        }

        Assert.Equal(swaps, caught);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ABCD")]
    [InlineData("ABCD-EFGH-JKMN-PQRS-TV")]
    [InlineData("ABCD-EFGH-JKMN-PQRS-U")]
    [InlineData("ABCD-EFGH-JKMN-PQR!-T")]
    [InlineData("АВСD-EFGH-JKMN-PQRS-T")]
    public void A_code_of_the_wrong_shape_is_malformed(string? typed) =>
        Assert.Equal(TrackingCode.Reading.Malformed, TrackingCode.Read(typed, out _));

    /// <summary>A new code containing both characters (so the look-alike test has something to forgive).</summary>
    private static string CodeWith(char a, char b)
    {
        while (true)
        {
            var code = TrackingCode.New();
            if (code.Contains(a, StringComparison.Ordinal) && code.Contains(b, StringComparison.Ordinal))
            {
                return code;
            }
        }
    }
}
