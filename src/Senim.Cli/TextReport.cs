using System.Globalization;
using System.Text;
using Senim.Law.Engine;
using Senim.Law.Packs;
using Senim.Law.Systems;
using Senim.Law.Texts;

namespace Senim.Cli;

/// <summary>The plain-text report of `senim classify`: written for a compliance officer, not a parser.</summary>
internal static class TextReport
{
    private const int Width = 100;

    public static string Render(ClassificationResult result, SystemDescription system, Language lang)
    {
        var sb = new StringBuilder();
        string V(string key) => Vocabulary.Get(key, lang);

        sb.AppendLine(V("report.title").ToUpper(CultureInfo.InvariantCulture));
        sb.AppendLine(CultureInfo.InvariantCulture, $"{V("system")}: {system.Name}");
        if (system.Organisation is { } organisation)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"{V("organisation")}: {organisation}");
        }

        sb.AppendLine(CultureInfo.InvariantCulture, $"{V("at")}: {Iso(result.At)}");

        foreach (var pack in result.Packs)
        {
            sb.AppendLine();
            RenderPack(sb, pack, lang);
        }

        if (result.OtherLawAnswers.Count > 0)
        {
            sb.AppendLine();
            Wrap(sb, $"{V("other_law_answers")}: {string.Join(", ", result.OtherLawAnswers)}", 0, 2);
        }

        sb.AppendLine();
        Wrap(sb, V("status.legend"), 0);
        Wrap(sb, V("disclaimer"), 0);
        return sb.ToString();
    }

    private static void RenderPack(StringBuilder sb, PackResult result, Language lang)
    {
        string V(string key) => Vocabulary.Get(key, lang);
        var pack = result.Pack;
        var header = pack.Pack.Header;
        var title = $"== {header.Title[lang]} ({header.Id} {header.Version}) ==";
        sb.AppendLine(title);
        sb.AppendLine(CultureInfo.InvariantCulture, $"   {V("hash")}: {pack.ContentHash}");
        Wrap(sb, result.IsComplete ? V("complete") : Vocabulary.Format("partial", lang, result.OpenQuestions.Count), 3);
        if (!result.InForce)
        {
            Wrap(sb, Vocabulary.Format("not_in_force", lang, Iso(result.At), Iso(result.InForceFrom)), 3);
        }

        if (result.Prohibited.Count > 0)
        {
            sb.AppendLine();
            foreach (var value in result.Prohibited)
            {
                Wrap(sb, $"!! {V("prohibited")}: {value.Id} {value.Text[lang]}{Cites(pack, value.Articles, lang)}", 0, 3);
                if (value.Exception is { } exception)
                {
                    Wrap(sb, $"{V("exception")}: {exception[lang]}", 3);
                }
            }
        }

        if (result.UpcomingProhibited.Count > 0)
        {
            sb.AppendLine();
            foreach (var upcoming in result.UpcomingProhibited)
            {
                var value = upcoming.Value;
                Wrap(sb, $"!! {Vocabulary.Format("prohibited.upcoming", lang, Iso(upcoming.From))}: {value.Id} {value.Text[lang]}{Cites(pack, value.Articles, lang)}", 0, 3);
                Wrap(sb, Vocabulary.Format("prohibited.upcoming.note", lang, Iso(result.At), Iso(upcoming.From)), 3);
                if (value.Exception is { } exception)
                {
                    Wrap(sb, $"{V("exception")}: {exception[lang]}", 3);
                }
            }
        }

        sb.AppendLine();
        sb.AppendLine(V("conclusions"));
        foreach (var outcome in result.Conclusions)
        {
            if (outcome.IsNotApplicable && outcome.Conclusion.Id != header.ScopeConclusion)
            {
                continue;
            }

            Wrap(sb, $"{outcome.Conclusion.Title[lang]}: {ValueText(outcome, lang)}", 2, 4);
            foreach (var value in outcome.Values.Where(v => v.Note is not null))
            {
                Wrap(sb, $"{V("note")}: {value.Note![lang]}", 6);
            }

            foreach (var firing in outcome.Fired)
            {
                Because(sb, pack, firing, lang, 6);
            }

            foreach (var upcoming in outcome.Upcoming)
            {
                Wrap(sb, $"[{Vocabulary.Format("upcoming", lang, Iso(upcoming.From))}] {upcoming.Value.Text[lang]}", 6, 8);
                foreach (var firing in upcoming.Fired)
                {
                    Because(sb, pack, firing, lang, 8);
                }
            }

            foreach (var upcoming in outcome.UpcomingPossible)
            {
                Wrap(sb, $"[{V("undetermined")}; {Vocabulary.Format("upcoming", lang, Iso(upcoming.From))}] {upcoming.Value.Text[lang]}", 6, 8);
            }

            if (outcome.ByDefault && outcome.Conclusion.Type == ConclusionType.Level)
            {
                Wrap(sb, V("by_default"), 6);
            }
        }

        var duties = result.Obligations.Where(o => o.Obligation.Kind != "right").ToList();
        Outcomes(sb, V("obligations"), null, duties, pack, lang);
        Outcomes(sb, V("rights"), V("rights.lead"), result.Rights, pack, lang);

        if (result.Documents.Count > 0)
        {
            sb.AppendLine();
            sb.AppendLine(V("documents"));
            foreach (var d in result.Documents)
            {
                var state = d.State == Applicability.Applies ? "" : $"[{V("undetermined")}] ";
                Wrap(sb, $"- {state}{d.Document.Title[lang]}{Cites(pack, d.Document.Articles, lang)} [{d.Document.Status.Code()}]", 2, 4);
                Wrap(sb, $"{V("sections")}: {string.Join("; ", d.Document.Sections.Select(s => s.Title[lang]))}", 6);
            }
        }

        if (result.NextSteps.Count > 0)
        {
            sb.AppendLine();
            sb.AppendLine(V("next_steps"));
            var number = 1;
            foreach (var n in result.NextSteps)
            {
                var state = n.State == Applicability.Applies ? "" : $"[{V("undetermined")}] ";
                Wrap(sb, $"{number++}. {state}{n.Step.Text[lang]}{Cites(pack, n.Step.Articles, lang)} [{n.Step.Status.Code()}]", 2, 5);
            }
        }

        if (result.OpenQuestions.Count > 0)
        {
            sb.AppendLine();
            sb.AppendLine(V("open_questions"));
            foreach (var q in result.OpenQuestions)
            {
                Wrap(sb, $"- {q.Id}: {q.Text[lang]} ({AnswerParsing.Expected(q)})", 2, 4);
            }
        }

        if (result.IgnoredAnswers.Count > 0)
        {
            sb.AppendLine();
            Wrap(sb, $"{V("ignored_answers")}: {string.Join(", ", result.IgnoredAnswers.Select(q => q.Id))}", 0, 2);
        }
    }

    // Duties, or the rights of the people the system serves (every role sees those: issue 12, Art. 16).
    private static void Outcomes(StringBuilder sb, string title, string? lead, IReadOnlyList<ObligationOutcome> outcomes, CompiledPack pack, Language lang)
    {
        if (outcomes.Count == 0)
        {
            return;
        }

        sb.AppendLine();
        sb.AppendLine(title);
        if (lead is not null)
        {
            Wrap(sb, lead, 2);
        }

        foreach (var o in outcomes)
        {
            var state = o.State switch
            {
                Applicability.Applies => Vocabulary.Get("applies", lang),
                Applicability.Upcoming => Vocabulary.Format("upcoming", lang, Iso(o.Effective)),
                _ => Vocabulary.Get("undetermined", lang),
            };
            Wrap(sb, $"[{state}] {o.Obligation.Title[lang]}{Cites(pack, o.Obligation.Articles, lang)} [{o.Obligation.Status.Code()}]", 2, 4);
            Wrap(sb, o.Obligation.Text[lang], 6);
            if (o.EffectiveDate?.Proposed is { } proposed && o.State != Applicability.Applies)
            {
                Wrap(sb, $"{Vocabulary.Format("proposed", lang, Iso(proposed.Date))} [{proposed.Status.Code()}]: {proposed.Text[lang]}", 6);
            }
        }
    }

    private static void Because(StringBuilder sb, CompiledPack pack, RuleFiring firing, Language lang, int indent)
    {
        Wrap(sb, $"{Vocabulary.Get("because", lang)}: {firing.Rule.Because[lang]}{Cites(pack, firing.Rule.Articles, lang)} [{firing.Rule.Status.Code()}]", indent, indent + 2);
        if (firing.Inputs.Count > 0)
        {
            Wrap(sb, $"{Vocabulary.Get("answers_used", lang)}: {string.Join("; ", firing.Inputs.Select(i => $"{i.Id} = {i.Value ?? "?"}"))}", indent + 2, indent + 4);
        }
    }

    internal static string ValueText(ConclusionOutcome outcome, Language lang)
    {
        string V(string key) => Vocabulary.Get(key, lang);
        if (outcome.IsNotApplicable)
        {
            return V("not_applicable");
        }

        if (!outcome.IsDetermined)
        {
            var known = outcome.Values.Count > 0 ? string.Join(", ", outcome.Values.Select(v => v.Text[lang])) + "; " : "";
            var possible = outcome.Possible.Count > 0 ? " (" + Vocabulary.Format("possible", lang, string.Join(", ", outcome.Possible.Select(v => v.Text[lang]))) + ")" : "";
            return known + V("not_determined") + possible;
        }

        return outcome.Conclusion.Type switch
        {
            ConclusionType.Flag => outcome.Flag == true ? V("yes") : V("no"),
            _ when outcome.Values.Count == 0 => V("none"),
            _ => string.Join(", ", outcome.Values.Select(v => v.Text[lang])),
        };
    }

    private static string Cites(CompiledPack pack, IReadOnlyList<string> articles, Language lang)
    {
        if (articles.Count == 0)
        {
            return "";
        }

        return " (" + string.Join(", ", articles.Select(a => pack.FindArticle(a)?.Cite[lang] ?? a)) + ")";
    }

    private static void Wrap(StringBuilder sb, string text, int indent, int? hanging = null)
    {
        var line = new StringBuilder().Append(' ', indent);
        var hasWord = false;
        foreach (var word in text.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (hasWord && line.Length + 1 + word.Length > Width)
            {
                sb.AppendLine(line.ToString());
                line.Clear().Append(' ', hanging ?? indent);
                hasWord = false;
            }

            if (hasWord)
            {
                line.Append(' ');
            }

            line.Append(word);
            hasWord = true;
        }

        sb.AppendLine(line.ToString());
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
