using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Senim.Ledger.Json;

/// <summary>
/// RFC 8785 JSON Canonicalization Scheme (JCS): no white space, object members sorted by the UTF-16 code units of
/// their names, strings with the minimal escapes, numbers as ECMAScript writes IEEE 754 doubles. Input must be
/// I-JSON: duplicate member names, lone surrogates and numbers outside the double range are rejected.
/// </summary>
public static class JsonCanonicalizer
{
    /// <summary>Largest input accepted.</summary>
    public const int MaxBytes = 16 * 1024 * 1024;

    /// <summary>Deepest nesting accepted.</summary>
    public const int MaxDepth = 64;

    /// <summary>The canonical UTF-8 bytes of a JSON text.</summary>
    /// <exception cref="LedgerException">The input is not I-JSON (kind <see cref="LedgerError.Malformed"/>).</exception>
    public static byte[] Canonicalize(ReadOnlySpan<byte> utf8Json)
    {
        if (utf8Json.Length > MaxBytes)
        {
            throw Malformed($"JSON text larger than {MaxBytes} bytes.");
        }

        try
        {
            var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = MaxDepth, CommentHandling = JsonCommentHandling.Disallow, AllowTrailingCommas = false });
            using var document = JsonDocument.ParseValue(ref reader);
            if (reader.BytesConsumed != utf8Json.Length && utf8Json[(int)reader.BytesConsumed..].IndexOfAnyExcept(" \t\r\n"u8) >= 0)
            {
                throw Malformed("Data after the JSON value.");
            }

            return Canonicalize(document.RootElement);
        }
        catch (JsonException ex)
        {
            throw new LedgerException(LedgerError.Malformed, $"Not valid JSON: {ex.Message}");
        }
    }

    /// <summary>The canonical UTF-8 bytes of a JSON text given as a string.</summary>
    public static byte[] Canonicalize(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Canonicalize(Encoding.UTF8.GetBytes(json));
    }

    /// <summary>The canonical UTF-8 bytes of a parsed JSON value.</summary>
    public static byte[] Canonicalize(JsonElement element)
    {
        var text = new StringBuilder();
        Write(element, text, 0);
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>The canonical UTF-8 bytes of an object serialized with System.Text.Json.</summary>
    public static byte[] Serialize<T>(T value, JsonSerializerOptions? options = null) =>
        Canonicalize(JsonSerializer.SerializeToUtf8Bytes(value, options));

    /// <summary>A double as ECMAScript's Number.prototype.toString writes it (RFC 8785 §3.2.2.3).</summary>
    public static string FormatNumber(double value)
    {
        if (!double.IsFinite(value))
        {
            throw Malformed("NaN and infinities are not JSON numbers.");
        }

        if (value == 0)
        {
            return "0";
        }

        if (value < 0)
        {
            return "-" + FormatNumber(-value);
        }

        // .NET writes the shortest round-trip digits; take them and the exponent, then lay them out as ECMAScript does.
        var shortest = value.ToString("R", CultureInfo.InvariantCulture);
        var e = shortest.IndexOf('E', StringComparison.Ordinal);
        var mantissa = e < 0 ? shortest : shortest[..e];
        var exponent = e < 0 ? 0 : int.Parse(shortest[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        var digits = dot < 0 ? mantissa : mantissa.Remove(dot, 1);
        var n = (dot < 0 ? mantissa.Length : dot) + exponent;
        var lead = digits.Length - digits.TrimStart('0').Length;
        digits = digits[lead..].TrimEnd('0');
        n -= lead;
        var k = digits.Length;

        if (k <= n && n <= 21)
        {
            return digits + new string('0', n - k);
        }

        if (0 < n && n <= 21)
        {
            return digits[..n] + "." + digits[n..];
        }

        if (-6 < n && n <= 0)
        {
            return "0." + new string('0', -n) + digits;
        }

        var power = n - 1;
        var sign = power < 0 ? "-" : "+";
        var magnitude = Math.Abs(power).ToString(CultureInfo.InvariantCulture);
        return k == 1 ? $"{digits}e{sign}{magnitude}" : $"{digits[0]}.{digits[1..]}e{sign}{magnitude}";
    }

    private static void Write(JsonElement element, StringBuilder text, int depth)
    {
        if (depth > MaxDepth)
        {
            throw Malformed($"JSON nested deeper than {MaxDepth}.");
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var members = new List<(string Name, JsonElement Value)>();
                var names = new HashSet<string>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    var name = ReadString(() => property.Name);
                    if (!names.Add(name))
                    {
                        throw Malformed($"Duplicate member name '{name}'.");
                    }

                    members.Add((name, property.Value));
                }

                members.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
                text.Append('{');
                for (var i = 0; i < members.Count; i++)
                {
                    if (i > 0)
                    {
                        text.Append(',');
                    }

                    WriteString(members[i].Name, text);
                    text.Append(':');
                    Write(members[i].Value, text, depth + 1);
                }

                text.Append('}');
                break;
            case JsonValueKind.Array:
                text.Append('[');
                var first = true;
                foreach (var item in element.EnumerateArray())
                {
                    if (!first)
                    {
                        text.Append(',');
                    }

                    first = false;
                    Write(item, text, depth + 1);
                }

                text.Append(']');
                break;
            case JsonValueKind.String:
                WriteString(ReadString(element.GetString), text);
                break;
            case JsonValueKind.Number:
                var raw = element.GetRawText();
                if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
                {
                    throw Malformed($"The number {raw} is outside the range of an IEEE 754 double.");
                }

                text.Append(FormatNumber(number));
                break;
            case JsonValueKind.True:
                text.Append("true");
                break;
            case JsonValueKind.False:
                text.Append("false");
                break;
            case JsonValueKind.Null:
                text.Append("null");
                break;
            default:
                throw Malformed($"Unexpected JSON value kind {element.ValueKind}.");
        }
    }

    private static string ReadString(Func<string?> read)
    {
        string value;
        try
        {
            value = read() ?? string.Empty;
        }
        catch (InvalidOperationException ex)
        {
            throw new LedgerException(LedgerError.Malformed, $"A JSON string is not valid Unicode: {ex.Message}");
        }

        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                throw Malformed("A JSON string contains a lone surrogate.");
            }
        }

        return value;
    }

    private static void WriteString(string value, StringBuilder text)
    {
        text.Append('"');
        foreach (var c in value)
        {
            // RFC 8785 §3.2.2.2: the two-character escapes where JSON has one, \u00xx for the other controls.
            var escape = c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\b' => "\\b",
                '\f' => "\\f",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ => null,
            };
            if (escape is not null)
            {
                text.Append(escape);
            }
            else if (c < 0x20)
            {
                text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                text.Append(c);
            }
        }

        text.Append('"');
    }

    private static LedgerException Malformed(string message) => new(LedgerError.Malformed, message);
}
