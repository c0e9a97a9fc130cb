using System.Globalization;
using Senim.Law.Packs;
using Senim.Law.Systems;
using Senim.Law.Texts;

namespace Senim.Cli;

/// <summary>`senim law show`: a readable listing of what a pack asks and concludes.</summary>
internal static class LawShow
{
    public static int Run(CliContext context, string? lawText, string? langText, string? lawDir)
    {
        var root = LawCommands.ResolveRoot(context, lawDir);
        if (root is null || LawCommands.TryLoad(context, root) is not { } library)
        {
            return ExitCodes.InvalidInput;
        }

        var errors = new List<InputError>();
        var lang = ClassificationOptions.ParseLanguage(langText, "--lang", errors);
        var law = ClassificationOptions.ParseLaw(lawText, "--law", library, errors);
        if (errors.Count > 0)
        {
            errors.ForEach(e => context.Error.WriteLine("  " + e));
            return ExitCodes.InvalidInput;
        }

        var o = context.Output;
        foreach (var compiled in library.Select(law))
        {
            var pack = compiled.Pack;
            string Cite(IReadOnlyList<string> ids) => string.Join(", ", ids.Select(id => compiled.FindArticle(id)?.Cite[lang] ?? id));

            o.WriteLine($"{pack.Header.Title[lang]}");
            o.WriteLine($"  {pack.Header.Act[lang]}");
            o.WriteLine($"  pack {pack.Id} {pack.Header.Version}, in force {pack.Header.InForce.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}, {compiled.ContentHash}");
            o.WriteLine();
            foreach (var step in pack.Steps)
            {
                o.WriteLine($"## {step.Title[lang]}");
                foreach (var q in pack.Questions.Where(q => q.Step == step.Id))
                {
                    var aliases = q.Aliases.Count > 0 ? $"  (also read as {string.Join(", ", q.Aliases)})" : "";
                    o.WriteLine($"  {q.Id}  ({AnswerParsing.Expected(q)})  [{q.Status.Code()}] {Cite(q.Articles)}{aliases}");
                    o.WriteLine($"      {q.Text[lang]}");
                    foreach (var option in q.Options)
                    {
                        o.WriteLine($"        {option.Id}: {option.Text[lang]}");
                    }

                    if (q.AskIf is { } askIf)
                    {
                        o.WriteLine($"      ask if: {askIf}");
                    }
                }

                o.WriteLine();
            }

            o.WriteLine($"## {Vocabulary.Get("conclusions", lang)}");
            foreach (var c in pack.Conclusions)
            {
                var values = c.Values.Count > 0 ? " = " + string.Join(" | ", c.Values.Select(v => v.Effective is { } from ? $"{v.Id} (from {from})" : v.Id)) : " = yes | no";
                o.WriteLine($"  {c.Id} ({c.Type.ToString().ToLowerInvariant()}){values}  [{c.Status.Code()}] {Cite(c.Articles)}");
                o.WriteLine($"      {c.Title[lang]}; {pack.Rules.Count(r => r.Conclusion == c.Id)} rule(s)");
            }

            o.WriteLine();
            o.WriteLine($"## {Vocabulary.Get("obligations", lang)}");
            foreach (var ob in pack.Obligations)
            {
                var scope = string.Join("; ", new[]
                {
                    ob.Roles.Count > 0 ? "roles " + string.Join(",", ob.Roles) : null,
                    ob.Tiers.Count > 0 ? "tiers " + string.Join(",", ob.Tiers) : null,
                    ob.AppliesWhen is { } w ? "when " + w : null,
                    "from " + string.Join(" or ", ob.Effective.Select(e => e.When is { } when ? $"{e.Date} if {when}" : e.Date)),
                }.Where(x => x is not null));
                o.WriteLine($"  {ob.Id}  [{ob.Status.Code()}] {Cite(ob.Articles)}");
                o.WriteLine($"      {ob.Title[lang]} ({scope})");
            }

            foreach (var fine in pack.Fines)
            {
                o.WriteLine();
                o.WriteLine($"## {fine.Title[lang]}  [{fine.Status.Code()}] {Cite(fine.Articles)}");
                foreach (var row in fine.Rows)
                {
                    o.WriteLine(FormattableString.Invariant($"  {row.Offender[lang]}: {row.First} / {row.Repeat} {fine.Unit}{(row.RepeatNote is { } note ? " (" + note[lang] + ")" : "")}"));
                }

                foreach (var unit in fine.UnitValues)
                {
                    o.WriteLine(FormattableString.Invariant($"  1 {fine.Unit} ({unit.Year}) = {unit.Amount} {unit.Currency} [{unit.Status.Code()}]"));
                }
            }

            foreach (var step in pack.Process)
            {
                if (step == pack.Process[0])
                {
                    o.WriteLine();
                }

                var basis = step.Basis == ProcessBasis.Statutory ? "statutory" : "platform policy";
                o.WriteLine($"  process {step.Id} ({basis}) [{step.Status.Code()}] {Cite(step.Articles)}: {step.Title[lang]}");
            }

            o.WriteLine();
        }

        return ExitCodes.Ok;
    }
}
