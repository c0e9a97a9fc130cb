using Senim.Registry.Workflow;

namespace Senim.Registry.Services;

/// <summary>A supervisor's decision on a recommended system.</summary>
public enum Decision
{
    Register,
    RegisterWithConditions,
    Refuse,
}

/// <summary>
/// A supervisor's decision as the page's form and the API send it, parsed once for both: the decision's code, the
/// reasons, the conditions and their deadline (yyyy-mm-dd). What the rules then require (reasons for a refusal,
/// conditions and a future deadline for a registration with conditions) <see cref="WorkflowService.DecideAsync(Actor, Guid, DecisionInput, int, CancellationToken)"/> checks.
/// </summary>
public sealed record DecisionInput(Decision Decision, string? Reasons, string? Conditions, DateOnly? Deadline)
{
    public const string DateFormat = "yyyy-MM-dd";

    public static IReadOnlyList<Decision> Decisions { get; } = Enum.GetValues<Decision>();

    /// <summary>Parses what was typed or sent; an unknown decision and a malformed deadline are field errors together (fields decision, deadline).</summary>
    public static DecisionInput Parse(string? decision, string? reasons, string? conditions, string? deadline)
    {
        var errors = new FieldErrors();
        var parsed = ParseDecision(decision);
        if (parsed is null)
        {
            errors.Add("decision", "decision-invalid", "use register, register-with-conditions or refuse");
        }

        DateOnly? date = null;
        if (!string.IsNullOrWhiteSpace(deadline))
        {
            if (DateOnly.TryParseExact(deadline.Trim(), DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                date = day;
            }
            else
            {
                errors.Add("deadline", "deadline-date", "write the date as yyyy-mm-dd");
            }
        }

        errors.ThrowIfAny();
        return new DecisionInput(parsed!.Value, reasons, conditions, date);
    }

    /// <summary>The decision of a code (register, register-with-conditions, refuse); null for anything else.</summary>
    public static Decision? ParseDecision(string? code) => Decisions.Cast<Decision?>().FirstOrDefault(d => d!.Value.Code() == code);

    /// <summary>The rules a decision must meet beyond its form, all reported together.</summary>
    internal void Validate(DateOnly today)
    {
        var errors = new FieldErrors();
        if (Decision == Decision.Refuse && string.IsNullOrWhiteSpace(Reasons))
        {
            errors.Add("reasons", "reasons-required", "a refusal must give its reasons");
        }

        if (Reasons is { Length: > TextLimits.Reason })
        {
            errors.Add("reasons", "too-long", "is {0} characters long; at most {1} are allowed", Reasons.Length, TextLimits.Reason);
        }

        if (Decision == Decision.RegisterWithConditions)
        {
            if (string.IsNullOrWhiteSpace(Conditions))
            {
                errors.Add("conditions", "conditions-required", "say which conditions apply");
            }
            else if (Conditions.Length > TextLimits.Reason)
            {
                errors.Add("conditions", "too-long", "is {0} characters long; at most {1} are allowed", Conditions.Length, TextLimits.Reason);
            }

            if (Deadline is null || Deadline <= today)
            {
                errors.Add("deadline", "deadline-future", "give a deadline after today");
            }
        }

        errors.ThrowIfAny();
    }

    /// <summary>The workflow action the decision takes.</summary>
    public WorkflowAction Action => Decision switch
    {
        Decision.Register => WorkflowAction.Register,
        Decision.RegisterWithConditions => WorkflowAction.RegisterWithConditions,
        _ => WorkflowAction.Refuse,
    };
}

/// <summary>The codes of decisions, as forms and the API send them.</summary>
public static class DecisionCodes
{
    public static string Code(this Decision decision) => decision switch
    {
        Decision.Register => "register",
        Decision.RegisterWithConditions => "register-with-conditions",
        _ => "refuse",
    };
}
