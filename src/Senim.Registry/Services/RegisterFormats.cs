using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Xml;
using Senim.Law.Engine;
using Senim.Registry.Text;

namespace Senim.Registry.Services;

/// <summary>
/// The public register's exchange formats: JSON (format id "senim.register/1") and CSV (RFC 4180,
/// UTF-8, a header row), with stable ids and URLs; and an Atom 1.0 feed of public changes.
/// Documented in docs/register-formats.md.
/// </summary>
public static class RegisterFormats
{
    public const string Format = "senim.register/1";

    public static readonly string[] CsvColumns =
    [
        "id", "url", "register_number", "status", "name_kk", "name_ru", "name_en", "purpose_kk", "purpose_ru", "purpose_en",
        "organisation_id", "organisation_name", "organisation_name_kk", "organisation_name_ru", "organisation_name_en", "organisation_bin", "sector", "tier", "published_at", "registered_at", "updated_at", "version",
    ];

    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string EntryUrl(string baseUrl, Guid id) => $"{baseUrl.TrimEnd('/')}/register/{id}";

    /// <summary>The whole register as one JSON document, written row by row.</summary>
    public static async Task WriteJsonAsync(Stream stream, IAsyncEnumerable<RegisterRow> rows, string baseUrl, DateTime generatedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        await using var writer = new Utf8JsonWriter(stream, Options);
        writer.WriteStartObject();
        writer.WriteString("format", Format);
        writer.WriteString("generated_at", Json.Iso(generatedAt));
        writer.WriteString("url", baseUrl.TrimEnd('/') + "/register.json");
        writer.WriteStartArray("entries");
        var count = 0;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            WriteRow(writer, row, baseUrl);
            if (++count % 500 == 0)
            {
                await writer.FlushAsync(cancellationToken);
            }
        }

