using System.Buffers.Binary;
using System.Text;

namespace Senim.Labels.Jumbf;

/// <summary>Builds JUMBF boxes: content boxes and labelled superboxes (toggles "requestable, label present").</summary>
public static class JumbfWriter
{
    /// <summary>A content box of the given type around <paramref name="payload"/>.</summary>
    public static byte[] ContentBox(uint type, ReadOnlySpan<byte> payload)
    {
        var box = new byte[8 + payload.Length];
        BinaryPrimitives.WriteUInt32BigEndian(box, checked((uint)box.Length));
        BinaryPrimitives.WriteUInt32BigEndian(box.AsSpan(4), type);
        payload.CopyTo(box.AsSpan(8));
        return box;
    }

    /// <summary>A superbox: description ('jumd' with <paramref name="typeUuid"/> and <paramref name="label"/>) followed by <paramref name="children"/>.</summary>
    public static byte[] Superbox(ReadOnlySpan<byte> typeUuid, string label, params ReadOnlySpan<byte[]> children)
    {
        var labelBytes = Encoding.UTF8.GetBytes(label);
        var descriptionLength = 8 + 16 + 1 + labelBytes.Length + 1;
        var length = 8 + descriptionLength;
        foreach (var child in children)
        {
            length += child.Length;
        }

        var box = new byte[length];
        var span = box.AsSpan();
        BinaryPrimitives.WriteUInt32BigEndian(span, checked((uint)length));
        BinaryPrimitives.WriteUInt32BigEndian(span[4..], BoxTypes.Superbox);
        BinaryPrimitives.WriteUInt32BigEndian(span[8..], (uint)descriptionLength);
        BinaryPrimitives.WriteUInt32BigEndian(span[12..], BoxTypes.Description);
        typeUuid.CopyTo(span[16..]);
        span[32] = 0x03;
        labelBytes.CopyTo(span[33..]);
        var position = 8 + descriptionLength;
        foreach (var child in children)
        {
            child.CopyTo(span[position..]);
            position += child.Length;
        }

        return box;
    }
}
