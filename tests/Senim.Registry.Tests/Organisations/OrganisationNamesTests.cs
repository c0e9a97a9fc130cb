using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Senim.Law.Texts;
using Senim.Registry.Access;
using Senim.Registry.Data;
using Senim.Registry.Log;
using Senim.Registry.Model;
using Senim.Registry.Services;
using Senim.Registry.Tests.Support;
using Senim.Registry.Text;
using Senim.Tests.Shared;

namespace Senim.Registry.Tests.Organisations;

/// <summary>
/// An organisation's names in Kazakh, Russian and English (ADR 0028): each combination stored as given, the older single
/// name put in the language its letters show, none refused with nothing stored, the public record and its log entry when
/// the names change, and the migration of rows from before.
/// </summary>
public sealed class OrganisationNamesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The n-th valid BIN of these tests (the state check digit; numbers whose digit is undefined move on).</summary>
    private static string Bin(int n)
    {
        for (var stem = 60_000_000_000L + (n * 10L); ; stem++)
        {
            for (var digit = 0; digit < 10; digit++)
            {
                var text = stem.ToString("00000000000", System.Globalization.CultureInfo.InvariantCulture) + digit.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (Senim.Signatures.Identifiers.Bin.TryParse(text, out var bin))
                {
                    return bin.Value;
                }
            }
        }
    }

    private static OrganisationInput Input(int n, string? name, string? kk, string? ru, string? en) =>
        new(Bin(n), name, SizeClass.Small, "office@names.example", null, null, null) { NameKk = kk, NameRu = ru, NameEn = en };

    private static readonly (string? Name, string? Kk, string? Ru, string? En, (string? Kk, string? Ru, string? En, string Name) Stored)[] Combinations =
    [
        // name (older field), kk, ru, en given → kk, ru, en stored, default name
        (null, "«Алтын» банкі АҚ", null, null, ("«Алтын» банкі АҚ", null, null, "«Алтын» банкі АҚ")),
        (null, null, "АО «Банк Алтын»", null, (null, "АО «Банк Алтын»", null, "АО «Банк Алтын»")),
        (null, null, null, "Altyn Bank JSC", (null, null, "Altyn Bank JSC", "Altyn Bank JSC")),
        (null, "«Алтын» банкі АҚ", "АО «Банк Алтын»", null, ("«Алтын» банкі АҚ", "АО «Банк Алтын»", null, "АО «Банк Алтын»")),
        (null, "«Алтын» банкі АҚ", "АО «Банк Алтын»", "Altyn Bank JSC", ("«Алтын» банкі АҚ", "АО «Банк Алтын»", "Altyn Bank JSC", "Altyn Bank JSC")),
        (null, "  «Алтын» банкі АҚ ", " ", "", ("«Алтын» банкі АҚ", null, null, "«Алтын» банкі АҚ")),
        // The older single name goes to the language its letters show; names given in their fields win over it.
        ("«Сенім» ЖШС", null, null, null, ("«Сенім» ЖШС", null, null, "«Сенім» ЖШС")),
        ("ТОО «Доверие»", null, null, null, (null, "ТОО «Доверие»", null, "ТОО «Доверие»")),
        ("Senim LLP", null, null, null, (null, null, "Senim LLP", "Senim LLP")),
        ("Senim LLP", null, "ТОО «Сеним»", null, (null, "ТОО «Сеним»", null, "ТОО «Сеним»")),
    ];


    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task Every_combination_of_languages_is_stored_as_given_and_edited_the_same_way(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var admin = await registry.UserAsync("founder@names.example");
        var n = 0;
        foreach (var (name, kk, ru, en, expected) in Combinations)
        {
            var created = await registry.RunAsync(sp => sp.GetRequiredService<OrganisationService>().CreateAsync(admin, Input(++n, name, kk, ru, en)));
            var stored = await registry.Db(db => db.Organisations.AsNoTracking().SingleAsync(o => o.Id == created.Id, Ct));
            Assert.Equal(expected, (stored.NameKk, stored.NameRu, stored.NameEn, stored.Name));
        }

        // An edit replaces the names as a whole: the English one removed, the Kazakh one added.
        var member = await registry.ActorAsync(admin.UserId);
        var last = await registry.Db(db => db.Organisations.AsNoTracking().OrderByDescending(o => o.Bin).FirstAsync(o => o.NameEn == "Altyn Bank JSC", Ct));
        var edited = await registry.RunAsync(sp => sp.GetRequiredService<OrganisationService>().UpdateAsync(member, last.Id, Input(0, null, "«Алтын» банкі АҚ", "АО «Банк Алтын»", null) with { Bin = last.Bin }, last.Version));
        Assert.Equal(("«Алтын» банкі АҚ", "АО «Банк Алтын»", (string?)null, "АО «Банк Алтын»"), (edited.NameKk, edited.NameRu, edited.NameEn, edited.Name));

        // A client that knows only the older single name renames the language its letters show and keeps the others.
        var renamed = await registry.RunAsync(sp => sp.GetRequiredService<OrganisationService>().UpdateAsync(member, last.Id, Input(0, "Altyn Bank Two JSC", null, null, null) with { Bin = last.Bin }, edited.Version));
        Assert.Equal(("«Алтын» банкі АҚ", "АО «Банк Алтын»", "Altyn Bank Two JSC", "Altyn Bank Two JSC"), (renamed.NameKk, renamed.NameRu, renamed.NameEn, renamed.Name));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task No_name_in_any_language_is_refused_and_nothing_is_stored(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var admin = await registry.UserAsync("founder@names.example");
        var none = await Assert.ThrowsAsync<ValidationException>(() => registry.RunAsync(sp => sp.GetRequiredService<OrganisationService>().CreateAsync(admin, Input(1, " ", "", null, "  "))));
        Assert.Equal(("name", "required"), (none.Errors.Single().Field, none.Errors.Single().Key));

        var tooLong = await Assert.ThrowsAsync<ValidationException>(() => registry.RunAsync(sp => sp.GetRequiredService<OrganisationService>().CreateAsync(admin, Input(2, null, new string('қ', 301), "АО", null))));
        Assert.Equal(("name_kk", "too-long"), (tooLong.Errors.Single().Field, tooLong.Errors.Single().Key));
        Assert.Equal(0, await registry.Db(db => db.Organisations.CountAsync(Ct)));

        // An edit that empties every name is refused the same way and leaves the stored names.
        var (organisation, owner) = await registry.OrganisationAsync(admin, Bin(3), "Names LLP");
        var refused = await Assert.ThrowsAsync<ValidationException>(() => registry.RunAsync(sp => sp.GetRequiredService<OrganisationService>().UpdateAsync(owner, organisation.Id, Input(3, null, null, null, null), organisation.Version)));
        Assert.Equal("required", refused.Errors.Single().Key);
        Assert.Equal("Names LLP", (await registry.Db(db => db.Organisations.AsNoTracking().SingleAsync(o => o.Id == organisation.Id, Ct))).NameEn);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task Names_in_more_languages_reach_the_public_record_its_search_and_the_log_and_older_entries_still_verify(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var published = await world.PublishedAsync();
        var before = await registry.Db(db => db.Systems.AsNoTracking().Where(s => s.Id == published.Id).Select(s => s.PublicJson).SingleAsync(Ct));
        // One name: the record names the organisation as before ADR 0028, without "names".
        Assert.False(JsonDocument.Parse(before!).RootElement.GetProperty("organisation").TryGetProperty("names", out _));

        var org = await registry.Db(db => db.Organisations.AsNoTracking().SingleAsync(o => o.Id == world.Org.Id, Ct));
        await registry.RunAsync(sp => sp.GetRequiredService<OrganisationService>().UpdateAsync(world.Owner, org.Id,
            new OrganisationInput(org.Bin, null, org.Size, org.ContactEmail, null, null, null) { NameKk = "«А ұйымы» ЖШС", NameRu = "ТОО «Организация А»", NameEn = "Org A" }, org.Version));

        var record = JsonDocument.Parse((await registry.Db(db => db.Systems.AsNoTracking().Where(s => s.Id == published.Id).Select(s => s.PublicJson).SingleAsync(Ct)))!).RootElement.GetProperty("organisation");
        Assert.Equal("Org A", record.GetProperty("name").GetString());
        Assert.Equal(("«А ұйымы» ЖШС", "ТОО «Организация А»", "Org A"),
            (record.GetProperty("names").GetProperty("kk").GetString(), record.GetProperty("names").GetProperty("ru").GetString(), record.GetProperty("names").GetProperty("en").GetString()));
        var latest = await registry.Db(db => db.LogEntries.AsNoTracking().Where(e => e.SystemId == published.Id).OrderByDescending(e => e.Index).FirstAsync(Ct));
        Assert.Equal(RegisterLogEntry.RecordUpdate, latest.Kind);

        // Each language's name finds the system; the organisation's earlier entries (its verification) still verify.
        foreach (var word in new[] { "ұйымы", "организация", "org" })
        {
            var found = await registry.RunAsync(sp => sp.GetRequiredService<RegisterService>().SearchAsync(new RegisterQuery(Text: word)));
            Assert.Contains(published.Id, found.Items.Select(r => r.Id));
        }

        var csv = RegisterFormats.CsvLine(await registry.RunAsync(sp => sp.GetRequiredService<RegisterService>().GetAsync(published.Id)), "https://senim.example");
        Assert.Contains(",Org A,«А ұйымы» ЖШС,ТОО «Организация А»,Org A,111111111110,", csv, StringComparison.Ordinal);
        var report = await registry.RunAsync(sp => sp.GetRequiredService<IntegrityCheck>().RunAsync());
        Assert.True(report.Ok, string.Join("; ", report.Problems.Select(p => p.Code + ": " + p.Detail)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task The_migration_puts_each_older_name_in_the_language_its_letters_show(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var db = RegistryDb.Create(database.Settings);
        var migrator = db.GetService<IMigrator>();
        var migrations = db.Database.GetMigrations().ToList();
        var mine = migrations.FindIndex(m => m.EndsWith("_OrganisationNamesInLanguages", StringComparison.Ordinal));
        await migrator.MigrateAsync(migrations[mine - 1], Ct);
        var names = new[] { "«Сенім Тест» ЖШС", "ТОО «Доверие»", "Demo Bank JSC", "Қ" };
        for (var i = 0; i < names.Length; i++)
        {
            await db.Database.ExecuteSqlAsync($"""INSERT INTO "Organisations" ("Id", "Bin", "Name", "Size", "ContactEmail", "CreatedAt", "Version", "Verification") VALUES ({Guid.NewGuid()}, {Bin(i)}, {names[i]}, {"Small"}, {"a@b.example"}, {new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc)}, {1}, {"Unverified"})""", Ct);
        }

        await migrator.MigrateAsync(cancellationToken: Ct);
        var rows = await db.Organisations.AsNoTracking().OrderBy(o => o.Bin).Select(o => new { o.Name, o.NameKk, o.NameRu, o.NameEn }).ToListAsync(Ct);
        Assert.Equal(names.Select(n => (n, ScriptLanguage.Detect(n))), rows.Select(r => (r.Name, r.NameKk is not null ? Language.Kk : r.NameRu is not null ? Language.Ru : Language.En)));
        Assert.All(rows, r => Assert.Equal(1, OrganisationNames.Given(r.NameKk, r.NameRu, r.NameEn)));
        Assert.Equal([Language.Kk, Language.Ru, Language.En, Language.Kk], names.Select(ScriptLanguage.Detect));
    }

    [Theory]
    [InlineData("Қазақстан", Language.Kk)]
    [InlineData("«Ақжол» ЖШС", Language.Kk)]
    [InlineData("Іле", Language.Kk)]
    [InlineData("Казахстан", Language.Ru)]
    [InlineData("ТОО «Ёлка»", Language.Ru)]
    [InlineData("Qazaqstan", Language.En)]
    [InlineData("Bank «Алтын»", Language.Ru)]
    [InlineData("2026", Language.En)]
    [InlineData("", Language.En)]
    public void Letters_tell_the_language_of_a_name_given_without_one(string text, Language expected) =>
        Assert.Equal(expected, ScriptLanguage.Detect(text));
}
