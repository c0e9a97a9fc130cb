using System.Formats.Cbor;
using System.Numerics;

namespace Senim.Labels.Cbor;

/// <summary>The kinds of <see cref="CborNode"/>.</summary>
public enum CborKind
{
    Number,
    Bytes,
    Text,
    Array,
    Map,
    Tag,
    Boolean,
    Null,
    Undefined,
    Real,
    Simple,
}

/// <summary>
/// A decoded CBOR value: a small tree read with bounded depth and item count, so assertions from
/// other tools can be read, inspected and converted to JSON without trusting their sizes.
/// </summary>
public sealed class CborNode
{
    private CborNode(CborKind kind)
    {
        Kind = kind;
    }

    public CborKind Kind { get; }

    /// <summary>The value of an integer (major types 0 and 1).</summary>
    public BigInteger Number { get; private init; }

    /// <summary>The bytes of a byte string.</summary>
    public ReadOnlyMemory<byte> Bytes { get; private init; }

    /// <summary>The text of a text string.</summary>
    public string Text { get; private init; } = "";

    /// <summary>Items of an array, or the tagged value (one item) of a tag.</summary>
    public IReadOnlyList<CborNode> Items { get; private init; } = [];

    /// <summary>Entries of a map in the order they were encoded.</summary>
    public IReadOnlyList<KeyValuePair<CborNode, CborNode>> Entries { get; private init; } = [];

    /// <summary>The tag number of a tag.</summary>
    public ulong Tag { get; private init; }

    /// <summary>The value of a boolean.</summary>
    public bool Boolean { get; private init; }

    /// <summary>The value of a float (half, single or double).</summary>
    public double Real { get; private init; }

    /// <summary>The value of a map entry whose key is this text, or null.</summary>
    public CborNode? this[string key] => Find(k => k.Kind == CborKind.Text && k.Text == key);

    /// <summary>The value of a map entry whose key is this integer, or null.</summary>
    public CborNode? this[long key] => Find(k => k.Kind == CborKind.Number && k.Number == key);

    /// <summary>The value of the first map entry whose key matches, or null (also when this is not a map).</summary>
    private CborNode? Find(Func<CborNode, bool> matches)
    {
        if (Kind != CborKind.Map)
        {
            return null;
        }

        foreach (var entry in Entries)
        {
            if (matches(entry.Key))
            {
                return entry.Value;
            }
        }

        return null;
    }

    /// <summary>The text if this is a text string, else null.</summary>
    public string? AsText() => Kind == CborKind.Text ? Text : null;

    /// <summary>The value if this is an integer that fits a long, else null.</summary>
    public long? AsInt64() => Kind == CborKind.Number && Number >= long.MinValue && Number <= long.MaxValue ? (long)Number : null;

    /// <summary>Decodes exactly one CBOR item filling <paramref name="data"/> (lax conformance: other encoders' choices are accepted).</summary>
    public static CborNode Decode(ReadOnlyMemory<byte> data, int maxDepth = 32, int maxItems = 200_000)
    {
        try
        {
            var reader = new CborReader(data, CborConformanceMode.Lax);
            var budget = maxItems;
            var node = Read(reader, 0, maxDepth, ref budget);
            if (reader.BytesRemaining != 0)
            {
                throw new LabelException(LabelError.MalformedCbor, $"{reader.BytesRemaining} bytes follow the CBOR value.");
            }

            return node;
        }
        catch (CborContentException ex)
        {
            throw new LabelException(LabelError.MalformedCbor, $"Malformed CBOR: {ex.Message}", ex);
        }
        catch (InvalidOperationException ex)
        {
            throw new LabelException(LabelError.MalformedCbor, $"Malformed CBOR: {ex.Message}", ex);
        }
        catch (FormatException ex)
        {
            throw new LabelException(LabelError.MalformedCbor, $"Malformed CBOR: {ex.Message}", ex);
        }
        catch (OverflowException ex)
        {
            throw new LabelException(LabelError.MalformedCbor, $"Malformed CBOR: {ex.Message}", ex);
        }
    }

