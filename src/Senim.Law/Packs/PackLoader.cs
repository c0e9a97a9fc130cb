using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Senim.Law.Packs;

/// <summary>
/// Reads law packs and crosswalks from YAML. Reading is strict: unknown keys, missing fields,
/// missing translations and malformed values are collected as <see cref="PackError"/>s with file and line.
/// </summary>
internal static class PackLoader
{
    /// <summary>Pack files larger than this are refused before parsing.</summary>
    public const long MaxFileBytes = 4 * 1024 * 1024;

    internal static readonly string[] SectionKeys =
    [
        "sources", "articles", "steps", "questions", "conclusions", "rules", "obligations",
        "documents", "next_steps", "dates", "fines", "process", "field_sets", "checklists", "deadlines",
    ];

    /// <summary>Reads one pack from the YAML files of one folder.</summary>
    public static LawPack? ReadPack(IReadOnlyList<(string RelativePath, string Text)> files, List<PackError> errors)
    {
        PackHeader? header = null;
        var sections = SectionKeys.ToDictionary(k => k, _ => new List<(YamlMappingNode Node, string File)>(), StringComparer.Ordinal);

        foreach (var (path, text) in files)
        {
            var root = ParseRoot(path, text, errors);
            if (root is null)
            {
                continue;
            }

            foreach (var (keyNode, valueNode) in root.Children)
            {
                var key = (keyNode as YamlScalarNode)?.Value ?? "";
                if (key == "pack")
                {
                    if (header is not null)
                    {
                        errors.Add(new PackError(PackErrorKind.DuplicateId, path, YamlNodeReader.LineOf(keyNode), null, "a pack folder must have exactly one 'pack' header"));
                    }
                    else if (valueNode is YamlMappingNode headerNode)
                    {
                        header = ReadHeader(new YamlNodeReader(headerNode, path, errors));
                    }
                    else
                    {
                        errors.Add(new PackError(PackErrorKind.InvalidValue, path, YamlNodeReader.LineOf(valueNode), null, "'pack' must be a mapping"));
                    }
                }
                else if (sections.TryGetValue(key, out var list))
                {
                    if (valueNode is YamlSequenceNode sequence)
                    {
                        foreach (var item in sequence.Children)
                        {
                            if (item is YamlMappingNode mapping)
                            {
                                list.Add((mapping, path));
                            }
                            else
                            {
                                errors.Add(new PackError(PackErrorKind.InvalidValue, path, YamlNodeReader.LineOf(item), null, $"every entry of '{key}' must be a mapping"));
                            }
                        }
                    }
                    else
                    {
                        errors.Add(new PackError(PackErrorKind.InvalidValue, path, YamlNodeReader.LineOf(valueNode), null, $"'{key}' must be a list of entries"));
                    }
                }
                else
                {
                    errors.Add(new PackError(PackErrorKind.UnknownKey, path, YamlNodeReader.LineOf(keyNode), null,
                        $"unknown top-level key '{key}' (allowed: pack, {string.Join(", ", SectionKeys)})"));
                }
            }
        }

        if (header is null)
        {
            var file = files.Count > 0 ? files[0].RelativePath : "(no files)";
            errors.Add(new PackError(PackErrorKind.MissingField, file, 1, null, "the pack folder has no 'pack' header (put it in pack.yaml)"));
            return null;
        }

        List<T> Read<T>(string key, Func<YamlNodeReader, T> read) =>
            [.. sections[key].Select(x => read(new YamlNodeReader(x.Node, x.File, errors)))];

        return new LawPack(
            header,
            Read("sources", ReadSource),
            Read("articles", ReadArticle),
            Read("steps", ReadStep),
            Read("questions", ReadQuestion),
            Read("conclusions", ReadConclusion),
            Read("rules", ReadRule),
            Read("obligations", ReadObligation),
            Read("documents", ReadDocument),
            Read("next_steps", ReadNextStep),
            Read("dates", ReadDate),
            Read("fines", ReadFineTable),
            Read("process", ReadProcessStep),
            Read("field_sets", ReadFieldSet),
            Read("checklists", ReadChecklist),
            Read("deadlines", ReadDeadline));
    }

