using System.Text.Encodings.Web;
using System.Text.Json;

namespace Senim.Registry.Data;

/// <summary>The JSON settings for what the register stores in text columns.</summary>
internal static class Json
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    };

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Read<T>(string json) => JsonSerializer.Deserialize<T>(json, Options)!;

    /// <summary>A UTC time to the second as the public formats write it: 2026-01-18T09:30:00Z.</summary>
    public static string Iso(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    /// <summary><see cref="Iso(DateTime)"/>, or null without a time.</summary>
    public static string? Iso(DateTime? utc) => utc is { } value ? Iso(value) : null;

    /// <summary>The property as a string, or as null when there is no value.</summary>
    public static void WriteStringOrNull(this Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    /// <summary>A text in the three languages as an object {"kk", "ru", "en"}, each string or null.</summary>
    public static void WriteTexts(this Utf8JsonWriter writer, string name, string? kk, string? ru, string? en)
    {
        writer.WriteStartObject(name);
        writer.WriteStringOrNull("kk", kk);
        writer.WriteStringOrNull("ru", ru);
        writer.WriteStringOrNull("en", en);
        writer.WriteEndObject();
    }
}
