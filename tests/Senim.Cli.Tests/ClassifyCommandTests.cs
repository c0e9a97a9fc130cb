using System.Text.Json;
using Senim.Law.Tests.Support;

namespace Senim.Cli.Tests;

public class ClassifyCommandTests
{
    private const string Complete = """
        name: Mini system
        answers:
          q.ai: yes
          mini.role: [owner]
          q.severe: yes
          q.moderate: no
          q.bad: []
          q.review: 2026-01-01
        """;

    [Fact]
    public void A_classified_system_exits_0_with_a_readable_report()
    {
        using var law = new TempLaw();
        var file = law.Write("system.yaml", Complete);
        var run = Cli.Run("classify", file, "--law-dir", law.Law, "--at", "2026-06-01");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("AI SYSTEM CLASSIFICATION REPORT", run.Output, StringComparison.Ordinal);
        Assert.Contains("Tier: High", run.Output, StringComparison.Ordinal);
        Assert.Contains("because: Severe (Art. 2) [T]", run.Output, StringComparison.Ordinal);
        Assert.Contains("inputs: q.severe = yes", run.Output, StringComparison.Ordinal);
        Assert.Contains("[applies from 2027-01-01] High only", run.Output, StringComparison.Ordinal);
        Assert.Equal("", run.Error);
    }