    private static CborNode Read(CborReader reader, int depth, int maxDepth, ref int budget)
    {
        if (--budget < 0)
        {
            throw new LabelException(LabelError.TooComplex, "The CBOR value has too many items.");
        }

        if (depth > maxDepth)
        {
            throw new LabelException(LabelError.TooComplex, $"CBOR values are nested deeper than {maxDepth} levels.");
        }

        switch (reader.PeekState())
        {
            case CborReaderState.UnsignedInteger:
                return new CborNode(CborKind.Number) { Number = reader.ReadUInt64() };
            case CborReaderState.NegativeInteger:
                return new CborNode(CborKind.Number) { Number = -1 - (BigInteger)reader.ReadCborNegativeIntegerRepresentation() };
            case CborReaderState.ByteString:
            case CborReaderState.StartIndefiniteLengthByteString:
                return new CborNode(CborKind.Bytes) { Bytes = reader.ReadByteString() };
            case CborReaderState.TextString:
            case CborReaderState.StartIndefiniteLengthTextString:
                return new CborNode(CborKind.Text) { Text = reader.ReadTextString() };
            case CborReaderState.StartArray:
            {
                var declared = reader.ReadStartArray();
                if (declared > reader.BytesRemaining)
                {
                    throw new LabelException(LabelError.MalformedCbor, $"A CBOR array declares {declared} items but only {reader.BytesRemaining} bytes remain.");
                }

                var items = new List<CborNode>(declared ?? 4);
                while (reader.PeekState() != CborReaderState.EndArray)
                {
                    items.Add(Read(reader, depth + 1, maxDepth, ref budget));
                }

                reader.ReadEndArray();
                return new CborNode(CborKind.Array) { Items = items };
            }

            case CborReaderState.StartMap:
            {
                var declared = reader.ReadStartMap();
                if (declared * 2 > reader.BytesRemaining)
                {
                    throw new LabelException(LabelError.MalformedCbor, $"A CBOR map declares {declared} entries but only {reader.BytesRemaining} bytes remain.");
                }

                var entries = new List<KeyValuePair<CborNode, CborNode>>(declared ?? 4);
                while (reader.PeekState() != CborReaderState.EndMap)
                {
                    var key = Read(reader, depth + 1, maxDepth, ref budget);
                    var value = Read(reader, depth + 1, maxDepth, ref budget);
                    entries.Add(new(key, value));
                }

                reader.ReadEndMap();
                return new CborNode(CborKind.Map) { Entries = entries };
            }

            case CborReaderState.Tag:
            {
                var tag = (ulong)reader.ReadTag();
                var value = Read(reader, depth + 1, maxDepth, ref budget);
                return new CborNode(CborKind.Tag) { Tag = tag, Items = [value] };
            }

            case CborReaderState.Boolean:
                return new CborNode(CborKind.Boolean) { Boolean = reader.ReadBoolean() };
            case CborReaderState.Null:
                reader.ReadNull();
                return new CborNode(CborKind.Null);
            case CborReaderState.HalfPrecisionFloat:
            case CborReaderState.SinglePrecisionFloat:
            case CborReaderState.DoublePrecisionFloat:
                return new CborNode(CborKind.Real) { Real = reader.ReadDouble() };
            case CborReaderState.SimpleValue:
            {
                var simple = reader.ReadSimpleValue();
                return simple == CborSimpleValue.Undefined ? new CborNode(CborKind.Undefined) : new CborNode(CborKind.Simple) { Number = (int)simple };
            }
            case CborReaderState.Finished:
                throw new LabelException(LabelError.Truncated, "The CBOR value is empty.");
            default:
                throw new LabelException(LabelError.MalformedCbor, $"Unexpected CBOR item ({reader.PeekState()}).");
        }
    }
}
