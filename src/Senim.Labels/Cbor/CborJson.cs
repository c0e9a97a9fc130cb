using System.Text.Json;

namespace Senim.Labels.Cbor;

/// <summary>Writes a <see cref="CborNode"/> as JSON for people: byte strings as base64, tags as {"tag", "value"}.</summary>
public static class CborJson
{
    /// <summary>Writes <paramref name="node"/> to <paramref name="writer"/>.</summary>
    public static void Write(Utf8JsonWriter writer, CborNode node)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(node);
        switch (node.Kind)
        {
            case CborKind.Number:
                if (node.AsInt64() is { } value)
                {
                    writer.WriteNumberValue(value);
                }
                else
                {
                    writer.WriteStringValue(node.Number.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }

                break;
            case CborKind.Bytes:
                writer.WriteBase64StringValue(node.Bytes.Span);
                break;
            case CborKind.Text:
                writer.WriteStringValue(node.Text);
                break;
            case CborKind.Array:
                writer.WriteStartArray();
                foreach (var item in node.Items)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case CborKind.Map:
                writer.WriteStartObject();
                foreach (var entry in node.Entries)
                {
                    writer.WritePropertyName(KeyText(entry.Key));
                    Write(writer, entry.Value);
                }

                writer.WriteEndObject();
                break;
            case CborKind.Tag:
                writer.WriteStartObject();
                writer.WriteNumber("tag", node.Tag);
                writer.WritePropertyName("value");
                Write(writer, node.Items[0]);
                writer.WriteEndObject();
                break;
            case CborKind.Boolean:
                writer.WriteBooleanValue(node.Boolean);
                break;
            case CborKind.Real:
                if (double.IsFinite(node.Real))
                {
                    writer.WriteNumberValue(node.Real);
                }
                else
                {
                    writer.WriteStringValue(node.Real.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }

                break;
            case CborKind.Simple:
                writer.WriteStringValue($"simple({node.Number})");
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }

    private static string KeyText(CborNode key) => key.Kind switch
    {
        CborKind.Text => key.Text,
        CborKind.Number => key.Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
        CborKind.Bytes => Convert.ToBase64String(key.Bytes.Span),
        _ => key.Kind.ToString(),
    };
}
