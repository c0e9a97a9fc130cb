using System.Globalization;

namespace Senim.Law.Engine;

/// <summary>An answer to one question. Build with the static factories.</summary>
public abstract record Answer
{
    /// <summary>A yes or no answer.</summary>
    public static Answer Of(bool yes) => yes ? YesNoAnswer.Yes : YesNoAnswer.No;

    /// <summary>One option of a one-of question.</summary>
    public static Answer Option(string option) => new OptionAnswer(option);

    /// <summary>Options of an any-of question (possibly none).</summary>
    public static Answer Options(params IEnumerable<string> options) => new OptionsAnswer([.. options]);

    /// <summary>A date.</summary>
    public static Answer Date(DateOnly date) => new DateAnswer(date);

    /// <summary>The answer as written in a system description (yes, an option id, [a, b], 2026-01-18).</summary>
    public abstract string Display { get; }
}

/// <summary>yes or no.</summary>
public sealed record YesNoAnswer(bool Value) : Answer
{
    internal static readonly YesNoAnswer Yes = new(true);
    internal static readonly YesNoAnswer No = new(false);

    /// <inheritdoc />
    public override string Display => Value ? "yes" : "no";
}

/// <summary>One option id.</summary>
public sealed record OptionAnswer(string Value) : Answer
{
    /// <inheritdoc />
    public override string Display => Value;
}

/// <summary>A set of option ids.</summary>
public sealed record OptionsAnswer(IReadOnlyList<string> Values) : Answer
{
    /// <inheritdoc />
    public override string Display => "[" + string.Join(", ", Values) + "]";

    /// <inheritdoc />
    public bool Equals(OptionsAnswer? other) => other is not null && Values.SequenceEqual(other.Values);

    /// <inheritdoc />
    public override int GetHashCode() => Values.Count;
}

/// <summary>A calendar date.</summary>
public sealed record DateAnswer(DateOnly Value) : Answer
{
    /// <inheritdoc />
    public override string Display => Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>Answers by question id. Unanswered questions are simply absent.</summary>
public sealed class AnswerSet
{
    private readonly Dictionary<string, Answer> _answers;

    /// <summary>Creates an answer set from question id → answer pairs.</summary>
    public AnswerSet(IEnumerable<KeyValuePair<string, Answer>> answers) =>
        _answers = new Dictionary<string, Answer>(answers, StringComparer.Ordinal);

    /// <summary>An answer set with no answers.</summary>
    public static AnswerSet Empty { get; } = new([]);

    /// <summary>The number of answered questions.</summary>
    public int Count => _answers.Count;

    /// <summary>The answer to a question, or null when it is unanswered.</summary>
    public Answer? this[string questionId] => _answers.GetValueOrDefault(questionId);

    /// <summary>The ids of the answered questions, in no particular order (cheaper than <see cref="All"/>).</summary>
    public IEnumerable<string> Ids => _answers.Keys;

    /// <summary>All answers, in id order.</summary>
    public IEnumerable<KeyValuePair<string, Answer>> All => _answers.OrderBy(a => a.Key, StringComparer.Ordinal);

    /// <summary>A copy with one answer set (or removed, when null).</summary>
    public AnswerSet With(string questionId, Answer? answer)
    {
        var copy = new Dictionary<string, Answer>(_answers, StringComparer.Ordinal);
        if (answer is null)
        {
            copy.Remove(questionId);
        }
        else
        {
            copy[questionId] = answer;
        }

        return new AnswerSet(copy);
    }
}
