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

    [Fact]
    public void More_answers_than_the_packs_have_questions_is_one_error_before_any_key_is_looked_up()
    {
        var questions = Library.Packs.Sum(p => p.Pack.Questions.Count);
        var keys = string.Join(", ", Enumerable.Range(0, questions + 1).Select(i => $"\"q.sevre{i}\": true"));
        var error = Fails("""{"name": "x", "answers": {""" + keys + "}}", "system.json");
        Assert.Equal("answers", error.Path);
        Assert.Contains($"has {questions + 1} answers, but the law packs ask {questions} questions", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("did you mean", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void At_most_fifty_problems_are_listed_and_a_last_one_counts_the_rest()
    {
        var errors = Enumerable.Range(0, 80).Select(i => new InputError("answers.k" + i, i, "unknown question id")).ToList();
        var listed = new InvalidInputException(errors).Errors;
        Assert.Equal(InvalidInputException.MaxReported + 1, listed.Count);
        Assert.Equal("answers.k49", listed[49].Path);
        Assert.Equal("30 more problems are not listed (the first 50 are); fix these and send it again", listed[^1].Message);
        Assert.Single(new InvalidInputException([errors[0]]).Errors);
    }

    [Fact]
    public void An_unknown_id_longer_than_any_question_gets_no_suggestion_and_is_shortened_in_the_path()
    {
        var id = "q.severe" + new string('x', 120);
        var error = Fails($"name: x\nanswers:\n  {id}: yes\n");
        Assert.Equal("unknown question id (senim law show lists the questions)", error.Message);
        Assert.Equal("answers." + id[..SystemDescriptions.MaxSuggestedIdLength] + "…", error.Path);
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

    private static readonly LawLibrary Aliased = MiniPack.Load(MiniPack.Body.Replace(
        "    tags: [harm]\n    articles: [a2]\n    status: T\n  - id: q.moderate",
        "    tags: [harm]\n    aliases: [q.sev_old]\n    articles: [a2]\n    status: T\n  - id: q.moderate",
        StringComparison.Ordinal));

    [Fact]
    public void An_answer_under_a_former_question_id_is_read_as_the_current_question()
    {
        var system = SystemDescriptions.Read("system.yaml", Encoding.UTF8.GetBytes("name: x\nanswers:\n  q.sev_old: yes\n"), Aliased, At);
        Assert.Equal(Answer.Of(true), system.Answers["q.severe"]);
        Assert.Null(system.Answers["q.sev_old"]);
    }

    [Fact]
    public void Answering_a_question_under_both_its_ids_is_refused()
    {
        var ex = Assert.Throws<InvalidInputException>(() => SystemDescriptions.Read("system.yaml",
            Encoding.UTF8.GetBytes("name: x\nanswers:\n  q.severe: yes\n  q.sev_old: no\n"), Aliased, At));
        var error = Assert.Single(ex.Errors);
        Assert.Equal("answers.q.sev_old", error.Path);
        Assert.Contains("answers 'q.severe' a second time", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("yes", true)]
    [InlineData("\"No\"", false)]
    [InlineData("'YES'", true)]
    [InlineData("True", true)]
    [InlineData("false", false)]
    public void Yes_no_reads_the_four_words_in_any_case_quoted_or_not(string written, bool expected)
    {
        Assert.Equal(Answer.Of(expected), Read($"name: x\nanswers:\n  q.ai: {written}\n").Answers["q.ai"]);
    }

    [Theory]
    [InlineData("y", "write yes")]
    [InlineData("on", "write yes")]
    [InlineData("'1'", "write yes")]
    [InlineData("n", "write no")]
    [InlineData("\"off\"", "write no")]
    [InlineData("0", "write no")]
    public void Yaml_one_one_booleans_are_refused_with_the_rule(string written, string hint)
    {
        var error = Fails($"name: x\nanswers:\n  q.ai: {written}\n");
        Assert.Contains("only yes, no, true and false are read (in any letter case, quoted or not)", error.Message, StringComparison.Ordinal);
        Assert.EndsWith(hint, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_booleans_follow_the_same_rule()
    {
        Assert.Equal(Answer.Of(false), Read("""{"name": "x", "answers": {"q.ai": false}}""", "system.json").Answers["q.ai"]);
        Assert.Contains("only yes, no", Fails("""{"name": "x", "answers": {"q.ai": 1}}""", "system.json").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_example_reads_and_classifies_completely_under_the_shipped_law()
    {
        foreach (var path in Directory.EnumerateFiles(RepoLaw.Examples, "*.yaml"))
        {
            var system = SystemDescriptions.Read(path, File.ReadAllBytes(path), RepoLaw.Library, new DateOnly(2026, 11, 25));
            var result = Classifier.Classify(RepoLaw.Library.Packs, system.Answers, new DateOnly(2026, 11, 25));
            Assert.True(result.IsComplete, $"{Path.GetFileName(path)}: open {string.Join(", ", result.Packs.SelectMany(p => p.OpenQuestions).Select(q => q.Id))}");
            Assert.Empty(result.Packs.SelectMany(p => p.IgnoredAnswers));
        }
    }
}
