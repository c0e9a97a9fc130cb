using CsCheck;
using Senim.Law.Engine;
using Senim.Law.Packs;
using Senim.Law.Tests.Support;

namespace Senim.Law.Tests.Packs;

/// <summary>Properties of the real law packs, checked over generated inputs.</summary>
public class PackPropertyTests
{
    private static readonly DateOnly At = new(2026, 11, 25);

    [Fact]
    public void The_real_packs_and_crosswalks_load_and_validate()
    {
        var library = RepoLaw.Library;
        Assert.Contains(library.Packs, p => p.Pack.Id == "kz-230");
        Assert.Contains(library.Packs, p => p.Pack.Id == "eu-ai-act");
    }

    [Fact]
    public void Answering_yes_to_more_harm_questions_never_lowers_the_tier()
    {
        var pack = RepoLaw.Library.Find("kz-230")!;
        var harm = pack.Pack.Questions.Where(q => q.Tags.Contains("harm")).ToList();
        Assert.True(harm.Count >= 3, "the KZ pack tags its failure-consequence questions 'harm'");
        var tierValues = pack.FindConclusion(pack.Pack.Header.TierConclusion!)!.Values.Select(v => v.Id).ToList();
        var baseAnswers = new AnswerSet([
            new("kz.scope.informatization_object", Answer.Of(true)),
            new("kz.scope.model", Answer.Of(true)),
            new("kz.infosec.critical_ict", Answer.Of(false)),
            new("kz.infosec.state_resource", Answer.Of(false)),
        ]);

        // Each harm question's answer as a bit mask: yes-no uses one bit, any-of one bit per option.
        int Width(Question q) => q.Type == QuestionType.AnyOf ? q.Options.Count : 1;
        var totalBits = harm.Sum(Width);

        AnswerSet Build(long bits)
        {
            var answers = baseAnswers;
            var offset = 0;
            foreach (var q in harm)
            {
                var width = Width(q);
                var mine = (bits >> offset) & ((1L << width) - 1);
                answers = answers.With(q.Id, q.Type == QuestionType.AnyOf
                    ? Answer.Options(q.Options.Where((_, i) => (mine & (1L << i)) != 0).Select(o => o.Id))
                    : Answer.Of(mine != 0));
                offset += width;
            }

            return answers;
        }

        int Tier(long bits)
        {
            var result = Classifier.Classify(pack, Build(bits), At);
            Assert.True(result.Tier!.IsDetermined, "every harm question is answered, so the tier is determined");
            return tierValues.IndexOf(result.Tier.Values[0].Id);
        }

        Gen.Long[0, (1L << totalBits) - 1].Select(Gen.Int[0, totalBits - 1]).Sample((bits, extra) =>
        {
            var more = bits | (1L << extra);
            return Tier(more) >= Tier(bits);
        }, iter: 2000);
    }

    [Fact]
    public void Every_pack_loads_saves_and_reloads_unchanged()
    {
        foreach (var compiled in RepoLaw.Library.Packs)
        {
            var pack = compiled.Pack;
            var files = PackWriter.Write(pack).Select(f => ($"{pack.Id}/{f.FileName}", f.Text));
            var reloaded = LawLibrary.FromFiles(files).Packs.Single();
            Assert.Equal(PackWriter.Canonical(pack), PackWriter.Canonical(reloaded.Pack));
            Assert.Equal(compiled.ContentHash, reloaded.ContentHash);
            Assert.Empty(Diff.PackDiff.Compare(pack, reloaded.Pack));
            Assert.Equal(pack.Questions.Count, reloaded.Pack.Questions.Count);
            Assert.Equal(pack.Rules.Select(r => r.When), reloaded.Pack.Rules.Select(r => r.When));
        }
    }

    [Fact]
    public void Crosswalks_save_and_reload_unchanged()
    {
        foreach (var crosswalk in RepoLaw.Library.Crosswalks)
        {
            var text = PackWriter.Write(crosswalk);
            var files = RepoLaw.Library.Packs.SelectMany(p => PackWriter.Write(p.Pack).Select(f => ($"{p.Pack.Id}/{f.FileName}", f.Text)))
                .Append(($"{LawLibrary.CrosswalkFolder}/{crosswalk.Id}.yaml", text));
            var reloaded = LawLibrary.FromFiles(files).Crosswalks.Single();
            Assert.Equal(text, PackWriter.Write(reloaded));
        }
    }

