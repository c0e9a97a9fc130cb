using System.Text.Json;

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
}
