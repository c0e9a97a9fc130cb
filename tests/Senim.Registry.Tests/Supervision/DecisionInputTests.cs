using Senim.Registry.Access;
using Senim.Registry.Services;
using Senim.Registry.Workflow;

namespace Senim.Registry.Tests.Supervision;

/// <summary>A decision as a form or the API sends it, parsed once in the register: the same fields, codes and messages for both.</summary>
public class DecisionInputTests
{
    [Theory]
    [InlineData("register", Decision.Register, WorkflowAction.Register)]
    [InlineData("register-with-conditions", Decision.RegisterWithConditions, WorkflowAction.RegisterWithConditions)]
    [InlineData("refuse", Decision.Refuse, WorkflowAction.Refuse)]
    public void A_decision_code_reads_as_its_decision_and_workflow_action(string code, Decision decision, WorkflowAction action)
    {
        var input = DecisionInput.Parse(code, "Reasons.", null, null);
        Assert.Equal((decision, action, code), (input.Decision, input.Action, input.Decision.Code()));
        Assert.Null(input.Deadline);
    }

    [Fact]
    public void The_deadline_is_a_date_written_yyyy_mm_dd_and_blank_means_none()
    {
        Assert.Equal(new DateOnly(2027, 6, 1), DecisionInput.Parse("register-with-conditions", "", "Audit.", " 2027-06-01 ").Deadline);
        Assert.Null(DecisionInput.Parse("register-with-conditions", "", "Audit.", "   ").Deadline);
    }

    [Theory]
    [InlineData(null, null, new[] { "decision" })]
    [InlineData("approve", "2027-06-01", new[] { "decision" })]
    [InlineData("register-with-conditions", "31.12.2030", new[] { "deadline" })]
    [InlineData("register-with-conditions", "2027-02-30", new[] { "deadline" })]
    [InlineData("Register", "next year", new[] { "decision", "deadline" })]
    public void An_unknown_decision_and_a_malformed_deadline_are_reported_together(string? decision, string? deadline, string[] fields)
    {
        var invalid = Assert.Throws<ValidationException>(() => DecisionInput.Parse(decision, "Reasons.", "Audit.", deadline));
        Assert.Equal(fields, invalid.Errors.Select(e => e.Field));
        foreach (var error in invalid.Errors)
        {
            var (key, message) = error.Field == "decision"
                ? ("decision-invalid", "use register, register-with-conditions or refuse")
                : ("deadline-date", "write the date as yyyy-mm-dd");
            Assert.Equal((key, message), (error.Key, error.Message));
        }
    }
}
