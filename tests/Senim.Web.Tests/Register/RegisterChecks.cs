using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Senim.Registry.Model;
using Senim.Registry.Services;
using Senim.Web.Tests.Support;
using static Senim.Web.Tests.Accounts.AccountTestKit;

namespace Senim.Web.Tests.Register;

/// <summary>Checks of the public register through HTTP, shared by the SQLite and PostgreSQL test classes.</summary>
public static class RegisterChecks
{
    public const string ClaimDrafting = "Claim drafting assistant";

    public static async Task<Guid> IdOfAsync(SenimFactory factory, string nameEn) =>
        await Db(factory, db => db.Systems.Where(s => s.NameEn == nameEn).Select(s => s.Id).SingleAsync());

    public static HttpClient Anonymous(SenimFactory factory, string lang)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("Cookie", "senim-lang=" + lang);
        return client;
    }

    /// <summary>A word of the demo entry's name in each language finds it, on the page (in that language) and in the API.</summary>
    public static async Task SearchFindsTheEntryInEachLanguageAsync(SenimFactory factory)
    {
        var id = await IdOfAsync(factory, ClaimDrafting);
        foreach (var (lang, word, name) in new[] { ("kk", "арыздарын", "Талап арыздарын дайындау"), ("ru", "исковых", "Подготовка исковых заявлений"), ("en", "drafting", ClaimDrafting) })
        {
            var client = Anonymous(factory, lang);
            var page = await Browser.Get(client, "/register?q=" + Uri.EscapeDataString(word));
            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.Equal(lang, page.Document.DocumentElement.GetAttribute("lang"));
            var items = page.Document.QuerySelectorAll(".register-item");
            var item = Assert.Single(items);
            Assert.Equal(id.ToString(), item.GetAttribute("data-id"));
            Assert.Equal(name, item.QuerySelector(".register-name")!.TextContent.Trim());
            Assert.Empty(page.Document.QuerySelectorAll("script"));

            var api = await ReadJsonAsync(await client.GetAsync("/api/v1/register?q=" + Uri.EscapeDataString(word.ToUpperInvariant())));
            Assert.Equal(1, api.GetProperty("total").GetInt32());
            Assert.Equal(id, api.GetProperty("items")[0].GetProperty("id").GetGuid());
        }
    }

    /// <summary>No public URL shows a draft, a submission or a system under review; the exports leave them out.</summary>
    public static async Task NonPublicSystemsAreInvisibleAsync(SenimFactory factory)
    {
        SystemStatus[] never = [SystemStatus.Draft, SystemStatus.Submitted, SystemStatus.InReview, SystemStatus.ChangesRequested, SystemStatus.Recommended];
        var hidden = await Db(factory, db => db.Systems.Where(s => never.Contains(s.Status)).Select(s => s.Id).ToListAsync());
        Assert.NotEmpty(hidden);
        var client = factory.CreateClient();
        foreach (var id in hidden)
        {
            foreach (var url in new[] { $"/register/{id}", $"/register/{id}.json", $"/register/{id}.csv", $"/register/{id}/classification.json", $"/api/v1/register/{id}" })
            {
                var response = await client.GetAsync(url);
                Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{url} gave {(int)response.StatusCode}");
            }
        }

        var csv = await client.GetStringAsync("/register.csv");
        var json = await client.GetStringAsync("/register.json");
        var feed = await client.GetStringAsync("/register/feed.atom");
        foreach (var id in hidden)
        {
            Assert.DoesNotContain(id.ToString(), csv, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(id.ToString(), json, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(id.ToString(), feed, StringComparison.OrdinalIgnoreCase);
        }
    }

    /// <summary>The CSV and JSON exports list the same entries, with the same stable URLs, as the database says are public.</summary>
    public static async Task ExportsAgreeAsync(SenimFactory factory)
    {
        var client = factory.CreateClient();
        var publicIds = await Db(factory, db => db.Systems.Where(s => SystemStatuses.Public.Contains(s.Status)).Select(s => s.Id).ToListAsync());

        var csvResponse = await client.GetAsync("/register.csv");
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType!.MediaType);
        var csvText = await csvResponse.Content.ReadAsStringAsync();
        var rows = Csv.Parse(csvText);
        Assert.Equal(RegisterFormats.CsvColumns, rows[0]);
        Assert.All(rows, r => Assert.Equal(RegisterFormats.CsvColumns.Length, r.Count));
        var csvIds = rows.Skip(1).Select(r => Guid.Parse(r[0])).ToList();
        Assert.Equal(publicIds.Order(), csvIds.Order());

        var json = JsonDocument.Parse(await client.GetStringAsync("/register.json")).RootElement;
        Assert.Equal("senim.register/1", json.GetProperty("format").GetString());
        var entries = json.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(entries.Count, json.GetProperty("count").GetInt32());
        Assert.Equal(csvIds.Order(), entries.Select(e => e.GetProperty("id").GetGuid()).Order());
        foreach (var entry in entries)
        {
            var url = entry.GetProperty("url").GetString()!;
            var row = rows.Single(r => r[0] == entry.GetProperty("id").GetString());
            Assert.Equal(url, row[1]);
            Assert.EndsWith("/register/" + entry.GetProperty("id").GetString(), url, StringComparison.Ordinal);
            var one = JsonDocument.Parse(await client.GetStringAsync(new Uri(url).AbsolutePath + ".json")).RootElement;
            Assert.Equal(entry.GetProperty("status").GetString(), one.GetProperty("status").GetString());
            Assert.Equal(entry.GetProperty("version").GetInt32(), one.GetProperty("version").GetInt32());
        }
    }

    /// <summary>The Atom feed is well-formed Atom 1.0 with stable ids and links to entries.</summary>
    public static async Task FeedIsAtomAsync(SenimFactory factory)
    {
        var client = factory.CreateClient();
        var response = await client.GetAsync("/register/feed.atom");
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType!.MediaType);
        var feed = XDocument.Parse(await response.Content.ReadAsStringAsync());
        XNamespace atom = "http://www.w3.org/2005/Atom";
        Assert.Equal(atom + "feed", feed.Root!.Name);
        Assert.NotNull(feed.Root.Element(atom + "id"));
        Assert.True(DateTimeOffset.TryParse(feed.Root.Element(atom + "updated")!.Value, out _));
        var entries = feed.Root.Elements(atom + "entry").ToList();
        Assert.NotEmpty(entries);
        var times = entries.Select(e => DateTimeOffset.Parse(e.Element(atom + "updated")!.Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(times.OrderDescending(), times);
        foreach (var entry in entries)
        {
            Assert.StartsWith("urn:uuid:", entry.Element(atom + "id")!.Value, StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace(entry.Element(atom + "title")!.Value));
            var link = new Uri(entry.Element(atom + "link")!.Attribute("href")!.Value);
            var systemId = Guid.Parse(link.Segments[^1]);
            var status = await Db(factory, db => db.Systems.Where(s => s.Id == systemId).Select(s => s.Status).SingleAsync());
            var expected = status == SystemStatus.Removed ? HttpStatusCode.NotFound : HttpStatusCode.OK;
            Assert.Equal(expected, (await client.GetAsync(link.AbsolutePath)).StatusCode);
            Assert.Contains(entry.Element(atom + "category")!.Attribute("term")!.Value, SystemStatuses.Public.Append(SystemStatus.Removed).Select(s => s.Code()));
        }
    }
}

/// <summary>A strict RFC 4180 reader: quoted fields, doubled quotes, CRLF records; throws on anything else.</summary>
public static class Csv
{
    public static List<List<string>> Parse(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new System.Text.StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        throw new FormatException("unterminated quoted field");
                    }

                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    field.Append(text[i++]);
                }
            }

            while (i < text.Length && text[i] is not (',' or '\r' or '\n'))
            {
                if (text[i] == '"')
                {
                    throw new FormatException($"a quote inside an unquoted field at {i}");
                }

                field.Append(text[i++]);
            }

            row.Add(field.ToString());
            field.Clear();
            if (i >= text.Length)
            {
                break;
            }

            if (text[i] == ',')
            {
                i++;
                continue;
            }

            if (text[i] == '\n' || i + 1 >= text.Length || text[i + 1] != '\n')
            {
                throw new FormatException($"a record must end with CRLF (at {i})");
            }

            i += 2;
            rows.Add(row);
            row = [];
        }

        if (row.Count > 1 || (row.Count == 1 && row[0].Length > 0))
        {
            rows.Add(row);
        }

        return rows;
    }
}