    [Fact]
    public void A_changed_text_changes_the_content_hash_but_formatting_does_not()
    {
        var pack = RepoLaw.Library.Find("kz-230")!.Pack;
        var files = PackWriter.Write(pack).Select(f => ($"{pack.Id}/{f.FileName}", f.Text)).ToList();
        var reformatted = files.Select(f => (f.Item1, "# a comment\n" + f.Item2.Replace("\n", "\n\n", StringComparison.Ordinal))).ToList();
        Assert.Equal(PackWriter.ContentHash(pack), LawLibrary.FromFiles(reformatted).Packs.Single().ContentHash);

        var edited = files.Select(f => f.Item1.EndsWith("rules.yaml", StringComparison.Ordinal)
            ? (f.Item1, f.Item2.Replace("kz.risk.emergency = yes", "kz.risk.emergency = yes or kz.risk.harm = yes", StringComparison.Ordinal))
            : f).ToList();
        Assert.NotEqual(PackWriter.ContentHash(pack), LawLibrary.FromFiles(edited).Packs.Single().ContentHash);
    }

    [Fact]
    public void Every_item_cites_articles_that_exist_in_its_pack()
    {
        foreach (var compiled in RepoLaw.Library.Packs)
        {
            var pack = compiled.Pack;
            var cited = pack.Rules.Select(r => (r.Id, r.Articles))
                .Concat(pack.Obligations.Select(o => (o.Id, o.Articles)))
                .Concat(pack.Questions.Select(q => (q.Id, q.Articles)))
                .Concat(pack.Documents.Select(d => (d.Id, d.Articles)))
                .Concat(pack.NextSteps.Select(n => (n.Id, n.Articles)));
            foreach (var (id, articles) in cited)
            {
                Assert.NotEmpty(articles);
                Assert.All(articles, a => Assert.True(compiled.FindArticle(a) is not null, $"{pack.Id}: {id} cites missing article {a}"));
            }
        }
    }

    [Fact]
    public void Every_kz_prohibition_and_obligation_has_an_eu_counterpart_entry()
    {
        var crosswalk = Assert.Single(RepoLaw.Library.Crosswalks, c => c.From == "kz-230" && c.To == "eu-ai-act");
        var kz = RepoLaw.Library.Find("kz-230")!.Pack;
        var mapped = crosswalk.Entries.Select(e => e.From).ToHashSet();
        Assert.All(kz.Obligations, o => Assert.Contains(o.Id, mapped));
        Assert.All(Enumerable.Range(1, 7), n => Assert.Contains($"KZ-P{n}", mapped));
    }

    [Fact]
    public void Every_text_exists_in_kazakh_russian_and_english()
    {
        foreach (var compiled in RepoLaw.Library.Packs)
        {
            var pack = compiled.Pack;
            var texts = pack.Questions.SelectMany(q => new[] { q.Text, q.Help }.Concat(q.Options.Select(o => o.Text)))
                .Concat(pack.Rules.Select(r => r.Because))
                .Concat(pack.Obligations.SelectMany(o => new[] { o.Title, o.Text }))
                .Concat(pack.Conclusions.SelectMany(c => c.Values.Select(v => v.Text).Append(c.Title)))
                .Where(t => t is not null);
            foreach (var text in texts)
            {
                Assert.False(string.IsNullOrWhiteSpace(text!.Kk));
                Assert.False(string.IsNullOrWhiteSpace(text.Ru));
                Assert.False(string.IsNullOrWhiteSpace(text.En));
                // Kazakh and Russian texts are written in Cyrillic, not left in English.
                Assert.Matches("[А-Яа-яӘәҒғҚқҢңӨөҰұҮүҺһІі]", text.Kk);
                Assert.Matches("[А-Яа-я]", text.Ru);
            }
        }
    }
}