    [Fact]
    public void The_report_speaks_the_requested_language()
    {
        using var law = new TempLaw();
        var file = law.Write("system.yaml", Complete);
        var run = Cli.Run("classify", file, "--law-dir", law.Law, "--lang", "ru", "--at", "2026-06-01");
        Assert.Contains("ОТЧЁТ О КЛАССИФИКАЦИИ СИСТЕМЫ ИИ", run.Output, StringComparison.Ordinal);
        Assert.Contains("Уровень: Высокий", run.Output, StringComparison.Ordinal);
        Assert.Contains("потому что: Тяжело (ст. 2)", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_prohibited_capability_exits_3()
    {
        using var law = new TempLaw();
        var file = law.Write("system.yaml", Complete.Replace("q.bad: []", "q.bad: [b1]", StringComparison.Ordinal));
        var run = Cli.Run("classify", file, "--law-dir", law.Law);
        Assert.Equal(3, run.ExitCode);
        Assert.Contains("!! PROHIBITED CAPABILITY FOUND: B1", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_output_has_the_documented_shape()
    {
        using var law = new TempLaw();
        var file = law.Write("system.json", """{"name": "Mini", "answers": {"q.ai": "yes", "q.severe": "no"}}""");
        var run = Cli.Run("classify", file, "--law-dir", law.Law, "--format", "json", "--at", "2026-06-01");
        Assert.Equal(0, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Output);
        var root = doc.RootElement;
        Assert.Equal("senim.classification/1", root.GetProperty("format").GetString());
        Assert.Equal("2026-06-01", root.GetProperty("at").GetString());
        Assert.False(root.GetProperty("complete").GetBoolean());
        var pack = root.GetProperty("results")[0];
        Assert.Equal("mini", pack.GetProperty("pack").GetProperty("id").GetString());
        Assert.Contains(pack.GetProperty("open_questions").EnumerateArray(), q => q.GetProperty("id").GetString() == "q.moderate");
    }

    [Fact]
    public void Invalid_input_exits_2_naming_the_field_and_what_was_expected()
    {
        using var law = new TempLaw();
        var file = law.Write("system.yaml", "name: x\nanswers:\n  q.ai: perhaps\n");
        var run = Cli.Run("classify", file, "--law-dir", law.Law);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("answers.q.ai (line 3): expected yes or no, got 'perhaps'", run.Error, StringComparison.Ordinal);
        Assert.Equal("", run.Output);
    }

    [Theory]
    [InlineData("--at", "2026-02-30", "expected a date written yyyy-mm-dd")]
    [InlineData("--at", "1890-01-01", "out of range")]
    [InlineData("--lang", "de", "unknown language 'de'")]
    [InlineData("--law", "us", "unknown law 'us'")]
    public void Bad_options_exit_2_with_a_message(string option, string value, string expected)
    {
        using var law = new TempLaw();
        var file = law.Write("system.yaml", Complete);
        var run = Cli.Run("classify", file, "--law-dir", law.Law, option, value);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_exits_2()
    {
        using var law = new TempLaw();
        var run = Cli.Run("classify", Path.Combine(law.Root, "nope.yaml"), "--law-dir", law.Law);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("no such file", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_fifty_megabyte_file_is_refused_quickly_with_exit_2()
    {
        using var law = new TempLaw();
        var path = Path.Combine(law.Root, "huge.yaml");
        using (var stream = File.Create(path))
        {
            stream.SetLength(50L * 1024 * 1024);
        }

        var run = Cli.Run("classify", path, "--law-dir", law.Law);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("50.0 MB", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--no-such-option")]
    [InlineData("--format", "xml")]
    [InlineData("extra-argument")]
    public void Option_parser_errors_exit_2_as_documented(params string[] extra)
    {
        using var law = new TempLaw();
        var file = law.Write("system.yaml", Complete);
        var run = Cli.Run(["classify", file, "--law-dir", law.Law, .. extra]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Run 'senim classify --help' for the options.", run.Error, StringComparison.Ordinal);
        Assert.Equal("", run.Output);
    }

    [Fact]
    public void A_missing_file_argument_is_a_parser_error_with_exit_2()
    {
        var run = Cli.Run("classify");
        Assert.Equal(2, run.ExitCode);
        Assert.NotEqual("", run.Error);
    }

    [Fact]
    public void A_folder_given_as_the_file_is_named_as_a_folder_not_as_missing()
    {
        using var law = new TempLaw();
        var run = Cli.Run("classify", law.Root, "--law-dir", law.Law);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("is a folder, not a file", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("no such file", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Messages_follow_the_report_language_where_the_engine_has_the_text()
    {
        using var law = new TempLaw();
        var file = law.Write("system.yaml", "name: x\nanswers:\n  q.ai: perhaps\n");
        var kk = Cli.Run("classify", file, "--law-dir", law.Law, "--lang", "kk");
        Assert.Equal(2, kk.ExitCode);
        Assert.Contains(file + ": жүйе сипаттамасы жарамсыз:", kk.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("not valid", kk.Error, StringComparison.Ordinal);

        var ru = Cli.Run("classify", Path.Combine(law.Root, "nope.yaml"), "--law-dir", law.Law, "--lang", "ru");
        Assert.Contains("такого файла нет", ru.Error, StringComparison.Ordinal);
        var folder = Cli.Run("classify", law.Root, "--law-dir", law.Law, "--lang", "kk");
        Assert.Contains("бұл файл емес, қалта", folder.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Before_the_law_is_in_force_a_banned_capability_is_reported_with_its_date_and_does_not_exit_3()
    {
        using var law = new TempLaw();
        var file = law.Write("system.yaml", Complete.Replace("q.bad: []", "q.bad: [b1]", StringComparison.Ordinal));
        var run = Cli.Run("classify", file, "--law-dir", law.Law, "--at", "2026-01-17");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Not yet in force on 2026-01-17: this act applies from 2026-01-18.", run.Output, StringComparison.Ordinal);
        Assert.Contains("!! PROHIBITED FROM 2026-01-18: B1", run.Output, StringComparison.Ordinal);
        Assert.Contains("Not yet prohibited on 2026-01-17", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("PROHIBITED CAPABILITY FOUND", run.Output, StringComparison.Ordinal);
        Assert.Contains("[applies from 2026-01-18] Everyone", run.Output, StringComparison.Ordinal);

        var onTheDay = Cli.Run("classify", file, "--law-dir", law.Law, "--at", "2026-01-18");
        Assert.Equal(3, onTheDay.ExitCode);
        Assert.Contains("!! PROHIBITED CAPABILITY FOUND: B1", onTheDay.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Not yet in force", onTheDay.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Before_either_law_applies_the_real_packs_say_so_in_text_and_json()
    {
        var example = Path.Combine(RepoLaw.Examples, "city-social-scoring.yaml");
        var text = Cli.Run("classify", example, "--law-dir", RepoLaw.LawDir, "--at", "2025-01-01");
        Assert.Equal(0, text.ExitCode);
        Assert.Contains("!! PROHIBITED FROM 2025-02-02: EU-5c", text.Output, StringComparison.Ordinal);
        Assert.Contains("!! PROHIBITED FROM 2026-01-18: KZ-P3", text.Output, StringComparison.Ordinal);
        Assert.Contains("Not yet in force on 2025-01-01: this act applies from 2026-01-18.", text.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("PROHIBITED CAPABILITY FOUND", text.Output, StringComparison.Ordinal);

        var json = Cli.Run("classify", example, "--law-dir", RepoLaw.LawDir, "--at", "2025-01-01", "--format", "json");
        Assert.Equal(0, json.ExitCode);
        using var doc = JsonDocument.Parse(json.Output);
        Assert.False(doc.RootElement.GetProperty("prohibited").GetBoolean());
        var kz = doc.RootElement.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("pack").GetProperty("id").GetString() == "kz-230");
        Assert.False(kz.GetProperty("in_force").GetBoolean());
        Assert.Equal("2026-01-18", kz.GetProperty("pack").GetProperty("in_force_from").GetString());
        Assert.Empty(kz.GetProperty("prohibited").EnumerateArray());
        var upcoming = Assert.Single(kz.GetProperty("upcoming_prohibited").EnumerateArray());
        Assert.Equal(("KZ-P3", "2026-01-18"), (upcoming.GetProperty("id").GetString(), upcoming.GetProperty("from").GetString()));

        var later = Cli.Run("classify", example, "--law-dir", RepoLaw.LawDir, "--at", "2026-02-01");
        Assert.Equal(3, later.ExitCode);
    }

    [Fact]
    public void Answers_to_a_law_not_applied_are_listed_as_not_used()
    {
        var example = Path.Combine(RepoLaw.Examples, "cv-screening.yaml");
        var text = Cli.Run("classify", example, "--law-dir", RepoLaw.LawDir, "--law", "kz", "--at", "2026-11-25");
        Assert.Equal(0, text.ExitCode);
        Assert.Contains("Answers to questions of a law not applied here were not used: eu.a5.biometric_categorisation,", text.Output, StringComparison.Ordinal);

        var json = Cli.Run("classify", example, "--law-dir", RepoLaw.LawDir, "--law", "kz", "--at", "2026-11-25", "--format", "json");
        using var doc = JsonDocument.Parse(json.Output);
        var other = doc.RootElement.GetProperty("other_law_answers").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains("eu.role", other);
        Assert.Contains("eu.deployer.workplace", other);
        Assert.All(other, id => Assert.StartsWith("eu.", id, StringComparison.Ordinal));

        var all = Cli.Run("classify", example, "--law-dir", RepoLaw.LawDir, "--at", "2026-11-25", "--format", "json");
        using var allDoc = JsonDocument.Parse(all.Output);
        Assert.Empty(allDoc.RootElement.GetProperty("other_law_answers").EnumerateArray());
    }

    [Theory]
    [InlineData("q.ai: \"No\"", 0)]
    [InlineData("q.ai: TRUE", 0)]
    [InlineData("q.ai: 'yes'", 0)]
    [InlineData("q.ai: y", 2)]
    [InlineData("q.ai: on", 2)]
    [InlineData("q.ai: 0", 2)]
    public void Yes_and_no_follow_one_rule_whatever_the_quoting(string answer, int exitCode)
    {
        using var law = new TempLaw();
        var file = law.Write("system.yaml", "name: x\nanswers:\n  " + answer + "\n");
        var run = Cli.Run("classify", file, "--law-dir", law.Law, "--at", "2026-06-01");
        Assert.Equal(exitCode, run.ExitCode);
        if (exitCode == 2)
        {
            Assert.Contains("only yes, no, true and false are read (in any letter case, quoted or not)", run.Error, StringComparison.Ordinal);
        }
    }
}
