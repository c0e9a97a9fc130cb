using System.Buffers.Binary;
using System.Text;
using Senim.Ledger.Json;

namespace Senim.Ledger.Tests;

public class JsonCanonicalizerTests
{
    // RFC 8785 Appendix B: IEEE 754 bit patterns and their ECMAScript serialization.
    [Theory]
    [InlineData("0000000000000000", "0")]
    [InlineData("8000000000000000", "0")]
    [InlineData("0000000000000001", "5e-324")]
    [InlineData("8000000000000001", "-5e-324")]
    [InlineData("7fefffffffffffff", "1.7976931348623157e+308")]
    [InlineData("ffefffffffffffff", "-1.7976931348623157e+308")]
    [InlineData("4340000000000000", "9007199254740992")]
    [InlineData("c340000000000000", "-9007199254740992")]
    [InlineData("4430000000000000", "295147905179352830000")]
    [InlineData("44b52d02c7e14af5", "9.999999999999997e+22")]
    [InlineData("44b52d02c7e14af6", "1e+23")]
    [InlineData("44b52d02c7e14af7", "1.0000000000000001e+23")]
    [InlineData("444b1ae4d6e2ef4e", "999999999999999700000")]
    [InlineData("444b1ae4d6e2ef4f", "999999999999999900000")]
    [InlineData("444b1ae4d6e2ef50", "1e+21")]
    [InlineData("3eb0c6f7a0b5ed8c", "9.999999999999997e-7")]
    [InlineData("3eb0c6f7a0b5ed8d", "0.000001")]
    [InlineData("41b3de4355555553", "333333333.3333332")]
    [InlineData("41b3de4355555554", "333333333.33333325")]
    [InlineData("41b3de4355555555", "333333333.3333333")]
    [InlineData("41b3de4355555556", "333333333.3333334")]
    [InlineData("41b3de4355555557", "333333333.33333343")]
    [InlineData("becbf647612f3696", "-0.0000033333333333333333")]
    [InlineData("43143ff3c1cb0959", "1424953923781206.2")]
    public void Numbers_serialize_as_rfc_8785_appendix_b(string ieeeHex, string expected)
    {
        var value = BitConverter.Int64BitsToDouble(BinaryPrimitives.ReadInt64BigEndian(Convert.FromHexString(ieeeHex)));
        Assert.Equal(expected, JsonCanonicalizer.FormatNumber(value));
        Assert.Equal(expected, Encoding.UTF8.GetString(JsonCanonicalizer.Canonicalize(value.ToString("R", System.Globalization.CultureInfo.InvariantCulture))));
    }

    [Theory]
    [InlineData("7fffffffffffffff")]
    [InlineData("7ff0000000000000")]
    [InlineData("fff0000000000000")]
    public void NaN_and_infinities_are_errors(string ieeeHex)
    {
        var value = BitConverter.Int64BitsToDouble(BinaryPrimitives.ReadInt64BigEndian(Convert.FromHexString(ieeeHex)));
        Assert.Throws<LedgerException>(() => JsonCanonicalizer.FormatNumber(value));
    }

    [Fact]
    public void The_rfc_8785_section_3_2_2_example_canonicalizes_exactly()
    {
        const string input = """
            {
              "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
              "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
              "literals": [null, true, false]
            }
            """;
        const string expected = "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}";
        var canonical = JsonCanonicalizer.Canonicalize(input);
        Assert.Equal(expected, Encoding.UTF8.GetString(canonical));
        // §3.2.4: the UTF-8 bytes begin 7b 22 6c 69 74 65 72 61 6c 73 and the euro sign is e2 82 ac.
        Assert.Equal("7b226c69746572616c73", Convert.ToHexStringLower(canonical[..10]));
        Assert.Contains("22e282ac24", Convert.ToHexStringLower(canonical), StringComparison.Ordinal);
    }

    [Fact]
    public void Members_sort_by_utf16_code_units_as_in_rfc_8785_section_3_2_3()
    {
        const string input = """
            {
              "\u20ac": "Euro Sign",
              "\r": "Carriage Return",
              "\ufb33": "Hebrew Letter Dalet With Dagesh",
              "1": "One",
              "\ud83d\ude00": "Emoji: Grinning Face",
              "\u0080": "Control",
              "\u00f6": "Latin Small Letter O With Diaeresis"
            }
            """;
        using var document = System.Text.Json.JsonDocument.Parse(JsonCanonicalizer.Canonicalize(input));
        Assert.Equal(
            ["Carriage Return", "One", "Control", "Latin Small Letter O With Diaeresis", "Euro Sign", "Emoji: Grinning Face", "Hebrew Letter Dalet With Dagesh"],
            document.RootElement.EnumerateObject().Select(p => p.Value.GetString()));
    }

    [Fact]
    public void Nested_objects_sort_arrays_keep_order_and_white_space_goes()
    {
        Assert.Equal("{\"a\":[3,1,{\"x\":1,\"y\":2}],\"b\":\"\\u001f\\b\\t\"}", Encoding.UTF8.GetString(JsonCanonicalizer.Canonicalize("{ \"b\" : \"\\u001F\\b\\t\", \"a\" : [ 3, 1, {\"y\":2,\"x\":1} ] }")));
        Assert.Equal("{\"aa\":2,\"b\\n\":1}", Encoding.UTF8.GetString(JsonCanonicalizer.Canonicalize("{\"b\\n\":1,\"aa\":2}")));
        Assert.Equal("{\"a\":1}", Encoding.UTF8.GetString(JsonCanonicalizer.Serialize(new Dictionary<string, int> { ["a"] = 1 })));
    }

    [Theory]
    [InlineData("{\"a\":1,\"a\":2}")]
    [InlineData("\"\\ud800\"")]
    [InlineData("{\"\\udc00\":1}")]
    [InlineData("1e400")]
    [InlineData("-1e400")]
    [InlineData("[1,]")]
    [InlineData("{\"a\":1} x")]
    [InlineData("// c\n1")]
    [InlineData("NaN")]
    [InlineData("")]
    public void Input_that_is_not_i_json_is_rejected(string input)
    {
        Assert.Equal(LedgerError.Malformed, Assert.Throws<LedgerException>(() => JsonCanonicalizer.Canonicalize(input)).Kind);
    }

    [Fact]
    public void Invalid_utf8_and_deep_nesting_are_rejected()
    {
        Assert.Throws<LedgerException>(() => JsonCanonicalizer.Canonicalize([0x22, 0xff, 0x22]));
        Assert.Throws<LedgerException>(() => JsonCanonicalizer.Canonicalize(new string('[', 100) + new string(']', 100)));
    }
}
