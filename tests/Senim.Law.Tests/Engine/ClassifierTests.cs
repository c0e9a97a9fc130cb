using Senim.Law.Engine;
using Senim.Law.Tests.Support;
using Senim.Law.Texts;

namespace Senim.Law.Tests.Engine;

public class ClassifierTests
{
    private static readonly CompiledPack Pack = MiniPack.Load().Packs[0];
    private static readonly DateOnly At = new(2026, 6, 1);

    private static AnswerSet Answers(params (string Id, Answer Answer)[] answers) =>
        new(answers.Select(a => new KeyValuePair<string, Answer>(a.Id, a.Answer)));

    private static AnswerSet Full(bool severe = false, bool moderate = false, string[]? bad = null, string[]? roles = null, DateOnly? review = null) => Answers(
        ("q.ai", Answer.Of(true)),
        ("mini.role", Answer.Options(roles ?? ["owner"])),
        ("q.severe", Answer.Of(severe)),
        ("q.moderate", Answer.Of(moderate)),
        ("q.bad", Answer.Options(bad ?? [])),
        ("q.review", Answer.Date(review ?? new DateOnly(2026, 1, 1))));

    [Fact]
    public void A_fully_answered_system_gets_a_complete_result()
    {
        var result = Classifier.Classify(Pack, Full(moderate: true), At);
        Assert.True(result.IsComplete);
        Assert.Empty(result.OpenQuestions);
        Assert.Equal("medium", Assert.Single(result.Tier!.Values).Id);
    }

    [Fact]
    public void Missing_answers_give_a_partial_result_that_names_them_instead_of_guessing()
    {
        var result = Classifier.Classify(Pack, Answers(("q.ai", Answer.Of(true)), ("q.severe", Answer.Of(false))), At);
        Assert.False(result.IsComplete);
        Assert.False(result.Tier!.IsDetermined);
        Assert.Empty(result.Tier.Values);
        Assert.Equal(["low", "medium"], result.Tier.Possible.Select(v => v.Id));
        Assert.Contains(result.OpenQuestions, q => q.Id == "q.moderate");
        Assert.Contains(result.OpenQuestions, q => q.Id == "q.bad");
    }

    [Fact]
    public void A_decisive_yes_determines_the_tier_without_the_other_harm_answers()
    {
        var result = Classifier.Classify(Pack, Answers(("q.ai", Answer.Of(true)), ("q.severe", Answer.Of(true))), At);
        Assert.True(result.Tier!.IsDetermined);
        Assert.Equal("high", Assert.Single(result.Tier.Values).Id);
        Assert.DoesNotContain(result.OpenQuestions, q => q.Id == "q.moderate");
    }

    [Fact]
    public void The_tier_default_is_taken_only_when_every_rule_is_decided_and_says_so()
    {
        var result = Classifier.Classify(Pack, Full(), At);
        var tier = result.Tier!;
        Assert.True(tier.ByDefault);
        Assert.Equal("low", Assert.Single(tier.Values).Id);
        Assert.Empty(tier.Fired);
    }

    [Fact]
    public void Every_conclusion_carries_the_rule_its_articles_and_the_answers_it_read()
    {
        var result = Classifier.Classify(Pack, Full(severe: true), At);
        var firing = Assert.Single(result.Tier!.Fired);
        Assert.Equal("r.high", firing.Rule.Id);
        Assert.Equal(["a2"], firing.Rule.Articles);
        var input = Assert.Single(firing.Inputs);
        Assert.Equal(new TraceInput("q.severe", true, "yes"), input);
    }

    [Fact]
    public void Out_of_scope_systems_get_no_obligations_and_no_other_conclusions()
    {
        var result = Classifier.Classify(Pack, Answers(("q.ai", Answer.Of(false))), At);
        Assert.True(result.IsComplete);
        Assert.False(result.Scope!.Flag);
        Assert.True(result.Tier!.IsNotApplicable);
        Assert.Empty(result.Obligations);
        Assert.Empty(result.Documents);
        Assert.Equal("n.out", Assert.Single(result.NextSteps).Step.Id);
    }

    [Fact]
    public void An_answer_to_a_question_that_does_not_apply_is_ignored_and_reported()
    {
        var result = Classifier.Classify(Pack, Answers(("q.ai", Answer.Of(false)), ("q.severe", Answer.Of(true))), At);
        Assert.Equal("q.severe", Assert.Single(result.IgnoredAnswers).Id);
        Assert.True(result.Tier!.IsNotApplicable);
        Assert.False(result.Applies("q.severe"));
    }

