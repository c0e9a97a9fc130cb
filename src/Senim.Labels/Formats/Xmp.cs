using System.Text;
using System.Text.RegularExpressions;

namespace Senim.Labels.Formats;

/// <summary>The XMP packet carrying the IPTC DigitalSourceType (Iptc4xmpExt:DigitalSourceType), new or added to an existing packet.</summary>
internal static partial class Xmp
{
    public const string Namespace = "http://iptc.org/std/Iptc4xmpExt/2008-02-29/";

    /// <summary>A new, minimal XMP packet with the digital source type.</summary>
    public static string NewPacket(string digitalSourceType) =>
        "<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n" +
        "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n" +
        " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n" +
        Description(digitalSourceType) +
        " </rdf:RDF>\n" +
        "</x:xmpmeta>\n" +
        "<?xpacket end=\"w\"?>";

    /// <summary>
    /// The existing packet with the digital source type set: an existing value is replaced, otherwise a
    /// new rdf:Description is added before &lt;/rdf:RDF&gt;. Throws <see cref="LabelError.InvalidXmp"/>
    /// when the packet has no rdf:RDF element.
    /// </summary>
    public static string Update(string packet, string digitalSourceType)
    {
        var escaped = Escape(digitalSourceType);
        if (ElementForm().IsMatch(packet))
        {
            return ElementForm().Replace(packet, m => m.Groups[1].Value + escaped + m.Groups[3].Value, 1);
        }

        if (AttributeForm().IsMatch(packet))
        {
            return AttributeForm().Replace(packet, m => m.Groups[1].Value + escaped + m.Groups[3].Value, 1);
        }

        var end = packet.LastIndexOf("</rdf:RDF>", StringComparison.Ordinal);
        if (end < 0)
        {
            throw new LabelException(LabelError.InvalidXmp, "The asset's XMP packet has no rdf:RDF element to add the digital source type to.");
        }

        return string.Concat(packet.AsSpan(0, end), Description(digitalSourceType), packet.AsSpan(end));
    }

    /// <summary>The digital source type in a packet, or null.</summary>
    public static string? ReadDigitalSourceType(string packet)
    {
        var match = ElementForm().Match(packet);
        if (match.Success)
        {
            return match.Groups[2].Value;
        }

        match = AttributeForm().Match(packet);
        return match.Success ? match.Groups[2].Value : null;
    }

    private static string Description(string digitalSourceType) =>
        "  <rdf:Description rdf:about=\"\" xmlns:Iptc4xmpExt=\"" + Namespace + "\">\n" +
        "   <Iptc4xmpExt:DigitalSourceType>" + Escape(digitalSourceType) + "</Iptc4xmpExt:DigitalSourceType>\n" +
        "  </rdf:Description>\n";

    private static string Escape(string text) => new StringBuilder(text).Replace("&", "&amp;").Replace("<", "&lt;").Replace("\"", "&quot;").ToString();

    [GeneratedRegex("(<Iptc4xmpExt:DigitalSourceType>)([^<]*)(</Iptc4xmpExt:DigitalSourceType>)", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex ElementForm();

    [GeneratedRegex("(Iptc4xmpExt:DigitalSourceType=\")([^\"]*)(\")", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex AttributeForm();
}
