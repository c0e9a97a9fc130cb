namespace Senim.Labels.Jumbf;

/// <summary>
/// One parsed JUMBF box. A superbox ('jumb') has a <see cref="Description"/> and <see cref="Children"/>;
/// a content box has only <see cref="Payload"/>. Every slice points into the bytes the store was parsed from.
/// </summary>
public sealed class JumbfBox
{
    internal JumbfBox(uint type, ReadOnlyMemory<byte> raw, int headerLength, JumbfDescription? description, IReadOnlyList<JumbfBox> children)
    {
        Type = type;
        Raw = raw;
        HeaderLength = headerLength;
        Description = description;
        Children = children;
    }

    /// <summary>The box type as four characters in a big-endian integer (see <see cref="BoxTypes"/>).</summary>
    public uint Type { get; }

    /// <summary>The whole box, header included.</summary>
    public ReadOnlyMemory<byte> Raw { get; }

    /// <summary>Length of the LBox/TBox (and XLBox) header.</summary>
    public int HeaderLength { get; }

    /// <summary>The box content after its header. For a superbox: the description box and the children.</summary>
    public ReadOnlyMemory<byte> Payload => Raw[HeaderLength..];

    /// <summary>The description box of a superbox; null for a content box.</summary>
    public JumbfDescription? Description { get; }

    /// <summary>The content boxes (and nested superboxes) of a superbox, after its description.</summary>
    public IReadOnlyList<JumbfBox> Children { get; }

    /// <summary>The label of a superbox, or null.</summary>
    public string? Label => Description?.Label;

    /// <summary>Whether this is a superbox whose description has the given type UUID.</summary>
    public bool IsSuperboxOf(ReadOnlySpan<byte> uuid) => Description is { } d && d.TypeUuid.Span.SequenceEqual(uuid);

    /// <summary>The first child superbox with this label, or null.</summary>
    public JumbfBox? Child(string label)
    {
        foreach (var child in Children)
        {
            if (child.Label == label)
            {
                return child;
            }
        }

        return null;
    }

    /// <summary>The first content box of this type among the children, or null.</summary>
    public JumbfBox? Content(uint type)
    {
        foreach (var child in Children)
        {
            if (child.Type == type && child.Description is null)
            {
                return child;
            }
        }

        return null;
    }
}

/// <summary>A 'jumd' description box: the type UUID, toggles, and the optional label, id and SHA-256 signature.</summary>
public sealed record JumbfDescription(ReadOnlyMemory<byte> TypeUuid, byte Toggles, string? Label, uint? Id, ReadOnlyMemory<byte>? Signature);
