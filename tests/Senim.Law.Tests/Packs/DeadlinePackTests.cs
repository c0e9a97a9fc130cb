using Senim.Law.Diff;
using Senim.Law.Packs;
using Senim.Law.Tests.Support;

namespace Senim.Law.Tests.Packs;

/// <summary>The 'deadlines' section of a pack: read strictly, validated, written back and compared.</summary>
public class DeadlinePackTests
{
    private const string Deadlines = """

        deadlines:
          - id: d.reply
            title: {kk: Жауап, ru: Ответ, en: Reply}
            length: 15
            unit: working_days
            starts: {kk: Алған күн, ru: День получения, en: The day of receipt}
            text: {kk: Себебі, ru: Причина, en: Why fifteen}
            basis: policy
            sources: [L]
            articles: [a1]
            status: U
        """;

    private static LawLibrary Load(string deadlines) => MiniPack.Load(MiniPack.Body + deadlines);

    private static PackError SingleError(string deadlines, PackErrorKind kind)
    {
        var ex = Assert.Throws<PackLoadException>(() => Load(deadlines));
        return Assert.Single(ex.Errors, e => e.Kind == kind);
    }

    [Fact]
    public void A_deadline_loads_with_every_field()
    {
        var d = Assert.Single(Load(Deadlines).Packs.Single().Pack.Deadlines);
        Assert.Equal(("d.reply", 15, DeadlineUnit.WorkingDays, ProcessBasis.Policy, SourceStatus.Uncertain), (d.Id, d.Length, d.Unit, d.Basis, d.Status));
        Assert.Equal("The day of receipt", d.Starts.En);
        Assert.Equal(["a1"], d.Articles);
        Assert.Equal(["L"], d.Sources);
    }

    [Fact]
    public void An_unknown_unit_is_an_invalid_value_naming_the_units()
    {
        var error = SingleError(Deadlines.Replace("unit: working_days", "unit: hours", StringComparison.Ordinal), PackErrorKind.InvalidValue);
        Assert.Equal("d.reply", error.Id);
        Assert.Equal("'unit' must be working_days or calendar_days, got 'hours'", error.Message);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("1.5")]
    [InlineData("3651")]
    public void A_length_that_is_not_a_whole_positive_number_of_days_is_refused(string length)
    {
        var error = SingleError(Deadlines.Replace("length: 15", "length: " + length, StringComparison.Ordinal), PackErrorKind.InvalidValue);
        Assert.Equal("d.reply", error.Id);
        Assert.Equal($"'length' must be a whole number of days from 1 to 3650, got {length}", error.Message);
        Assert.Equal((MiniPack.Body + Deadlines).Split('\n').ToList().FindIndex(l => l.Contains("length: 15", StringComparison.Ordinal)) + 1, error.Line);
    }

    [Fact]
    public void A_length_that_is_not_a_number_is_reported_once()
    {
        var ex = Assert.Throws<PackLoadException>(() => Load(Deadlines.Replace("length: 15", "length: fifteen", StringComparison.Ordinal)));
        Assert.Equal("'length' must be a number, got 'fifteen'", Assert.Single(ex.Errors).Message);
    }

    [Fact]
    public void A_title_without_Kazakh_is_a_missing_translation()
    {
        var error = SingleError(Deadlines.Replace("title: {kk: Жауап, ru: Ответ, en: Reply}", "title: {ru: Ответ, en: Reply}", StringComparison.Ordinal), PackErrorKind.MissingTranslation);
        Assert.Equal("d.reply", error.Id);
        Assert.Equal("'title' has no Kazakh text ('kk')", error.Message);
    }

    [Fact]
    public void A_deadline_without_its_start_is_a_missing_field()
    {
        var error = SingleError(Deadlines.Replace("    starts: {kk: Алған күн, ru: День получения, en: The day of receipt}\n", "", StringComparison.Ordinal), PackErrorKind.MissingField);
        Assert.Contains("'starts' is required", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_deadline_must_cite_an_existing_article_and_source()
    {
        var none = SingleError(Deadlines.Replace("    articles: [a1]\n", "", StringComparison.Ordinal), PackErrorKind.MissingArticle);
        Assert.Equal("d.reply", none.Id);
        var dangling = Assert.Throws<PackLoadException>(() => Load(Deadlines.Replace("articles: [a1]", "articles: [a9]", StringComparison.Ordinal).Replace("sources: [L]", "sources: [X]", StringComparison.Ordinal)));
        Assert.Contains(dangling.Errors, e => e.Message == "cites article 'a9', which is not in this pack's articles");
        Assert.Contains(dangling.Errors, e => e.Message == "names source 'X', which is not in this pack's sources");
    }

    [Fact]
    public void A_deadline_id_shares_the_packs_one_namespace()
    {
        var error = SingleError(Deadlines.Replace("id: d.reply", "id: q.ai", StringComparison.Ordinal), PackErrorKind.DuplicateId);
        Assert.Equal("q.ai", error.Id);
    }

    [Fact]
    public void Deadlines_are_written_back_and_read_unchanged()
    {
        var pack = Load(Deadlines).Packs.Single();
        var files = PackWriter.Write(pack.Pack);
        var text = Assert.Single(files, f => f.FileName == "deadlines.yaml").Text;
        Assert.Contains("  unit: working_days\n", text, StringComparison.Ordinal);
        Assert.Contains("  basis: policy\n", text, StringComparison.Ordinal);
        var reloaded = LawLibrary.FromFiles(files.Select(f => ($"mini/{f.FileName}", f.Text))).Packs.Single();
        Assert.Equal(pack.ContentHash, reloaded.ContentHash);
        Assert.Equal(PackWriter.Canonical(pack.Pack), PackWriter.Canonical(reloaded.Pack));
        Assert.Empty(PackDiff.Compare(pack.Pack, reloaded.Pack));
    }

    [Fact]
    public void A_changed_length_shows_in_the_pack_diff_and_the_hash()
    {
        var before = Load(Deadlines).Packs.Single();
        var after = Load(Deadlines.Replace("length: 15", "length: 10", StringComparison.Ordinal)).Packs.Single();
        Assert.NotEqual(before.ContentHash, after.ContentHash);
        var change = Assert.Single(PackDiff.Compare(before.Pack, after.Pack));
        Assert.Equal(("deadlines", "d.reply", ChangeKind.Changed), (change.Section, change.Id, change.Kind));
        Assert.Equal(new FieldChange("length", "15", "10"), Assert.Single(change.Fields));
    }

    [Fact]
    public void The_real_packs_define_the_issue_12_deadlines()
    {
        var ids = RepoLaw.Library.Packs.SelectMany(p => p.Pack.Deadlines).Select(d => d.Id).ToHashSet();
        string[] expected =
        [
            "kz.deadline.objection-reply", "kz.deadline.explanation-request", "kz.deadline.data-request",
            "kz.deadline.interaction-refusal", "kz.deadline.complaint-synthetic-content", "kz.deadline.expert-review",
            "kz.deadline.requested-change", "kz.deadline.supervisor-decision", "kz.deadline.audit-corrective-action",
            "eu.deadline.incident-2", "eu.deadline.incident-10", "eu.deadline.incident-15",
        ];
        Assert.Subset(ids, expected.ToHashSet());
    }
}
