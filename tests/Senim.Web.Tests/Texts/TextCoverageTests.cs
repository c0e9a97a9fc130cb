using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Senim.Law.Packs;
using Senim.Law.Texts;
using Senim.Registry.Labels;
using Senim.Registry.Log;
using Senim.Registry.Model;
using Senim.Registry.Services;
using Senim.Registry.Workflow;
using Senim.Web.Features.Notifications;
using Senim.Web.Infrastructure.Hosting;
using Senim.Web.Infrastructure;
using Senim.Web.Tests.Support;

namespace Senim.Web.Tests.Texts;

/// <summary>
/// Every text a page can show has its kk, ru and en: the keys of every table (for every value the register can
/// produce), every key written literally in a view or a page's code, every refusal the register raises; no key is
/// built by concatenation, where no test could see it; and each text has one home.
/// </summary>
public sealed partial class TextCoverageTests
{
    private static readonly UiText Texts = new();

    /// <summary>Literals that read like keys but are not, each with why.</summary>
    private static readonly Dictionary<string, string> NotKeys = new(StringComparer.Ordinal)
    {
        ["labels.format.mismatch"] = "a Senim.Labels error code (LabelErrors), matched against the reader's LabelError, not a text key",
    };

    /// <summary>Error codes without texts, each with why: the JSON API's own checks, whose messages are English by design (docs/api.md).</summary>
    private static readonly Dictionary<string, string> EnglishOnlyErrors = new(StringComparer.Ordinal)
    {
        ["custody"] = "POST /api/v1/systems/{id}/label-certificates only",
        ["flag"] = "the labels API's form flags only",
        ["language"] = "the labels API's lang field only",
        ["labels.format.mismatch"] = "the labels API only; the signing page says it through LabelTexts.Errors",
        ["etag-invalid"] = "the If-Match header of the JSON API only",
        ["lang-unknown"] = "the lang query parameter of the JSON API only",
        ["organisation-fixed"] = "PUT /api/v1/systems/{id} only",
    };

    /// <summary>Groups of keys that may keep the same words, each with why.</summary>
    private static readonly Dictionary<string, string> SameWords = new(StringComparer.Ordinal)
    {
        ["error.page-range|error.page-size-range"] = "two refusals the register raises by their own codes; a page finds the words by the code",
    };

    private static IEnumerable<string> Prefixes => Texts.Keys.Select(k => k.Split('.')[0]).Concat(TextTables.All.Select(t => t.Prefix.Split('.')[0])).Distinct();

