using System.Buffers.Binary;
using System.Text;

namespace Senim.Labels.Jumbf;

/// <summary>
/// Parses a JUMBF manifest store. Every length is checked against the bytes that remain before
/// anything is sliced, nesting and box counts are bounded by <see cref="LabelLimits"/>, so hostile
/// input ends in a <see cref="LabelException"/>, never an out-of-range read or unbounded work.
/// </summary>
public static class JumbfParser
{
    /// <summary>Parses one top-level superbox that must fill <paramref name="data"/> exactly.</summary>
    public static JumbfBox Parse(ReadOnlyMemory<byte> data, LabelLimits? limits = null)
    {
        limits ??= LabelLimits.Default;
        var count = 0;
        var box = ParseBox(data, 0, out var length, 0, limits, ref count);
        if (length != data.Length)
        {
            throw new LabelException(LabelError.MalformedJumbf, $"The manifest store is {length} bytes but {data.Length} bytes were given.");
        }

        if (box.Description is null)
        {
            throw new LabelException(LabelError.MalformedJumbf, $"The manifest store is a '{BoxTypes.Name(box.Type)}' box, not a JUMBF superbox.");
        }

        return box;
    }

    /// <summary>Reads a box header at the start of <paramref name="data"/>: its total length (0 = to the end) and type.</summary>
    public static bool TryReadHeader(ReadOnlySpan<byte> data, out long length, out uint type, out int headerLength)
    {
        length = 0;
        type = 0;
        headerLength = 8;
        if (data.Length < 8)
        {
            return false;
        }

        length = BinaryPrimitives.ReadUInt32BigEndian(data);
        type = BinaryPrimitives.ReadUInt32BigEndian(data[4..]);
        if (length == 1)
        {
            if (data.Length < 16)
            {
                return false;
            }

            var extended = BinaryPrimitives.ReadUInt64BigEndian(data[8..]);
            length = extended > long.MaxValue ? long.MaxValue : (long)extended;
            headerLength = 16;
        }

        return true;
    }

    private static JumbfBox ParseBox(ReadOnlyMemory<byte> data, int offset, out int boxLength, int depth, LabelLimits limits, ref int count)
    {
        if (++count > limits.MaxBoxes)
        {
            throw new LabelException(LabelError.TooComplex, $"The manifest store has more than {limits.MaxBoxes} boxes.");
        }

        if (depth > limits.MaxDepth)
        {
            throw new LabelException(LabelError.TooComplex, $"JUMBF boxes are nested deeper than {limits.MaxDepth} levels.");
        }

        var span = data.Span[offset..];
        if (!TryReadHeader(span, out var length, out var type, out var headerLength))
        {
            throw new LabelException(LabelError.Truncated, $"A JUMBF box header at offset {offset} is cut off.");
        }

        if (length == 0)
        {
            length = span.Length;
        }

        if (length < headerLength)
        {
            throw new LabelException(LabelError.MalformedJumbf, $"The '{BoxTypes.Name(type)}' box at offset {offset} declares {length} bytes, less than its header.");
        }

        if (length > span.Length)
        {
            throw new LabelException(LabelError.Truncated, $"The '{BoxTypes.Name(type)}' box at offset {offset} declares {length} bytes but only {span.Length} remain.");
        }

        boxLength = (int)length;
        var raw = data.Slice(offset, boxLength);
        if (type != BoxTypes.Superbox)
        {
            return new JumbfBox(type, raw, headerLength, null, []);
        }

        var position = offset + headerLength;
        var end = offset + boxLength;
        if (position == end)
        {
            throw new LabelException(LabelError.MalformedJumbf, $"The superbox at offset {offset} has no description box.");
        }

        var descriptionBox = ParseBox(data[..end], position, out var descriptionLength, depth + 1, limits, ref count);
        if (descriptionBox.Type != BoxTypes.Description)
        {
            throw new LabelException(LabelError.MalformedJumbf, $"The superbox at offset {offset} starts with a '{BoxTypes.Name(descriptionBox.Type)}' box instead of 'jumd'.");
        }

        var description = ParseDescription(descriptionBox.Payload, offset);
        position += descriptionLength;
        var children = new List<JumbfBox>();
        while (position < end)
        {
            children.Add(ParseBox(data[..end], position, out var childLength, depth + 1, limits, ref count));
            position += childLength;
        }

        return new JumbfBox(type, raw, headerLength, description, children);
    }

    private static JumbfDescription ParseDescription(ReadOnlyMemory<byte> payload, int offset)
    {
        var span = payload.Span;
        if (span.Length < 17)
        {
            throw new LabelException(LabelError.MalformedJumbf, $"The description box of the superbox at offset {offset} is shorter than its type UUID and toggles.");
        }

        var toggles = span[16];
        var position = 17;
        string? label = null;
        if ((toggles & 0x02) != 0)
        {
            var terminator = span[position..].IndexOf((byte)0);
            if (terminator < 0)
            {
                throw new LabelException(LabelError.MalformedJumbf, $"The label of the superbox at offset {offset} is not null-terminated.");
            }

            try
            {
                label = new UTF8Encoding(false, true).GetString(span.Slice(position, terminator));
            }
            catch (DecoderFallbackException ex)
            {
                throw new LabelException(LabelError.MalformedJumbf, $"The label of the superbox at offset {offset} is not UTF-8.", ex);
            }

            position += terminator + 1;
        }

        uint? id = null;
        if ((toggles & 0x04) != 0)
        {
            if (span.Length < position + 4)
            {
                throw new LabelException(LabelError.Truncated, $"The id of the superbox at offset {offset} is cut off.");
            }

            id = BinaryPrimitives.ReadUInt32BigEndian(span[position..]);
            position += 4;
        }

        ReadOnlyMemory<byte>? signature = null;
        if ((toggles & 0x08) != 0)
        {
            if (span.Length < position + 32)
            {
                throw new LabelException(LabelError.Truncated, $"The hash in the description of the superbox at offset {offset} is cut off.");
            }

            signature = payload.Slice(position, 32);
        }

        return new JumbfDescription(payload[..16], toggles, label, id, signature);
    }
}
