using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Xml;
using Senim.Law.Engine;
using Senim.Registry.Model;

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
        "organisation_id", "organisation_name", "organisation_bin", "sector", "tier", "published_at", "registered_at", "updated_at", "version",
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
        writer.WriteString("generated_at", Iso(generatedAt));
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

    /// <summary>One entry with its classification summary, documents and public history.</summary>
    public static async Task WriteEntryJsonAsync(Stream stream, PublicEntry entry, string baseUrl, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var writer = new Utf8JsonWriter(stream, Options);
        writer.WriteStartObject();
        writer.WriteString("format", Format);
        WriteRowFields(writer, entry.Row, baseUrl);
        writer.WriteString("role", entry.Role.ToString().ToLowerInvariant());
        WriteOptional(writer, "usage_mode", entry.Mode?.ToString().ToLowerInvariant());
        writer.WriteStartObject("decision");
        WriteOptional(writer, "conditions", entry.Conditions);
        WriteOptional(writer, "conditions_deadline", entry.ConditionsDeadline?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        WriteOptional(writer, "reason", entry.DecisionReason);
        writer.WriteEndObject();
        if (entry.Classification is { } c)
        {
            writer.WriteStartObject("classification");
            writer.WriteNumber("number", c.Number);
            writer.WriteString("at", c.At.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            writer.WriteString("classified_at", Iso(c.ClassifiedAt));
            WriteOptional(writer, "kz_tier", c.KzTier);
            WriteOptional(writer, "eu_tier", c.EuTier);
            writer.WriteBoolean("complete", c.Complete);
            writer.WriteStartArray("prohibited");
            foreach (var id in c.ProhibitedIds.Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                writer.WriteStringValue(id);
            }

            writer.WriteEndArray();
            writer.WriteStartArray("packs");
            foreach (var pack in entry.Result?.Packs ?? [])
            {
                writer.WriteStartObject();
                writer.WriteString("id", pack.Pack.Pack.Id);
                writer.WriteString("version", pack.Pack.Pack.Header.Version);
                writer.WriteString("hash", pack.Pack.ContentHash);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteString("explanation", EntryUrl(baseUrl, entry.Row.Id) + "/classification.json");
            writer.WriteEndObject();
        }

        writer.WriteStartArray("documents");
        foreach (var d in entry.Documents)
        {
            writer.WriteStartObject();
            writer.WriteString("id", d.Id);
            writer.WriteStartObject("title");
            writer.WriteString("kk", d.Title.Kk);
            writer.WriteString("ru", d.Title.Ru);
            writer.WriteString("en", d.Title.En);
            writer.WriteEndObject();
            writer.WriteNumber("complete_percent", d.Percent);
            WriteOptional(writer, "last_review", d.LastReview?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            WriteOptional(writer, "next_review", d.NextReview?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("history");
        foreach (var e in entry.History)
        {
            writer.WriteStartObject();
            writer.WriteString("at", Iso(e.At));
            writer.WriteString("action", e.Action);
            writer.WriteString("status", e.To.Code());
            WriteOptional(writer, "reason", e.Reason);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        await writer.FlushAsync(cancellationToken);
    }

    /// <summary>The current classification's full explanation (senim.classification/1) in one language.</summary>
    public static void WriteExplanation(Stream stream, PublicEntry entry, Senim.Law.Texts.Language language)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.Result is null)
        {
            throw new Access.NotFoundException("classification", entry.Row.Id);
        }

        ResultJson.Write(stream, entry.Result, new Law.Systems.SystemDescription(entry.Row.NameRu ?? entry.Row.NameKk ?? entry.Row.NameEn ?? "", null, entry.Row.OrganisationName, entry.Row.Sector, AnswerSet.Empty), language);
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
        WriteOptional(writer, "register_number", row.RegisterNumber);
        writer.WriteString("status", row.Status.Code());
        writer.WriteStartObject("name");
        WriteOptional(writer, "kk", row.NameKk);
        WriteOptional(writer, "ru", row.NameRu);
        WriteOptional(writer, "en", row.NameEn);
        writer.WriteEndObject();
        writer.WriteStartObject("purpose");
        WriteOptional(writer, "kk", row.PurposeKk);
        WriteOptional(writer, "ru", row.PurposeRu);
        WriteOptional(writer, "en", row.PurposeEn);
        writer.WriteEndObject();
        writer.WriteStartObject("organisation");
        writer.WriteString("id", row.OrganisationId);
        writer.WriteString("name", row.OrganisationName);
        writer.WriteString("bin", row.OrganisationBin);
        writer.WriteEndObject();
        writer.WriteString("sector", row.Sector);
        WriteOptional(writer, "tier", row.Tier);
        WriteOptional(writer, "published_at", row.PublishedAt is { } p ? Iso(p) : null);
        WriteOptional(writer, "registered_at", row.RegisteredAt is { } r ? Iso(r) : null);
        writer.WriteString("updated_at", Iso(row.UpdatedAt));
        writer.WriteNumber("version", row.Version);
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
            row.PurposeKk, row.PurposeRu, row.PurposeEn, row.OrganisationId.ToString(), row.OrganisationName, row.OrganisationBin, row.Sector, row.Tier,
            row.PublishedAt is { } p ? Iso(p) : null, row.RegisteredAt is { } r ? Iso(r) : null, Iso(row.UpdatedAt), row.Version.ToString(CultureInfo.InvariantCulture),
        ];
        return string.Join(',', values.Select(Csv));
    }

    /// <summary>RFC 4180 quoting; a leading =, +, - or @ is prefixed with ' so spreadsheets do not run it as a formula.</summary>
    private static string Csv(string? value)
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
            xml.WriteElementString("updated", ns, Iso(changes.Count > 0 ? changes[0].At : now));
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
                xml.WriteElementString("updated", ns, Iso(change.At));
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

    private static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
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

    private static string Iso(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
