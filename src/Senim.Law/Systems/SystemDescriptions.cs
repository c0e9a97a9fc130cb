using System.Text;
using Senim.Law.Engine;
using Senim.Law.Packs;

namespace Senim.Law.Systems;

/// <summary>
/// Reads system descriptions (YAML or JSON, schema in docs/system-description.md) and checks every
/// answer against the questions of the loaded packs. Every problem is reported, each naming its field.
/// </summary>
public static class SystemDescriptions
{
    /// <summary>Descriptions larger than this are refused before parsing.</summary>
    public const int MaxBytes = 1024 * 1024;

    private static readonly string[] Fields = ["name", "description", "organisation", "sector", "answers"];

    /// <summary>Reads a description from a file's bytes; the format follows the extension (.json or YAML).</summary>
    /// <exception cref="InvalidInputException">The input does not fit; the exception lists every problem.</exception>
    public static SystemDescription Read(string fileName, byte[] content, LawLibrary library, DateOnly at)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(content);
        CheckSize(content.LongLength);
        var raw = fileName.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
            ? RawReaders.ReadJson(content)
            : RawReaders.ReadYaml(DecodeUtf8(content));
        return FromRaw(raw, "", library, at);
    }

    /// <summary>Refuses input over <see cref="MaxBytes"/> with a message giving both sizes.</summary>
    public static void CheckSize(long bytes)
    {
        if (bytes > MaxBytes)
        {
            throw new InvalidInputException("$", $"the input is {bytes / 1024.0 / 1024.0:0.0} MB; a system description may be at most {MaxBytes / 1024} KB");
        }
    }

    internal static string DecodeUtf8(byte[] content)
    {
        try
        {
            return new UTF8Encoding(false, true).GetString(content).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            throw new InvalidInputException("$", "the file is not UTF-8 text");
        }
    }

    internal static SystemDescription FromRaw(RawNode root, string prefix, LawLibrary library, DateOnly at)
    {
        var errors = new List<InputError>();
        var description = FromRaw(root, prefix, library, at, errors);
        if (errors.Count > 0 || description is null)
        {
            throw new InvalidInputException(errors);
        }

        return description;
    }

    internal static SystemDescription? FromRaw(RawNode root, string prefix, LawLibrary library, DateOnly at, List<InputError> errors)
    {
        string Path(string field) => prefix.Length == 0 ? field : prefix + "." + field;
        if (root is not RawMap map)
        {
            errors.Add(new InputError(prefix.Length == 0 ? "$" : prefix, root.Line, "expected a mapping with name and answers"));
            return null;
        }

        foreach (var (key, node) in map.Entries)
        {
            if (!Fields.Contains(key))
            {
                errors.Add(new InputError(Path(key), node.Line, $"unknown field (allowed: {string.Join(", ", Fields)})"));
            }
        }

        string? Text(string field, bool required, int maxLength)
        {
            var node = map[field];
            if (node is null or RawScalar { IsNull: true })
            {
                if (required)
                {
                    errors.Add(new InputError(Path(field), map.Line, "is required"));
                }

                return null;
            }

            if (node is not RawScalar { Value: { } value })
            {
                errors.Add(new InputError(Path(field), node.Line, "expected text"));
                return null;
            }

            if (required && string.IsNullOrWhiteSpace(value))
            {
                errors.Add(new InputError(Path(field), node.Line, "must not be empty"));
            }

            if (value.Length > maxLength)
            {
                errors.Add(new InputError(Path(field), node.Line, $"is {value.Length} characters long; at most {maxLength} are allowed"));
            }

            return value.Trim();
        }

        var name = Text("name", true, 200);
        var descriptionText = Text("description", false, 10_000);
        var organisation = Text("organisation", false, 300);
        var sector = Text("sector", false, 100);

        var answers = new List<KeyValuePair<string, Answer>>();
        switch (map["answers"])
        {
            case null or RawScalar { IsNull: true }:
                break;
            case RawMap answerMap:
                ReadAnswers(answerMap, Path("answers"), library, at, answers, errors);
                break;
            case var other:
                errors.Add(new InputError(Path("answers"), other.Line, "expected a mapping of question id to answer"));
                break;
        }

        return name is null ? null : new SystemDescription(name, descriptionText, organisation, sector, new AnswerSet(answers));
    }

    private static void ReadAnswers(RawMap map, string path, LawLibrary library, DateOnly at, List<KeyValuePair<string, Answer>> answers, List<InputError> errors)
    {
        // One answer per question at most: more keys than questions is refused before any key is looked at, so a
        // request of thousands of made-up keys costs a count, not a search for each.
        var questions = library.Packs.Sum(p => p.Pack.Questions.Count);
        if (map.Entries.Count > questions)
        {
            errors.Add(new InputError(path, map.Line, $"has {map.Entries.Count} answers, but the law packs ask {questions} questions: answer each question at most once"));
            return;
        }

        var answered = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (id, node) in map.Entries)
        {
            var field = path + "." + (id.Length > MaxSuggestedIdLength ? id[..MaxSuggestedIdLength] + "…" : id);
            if (library.FindQuestion(id) is not { } question)
            {
                // A near miss is worth a suggestion only for an id of a question's length, and only while the problems are still listed.
                var suggestion = id.Length <= MaxSuggestedIdLength && errors.Count < InvalidInputException.MaxReported
                    ? Closest(id, library.Packs.SelectMany(p => p.Pack.Questions).Select(q => q.Id))
                    : null;
                errors.Add(new InputError(field, node.Line, suggestion is null
                    ? "unknown question id (senim law show lists the questions)"
                    : $"unknown question id; did you mean '{suggestion}'?"));
                continue;
            }

            // A former id (alias) answers the same question: both at once would be two answers to one question.
            if (!answered.TryAdd(question.Id, id))
            {
                errors.Add(new InputError(field, node.Line, $"answers '{question.Id}' a second time (also answered as '{answered[question.Id]}'); keep one"));
                continue;
            }

            List<string> values;
            bool isList;
            switch (node)
            {
                case RawScalar { IsNull: true }:
                    continue; // explicitly unanswered
                case RawScalar scalar:
                    values = [scalar.Value!];
                    isList = false;
                    break;
                case RawList list when list.Items.All(i => i is RawScalar { IsNull: false }):
                    values = [.. list.Items.Cast<RawScalar>().Select(s => s.Value!)];
                    isList = true;
                    break;
                default:
                    errors.Add(new InputError(field, node.Line, "expected " + AnswerParsing.Expected(question)));
                    continue;
            }

            var answer = AnswerParsing.Parse(question, values, isList, at, out var error);
            if (answer is null)
            {
                errors.Add(new InputError(field, node.Line, error!));
            }
            else
            {
                answers.Add(new(question.Id, answer));
            }
        }
    }

    /// <summary>Unknown ids longer than this get no suggestion (question ids are far shorter), and are shortened in the error's field.</summary>
    public const int MaxSuggestedIdLength = 64;

    private static string? Closest(string id, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        var limit = Math.Max(2, id.Length / 4);
        foreach (var candidate in candidates)
        {
            // The distance is at least the difference in length: a candidate that far off cannot be suggested.
            if (Math.Abs(candidate.Length - id.Length) > limit)
            {
                continue;
            }

            var distance = Distance(id, candidate);
            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = candidate;
            }
        }

        return bestDistance <= limit ? best : null;
    }

    private static int Distance(string a, string b)
    {
        if (a.Length > 200 || b.Length > 200)
        {
            return int.MaxValue;
        }

        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
