using Senim.Law.Tests.Support;

namespace Senim.Cli.Tests;

public class LawCommandTests
{
    [Fact]
    public void Validate_prints_each_pack_with_its_hash()
    {
        using var law = new TempLaw();
        var run = Cli.Run("law", "validate", law.Law);
        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"ok  mini 1\.0\.0  sha256:[0-9a-f]{64}", run.Output);
    }

    [Fact]
    public void Validate_checks_the_calendar_beside_the_packs()
    {
        var run = Cli.Run("law", "validate", RepoLaw.LawDir);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("ok  calendar calendar/kz: 2026 [S], 2027 [U]", run.Output, StringComparison.Ordinal);

        using var law = new TempLaw();
        var folder = Directory.CreateDirectory(Path.Combine(law.Law, "calendar", "kz")).FullName;
        File.WriteAllText(Path.Combine(folder, "2026.yaml"), "calendar:\n  country: KZ\n  year: 2025\n  status: S\n  sources: [x]\n  holidays: []\n");
        var broken = Cli.Run("law", "validate", law.Law);
        Assert.Equal(2, broken.ExitCode);
        Assert.Contains("'year' is 2025 but the file is named 2026.yaml", broken.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_lists_every_error_with_file_line_and_id_and_exits_2()
    {
        using var law = new TempLaw(MiniPack.Body.Replace("    when: q.severe = yes", "    wen: q.severe = yes", StringComparison.Ordinal));
        var run = Cli.Run("law", "validate", law.Law);
        Assert.Equal(2, run.ExitCode);
        Assert.Matches(@"mini/items\.yaml:\d+: unknown-key: \[r\.high\] unknown key 'wen'", run.Error);
        Assert.Matches(@"mini/items\.yaml:\d+: missing-field: \[r\.high\] 'when' is required", run.Error);
        Assert.Contains("2 errors.", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Show_lists_questions_with_ids_and_answer_types()
    {
        using var law = new TempLaw();
        var run = Cli.Run("law", "show", "--law-dir", law.Law, "--lang", "kk");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("q.severe  (yes or no)", run.Output, StringComparison.Ordinal);
        Assert.Contains("Ауыр ма?", run.Output, StringComparison.Ordinal);
        Assert.Contains("ask if: q.ai = yes", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Diff_of_identical_packs_exits_0()
    {
        using var law = new TempLaw();
        var run = Cli.Run("law", "diff", law.Law, law.Law);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("no changes", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Diff_shows_added_removed_and_changed_rules_and_texts()
    {
        using var before = new TempLaw();
        var changed = MiniPack.Body
            .Replace("when: q.moderate = yes", "when: q.moderate = yes or q.bad has b2", StringComparison.Ordinal)
            .Replace("text: {kk: Ауыр ма?, ru: Тяжело?, en: Severe?}", "text: {kk: Ауыр ма?, ru: Тяжело ли?, en: Severe?}", StringComparison.Ordinal)
            .Replace("  - id: n.out\n", "  - id: n.outside\n", StringComparison.Ordinal);
        using var after = new TempLaw(changed);
        var run = Cli.Run("law", "diff", before.Law, after.Law);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("warning: the content changed but the version did not", run.Output, StringComparison.Ordinal);
        Assert.Contains("~ r.medium", run.Output, StringComparison.Ordinal);
        Assert.Contains("when: \"q.moderate = yes\" -> \"q.moderate = yes or q.bad has b2\"", run.Output, StringComparison.Ordinal);
        Assert.Contains("text.ru: \"Тяжело?\" -> \"Тяжело ли?\"", run.Output, StringComparison.Ordinal);
        Assert.Contains("+ n.outside", run.Output, StringComparison.Ordinal);
        Assert.Contains("- n.out", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Diff_as_json_names_the_changed_fields()
    {
        using var before = new TempLaw();
        using var after = new TempLaw(MiniPack.Body.Replace("because: {kk: Кеш, ru: Поздно, en: Late}", "because: {kk: Кеш, ru: Поздно, en: Too late}", StringComparison.Ordinal));
        var run = Cli.Run("law", "diff", before.Law, after.Law, "--format", "json");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("\"field\": \"because.en\"", run.Output, StringComparison.Ordinal);
        Assert.Contains("\"kind\": \"changed\"", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_commands_and_options_get_help_not_a_crash()
    {
        var run = Cli.Run("classify");
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("FILE", run.Error + run.Output, StringComparison.Ordinal);
    }
}
