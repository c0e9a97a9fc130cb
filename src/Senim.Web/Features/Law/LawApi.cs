using Senim.Law.Engine;

namespace Senim.Web.Features.Law;

/// <summary>/api/v1/law: the packs and their questions, so API clients know which answers to send.</summary>
public static class LawApi
{
    public sealed record PackSummary(string Id, string Version, string Hash, string Jurisdiction, string Title, string Act, string InForce, int Questions, int Rules, int Obligations);

    public sealed record OptionView(string Id, string Text);

    public sealed record QuestionView(string Id, string Step, string Type, string Text, string? Help, IReadOnlyList<OptionView> Options, string? AskIf, IReadOnlyList<string> Articles, string Status);

    public sealed record StepView(string Id, string Title, IReadOnlyList<QuestionView> Questions);

    public sealed record ConclusionView(string Id, string Type, string Title, IReadOnlyList<OptionView> Values);

    public sealed record PackDetail(PackSummary Pack, IReadOnlyList<StepView> Steps, IReadOnlyList<ConclusionView> Conclusions);

    public static IEndpointRouteBuilder MapLawApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/law").WithTags("Law packs");
        group.MapGet("/packs", ListPacks)
            .Describe("ListPacks", "List the law packs Senim applies, with their versions and content hashes.");
        group.MapGet("/packs/{id}", GetPack)
            .Describe("GetPack", "One pack's steps, questions (ids, answer types, options) and conclusions, in the requested language (lang=kk|ru|en).", 404);
        return app;
    }

    private static Ok<PackSummary[]> ListPacks(LawLibrary library, HttpContext context)
    {
        var language = RequestLanguage.Get(context);
        return TypedResults.Ok(library.Packs.Select(p => Summary(p, language)).ToArray());
    }

    private static Results<Ok<PackDetail>, ProblemHttpResult> GetPack(string id, string? lang, LawLibrary library, HttpContext context)
    {
        var pack = library.Find(id);
        if (pack is null)
        {
            return TypedResults.Problem(statusCode: 404, title: "No such law pack", detail: $"There is no pack '{id}'. Packs: {string.Join(", ", library.Packs.Select(p => p.Pack.Id))}.");
        }

        var language = RequestLanguage.FromQuery(lang, context);
        var p = pack.Pack;
        var steps = p.Steps.Select(s => new StepView(s.Id, s.Title[language], [.. p.Questions.Where(q => q.Step == s.Id).Select(q => new QuestionView(
            q.Id, q.Step, q.Type.Code(), q.Text[language], q.Help?[language],
            [.. q.Options.Select(o => new OptionView(o.Id, o.Text[language]))], q.AskIf, q.Articles, q.Status.Code()))])).ToArray();
        var conclusions = p.Conclusions.Select(c => new ConclusionView(c.Id, c.Type.ToString().ToLowerInvariant(), c.Title[language],
            [.. c.Values.Select(v => new OptionView(v.Id, v.Text[language]))])).ToArray();
        return TypedResults.Ok(new PackDetail(Summary(pack, language), steps, conclusions));
    }

    private static PackSummary Summary(CompiledPack pack, Language language)
    {
        var p = pack.Pack;
        return new PackSummary(p.Id, p.Header.Version, pack.ContentHash, p.Header.Jurisdiction, p.Header.Title[language], p.Header.Act[language],
            p.Header.InForce.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), p.Questions.Count, p.Rules.Count, p.Obligations.Count);
    }
}