    /// <summary>Reads one crosswalk file (root key 'crosswalk').</summary>
    public static Crosswalk? ReadCrosswalk(string path, string text, List<PackError> errors)
    {
        if (ReadSingleRoot(path, text, "crosswalk", "a file outside a pack folder must be a crosswalk (root key 'crosswalk')", errors) is not { } r)
        {
            return null;
        }

        r.Id = r.RequiredString("id");
        var version = r.RequiredString("version");
        var from = r.RequiredString("from");
        var to = r.RequiredString("to");
        var title = r.Text("title", required: true);
        var entries = r.MappingList("entries", required: true).Select(e =>
        {
            var er = new YamlNodeReader(e, path, errors);
            er.Id = er.RequiredString("from");
            var targets = er.StringList("to");
            var relationText = er.RequiredString("relation");
            var relation = relationText switch
            {
                "equivalent" => CrosswalkRelation.Equivalent,
                "partial" => CrosswalkRelation.Partial,
                "none" => CrosswalkRelation.None,
                _ => Invalid(er, "relation", relationText, "equivalent, partial or none", CrosswalkRelation.None),
            };
            var difference = er.Text("difference", required: true);
            var status = er.Status();
            er.RejectUnknownKeys();
            return new CrosswalkEntry(er.Id, targets, relation, difference ?? Empty, status, er.Location);
        }).ToList();
        r.RejectUnknownKeys();
        return new Crosswalk(r.Id, version, from, to, title ?? Empty, entries, r.Location);
    }

    /// <summary>
    /// Parses a file whose root holds exactly one key (crosswalk, calendar) and returns a reader over
    /// that key's mapping; null, with the problem recorded, when the file is not such a file.
    /// </summary>
    internal static YamlNodeReader? ReadSingleRoot(string path, string text, string key, string missing, List<PackError> errors)
    {
        var root = ParseRoot(path, text, errors);
        if (root is null)
        {
            return null;
        }

        var top = new YamlNodeReader(root, path, errors);
        var node = top.Mapping(key);
        top.RejectUnknownKeys();
        if (node is null)
        {
            errors.Add(new PackError(PackErrorKind.MissingField, path, 1, null, missing));
            return null;
        }

        return new YamlNodeReader(node, path, errors);
    }

    private static readonly Texts.LocalizedText Empty = new("", "", "");

