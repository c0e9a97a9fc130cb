using Microsoft.Extensions.DependencyInjection;
using Senim.Registry.Model;
using Senim.Registry.Services;
using Senim.Registry.Tests.Support;
using Senim.Registry.Workflow;
using Senim.Tests.Shared;

namespace Senim.Registry.Tests;

/// <summary>
/// The workflow's typed values and the codes the register stores: every action and capacity has one code, the codes
/// are the strings the database, the public record and the log have always held, and a code reads back as its value.
/// </summary>
public class WorkflowCodesTests
{
    [Fact]
    public void Every_action_and_capacity_has_its_stored_code_and_reads_back()
    {
        Assert.Equal(
            ["submit", "cancel", "publish", "assign", "request-changes", "resubmit", "recommend", "decide-register", "decide-conditions", "decide-refuse",
             "suspend", "reinstate", "withdraw", "remove", "declare-no-conflict"],
            WorkflowCodes.Actions.Select(a => a.Code()));
        Assert.All(WorkflowCodes.Actions, a => Assert.Equal(a, WorkflowCodes.ParseAction(a.Code())));
        Assert.Equal(["owner", "expert", "supervisor", "system"], WorkflowCodes.Capacities.Select(c => c.Code()));
        Assert.All(WorkflowCodes.Capacities, c => Assert.Equal(c, WorkflowCodes.ParseCapacity(c.Code())));
        Assert.Null(WorkflowCodes.ParseAction("approve"));
        Assert.Null(WorkflowCodes.ParseAction(null));
        Assert.Null(WorkflowCodes.ParseCapacity("(owner)"));
    }

    [Fact]
    public void The_table_is_found_by_value_and_by_stored_code_and_only_transitions_are_in_it()
    {
        foreach (var transition in RegistrationWorkflow.All)
        {
            Assert.Same(transition, RegistrationWorkflow.Get(transition.Action));
            Assert.Same(transition, RegistrationWorkflow.Get(transition.Code));
        }

        Assert.Equal(WorkflowCodes.Actions.Count - 1, RegistrationWorkflow.All.Count);
        Assert.Throws<ArgumentException>(() => RegistrationWorkflow.Get(WorkflowAction.DeclareNoConflict));
        Assert.Throws<ArgumentException>(() => RegistrationWorkflow.Get("approve"));
        Assert.DoesNotContain(RegistrationWorkflow.All, t => t.By == Capacity.System);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task Events_keep_their_codes_and_read_back_as_typed_values(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var system = await world.HighRiskAsync(SystemStatus.Recommended);

        var events = await registry.RunAsync(sp => sp.GetRequiredService<WorkflowService>().EventsAsync(system.Id, publicOnly: false));
        Assert.Equal(["submit", "assign", "declare-no-conflict", "recommend"], events.Select(e => e.Action));
        Assert.Equal(["owner", "supervisor", "expert", "expert"], events.Select(e => e.ActorRole));
        Assert.Equal([WorkflowAction.Submit, WorkflowAction.Assign, WorkflowAction.DeclareNoConflict, WorkflowAction.Recommend], events.Select(e => e.ActionOf()));
        Assert.Equal([Capacity.Owner, Capacity.Supervisor, Capacity.Expert, Capacity.Expert], events.Select(e => e.CapacityOf()));
        Assert.Null(new WorkflowEvent { Action = "legacy-action", ActorRole = "admin" }.ActionOf());
    }
}