        writer.WriteEndArray();
        writer.WriteNumber("count", count);
        writer.WriteEndObject();
        await writer.FlushAsync(cancellationToken);
    }

    /// <summary>The current classification's full explanation (senim.classification/1) in one language.</summary>
    public static void WriteExplanation(Stream stream, PublicRecord record, ClassificationResult result, Senim.Law.Texts.Language language)
    {
        ArgumentNullException.ThrowIfNull(record);
        var name = SystemTexts.Pick(language, record.Name.Kk, record.Name.Ru, record.Name.En) ?? "";
        ResultJson.Write(stream, result, new Law.Systems.SystemDescription(name, null, record.Organisation.Name, record.Sector, AnswerSet.Empty), language);
    }

    public static void WriteRow(Utf8JsonWriter writer, RegisterRow row, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        WriteRowFields(writer, row, baseUrl);
        writer.WriteEndObject();
    }

    private static void WriteRowFields(Utf8JsonWriter writer, RegisterRow row, string baseUrl)
    {
        writer.WriteString("id", row.Id);
        writer.WriteString("url", EntryUrl(baseUrl, row.Id));
        WriteSummary(writer, row);
        writer.WriteStringOrNull("published_at", Json.Iso(row.PublishedAt));
        writer.WriteStringOrNull("registered_at", Json.Iso(row.RegisteredAt));
        writer.WriteString("updated_at", Json.Iso(row.UpdatedAt));
        writer.WriteNumber("version", row.Version);
    }

    /// <summary>What a register entry and a public record both say of a system, in this order: number, status, name, purpose, organisation, sector, tier.</summary>
    internal static void WriteSummary(Utf8JsonWriter writer, RegisterRow row)
    {
        writer.WriteStringOrNull("register_number", row.RegisterNumber);
        writer.WriteString("status", row.Status.Code());
        writer.WriteTexts("name", row.NameKk, row.NameRu, row.NameEn);
        writer.WriteTexts("purpose", row.PurposeKk, row.PurposeRu, row.PurposeEn);
        writer.WriteStartObject("organisation");
        writer.WriteString("id", row.OrganisationId);
        writer.WriteString("name", row.OrganisationName);
        // Names in more than one language are written beside the default one; an organisation with one name keeps the
        // record's bytes it had before ADR 0028, so records (and their hashes in the log) of older rows do not change.
        if (OrganisationNames.Given(row.OrganisationNameKk, row.OrganisationNameRu, row.OrganisationNameEn) > 1)
        {
            writer.WriteTexts("names", row.OrganisationNameKk, row.OrganisationNameRu, row.OrganisationNameEn);
        }

        writer.WriteString("bin", row.OrganisationBin);
        writer.WriteEndObject();
        writer.WriteString("sector", row.Sector);
        writer.WriteStringOrNull("tier", row.Tier);
    }

    public static async Task WriteCsvAsync(Stream stream, IAsyncEnumerable<RegisterRow> rows, string baseUrl, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        await using var writer = new StreamWriter(stream, new UTF8Encoding(false), 65536, leaveOpen: true) { NewLine = "\r\n" };
        await writer.WriteLineAsync(string.Join(',', CsvColumns));
        var count = 0;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            await writer.WriteLineAsync(CsvLine(row, baseUrl));
            if (++count % 1000 == 0)
            {
                await writer.FlushAsync(cancellationToken);
            }
        }

        await writer.FlushAsync(cancellationToken);
    }

    public static string CsvLine(RegisterRow row, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(row);
        string?[] values =
        [
            row.Id.ToString(), EntryUrl(baseUrl, row.Id), row.RegisterNumber, row.Status.Code(), row.NameKk, row.NameRu, row.NameEn,
            row.PurposeKk, row.PurposeRu, row.PurposeEn, row.OrganisationId.ToString(), row.OrganisationName,
            row.OrganisationNameKk, row.OrganisationNameRu, row.OrganisationNameEn, row.OrganisationBin, row.Sector, row.Tier,
            Json.Iso(row.PublishedAt), Json.Iso(row.RegisteredAt), Json.Iso(row.UpdatedAt), row.Version.ToString(CultureInfo.InvariantCulture),
        ];
        return string.Join(',', values.Select(Csv));
    }

    /// <summary>RFC 4180 quoting; a leading =, +, - or @ is prefixed with ' so spreadsheets do not run it as a formula.</summary>
    public static string Csv(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        if (value[0] is '=' or '+' or '-' or '@')
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    /// <summary>An Atom 1.0 feed of the register's public changes, newest first.</summary>
    public static string Atom(IReadOnlyList<RegisterChange> changes, string baseUrl, string title, Func<RegisterChange, string> entryTitle, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(entryTitle);
        var sb = new StringBuilder();
        using (var xml = XmlWriter.Create(sb, new XmlWriterSettings { Indent = true, Encoding = Encoding.UTF8 }))
        {
            const string ns = "http://www.w3.org/2005/Atom";
            var root = baseUrl.TrimEnd('/');
            xml.WriteStartElement("feed", ns);
            xml.WriteElementString("title", ns, title);
            xml.WriteElementString("id", ns, root + "/register/feed.atom");
            xml.WriteElementString("updated", ns, Json.Iso(changes.Count > 0 ? changes[0].At : now));
            xml.WriteStartElement("link", ns);
            xml.WriteAttributeString("rel", "self");
            xml.WriteAttributeString("href", root + "/register/feed.atom");
            xml.WriteEndElement();
            xml.WriteStartElement("link", ns);
            xml.WriteAttributeString("rel", "alternate");
            xml.WriteAttributeString("href", root + "/register");
            xml.WriteEndElement();
            xml.WriteStartElement("author", ns);
            xml.WriteElementString("name", ns, "Senim");
            xml.WriteEndElement();
            foreach (var change in changes)
            {
                xml.WriteStartElement("entry", ns);
                xml.WriteElementString("id", ns, "urn:uuid:" + change.EventId);
                xml.WriteElementString("title", ns, entryTitle(change));
                xml.WriteElementString("updated", ns, Json.Iso(change.At));
                xml.WriteStartElement("link", ns);
                xml.WriteAttributeString("href", EntryUrl(root, change.SystemId));
                xml.WriteEndElement();
                xml.WriteStartElement("category", ns);
                xml.WriteAttributeString("term", change.To.Code());
                xml.WriteEndElement();
                if (change.Reason is { } reason)
                {
                    xml.WriteElementString("summary", ns, reason);
                }

                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        return sb.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal);
    }
}
