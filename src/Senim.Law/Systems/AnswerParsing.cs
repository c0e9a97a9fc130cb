using System.Globalization;
using Senim.Law.Engine;
using Senim.Law.Packs;

namespace Senim.Law.Systems;

/// <summary>Turns the text of an answer (from a file, a form or JSON) into a typed <see cref="Answer"/>.</summary>
public static class AnswerParsing
{
    /// <summary>The earliest date any answer may carry.</summary>
    public static readonly DateOnly EarliestDate = new(1900, 1, 1);

    /// <summary>The latest date any answer, or a classification date, may carry.</summary>
    public static readonly DateOnly LatestDate = new(2100, 12, 31);

    /// <summary>Parses one answer. Returns null and an error message (saying what was expected) when it does not fit.</summary>
    /// <param name="values">One value for yes-no, one-of and date; any number for any-of.</param>
    /// <param name="isList">True when the input was written as a list.</param>
    public static Answer? Parse(Question question, IReadOnlyList<string> values, bool isList, DateOnly at, out string? error)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(values);
        error = null;
        if (question.Type == QuestionType.AnyOf)
        {
            if (!isList && values.Count == 1 && values[0].Length > 0)
            {
                error = $"expected a list of options such as [{question.Options[0].Id}] ([] for none); options: {Options(question)}";
                return null;
            }

            var unknown = values.Where(v => question.Options.All(o => o.Id != v)).ToList();
            if (unknown.Count > 0)
            {
                error = $"'{string.Join("', '", unknown)}' {(unknown.Count == 1 ? "is not an option" : "are not options")}; options: {Options(question)}";
                return null;
            }

            // Keep the pack's option order, so equal answers look equal.
            return Answer.Options(question.Options.Where(o => values.Contains(o.Id)).Select(o => o.Id));
        }

        if (isList || values.Count != 1)
        {
            error = $"expected one value ({Expected(question)}), not a list";
            return null;
        }

        var value = values[0].Trim();
        switch (question.Type)
        {
            case QuestionType.YesNo:
                // One rule, whatever the format or quoting: the words yes, no, true, false in any letter
                // case. YAML 1.1's other booleans (y, n, on, off) and 1/0 are refused rather than
                // guessed, because YAML readers disagree on them.
                switch (value.ToUpperInvariant())
                {
                    case "YES" or "TRUE":
                        return Answer.Of(true);
                    case "NO" or "FALSE":
                        return Answer.Of(false);
                    case "Y" or "N" or "ON" or "OFF" or "1" or "0":
                        error = $"expected yes or no, got '{value}': only yes, no, true and false are read (in any letter case, quoted or not), so write {(value.ToUpperInvariant() is "Y" or "ON" or "1" ? "yes" : "no")}";
                        return null;
                    default:
                        error = $"expected yes or no, got '{Shorten(value)}'";
                        return null;
                }

            case QuestionType.OneOf:
                if (question.Options.Any(o => o.Id == value))
                {
                    return Answer.Option(value);
                }

                error = $"expected one of: {Options(question)}; got '{Shorten(value)}'";
                return null;

            default:
                if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    error = $"expected a date written yyyy-mm-dd, got '{Shorten(value)}'";
                    return null;
                }

                var min = question.Min?.Resolve(at) ?? EarliestDate;
                var max = question.Max?.Resolve(at) ?? LatestDate;
                if (min < EarliestDate)
                {
                    min = EarliestDate;
                }

                if (max > LatestDate)
                {
                    max = LatestDate;
                }

                if (date < min || date > max)
                {
                    var maxText = question.Max?.IsAt == true ? $"{Iso(max)} (the classification date)" : Iso(max);
                    error = $"the date {Iso(date)} is out of range: it must be between {Iso(min)} and {maxText}";
                    return null;
                }

                return Answer.Date(date);
        }
    }

    /// <summary>What an answer to the question looks like, for messages.</summary>
    public static string Expected(Question question)
    {
        ArgumentNullException.ThrowIfNull(question);
        return question.Type switch
        {
            QuestionType.YesNo => "yes or no",
            QuestionType.OneOf => "one of: " + Options(question),
            QuestionType.AnyOf => "a list of: " + Options(question),
            _ => "a date yyyy-mm-dd",
        };
    }

    private static string Options(Question question) => string.Join(", ", question.Options.Select(o => o.Id));

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
