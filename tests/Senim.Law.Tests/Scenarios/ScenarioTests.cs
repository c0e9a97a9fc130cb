using System.Globalization;
using Senim.Law.Engine;
using Senim.Law.Systems;
using Senim.Law.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Senim.Law.Tests.Scenarios;

/// <summary>
/// The table of law scenarios in Scenarios/*.yaml: each case starts from an example system (or
/// from scratch), changes some answers, and states what the law says, citing the article it checks.
/// </summary>
public class ScenarioTests
{
    public sealed record Scenario(
        string File,
        string Name,
        string Article,
        string? Example,
        string Law,
        DateOnly At,
        IReadOnlyDictionary<string, List<string>> Set,
        IReadOnlyList<string> Unset,
        IReadOnlyDictionary<string, string> Expect,
        IReadOnlyList<string> Obligations,
        IReadOnlyList<string> NotObligations,
        IReadOnlyList<string> Rights,
        IReadOnlyList<string> NotRights,
        IReadOnlyDictionary<string, string> ObligationStates,
        IReadOnlyDictionary<string, string> ObligationEffective,
        IReadOnlyDictionary<string, string> InForce,
        IReadOnlyList<string> NextSteps,
        IReadOnlyList<string> NotNextSteps,
        IReadOnlyList<string> Documents,
        IReadOnlyList<string> Open,
        bool? Complete)
    {
        public override string ToString() => $"{Name} [{Article}]";
    }

    private static readonly string Folder = Path.Combine(RepoLaw.Root, "tests", "Senim.Law.Tests", "Scenarios");

    public static TheoryData<Scenario> All()
    {
        var data = new TheoryData<Scenario>();
        foreach (var file in Directory.EnumerateFiles(Folder, "*.yaml").Order(StringComparer.Ordinal))
        {
            foreach (var scenario in Read(file))
            {
                data.Add(scenario);
            }
        }

        return data;
    }

    [Fact]
    public void There_are_at_least_sixty_scenarios_and_each_cites_an_article()
    {
        var all = All().Select(row => (Scenario)row.Data).ToList();
        Assert.True(all.Count >= 60, $"only {all.Count} scenarios");
        Assert.All(all, s => Assert.False(string.IsNullOrWhiteSpace(s.Article), s.Name));
        Assert.Equal(all.Count, all.Select(s => s.Name).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(All))]
    public void Scenario_holds(Scenario scenario)
    {
        var library = RepoLaw.Library;
        var answers = AnswerSet.Empty;
        if (scenario.Example is { } example)
        {
            var path = Path.Combine(RepoLaw.Examples, example + ".yaml");
            // Examples are written as at the day the scenarios were set; a scenario may then apply the law at another date.
            answers = SystemDescriptions.Read(path, File.ReadAllBytes(path), library, new DateOnly(2026, 11, 25)).Answers;
        }

        foreach (var (id, values) in scenario.Set)
        {
            // A former id (alias) is resolved as a system description would resolve it.
            var question = library.FindQuestion(id);
            Assert.True(question is not null, $"{scenario}: unknown question {id}");
            var answer = AnswerParsing.Parse(question, values, question.Type == Senim.Law.Packs.QuestionType.AnyOf, scenario.At, out var error);
            Assert.True(answer is not null, $"{scenario}: {id}: {error}");
            answers = answers.With(question.Id, answer);
        }

        foreach (var id in scenario.Unset)
        {
            answers = answers.With(id, null);
        }

        var result = Classifier.Classify(library.Select(scenario.Law), answers, scenario.At);
        var packs = result.Packs;

        foreach (var (id, expected) in scenario.Expect)
        {
            if (id == "prohibited")
            {
                var actual = string.Join(",", packs.SelectMany(p => p.Prohibited).Select(v => v.Id).Order(StringComparer.Ordinal));
                Assert.True(expected == actual, $"{scenario}: prohibited: expected [{expected}], got [{actual}]");
                Assert.Equal(actual.Length > 0, result.HasProhibited);
                continue;
            }

            if (id == "upcoming_prohibited")
            {
                var actual = string.Join(",", packs.SelectMany(p => p.UpcomingProhibited).Select(v => $"{v.Value.Id}@{v.From:yyyy-MM-dd}").Order(StringComparer.Ordinal));
                Assert.True(expected == actual, $"{scenario}: upcoming_prohibited: expected [{expected}], got [{actual}]");
                continue;
            }

            var outcome = packs.Select(p => p.Find(id)).SingleOrDefault(o => o is not null);
            Assert.True(outcome is not null, $"{scenario}: no conclusion {id}");
            var value = Describe(outcome!);
            Assert.True(expected == value, $"{scenario}: {id}: expected {expected}, got {value} (fired: {string.Join(", ", outcome!.Fired.Select(f => f.Rule.Id))})");
        }

        var obligations = packs.SelectMany(p => p.Obligations).ToDictionary(o => o.Obligation.Id);
        foreach (var id in scenario.Obligations)
        {
            Assert.True(obligations.ContainsKey(id), $"{scenario}: obligation {id} should apply; got {string.Join(", ", obligations.Keys)}");
        }

        foreach (var id in scenario.NotObligations)
        {
            Assert.False(obligations.ContainsKey(id), $"{scenario}: obligation {id} should not apply");
        }

        var rights = packs.SelectMany(p => p.Rights).ToDictionary(o => o.Obligation.Id);
        foreach (var id in scenario.Rights)
        {
            Assert.True(rights.ContainsKey(id), $"{scenario}: right {id} should be shown; got {string.Join(", ", rights.Keys)}");
        }

        foreach (var id in scenario.NotRights)
        {
            Assert.False(rights.ContainsKey(id), $"{scenario}: right {id} should not be shown");
        }

        foreach (var (id, state) in scenario.ObligationStates)
        {
            Assert.True(obligations.TryGetValue(id, out var o), $"{scenario}: obligation {id} missing");
            Assert.True(state == ResultJson.StateName(o!.State), $"{scenario}: obligation {id}: expected {state}, got {ResultJson.StateName(o.State)}");
        }

        foreach (var (id, date) in scenario.ObligationEffective)
        {
            Assert.True(obligations.TryGetValue(id, out var o), $"{scenario}: obligation {id} missing");
            Assert.True(date == o!.Effective.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), $"{scenario}: obligation {id}: effective {o.Effective:yyyy-MM-dd}, expected {date}");
        }

