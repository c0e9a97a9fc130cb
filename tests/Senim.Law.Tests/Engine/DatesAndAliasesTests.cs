using Senim.Law.Engine;
using Senim.Law.Packs;
using Senim.Law.Tests.Support;
using Senim.Law.Texts;

namespace Senim.Law.Tests.Engine;

/// <summary>
/// Dates in force (a pack, each prohibition, each obligation with its dated cases) and former
/// question ids, on the mini pack (in force 2026-01-18) with a few additions.
/// </summary>
public class DatesAndAliasesTests
{
    private static readonly string Body = MiniPack.Body
        .Replace("      - {id: B2, text: {kk: Б2, ru: Б2, en: B2}}", "      - {id: B2, text: {kk: Б2, ru: Б2, en: B2}, effective: 2027-01-01}", StringComparison.Ordinal)
        .Replace("    tags: [harm]\n    articles: [a2]\n    status: T\n  - id: q.moderate", "    tags: [harm]\n    aliases: [q.sev_old]\n    articles: [a2]\n    status: T\n  - id: q.moderate", StringComparison.Ordinal)
        .Replace("documents:\n", """
              - id: o.cases
                title: {kk: Күндер, ru: Даты, en: Dated}
                text: {kk: Мәтін, ru: Текст, en: Text}
                tiers: [medium, high]
                effective:
                  - date: 2026-09-01
                    when: q.moderate = yes
                  - date: 2027-06-01
                    when: q.severe = yes
                articles: [a2]
                status: T
              - id: o.early
                title: {kk: Ерте, ru: Рано, en: Early}
                text: {kk: Мәтін, ru: Текст, en: Text}
                effective: 2025-01-01
                articles: [a2]
                status: T
            documents:

            """.Replace("            ", "", StringComparison.Ordinal), StringComparison.Ordinal);

    private static readonly LawLibrary Library = MiniPack.Load(Body);
    private static readonly CompiledPack Pack = Library.Packs[0];

    private static AnswerSet Answers(bool? severe = false, bool? moderate = false, params string[] bad)
    {
        var answers = new List<KeyValuePair<string, Answer>>
        {
            new("q.ai", Answer.Of(true)),
            new("mini.role", Answer.Options("owner")),
            new("q.bad", Answer.Options(bad)),
            new("q.review", Answer.Date(new DateOnly(2026, 1, 1))),
        };
        if (severe is { } s)
        {
            answers.Add(new("q.severe", Answer.Of(s)));
        }

        if (moderate is { } m)
        {
            answers.Add(new("q.moderate", Answer.Of(m)));
        }

        return new AnswerSet(answers);
    }

    private static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static ObligationOutcome Obligation(PackResult result, string id) => result.Obligations.Single(o => o.Obligation.Id == id);

    [Fact]
    public void Before_the_pack_is_in_force_a_prohibition_is_upcoming_and_nothing_is_prohibited()
    {
        var result = Classifier.Classify(Pack, Answers(bad: "b1"), D("2026-01-17"));
        Assert.False(result.InForce);
        Assert.Equal(D("2026-01-18"), result.InForceFrom);
        Assert.Empty(result.Prohibited);
        var upcoming = Assert.Single(result.UpcomingProhibited);
        Assert.Equal(("B1", D("2026-01-18")), (upcoming.Value.Id, upcoming.From));
        Assert.Equal("r.b1", Assert.Single(upcoming.Fired).Rule.Id);
        var banned = result.Find("mini.banned")!;
        Assert.True(banned.IsDetermined);
        Assert.Empty(banned.Fired);
        // The stop step reads the set as it stands at the date: nobody is told to stop yet.
        Assert.DoesNotContain(result.NextSteps, n => n.Step.Id == "n.stop");
        Assert.False(Classifier.Classify([Pack], Answers(bad: "b1"), D("2026-01-17")).HasProhibited);
    }