    [Fact]
    public void A_question_can_depend_on_another_rules_outcome()
    {
        var low = Classifier.Classify(Pack, Full(), At);
        Assert.False(low.Applies("q.review"));
        var medium = Classifier.Classify(Pack, Full(moderate: true), At);
        Assert.True(medium.Applies("q.review"));
    }

    [Theory]
    [InlineData("2025-05-31", true)]
    [InlineData("2025-06-01", false)]
    [InlineData("2026-05-01", false)]
    public void A_review_older_than_twelve_months_is_overdue(string review, bool overdue)
    {
        var result = Classifier.Classify(Pack, Full(moderate: true, review: DateOnly.Parse(review, System.Globalization.CultureInfo.InvariantCulture)), At);
        Assert.Equal(overdue, result.Find("mini.overdue")!.Flag);
    }

    [Fact]
    public void An_obligation_before_its_effective_date_is_upcoming_and_after_it_applies()
    {
        var before = Classifier.Classify(Pack, Full(severe: true), At);
        Assert.Equal(Applicability.Upcoming, before.Obligations.Single(o => o.Obligation.Id == "o.high").State);
        var after = Classifier.Classify(Pack, Full(severe: true), new DateOnly(2027, 1, 1));
        Assert.Equal(Applicability.Applies, after.Obligations.Single(o => o.Obligation.Id == "o.high").State);
    }

    [Fact]
    public void Obligations_follow_the_tier_they_are_for()
    {
        var low = Classifier.Classify(Pack, Full(), At);
        Assert.DoesNotContain(low.Obligations, o => o.Obligation.Id == "o.high");
        Assert.Contains(low.Obligations, o => o.Obligation.Id == "o.all");
    }

    [Fact]
    public void Obligations_for_owners_and_holders_do_not_reach_a_system_with_neither_role()
    {
        var result = Classifier.Classify(Pack, Full(roles: []), At);
        Assert.DoesNotContain(result.Obligations, o => o.Obligation.Id == "o.all");
    }

    [Fact]
    public void An_unknown_tier_leaves_tier_bound_obligations_undetermined()
    {
        var result = Classifier.Classify(Pack, Answers(("q.ai", Answer.Of(true)), ("mini.role", Answer.Options("owner"))), At);
        var high = result.Obligations.Single(o => o.Obligation.Id == "o.high");
        Assert.Equal(Applicability.Undetermined, high.State);
        Assert.False(result.IsComplete);
    }

    [Fact]
    public void A_prohibited_capability_is_reported_with_its_exception_and_a_stop_step()
    {
        var result = Classifier.Classify(Pack, Full(bad: ["b1"]), At);
        var prohibited = Assert.Single(result.Prohibited);
        Assert.Equal("B1", prohibited.Id);
        Assert.Equal("where laws provide", prohibited.Exception![Language.En]);
        Assert.Contains(result.NextSteps, n => n.Step.Id == "n.stop" && n.State == Applicability.Applies);
    }

    [Fact]
    public void A_set_conclusion_reports_what_is_certain_while_other_members_are_open()
    {
        var answers = Answers(("q.ai", Answer.Of(true)), ("q.bad", Answer.Options("b2")));
        var result = Classifier.Classify(Pack, answers, At);
        var banned = result.Find("mini.banned")!;
        Assert.True(banned.IsDetermined);
        Assert.Equal("B2", Assert.Single(banned.Values).Id);
    }

    [Fact]
    public void Classification_is_deterministic_and_records_the_pack_identity()
    {
        var one = ResultJson.ToJson(Classifier.Classify([Pack], Full(severe: true), At), null, Language.Ru);
        var two = ResultJson.ToJson(Classifier.Classify([Pack], Full(severe: true), At), null, Language.Ru);
        Assert.Equal(one, two);
        Assert.Contains("\"id\": \"mini\"", one, StringComparison.Ordinal);
        Assert.Contains("\"version\": \"1.0.0\"", one, StringComparison.Ordinal);
        Assert.Contains("\"hash\": \"" + Pack.ContentHash + "\"", one, StringComparison.Ordinal);
        Assert.StartsWith("sha256:", Pack.ContentHash, StringComparison.Ordinal);
    }

    [Fact]
    public void An_answer_of_the_wrong_type_is_refused_rather_than_misread()
    {
        var ex = Assert.Throws<ArgumentException>(() => Classifier.Classify(Pack, Answers(("q.ai", Answer.Option("yes"))), At));
        Assert.Contains("q.ai", ex.Message, StringComparison.Ordinal);
    }
}