    private static YamlMappingNode? ParseRoot(string path, string text, List<PackError> errors)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            errors.Add(new PackError(PackErrorKind.Syntax, path, (int)ex.Start.Line, null, "not valid YAML: " + FirstLine(ex.Message)));
            return null;
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException)
        {
            // YamlDotNet reports some malformed input this way, without a position.
            errors.Add(new PackError(PackErrorKind.Syntax, path, 0, null, "not valid YAML (the parser could not say where): " + FirstLine(ex.Message)));
            return null;
        }

        if (stream.Documents.Count == 0)
        {
            errors.Add(new PackError(PackErrorKind.Syntax, path, 1, null, "the file is empty"));
            return null;
        }

        if (stream.Documents.Count > 1)
        {
            errors.Add(new PackError(PackErrorKind.Syntax, path, 1, null, "a pack file must hold one YAML document"));
            return null;
        }

        var root = stream.Documents[0].RootNode;
        if (ContainsAlias(root) is { } alias)
        {
            errors.Add(new PackError(PackErrorKind.Syntax, path, YamlNodeReader.LineOf(alias), null, "anchors and aliases (&, *) are not allowed in law packs: write every item out"));
            return null;
        }

        if (root is not YamlMappingNode mapping)
        {
            errors.Add(new PackError(PackErrorKind.Syntax, path, YamlNodeReader.LineOf(root), null, "the file must be a mapping of sections (pack:, questions:, rules:, ...)"));
            return null;
        }

        return mapping;
    }

    private static YamlNode? ContainsAlias(YamlNode root)
    {
        var seen = new HashSet<YamlNode>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<YamlNode>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (!node.Anchor.IsEmpty || !seen.Add(node))
            {
                return node;
            }

            switch (node)
            {
                case YamlMappingNode m:
                    foreach (var (k, v) in m.Children)
                    {
                        stack.Push(k);
                        stack.Push(v);
                    }

                    break;
                case YamlSequenceNode s:
                    foreach (var c in s.Children)
                    {
                        stack.Push(c);
                    }

                    break;
            }
        }

        return null;
    }

    private static string FirstLine(string message)
    {
        var index = message.IndexOf('\n', StringComparison.Ordinal);
        return index < 0 ? message : message[..index];
    }

    internal static T Invalid<T>(YamlNodeReader r, string key, string got, string expected, T fallback)
    {
        r.Error(PackErrorKind.InvalidValue, r.Get(key), $"'{key}' must be {expected}, got '{got}'");
        return fallback;
    }

    private static PackHeader ReadHeader(YamlNodeReader r)
    {
        r.Id = r.RequiredString("id");
        var header = new PackHeader(
            r.Id,
            r.RequiredString("version"),
            r.RequiredString("jurisdiction"),
            r.Text("title", required: true) ?? Empty,
            r.Text("act", required: true) ?? Empty,
            r.RequiredDate("in_force"),
            r.OptionalString("tier"),
            r.OptionalString("roles"),
            r.OptionalString("prohibitions"),
            r.OptionalString("scope"),
            r.Location);
        r.RejectUnknownKeys();
        return header;
    }

    private static PackSource ReadSource(YamlNodeReader r)
    {
        r.Id = r.RequiredString("id");
        var source = new PackSource(r.Id, r.RequiredString("title"), r.OptionalString("url"), r.Location);
        r.RejectUnknownKeys();
        return source;
    }

    private static Article ReadArticle(YamlNodeReader r)
    {
        r.Id = r.RequiredString("id");
        var article = new Article(
            r.Id,
            r.Text("cite", required: true) ?? Empty,
            r.Text("title", required: true) ?? Empty,
            r.Status(),
            r.StringList("sources", required: true),
            r.Location);
        r.RejectUnknownKeys();
        return article;
    }

    private static Step ReadStep(YamlNodeReader r)
    {
        r.Id = r.RequiredString("id");
        var step = new Step(r.Id, r.Text("title", required: true) ?? Empty, r.Text("intro", required: false), r.Location);
        r.RejectUnknownKeys();
        return step;
    }

    private static Question ReadQuestion(YamlNodeReader r)
    {
        r.Id = r.RequiredString("id");
        var step = r.RequiredString("step");
        var typeText = r.RequiredString("type");
        var type = typeText switch
        {
            "yes-no" => QuestionType.YesNo,
            "one-of" => QuestionType.OneOf,
            "any-of" => QuestionType.AnyOf,
            "date" => QuestionType.Date,
            "" => QuestionType.YesNo,
            _ => Invalid(r, "type", typeText, "yes-no, one-of, any-of or date", QuestionType.YesNo),
        };
        var text = r.Text("text", required: true) ?? Empty;
        var help = r.Text("help", required: false);
        var options = r.MappingList("options").Select(o =>
        {
            var or = new YamlNodeReader(o, r.File, ErrorsOf(r), r.Id);
            var option = new QuestionOption(or.RequiredString("id"), or.Text("text", required: true) ?? Empty, or.Text("help", required: false));
            or.RejectUnknownKeys();
            return option;
        }).ToList();
        var askIf = r.OptionalString("ask_if");
        var min = DateBoundOf(r, "min");
        var max = DateBoundOf(r, "max");
        var question = new Question(r.Id, step, type, text, help, options, askIf, min, max,
            r.StringList("tags"), r.StringList("articles"), r.Status(), r.Location)
        {
            Aliases = r.StringList("aliases"),
        };
        r.RejectUnknownKeys();
        return question;
    }

    private static DateBound? DateBoundOf(YamlNodeReader r, string key)
    {
        var text = r.OptionalString(key);
        if (text is null)
        {
            return null;
        }

        if (text == "at")
        {
            return DateBound.At;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return new DateBound(date);
        }

        r.Error(PackErrorKind.InvalidValue, r.Get(key), $"'{key}' must be a date yyyy-mm-dd or 'at' (the classification date), got '{text}'");
        return null;
    }

    // The errors list is shared by every reader of a file; nested readers reach it through this accessor.
    private static List<PackError> ErrorsOf(YamlNodeReader r) => r.Errors;

    private static Conclusion ReadConclusion(YamlNodeReader r)
    {
        r.Id = r.RequiredString("id");
        var typeText = r.RequiredString("type");
        var type = typeText switch
        {
            "flag" => ConclusionType.Flag,
            "level" => ConclusionType.Level,
            "set" => ConclusionType.Set,
            "" => ConclusionType.Flag,
            _ => Invalid(r, "type", typeText, "flag, level or set", ConclusionType.Flag),
        };
        var title = r.Text("title", required: true) ?? Empty;
        var values = r.MappingList("values").Select(v =>
        {
            var vr = new YamlNodeReader(v, r.File, ErrorsOf(r), r.Id);
            var value = new ConclusionValue(
                vr.RequiredString("id"),
                vr.Text("text", required: true) ?? Empty,
                vr.Text("note", required: false),
                vr.Text("exception", required: false),
                vr.StringList("articles"),
                vr.OptionalStatus(),
                vr.OptionalString("effective"));
            vr.RejectUnknownKeys();
            return value;
        }).ToList();
        var conclusion = new Conclusion(r.Id, type, title, values, r.OptionalString("default"), r.StringList("articles"), r.Status(), r.Location);
        r.RejectUnknownKeys();
        return conclusion;
    }

    private static Rule ReadRule(YamlNodeReader r)
    {
        r.Id = r.RequiredString("id");
        var rule = new Rule(
            r.Id,
            r.RequiredString("when"),
            r.RequiredString("conclusion"),
            r.OptionalString("value"),
            r.Text("because", required: true) ?? Empty,
            r.StringList("articles"),
            r.Status(),
            r.Location);
        r.RejectUnknownKeys();
        return rule;
    }

    private static Obligation ReadObligation(YamlNodeReader r)
    {
        r.Id = r.RequiredString("id");
        var kind = r.OptionalString("kind") ?? "duty";
        if (kind is not ("duty" or "right"))
        {
            kind = Invalid(r, "kind", kind, "duty or right", "duty");
        }

        var obligation = new Obligation(
            r.Id,
            kind,
            r.Text("title", required: true) ?? Empty,
            r.Text("text", required: true) ?? Empty,
            r.StringList("roles"),
            r.StringList("tiers"),
            r.OptionalString("applies_when"),
            ReadEffective(r),
            r.OptionalString("field_set"),
            r.StringList("articles"),
            r.Status(),
            r.Location);
        r.RejectUnknownKeys();
        return obligation;
    }

    /// <summary>'effective: DATE' or a list of '{date: DATE, when: CONDITION}' (when optional).</summary>
    private static List<EffectiveCase> ReadEffective(YamlNodeReader r)
    {
        if (r.Get("effective") is not YamlSequenceNode)
        {
            return [new EffectiveCase(r.RequiredString("effective"), null)];
        }

        var cases = r.MappingList("effective").Select(e =>
        {
            var er = new YamlNodeReader(e, r.File, ErrorsOf(r), r.Id);
            var effectiveCase = new EffectiveCase(er.RequiredString("date"), er.OptionalString("when"));
            er.RejectUnknownKeys();
            return effectiveCase;
        }).ToList();
        if (cases.Count == 0)
        {
            r.Error(PackErrorKind.MissingField, r.Get("effective"), "'effective' lists no date: give a date, or a list of {date, when} entries");
        }

        return cases;
    }

    private static DocumentRequirement ReadDocument(YamlNodeReader r)
    {
        r.Id = r.RequiredString("id");
        var title = r.Text("title", required: true) ?? Empty;
        var purpose = r.Text("purpose", required: true) ?? Empty;
        var tiers = r.StringList("tiers");
        var requiredWhen = r.OptionalString("required_when");
        var sections = r.MappingList("sections", required: true).Select(s =>
        {
            var sr = new YamlNodeReader(s, r.File, ErrorsOf(r), r.Id);
            var section = new DocumentSection(sr.RequiredString("id"), sr.Text("title", required: true) ?? Empty, sr.Text("help", required: false), sr.OptionalBool("required", true));
            sr.RejectUnknownKeys();
            return section;
        }).ToList();
        var document = new DocumentRequirement(r.Id, title, purpose, tiers, requiredWhen, sections, r.StringList("articles"), r.Status(), r.Location);
        r.RejectUnknownKeys();
        return document;
    }

    private static NextStep ReadNextStep(YamlNodeReader r)
    {
        r.Id = r.RequiredString("id");
        var step = new NextStep(r.Id, r.RequiredString("when"), r.Text("text", required: true) ?? Empty, r.StringList("articles"), r.Status(), r.Location);
        r.RejectUnknownKeys();
        return step;
    }

    private static KeyDate ReadDate(YamlNodeReader r)
    {
        r.Id = r.RequiredString("id");
        var date = r.RequiredDate("date");
        var text = r.Text("text", required: true) ?? Empty;
        ProposedDate? proposed = null;
        if (r.Mapping("proposed") is { } proposedNode)
        {
            var pr = new YamlNodeReader(proposedNode, r.File, ErrorsOf(r), r.Id);
            proposed = new ProposedDate(pr.RequiredDate("date"), pr.Text("text", required: true) ?? Empty, pr.Status(), pr.StringList("sources"));
            pr.RejectUnknownKeys();
        }

        var keyDate = new KeyDate(r.Id, date, text, proposed, r.StringList("articles"), r.Status(), r.Location);
        r.RejectUnknownKeys();
        return keyDate;
    }

    private static FineTable ReadFineTable(YamlNodeReader r)
    {
        r.Id = r.RequiredString("id");
        var title = r.Text("title", required: true) ?? Empty;
        var unit = r.RequiredString("unit");
        var unitValues = r.MappingList("unit_values").Select(u =>
        {
            var ur = new YamlNodeReader(u, r.File, ErrorsOf(r), r.Id);
            var value = new FineUnitValue((int)ur.RequiredNumber("year"), ur.RequiredNumber("amount"), ur.RequiredString("currency"), ur.Status());
            ur.RejectUnknownKeys();
            return value;
        }).ToList();
        var rows = r.MappingList("rows", required: true).Select(row =>
        {
            var rr = new YamlNodeReader(row, r.File, ErrorsOf(r), r.Id);
            var fineRow = new FineRow(rr.RequiredString("id"), rr.Text("offender", required: true) ?? Empty, rr.RequiredNumber("first"), rr.RequiredNumber("repeat"), rr.Text("repeat_note", required: false));
            rr.RejectUnknownKeys();
            return fineRow;
        }).ToList();
        var table = new FineTable(r.Id, title, unit, unitValues, rows, r.StringList("articles"), r.Status(), r.Location);
        r.RejectUnknownKeys();
        return table;
    }

    private static ProcessStep ReadProcessStep(YamlNodeReader r)
    {
        r.Id = r.RequiredString("id");
        var title = r.Text("title", required: true) ?? Empty;
        var text = r.Text("text", required: true) ?? Empty;
        var basis = ReadBasis(r);
        var step = new ProcessStep(r.Id, title, text, basis, r.StringList("sources", required: true), r.StringList("articles"), r.Status(), r.Location);
        r.RejectUnknownKeys();
        return step;
    }

    private static ProcessBasis ReadBasis(YamlNodeReader r)
    {
        var basisText = r.RequiredString("basis");
        return basisText switch
        {
            "statutory" => ProcessBasis.Statutory,
            "policy" => ProcessBasis.Policy,
            "" => ProcessBasis.Policy,
            _ => Invalid(r, "basis", basisText, "statutory or policy", ProcessBasis.Policy),
        };
    }

    private static DeadlinePeriod ReadDeadline(YamlNodeReader r)
    {
        r.Id = r.RequiredString("id");
        var title = r.Text("title", required: true) ?? Empty;
        var before = r.Errors.Count;
        var length = r.RequiredNumber("length");
        if (r.Errors.Count == before && (length != decimal.Truncate(length) || length is < 1 or > MaxDeadlineLength))
        {
            r.Error(PackErrorKind.InvalidValue, r.Get("length"), $"'length' must be a whole number of days from 1 to {MaxDeadlineLength}, got {length.ToString(CultureInfo.InvariantCulture)}");
        }

        if (length is < 1 or > MaxDeadlineLength)
        {
            length = 1;
        }

        var unitText = r.RequiredString("unit");
        var unit = unitText.Length == 0
            ? DeadlineUnit.WorkingDays
            : DeadlineUnits.Parse(unitText) ?? Invalid(r, "unit", unitText, "working_days or calendar_days", DeadlineUnit.WorkingDays);
        var deadline = new DeadlinePeriod(
            r.Id,
            title,
            (int)length,
            unit,
            r.Text("starts", required: true) ?? Empty,
            r.Text("text", required: true) ?? Empty,
            ReadBasis(r),
            r.StringList("sources", required: true),
            r.StringList("articles"),
            r.Status(),
            r.Location);
        r.RejectUnknownKeys();
        return deadline;
    }

    /// <summary>The longest deadline a pack may set, in days (ten years): longer is a typo.</summary>
    public const int MaxDeadlineLength = 3650;

    private static Checklist ReadChecklist(YamlNodeReader r)
    {
        r.Id = r.RequiredString("id");
        var title = r.Text("title", required: true) ?? Empty;
        var items = r.MappingList("items", required: true).Select(i =>
        {
            var ir = new YamlNodeReader(i, r.File, ErrorsOf(r), r.Id);
            var item = new ChecklistItem(ir.RequiredString("id"), ir.Text("text", required: true) ?? Empty, ir.StringList("articles"));
            ir.RejectUnknownKeys();
            return item;
        }).ToList();
        var checklist = new Checklist(r.Id, title, items, r.StringList("articles"), r.Status(), r.Location);
        r.RejectUnknownKeys();
        return checklist;
    }

    private static FieldSet ReadFieldSet(YamlNodeReader r)
    {
        r.Id = r.RequiredString("id");
        var title = r.Text("title", required: true) ?? Empty;
        var fields = r.MappingList("fields", required: true).Select(f =>
        {
            var fr = new YamlNodeReader(f, r.File, ErrorsOf(r), r.Id);
            var field = new Field(fr.RequiredString("id"), fr.Text("text", required: true) ?? Empty);
            fr.RejectUnknownKeys();
            return field;
        }).ToList();
        var set = new FieldSet(r.Id, title, fields, r.StringList("articles"), r.Status(), r.Location);
        r.RejectUnknownKeys();
        return set;
    }
}