    [Fact]
    public void On_the_day_the_pack_is_in_force_the_prohibition_applies()
    {
        var result = Classifier.Classify(Pack, Answers(bad: "b1"), D("2026-01-18"));
        Assert.True(result.InForce);
        Assert.Equal("B1", Assert.Single(result.Prohibited).Id);
        Assert.Empty(result.UpcomingProhibited);
        Assert.Contains(result.NextSteps, n => n.Step.Id == "n.stop");
        Assert.True(Classifier.Classify([Pack], Answers(bad: "b1"), D("2026-01-18")).HasProhibited);
    }

    [Theory]
    [InlineData("2026-12-31", false)]
    [InlineData("2027-01-01", true)]
    public void A_prohibition_with_its_own_later_date_honours_it(string at, bool prohibited)
    {
        var result = Classifier.Classify(Pack, Answers(bad: "b2"), D(at));
        Assert.True(result.InForce);
        Assert.Equal(prohibited, result.Prohibited.Any(v => v.Id == "B2"));
        Assert.Equal(!prohibited, result.UpcomingProhibited.Any(v => v.Value.Id == "B2" && v.From == D("2027-01-01")));
    }

    [Fact]
    public void An_unanswered_rule_for_a_later_prohibition_is_an_open_question_not_a_member()
    {
        var answers = Answers().With("q.bad", null);
        var result = Classifier.Classify(Pack, answers, D("2026-06-01"));
        var banned = result.Find("mini.banned")!;
        Assert.False(banned.IsDetermined);
        Assert.Equal("B1", Assert.Single(banned.Possible).Id);
        Assert.Equal("B2", Assert.Single(banned.UpcomingPossible).Value.Id);
        Assert.Contains(result.OpenQuestions, q => q.Id == "q.bad");
        Assert.False(result.IsComplete);
    }

    [Fact]
    public void No_obligation_applies_before_its_pack_is_in_force_whatever_date_it_names()
    {
        var before = Obligation(Classifier.Classify(Pack, Answers(), D("2026-01-17")), "o.early");
        Assert.Equal((Applicability.Upcoming, D("2026-01-18")), (before.State, before.Effective));
        var after = Obligation(Classifier.Classify(Pack, Answers(), D("2026-01-18")), "o.early");
        Assert.Equal(Applicability.Applies, after.State);
    }

    [Theory]
    [InlineData(false, true, "2026-09-01")]
    [InlineData(true, false, "2027-06-01")]
    [InlineData(true, true, "2026-09-01")]
    public void An_obligation_applies_from_the_earliest_date_whose_condition_holds(bool severe, bool moderate, string effective)
    {
        var outcome = Obligation(Classifier.Classify(Pack, Answers(severe, moderate), D("2026-10-01")), "o.cases");
        Assert.Equal(D(effective), outcome.Effective);
        Assert.Equal(D(effective) <= D("2026-10-01") ? Applicability.Applies : Applicability.Upcoming, outcome.State);
        Assert.Contains(outcome.Because, i => i.Id == "q.moderate");
    }

    [Fact]
    public void An_unanswered_condition_that_could_bring_the_date_forward_leaves_the_state_open()
    {
        var result = Classifier.Classify(Pack, Answers(severe: true, moderate: null), D("2026-10-01"));
        var outcome = Obligation(result, "o.cases");
        Assert.Equal(Applicability.Undetermined, outcome.State);
        Assert.Contains(result.OpenQuestions, q => q.Id == "q.moderate");
    }

    [Fact]
    public void An_unanswered_condition_that_cannot_change_the_state_is_not_asked_for()
    {
        // Both dates are after the classification date: upcoming either way.
        var result = Classifier.Classify(Pack, Answers(severe: true, moderate: null), D("2026-06-01"));
        var outcome = Obligation(result, "o.cases");
        Assert.Equal((Applicability.Upcoming, D("2027-06-01")), (outcome.State, outcome.Effective));
        Assert.DoesNotContain(result.OpenQuestions, q => q.Id == "q.moderate");
    }

