using Senim.Law.Engine;
using Senim.Law.Tests.Support;

namespace Senim.Law.Tests;

public class SmokeTests
{
    [Fact]
    public void Mini_pack_loads_and_classifies()
    {
        var library = MiniPack.Load();
        var pack = Assert.Single(library.Packs);
        var answers = new AnswerSet([
            new("q.ai", Answer.Of(true)), new("mini.role", Answer.Options("owner")),
            new("q.severe", Answer.Of(true)), new("q.moderate", Answer.Of(false)), new("q.bad", Answer.Options()),
            new("q.review", Answer.Date(new DateOnly(2025, 1, 1)))]);
        var result = Classifier.Classify(pack, answers, new DateOnly(2026, 6, 1));
        Assert.True(result.IsComplete, string.Join(",", result.OpenQuestions.Select(q => q.Id)));
        Assert.Equal("high", Assert.Single(result.Tier!.Values).Id);
        Assert.True(result.Find("mini.overdue")!.Flag);
    }
}