    [Fact]
    public void Every_key_of_every_table_has_kk_ru_and_en()
    {
        Assert.True(TextTables.All.Count >= 25, $"only {TextTables.All.Count} tables were found");
        var missing = TextTables.All.SelectMany(t => t.Keys.Where(k => !Complete(k)).Select(k => $"{t.Prefix}: {k}")).ToList();
        Assert.True(missing.Count == 0, "keys without kk, ru or en:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void The_tables_cover_every_value_the_register_can_produce()
    {
        Assert.Equal(Enum.GetValues<SystemStatus>(), TextTables.Status.Values);
        Assert.Equal(WorkflowCodes.Actions, TextTables.WorkflowEvent.Values);
        Assert.Equal(WorkflowCodes.Capacities, TextTables.Capacity.Values);
        Assert.Equal(Sectors.All, TextTables.Sector.Values);
        Assert.Equal(SystemSnapshot.FieldNames, TextTables.Field.Values);
        Assert.Equal(RegisterLogEntry.Kinds, TextTables.LogKind.Values);
        Assert.Equal(NotificationKinds.All, NotificationText.Kinds.Values);
        Assert.Equal(NotificationKinds.All, Senim.Web.Features.Dashboard.HomeModel.Notifications.Values);
        Assert.Equal(LabelCertificate.States, Senim.Web.Features.Labels.LabelTexts.States.Values);
        Assert.Equal(Enum.GetValues<ReviewStep>(), TextTables.ReviewStep.Values);
        Assert.Equal(Enum.GetValues<Recommendation>(), TextTables.Recommendation.Values);
        Assert.Equal(Enum.GetValues<ChecklistVerdict>(), TextTables.Verdict.Values);

        // Every change that names a version has words: the workflow's actions and the register's own changes.
        var pages = PageText(Language.Ru);
        foreach (var change in WorkflowCodes.Actions.Select(a => a.Code()).Concat(TextTables.VersionChange.Values))
        {
            Assert.NotEqual(change, pages.Change(change));
        }

        // A code from a later version shows as itself rather than failing the page.
        Assert.Equal("future-status", pages.Status("future-status"));
        Assert.Equal("future-change", pages.Change("future-change"));
    }

    [Fact]
    public void Tier_names_come_from_the_law_pack_in_every_language()
    {
        var library = LawLibrary.Load(RepoPaths.Law);
        foreach (var jurisdiction in new[] { "KZ", "EU" })
        {
            var tiers = LawNames.Tiers(library, jurisdiction);
            Assert.NotEmpty(tiers);
            foreach (var tier in tiers)
            {
                foreach (var language in Languages.All)
                {
                    Assert.False(string.IsNullOrWhiteSpace(tier.Text[language]), $"{jurisdiction} {tier.Id} {language}");
                }
            }
        }

        var ru = PageText(Language.Ru);
        Assert.Equal(LawNames.TierValue(library, "KZ", "high")!.Text[Language.Ru], ru.Tier("high"));
        Assert.Equal(LawNames.TierValue(library, "EU", "high")!.Text[Language.Ru], ru.EuTier("high"));
        Assert.Equal(Texts.Get("tier.none", Language.Ru), ru.Tier(null));
        Assert.Equal("unheard-of", ru.Tier("unheard-of"));
        // No texts.yaml names a tier again.
        var tierCodes = LawNames.Tiers(library, "KZ").Concat(LawNames.Tiers(library, "EU")).Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        Assert.DoesNotContain(Texts.Keys, k => k.Split('.') is [.., "tier", var code] && tierCodes.Contains(code));
    }

    [Fact]
    public void Every_key_written_in_a_view_or_a_pages_code_has_kk_ru_and_en()
    {
        var prefixes = Prefixes.ToHashSet(StringComparer.Ordinal);
        var tablePrefixes = TextTables.All.Select(t => t.Prefix).ToHashSet(StringComparer.Ordinal);
        var checkedKeys = 0;
        var missing = new List<string>();
        foreach (var (path, text) in SourceScan.Web())
        {
            foreach (var (hit, before) in SourceScan.KeyLiterals(path, text))
            {
                var key = hit.Text;
                // Senim.Law's report vocabulary (T.Word) and the tables' own prefixes are not UI text keys.
                if (!prefixes.Contains(key.Split('.')[0]) || tablePrefixes.Contains(key) || NotKeys.ContainsKey(key) || VocabularyCall().IsMatch(before))
                {
                    continue;
                }

                checkedKeys++;
                if (!Complete(key))
                {
                    missing.Add(hit.ToString());
                }
            }
        }

        Assert.True(checkedKeys > 800, $"only {checkedKeys} keys were found in the sources: the scan is broken");
        Assert.True(missing.Count == 0, "keys without kk, ru or en:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void Every_refusal_the_register_or_a_page_raises_has_its_words()
    {
        var codes = SourceScan.Files("Senim.Registry", ".cs").Concat(SourceScan.Web())
            .SelectMany(f => ErrorCode().Matches(f.Text).Select(m => (Code: m.Groups["code"].Value, f.Path)))
            .ToList();
        Assert.True(codes.Select(c => c.Code).Distinct().Count() > 100, "the scan found too few error codes: it is broken");
        var missing = codes.Where(c => !EnglishOnlyErrors.ContainsKey(c.Code) && !Complete(ErrorTexts.Key(c.Code)))
            .Select(c => $"{c.Path}: {c.Code}").Distinct().ToList();
        Assert.True(missing.Count == 0, "refusals without error.CODE texts:\n" + string.Join("\n", missing));
        Assert.All(EnglishOnlyErrors.Keys, code => Assert.Contains(code, codes.Select(c => c.Code)));
    }

    [Fact]
    public void No_key_is_built_by_concatenation()
    {
        var prefixes = Prefixes.ToHashSet(StringComparer.Ordinal);
        var found = SourceScan.Web().SelectMany(f => Concatenations(f.Path, f.Text, prefixes)).ToList();
        Assert.True(found.Count == 0, "keys built by concatenation (use a text table):\n" + string.Join("\n", found));
    }

    [Theory]
    [InlineData("""@T["review.status." + code]""")]
    [InlineData("""<label>@T["systems.role." + role + ".help"]</label>""")]
    [InlineData("""Texts.Get("supervision.notice." + action, Lang)""")]
    [InlineData("""var key = "dashboard." + notification.Kind;""")]
    [InlineData("""T[$"status.{code}"]""")]
    [InlineData("""texts.Format(prefix + ".done", language)""")]
    public void The_concatenation_scan_finds_a_built_key(string line)
    {
        Assert.Single(Concatenations("sample.cshtml", line, Prefixes.ToHashSet(StringComparer.Ordinal)));
    }

    [Theory]
    [InlineData("""@T.Name(system.Status)""")]
    [InlineData("""@T[discard ? "systems.discard.help" : "systems.reason"]""")]
    [InlineData("""var path = "sections." + id;""")]
    [InlineData("""return File(bytes, "application/json", FileStem() + ".classification.json");""")]
    public void The_concatenation_scan_leaves_other_strings_alone(string line)
    {
        Assert.Empty(Concatenations("sample.cshtml", line, Prefixes.ToHashSet(StringComparer.Ordinal)));
    }

    [Fact]
    public void No_two_keys_carry_the_same_kk_ru_en_triple()
    {
        var groups = Texts.Keys
            .GroupBy(k => (Texts.Get(k, Language.Kk), Texts.Get(k, Language.Ru), Texts.Get(k, Language.En)))
            .Where(g => g.Count() > 1)
            .Select(g => string.Join("|", g.Order(StringComparer.Ordinal)))
            .Where(g => !SameWords.ContainsKey(g))
            .ToList();
        Assert.True(groups.Count == 0, "keys with the same words (give them one key, or say in SameWords why not):\n" + string.Join("\n", groups));
        // The allowed groups still exist, so the list does not keep stale entries.
        Assert.All(SameWords.Keys, g => Assert.All(g.Split('|'), k => Assert.True(Texts.Has(k), k)));
    }

    [Fact]
    public void The_duplicate_check_sees_two_keys_with_one_text()
    {
        var status = (Texts.Get("status.suspended", Language.Kk), Texts.Get("status.suspended", Language.Ru), Texts.Get("status.suspended", Language.En));
        var same = Texts.Keys.Where(k => (Texts.Get(k, Language.Kk), Texts.Get(k, Language.Ru), Texts.Get(k, Language.En)) == status).ToList();
        Assert.Equal(["status.suspended"], same);
        // The event that suspends shares the status's words through the table, not through a second entry.
        Assert.Equal("status.suspended", TextTables.WorkflowEvent.Key(WorkflowAction.Suspend));
    }

    /// <summary>Places where a key is put together from pieces: a key prefix joined with "+", an interpolated key, a "+" inside T[...] or a text lookup's key.</summary>
    internal static IEnumerable<SourceHit> Concatenations(string path, string text, IReadOnlySet<string> prefixes)
    {
        var joined = SourceScan.Find(path, text, JoinedPrefix()).Concat(SourceScan.Find(path, text, InterpolatedKey()))
            .Where(hit => prefixes.Contains(hit.Text.TrimStart('$', '"').Split('.')[0]));
        // One report per line, however many of the patterns see it.
        return joined.Concat(SourceScan.Find(path, text, PlusInLookup())).DistinctBy(hit => (hit.File, hit.Line));
    }

    private static bool Complete(string key) =>
        Texts.Has(key) && Languages.All.All(l => !string.IsNullOrWhiteSpace(Texts.Get(key, l)));

    private static PageText PageText(Language language)
    {
        var catalog = new LawCatalog();
        catalog.UseWithoutDatabase(LawLibrary.Load(RepoPaths.Law));
        return new PageText(new HttpContextAccessor(), Texts, catalog, new LocalTime(new SenimSettings())).In(language);
    }

    // "review.status." + code, or "systems.role." + role + ".help"
    [GeneratedRegex(@"(?<hit>""[a-z][a-z0-9-]*(?:\.[a-z0-9_-]+)*\."")\s*\+")]
    private static partial Regex JoinedPrefix();

    // $"status.{code}"
    [GeneratedRegex(@"(?<hit>\$""[a-z][a-z0-9-]*\.[^""{]*\{)")]
    private static partial Regex InterpolatedKey();

    // T[x + y], Texts.Get(x + y, ...), texts.Format(x + y, ...), Has(x + y)
    [GeneratedRegex(@"(?<hit>\bT\[[^\]\n]*\+[^\]\n]*\]|\b(?:Get|Format|Has)\([^,()\n]*\+[^,()\n]*,)")]
    private static partial Regex PlusInLookup();

    // T.Word("status.T"), Vocabulary.Get("..."): Senim.Law's report vocabulary.
    [GeneratedRegex(@"(Word|WordFormat|Vocabulary\.Get|Vocabulary\.Format)\(\s*$")]
    private static partial Regex VocabularyCall();

    // new RuleException("code", ...), errors.Add("field", "code", "..."), new FieldError("field", "code", "...")
    [GeneratedRegex(@"(?:(?:RuleException|ForbiddenException)\(\s*""(?<code>[a-z0-9.-]+)""|(?:\.Add|\bInvalid\.Field)\(\s*[^,()\n]+(?:\([^)\n]*\))?,\s*""(?<code>[a-z0-9.-]+)"",\s*\$?""|FieldError\(\s*[^,\n]+,\s*""(?<code>[a-z0-9.-]+)"",\s*"")")]
    private static partial Regex ErrorCode();
}
