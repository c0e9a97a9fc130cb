using System.Globalization;
using Senim.Law.Packs;
using Senim.Law.Texts;

namespace Senim.Law.Systems;

/// <summary>A request to classify a system: which law, at which date, in which language.</summary>
public sealed record ClassificationRequest(string Law, DateOnly At, Language Language, SystemDescription System);

/// <summary>Reads and checks the options shared by the CLI, the API and the wizard.</summary>
public static class ClassificationOptions
{
    /// <summary>The earliest date the law can be applied at.</summary>
    public static readonly DateOnly EarliestAt = new(2000, 1, 1);

    /// <summary>Parses a --at / "at" value; null when absent. Adds an error when malformed or out of range.</summary>
    public static DateOnly? ParseAt(string? text, string path, List<InputError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (!DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
        {
            errors.Add(new InputError(path, 0, $"expected a date written yyyy-mm-dd, got '{text}'"));
            return null;
        }

        if (at < EarliestAt || at > AnswerParsing.LatestDate)
        {
            errors.Add(new InputError(path, 0, $"the date {text} is out of range: it must be between 2000-01-01 and 2100-12-31"));
            return null;
        }

        return at;
    }

    /// <summary>Checks a --law / "law" selector against the library (kz, eu, all, or a pack id).</summary>
    public static string ParseLaw(string? text, string path, LawLibrary library, List<InputError> errors)
    {
        ArgumentNullException.ThrowIfNull(library);
        ArgumentNullException.ThrowIfNull(errors);
        var law = string.IsNullOrWhiteSpace(text) ? "all" : text.Trim().ToLowerInvariant();
        if (library.Select(law).Count == 0)
        {
            var known = library.Packs.Select(p => p.Pack.Header.Jurisdiction.ToLowerInvariant()).Distinct().Append("all");
            errors.Add(new InputError(path, 0, $"unknown law '{text}'; expected one of: {string.Join(", ", known)}"));
        }

        return law;
    }

    /// <summary>Parses a language code; adds an error when it is not kk, ru or en.</summary>
    public static Language ParseLanguage(string? text, string path, List<InputError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(text))
        {
            return Language.En;
        }

        if (Languages.TryParse(text, out var language) && text.Trim().Length <= 5)
        {
            return language;
        }

        errors.Add(new InputError(path, 0, $"unknown language '{text}'; expected kk, ru or en"));
        return Language.En;
    }
}

/// <summary>Reads the JSON body of POST /api/v1/classifications.</summary>
public static class ClassificationRequests
{
    private static readonly string[] Fields = ["law", "at", "lang", "system"];

    /// <summary>Parses and checks a request; <paramref name="today"/> is the default classification date.</summary>
    /// <exception cref="InvalidInputException">The request does not fit; the exception lists every problem.</exception>
    public static ClassificationRequest ReadJson(ReadOnlySpan<byte> utf8, LawLibrary library, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(library);
        SystemDescriptions.CheckSize(utf8.Length);
        var root = RawReaders.ReadJson(utf8);
        var errors = new List<InputError>();
        if (root is not RawMap map)
        {
            throw new InvalidInputException("$", "expected a JSON object with 'system' (and optionally 'law', 'at', 'lang')");
        }

        foreach (var (key, node) in map.Entries.Where(e => !Fields.Contains(e.Key)))
        {
            errors.Add(new InputError(key, node.Line, $"unknown field (allowed: {string.Join(", ", Fields)})"));
        }

        string? Scalar(string field)
        {
            switch (map[field])
            {
                case null or RawScalar { IsNull: true }:
                    return null;
                case RawScalar s:
                    return s.Value;
                case var other:
                    errors.Add(new InputError(field, other.Line, "expected text"));
                    return null;
            }
        }

        var law = ClassificationOptions.ParseLaw(Scalar("law"), "law", library, errors);
        var at = ClassificationOptions.ParseAt(Scalar("at"), "at", errors) ?? today;
        var language = ClassificationOptions.ParseLanguage(Scalar("lang"), "lang", errors);
        SystemDescription? system = null;
        if (map["system"] is { } systemNode and not RawScalar { IsNull: true })
        {
            system = SystemDescriptions.FromRaw(systemNode, "system", library, at, errors);
        }
        else
        {
            errors.Add(new InputError("system", map.Line, "is required: an object with 'name' and 'answers'"));
        }

        if (errors.Count > 0 || system is null)
        {
            throw new InvalidInputException(errors);
        }

        return new ClassificationRequest(law, at, language, system);
    }
}
