using System.Text;
using Senim.Law.Engine;
using Senim.Law.Packs;
using Senim.Law.Systems;
using Senim.Law.Tests.Support;

namespace Senim.Law.Tests.Systems;

public class SystemDescriptionTests
{
    private static readonly LawLibrary Library = MiniPack.Load();
    private static readonly DateOnly At = new(2026, 6, 1);

    private static SystemDescription Read(string text, string file = "system.yaml") =>
        SystemDescriptions.Read(file, Encoding.UTF8.GetBytes(text), Library, At);

    private static InputError Fails(string text, string file = "system.yaml") =>
        Assert.Single(Assert.Throws<InvalidInputException>(() => Read(text, file)).Errors);

    [Fact]
    public void A_yaml_description_reads_into_typed_answers()
    {
        var system = Read("""
            name: Spam filter
            organisation: Example LLP
            answers:
              q.ai: yes
              mini.role: [owner, holder]
              q.review: 2026-01-01
              q.moderate: ~
            """);
        Assert.Equal("Spam filter", system.Name);
        Assert.Equal(Answer.Of(true), system.Answers["q.ai"]);
        Assert.Equal(Answer.Options("owner", "holder"), system.Answers["mini.role"]);
        Assert.Equal(Answer.Date(new DateOnly(2026, 1, 1)), system.Answers["q.review"]);
        Assert.Null(system.Answers["q.moderate"]);
    }

    [Fact]
    public void A_json_description_reads_the_same()
    {
        var system = Read("""{"name": "Spam filter", "answers": {"q.ai": true, "mini.role": ["owner"], "q.bad": []}}""", "system.json");
        Assert.Equal(Answer.Of(true), system.Answers["q.ai"]);
        Assert.Equal(Answer.Options(), system.Answers["q.bad"]);
    }

    [Fact]
    public void An_unknown_answer_id_is_named_with_a_suggestion_and_its_line()
    {
        var error = Fails("name: x\nanswers:\n  q.sevre: yes\n");
        Assert.Equal("answers.q.sevre", error.Path);
        Assert.Equal(3, error.Line);
        Assert.Contains("did you mean 'q.severe'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("q.ai: maybe", "expected yes or no, got 'maybe'")]
    [InlineData("q.ai: [yes]", "expected one value")]
    [InlineData("mini.role: owner", "expected a list of options")]
    [InlineData("mini.role: [owner, boss]", "'boss' is not an option")]
    [InlineData("q.review: 01.01.2026", "expected a date written yyyy-mm-dd")]
    [InlineData("q.review: 2026-13-01", "expected a date written yyyy-mm-dd")]
    [InlineData("q.review: 1999-12-31", "out of range")]
    [InlineData("q.review: 2026-06-02", "2026-06-01 (the classification date)")]
    [InlineData("q.ai: {a: 1}", "expected yes or no")]
    public void A_wrong_type_names_the_field_and_what_was_expected(string answer, string expected)
    {
        var error = Fails("name: x\nanswers:\n  " + answer + "\n");
        Assert.StartsWith("answers.", error.Path, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_name_and_an_unknown_field_are_both_reported()
    {
        var ex = Assert.Throws<InvalidInputException>(() => Read("colour: blue\nanswers: {}\n"));
        Assert.Contains(ex.Errors, e => e.Path == "name" && e.Message == "is required");
        Assert.Contains(ex.Errors, e => e.Path == "colour" && e.Message.StartsWith("unknown field", StringComparison.Ordinal));
    }

    [Fact]
    public void A_fifty_megabyte_input_is_refused_before_it_is_parsed()
    {
        var big = new byte[50 * 1024 * 1024];
        var ex = Assert.Throws<InvalidInputException>(() => SystemDescriptions.Read("big.yaml", big, Library, At));
        Assert.Contains("50.0 MB", ex.Message, StringComparison.Ordinal);
        Assert.Contains("at most 1024 KB", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("system.yaml")]
    [InlineData("system.json")]
    public void Deep_nesting_is_refused_without_a_stack_overflow(string file)
    {
        var text = "{\"name\": \"x\", \"answers\": " + new string('[', 100_000) + new string(']', 100_000) + "}";
        var error = Fails(text, file);
        Assert.Contains("nests deeper than", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("name: x\nname: y\n", "system.yaml")]
    [InlineData("{\"name\": \"x\", \"name\": \"y\"}", "system.json")]
    public void A_duplicate_key_is_refused(string text, string file)
    {
        var error = Fails(text, file);
        Assert.Equal("name", error.Path);
        Assert.Contains("appears twice", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("name: [unclosed", "system.yaml", "not valid YAML")]
    [InlineData("{\"name\": ", "system.json", "not valid JSON")]
    [InlineData("", "system.yaml", "empty")]
    [InlineData("- a\n- b\n", "system.yaml", "expected a mapping")]
    [InlineData("a: &x 1\nb: *x\n", "system.yaml", "aliases")]
    public void Malformed_documents_get_a_clear_error(string text, string file, string expected)
    {
        var error = Fails(text, file);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bytes_that_are_not_utf8_are_refused()
    {
        var ex = Assert.Throws<InvalidInputException>(() => SystemDescriptions.Read("x.yaml", [0x6E, 0x3A, 0x20, 0xFF, 0xFE], Library, At));
        Assert.Contains("not UTF-8", ex.Message, StringComparison.Ordinal);
    }
}
