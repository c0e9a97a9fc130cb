using System.Text.RegularExpressions;

namespace Senim.Law.Packs;

/// <summary>
/// Structural checks of a loaded pack: ids well-formed and unique, references resolvable, every
/// item that states law cites an article. Conditions and cycles are checked when the pack compiles.
/// </summary>
internal static partial class PackValidator
{
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]*$")]
    private static partial Regex IdPattern();

    public static void Validate(LawPack pack, List<PackError> errors)
    {
        void Error(PackErrorKind kind, SourceLocation at, string? id, string message) =>
            errors.Add(new PackError(kind, at.File, at.Line, id, message));

        // One namespace for every top-level item, so a condition or crosswalk id is never ambiguous.
        var ids = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        void Declare(string id, SourceLocation at)
        {
            if (id.Length == 0)
            {
                return;
            }

            if (!IdPattern().IsMatch(id))
            {
                Error(PackErrorKind.InvalidValue, at, id, "an id may hold only letters, digits, '_', '.' and '-', and must start with a letter or digit");
            }

            if (ids.TryGetValue(id, out var first))
            {
                Error(PackErrorKind.DuplicateId, at, id, $"the id is already used at {first}");
            }
            else
            {
                ids[id] = at;
            }
        }

        foreach (var a in pack.Articles) Declare(a.Id, a.Location);
        foreach (var s in pack.Steps) Declare(s.Id, s.Location);
        foreach (var q in pack.Questions) Declare(q.Id, q.Location);
        foreach (var q in pack.Questions)
        {
            // An alias shares the namespace: an answer under it must not be mistaken for another item.
            foreach (var alias in q.Aliases) Declare(alias, q.Location);
        }

        foreach (var c in pack.Conclusions) Declare(c.Id, c.Location);
        foreach (var r in pack.Rules) Declare(r.Id, r.Location);
        foreach (var o in pack.Obligations) Declare(o.Id, o.Location);
        foreach (var d in pack.Documents) Declare(d.Id, d.Location);
        foreach (var n in pack.NextSteps) Declare(n.Id, n.Location);
        foreach (var d in pack.Dates) Declare(d.Id, d.Location);
        foreach (var f in pack.Fines) Declare(f.Id, f.Location);
        foreach (var p in pack.Process) Declare(p.Id, p.Location);
        foreach (var f in pack.FieldSets) Declare(f.Id, f.Location);
        foreach (var c in pack.Checklists) Declare(c.Id, c.Location);
        foreach (var d in pack.Deadlines) Declare(d.Id, d.Location);

        var sources = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        foreach (var s in pack.Sources)
        {
            if (!sources.TryAdd(s.Id, s.Location))
            {
                Error(PackErrorKind.DuplicateId, s.Location, s.Id, $"the source id is already used at {sources[s.Id]}");
            }
        }

        var articles = pack.Articles.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        var steps = pack.Steps.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var fieldSets = pack.FieldSets.Select(f => f.Id).ToHashSet(StringComparer.Ordinal);
        var conclusions = pack.Conclusions.GroupBy(c => c.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

        void Cites(IReadOnlyList<string> cited, SourceLocation at, string id, bool required = true)
        {
            if (required && cited.Count == 0)
            {
                Error(PackErrorKind.MissingArticle, at, id, "cites no article: add 'articles: [...]' naming the provision it rests on");
            }

            foreach (var article in cited.Where(a => !articles.Contains(a)))
            {
                Error(PackErrorKind.DanglingReference, at, id, $"cites article '{article}', which is not in this pack's articles");
            }
        }

        void Sourced(IReadOnlyList<string> cited, SourceLocation at, string id)
        {
            foreach (var source in cited.Where(s => !sources.ContainsKey(s)))
            {
                Error(PackErrorKind.DanglingReference, at, id, $"names source '{source}', which is not in this pack's sources");
            }
        }

        void Unique(IEnumerable<string> nested, SourceLocation at, string id, string what)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var n in nested.Where(n => !seen.Add(n)))
            {
                Error(PackErrorKind.DuplicateId, at, id, $"{what} '{n}' appears twice");
            }
        }

        foreach (var a in pack.Articles)
        {
            if (a.Sources.Count == 0)
            {
                Error(PackErrorKind.MissingField, a.Location, a.Id, "an article must name at least one source");
            }

            Sourced(a.Sources, a.Location, a.Id);
        }

        foreach (var q in pack.Questions)
        {
            Cites(q.Articles, q.Location, q.Id);
            if (!steps.Contains(q.Step))
            {
                Error(PackErrorKind.DanglingReference, q.Location, q.Id, $"belongs to step '{q.Step}', which is not in this pack's steps");
            }

            Unique(q.Options.Select(o => o.Id), q.Location, q.Id, "option");
            switch (q.Type)
            {
                case QuestionType.OneOf or QuestionType.AnyOf when q.Options.Count < (q.Type == QuestionType.OneOf ? 2 : 1):
                    Error(PackErrorKind.InvalidValue, q.Location, q.Id, q.Type == QuestionType.OneOf ? "a one-of question needs at least two options" : "an any-of question needs at least one option");
                    break;
                case QuestionType.OneOf or QuestionType.AnyOf when q.Options.Count > 62:
                    Error(PackErrorKind.InvalidValue, q.Location, q.Id, "a question may have at most 62 options");
                    break;
                case QuestionType.YesNo or QuestionType.Date when q.Options.Count > 0:
                    Error(PackErrorKind.InvalidValue, q.Location, q.Id, "only one-of and any-of questions have options");
                    break;
            }

            if (q.Type != QuestionType.Date && (q.Min is not null || q.Max is not null))
            {
                Error(PackErrorKind.InvalidValue, q.Location, q.Id, "only date questions have 'min' and 'max'");
            }

            if (q.Min?.Fixed is { } min && q.Max?.Fixed is { } max && min > max)
            {
                Error(PackErrorKind.InvalidValue, q.Location, q.Id, "'min' is after 'max'");
            }
        }

        var ruled = pack.Rules.Select(r => r.Conclusion).ToHashSet(StringComparer.Ordinal);
        foreach (var c in pack.Conclusions)
        {
            Cites(c.Articles, c.Location, c.Id);
            Unique(c.Values.Select(v => v.Id), c.Location, c.Id, "value");
            foreach (var v in c.Values)
            {
                Cites(v.Articles, c.Location, c.Id, required: false);
                if (v.Effective is not null && c.Type != ConclusionType.Set)
                {
                    Error(PackErrorKind.InvalidValue, c.Location, c.Id, $"value '{v.Id}': only values of set conclusions have an 'effective' date");
                }
            }

            if (c.Type == ConclusionType.Flag && c.Values.Count > 0)
            {
                Error(PackErrorKind.InvalidValue, c.Location, c.Id, "a flag conclusion is yes or no and lists no values");
            }

            if (c.Type != ConclusionType.Flag && c.Values.Count == 0)
            {
                Error(PackErrorKind.MissingField, c.Location, c.Id, "a level or set conclusion must list its values");
            }

            if (c.Values.Count > 62)
            {
                Error(PackErrorKind.InvalidValue, c.Location, c.Id, "a conclusion may have at most 62 values");
            }

            if (c.Default is { } d && (c.Type != ConclusionType.Level || c.Values.All(v => v.Id != d)))
            {
                Error(c.Type == ConclusionType.Level ? PackErrorKind.DanglingReference : PackErrorKind.InvalidValue, c.Location, c.Id,
                    c.Type == ConclusionType.Level ? $"the default '{d}' is not one of its values" : "only level conclusions have a default");
            }

            if (!ruled.Contains(c.Id))
            {
                Error(PackErrorKind.InvalidValue, c.Location, c.Id, "no rule concludes it; add a rule or remove the conclusion");
            }
        }

        foreach (var r in pack.Rules)
        {
            Cites(r.Articles, r.Location, r.Id);
            if (!conclusions.TryGetValue(r.Conclusion, out var target))
            {
                Error(PackErrorKind.DanglingReference, r.Location, r.Id, $"concludes '{r.Conclusion}', which is not a conclusion of this pack");
                continue;
            }

            if (target.Type == ConclusionType.Flag && r.Value is not (null or "yes"))
            {
                Error(PackErrorKind.InvalidValue, r.Location, r.Id, $"'{target.Id}' is a flag: a rule sets it to yes, so 'value' is omitted (got '{r.Value}')");
            }
            else if (target.Type != ConclusionType.Flag && (r.Value is null || target.Values.All(v => v.Id != r.Value)))
            {
                Error(r.Value is null ? PackErrorKind.MissingField : PackErrorKind.DanglingReference, r.Location, r.Id,
                    $"must give a 'value' of '{target.Id}': one of {string.Join(", ", target.Values.Select(v => v.Id))}");
            }
        }

        foreach (var o in pack.Obligations)
        {
            Cites(o.Articles, o.Location, o.Id);
            if (o.FieldSet is { } set && !fieldSets.Contains(set))
            {
                Error(PackErrorKind.DanglingReference, o.Location, o.Id, $"names field set '{set}', which is not in this pack's field_sets");
            }
        }

        foreach (var d in pack.Documents)
        {
            Cites(d.Articles, d.Location, d.Id);
            Unique(d.Sections.Select(s => s.Id), d.Location, d.Id, "section");
        }

        foreach (var n in pack.NextSteps) Cites(n.Articles, n.Location, n.Id);

        foreach (var d in pack.Dates)
        {
            Cites(d.Articles, d.Location, d.Id);
            if (d.Proposed is { } proposed)
            {
                Sourced(proposed.Sources, d.Location, d.Id);
            }
        }

        foreach (var f in pack.Fines)
        {
            Cites(f.Articles, f.Location, f.Id);
            Unique(f.Rows.Select(r => r.Id), f.Location, f.Id, "row");
        }

        foreach (var p in pack.Process)
        {
            Cites(p.Articles, p.Location, p.Id);
            Sourced(p.Sources, p.Location, p.Id);
        }

        foreach (var f in pack.FieldSets)
        {
            Cites(f.Articles, f.Location, f.Id);
            Unique(f.Fields.Select(x => x.Id), f.Location, f.Id, "field");
        }

        foreach (var c in pack.Checklists)
        {
            Cites(c.Articles, c.Location, c.Id);
            Unique(c.Items.Select(i => i.Id), c.Location, c.Id, "item");
            foreach (var item in c.Items)
            {
                Cites(item.Articles, c.Location, c.Id, required: false);
            }
        }

        foreach (var d in pack.Deadlines)
        {
            Cites(d.Articles, d.Location, d.Id);
            Sourced(d.Sources, d.Location, d.Id);
        }

        if (pack.Questions.Count == 0)
        {
            Error(PackErrorKind.MissingField, pack.Header.Location, pack.Id, "the pack has no questions");
        }
    }
}