        foreach (var (packId, inForce) in scenario.InForce)
        {
            var pack = packs.SingleOrDefault(p => p.Pack.Pack.Id == packId);
            Assert.True(pack is not null, $"{scenario}: pack {packId} not applied");
            Assert.True((inForce == "yes") == pack.InForce, $"{scenario}: pack {packId} in force should be {inForce}");
        }

        var steps = packs.SelectMany(p => p.NextSteps).Where(n => n.State == Applicability.Applies).Select(n => n.Step.Id).ToHashSet();
        foreach (var id in scenario.NextSteps)
        {
            Assert.True(steps.Contains(id), $"{scenario}: next step {id} expected; got {string.Join(", ", steps)}");
        }

        foreach (var id in scenario.NotNextSteps)
        {
            Assert.False(steps.Contains(id), $"{scenario}: next step {id} not expected");
        }

        var documents = packs.SelectMany(p => p.Documents).Select(d => d.Document.Id).ToHashSet();
        foreach (var id in scenario.Documents)
        {
            Assert.True(documents.Contains(id), $"{scenario}: document {id} expected; got {string.Join(", ", documents)}");
        }

        var open = packs.SelectMany(p => p.OpenQuestions).Select(q => q.Id).ToHashSet();
        foreach (var id in scenario.Open)
        {
            Assert.True(open.Contains(id), $"{scenario}: {id} should be an open question; open: {string.Join(", ", open)}");
        }

        if (scenario.Complete is { } complete)
        {
            Assert.True(complete == result.IsComplete, $"{scenario}: complete should be {complete}; open: {string.Join(", ", open)}");
        }
    }

    /// <summary>yes/no for flags, the value id for levels, a,b for sets, n/a, or ? while undetermined.</summary>
    private static string Describe(ConclusionOutcome outcome)
    {
        if (outcome.IsNotApplicable)
        {
            return "n/a";
        }

        if (!outcome.IsDetermined)
        {
            return "?";
        }

        return outcome.Conclusion.Type switch
        {
            Senim.Law.Packs.ConclusionType.Flag => outcome.Flag == true ? "yes" : "no",
            _ => string.Join(",", outcome.Values.Select(v => v.Id).Order(StringComparer.Ordinal)),
        };
    }

    private static IEnumerable<Scenario> Read(string file)
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(file)));
        var name = Path.GetFileName(file);
        foreach (var node in ((YamlSequenceNode)yaml.Documents[0].RootNode).Children.Cast<YamlMappingNode>())
        {
            string? Scalar(string key) => node.Children.TryGetValue(key, out var v) ? ((YamlScalarNode)v).Value : null;
            List<string> List(string key) => node.Children.TryGetValue(key, out var v)
                ? v is YamlSequenceNode s ? [.. s.Children.Select(c => ((YamlScalarNode)c).Value!)] : [((YamlScalarNode)v).Value!]
                : [];
            Dictionary<string, string> Map(string key) => node.Children.TryGetValue(key, out var v)
                ? ((YamlMappingNode)v).Children.ToDictionary(kv => ((YamlScalarNode)kv.Key).Value!, kv => kv.Value is YamlSequenceNode seq
                    ? string.Join(",", seq.Children.Select(c => ((YamlScalarNode)c).Value!).Order(StringComparer.Ordinal))
                    : ((YamlScalarNode)kv.Value).Value ?? "")
                : [];
            var set = new Dictionary<string, List<string>>();
            if (node.Children.TryGetValue("set", out var setNode))
            {
                foreach (var (k, v) in ((YamlMappingNode)setNode).Children)
                {
                    set[((YamlScalarNode)k).Value!] = v is YamlSequenceNode seq ? [.. seq.Children.Select(c => ((YamlScalarNode)c).Value!)] : [((YamlScalarNode)v).Value!];
                }
            }

            var complete = Scalar("complete");
            yield return new Scenario(
                name,
                Scalar("name") ?? throw new InvalidDataException($"{name}: a scenario needs a name"),
                Scalar("article") ?? "",
                Scalar("example"),
                Scalar("law") ?? "all",
                DateOnly.ParseExact(Scalar("at") ?? "2026-11-25", "yyyy-MM-dd", CultureInfo.InvariantCulture),
                set,
                List("unset"),
                Map("expect"),
                List("obligations"),
                List("not_obligations"),
                List("rights"),
                List("not_rights"),
                Map("obligation_states"),
                Map("obligation_effective"),
                Map("in_force"),
                List("next_steps"),
                List("not_next_steps"),
                List("documents"),
                List("open"),
                complete is null ? null : complete == "true");
        }
    }
}