    [Fact]
    public void An_answer_under_a_former_id_answers_the_question()
    {
        var answers = new AnswerSet([new("q.ai", Answer.Of(true)), new("q.sev_old", Answer.Of(true))]);
        var result = Classifier.Classify(Pack, answers, D("2026-06-01"));
        Assert.Equal("high", Assert.Single(result.Tier!.Values).Id);
        Assert.Equal("q.severe", Library.FindQuestion("q.sev_old")!.Id);
        Assert.Equal("q.severe", Pack.FindQuestionOrAlias("q.sev_old")!.Id);
        Assert.Null(Pack.FindQuestion("q.sev_old"));
        Assert.Null(Library.FindQuestion("q.nothing"));
    }

    [Fact]
    public void The_current_id_wins_over_a_former_one()
    {
        var answers = new AnswerSet([new("q.ai", Answer.Of(true)), new("q.severe", Answer.Of(false)), new("q.sev_old", Answer.Of(true)), new("q.moderate", Answer.Of(false))]);
        var result = Classifier.Classify(Pack, answers, D("2026-06-01"));
        Assert.Equal("low", Assert.Single(result.Tier!.Values).Id);
    }

    [Fact]
    public void Answers_to_questions_of_packs_not_applied_are_listed_not_dropped()
    {
        var answers = Answers().With("zz.other", Answer.Of(true)).With("q.sev_old", Answer.Of(true));
        var result = Classifier.Classify([Pack], answers, D("2026-06-01"));
        Assert.Equal(["zz.other"], result.OtherLawAnswers);
        Assert.Empty(Classifier.Classify([Pack], Answers(), D("2026-06-01")).OtherLawAnswers);
    }

    [Fact]
    public void The_json_result_carries_the_dates_and_stays_additive()
    {
        var json = ResultJson.ToJson(Classifier.Classify([Pack], Answers(bad: "b1").With("zz.other", Answer.Of(true)), D("2026-01-17")), null, Language.En);
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        var root = doc.RootElement;
        Assert.False(root.GetProperty("prohibited").GetBoolean());
        Assert.Equal("zz.other", Assert.Single(root.GetProperty("other_law_answers").EnumerateArray()).GetString());
        var pack = root.GetProperty("results")[0];
        Assert.Equal("2026-01-18", pack.GetProperty("pack").GetProperty("in_force_from").GetString());
        Assert.False(pack.GetProperty("in_force").GetBoolean());
        Assert.Empty(pack.GetProperty("prohibited").EnumerateArray());
        var upcoming = Assert.Single(pack.GetProperty("upcoming_prohibited").EnumerateArray());
        Assert.Equal("2026-01-18", upcoming.GetProperty("from").GetString());
        var banned = pack.GetProperty("conclusions").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "mini.banned");
        Assert.Empty(banned.GetProperty("values").EnumerateArray());
        Assert.Empty(banned.GetProperty("trace").EnumerateArray());
        var entry = Assert.Single(banned.GetProperty("upcoming").EnumerateArray());
        Assert.Equal(("B1", "upcoming"), (entry.GetProperty("id").GetString(), entry.GetProperty("state").GetString()));
        Assert.Equal("r.b1", Assert.Single(entry.GetProperty("trace").EnumerateArray()).GetProperty("rule").GetString());
    }

    [Fact]
    public void A_pack_with_dated_cases_saves_and_reloads_unchanged()
    {
        var files = PackWriter.Write(Pack.Pack).Select(f => ($"mini/{f.FileName}", f.Text));
        var reloaded = LawLibrary.FromFiles(files).Packs.Single();
        Assert.Equal(Pack.ContentHash, reloaded.ContentHash);
        Assert.Equal(2, reloaded.Pack.Obligations.Single(o => o.Id == "o.cases").Effective.Count);
        Assert.Equal(["q.sev_old"], reloaded.Pack.Questions.Single(q => q.Id == "q.severe").Aliases);
    }
}
