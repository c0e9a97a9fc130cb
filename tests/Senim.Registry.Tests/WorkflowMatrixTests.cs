using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Senim.Registry.Access;
using Senim.Registry.Data;
using Senim.Registry.Model;
using Senim.Registry.Services;
using Senim.Registry.Tests.Support;
using Senim.Registry.Workflow;
using Senim.Tests.Shared;

namespace Senim.Registry.Tests;

/// <summary>
/// Every workflow action, from every status, by every kind of actor: the outcome must be exactly what
/// the rules say (success, not found, forbidden, or refused by the rules). Each attempt runs in a
/// transaction that is rolled back, so all of them start from the same system.
/// </summary>
public class WorkflowMatrixTests
{
    public enum Outcome
    {
        Success,
        NotFound,
        Forbidden,
        Refused,
    }

    private enum Who
    {
        Owner,
        Editor,
        OtherOrganisation,
        Supervisor,
        AssignedExpert,
        OtherExpert,
        Admin,
        Anonymous,
    }

    private static readonly SystemStatus[] Statuses = Enum.GetValues<SystemStatus>();

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task Every_action_from_every_status_by_every_actor_has_the_expected_outcome(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var failures = new List<string>();
        var attempts = 0;
        foreach (var status in Statuses)
        {
            var system = status == SystemStatus.Published ? await world.PublishedAsync() : await world.HighRiskAsync(status);
            Assert.Equal(status, system.Status);
            foreach (var who in Enum.GetValues<Who>())
            {
                var actor = ActorOf(world, who);
                foreach (var transition in RegistrationWorkflow.All)
                {
                    var expected = Expected(who, status, transition.Action);
                    var actual = await AttemptAsync(registry, w => Act(w, world, transition.Action, actor, system));
                    attempts++;
                    if (actual.Outcome != expected)
                    {
                        failures.Add($"{transition.Code} from {status} by {who}: expected {expected}, got {actual.Outcome} ({actual.Message})");
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {attempts} attempts differ:\n" + string.Join("\n", failures));
        Assert.Equal(Statuses.Length * Enum.GetValues<Who>().Length * RegistrationWorkflow.All.Count, attempts);
    }

    private static Actor ActorOf(World world, Who who) => who switch
    {
        Who.Owner => world.Owner,
        Who.Editor => world.Editor,
        Who.OtherOrganisation => world.Other,
        Who.Supervisor => world.Supervisor,
        Who.AssignedExpert => world.Expert,
        Who.OtherExpert => world.Expert2,
        Who.Admin => world.Admin,
        _ => Actor.Anonymous,
    };

    /// <summary>The rules, written out independently of the service.</summary>
    private static Outcome Expected(Who who, SystemStatus status, WorkflowAction action)
    {
        var underReview = status is SystemStatus.InReview or SystemStatus.ChangesRequested or SystemStatus.Recommended;
        var visible = who switch
        {
            Who.Owner or Who.Editor or Who.Supervisor or Who.Admin => true,
            Who.AssignedExpert => underReview,
            _ => false,
        };
        if (!visible)
        {
            return Outcome.NotFound;
        }

        var transition = RegistrationWorkflow.Get(action);
        if (transition.By == Capacity.Expert)
        {
            if (who != Who.AssignedExpert)
            {
                return Outcome.Forbidden;
            }

            return transition.From.Contains(status) && !(action == WorkflowAction.Recommend && status == SystemStatus.Recommended)
                ? Outcome.Success
                : Outcome.Refused;
        }

        var capable = transition.By switch
        {
            Capacity.Owner => who is Who.Owner or Who.Editor,
            _ => who == Who.Supervisor,
        };
        if (!capable)
        {
            return Outcome.Forbidden;
        }

        if (!transition.From.Contains(status))
        {
            return Outcome.Refused;
        }

        // The one guard beyond the table here: a high-risk draft is submitted, not published.
        return action == WorkflowAction.Publish ? Outcome.Refused : Outcome.Success;
    }

    private static Task Act(WorkflowService w, World world, WorkflowAction action, Actor actor, AiSystem s) => action switch
    {
        WorkflowAction.Submit => w.SubmitAsync(actor, s.Id, s.Version, null),
        WorkflowAction.Cancel => w.CancelAsync(actor, s.Id, s.Version, null),
        WorkflowAction.Publish => w.PublishAsync(actor, s.Id, s.Version),
        WorkflowAction.Assign => w.AssignAsync(actor, s.Id, [world.Expert.UserId], s.Version),
        WorkflowAction.RequestChanges => w.RequestChangesAsync(actor, s.Id, "Please add the bias test.", s.Version),
        WorkflowAction.Resubmit => w.ResubmitAsync(actor, s.Id, s.Version, null),
        WorkflowAction.Recommend => w.RecommendAsync(actor, s.Id, Recommendation.Register, "Fine.", s.Version),
        WorkflowAction.Register => w.DecideAsync(actor, s.Id, Decision.Register, "Registered.", null, null, s.Version),
        WorkflowAction.RegisterWithConditions => w.DecideAsync(actor, s.Id, Decision.RegisterWithConditions, "With conditions.", "Audit yearly.", new DateOnly(2027, 6, 1), s.Version),
        WorkflowAction.Refuse => w.DecideAsync(actor, s.Id, Decision.Refuse, "No.", null, null, s.Version),
        WorkflowAction.Suspend => w.SuspendAsync(actor, s.Id, "Complaint.", s.Version),
        WorkflowAction.Reinstate => w.ReinstateAsync(actor, s.Id, "Resolved.", s.Version),
        WorkflowAction.Withdraw => w.WithdrawAsync(actor, s.Id, "Stopped.", s.Version),
        WorkflowAction.Remove => w.RemoveAsync(actor, s.Id, "No longer used.", s.Version),
        _ => throw new ArgumentException(action.Code(), nameof(action)),
    };

    private static async Task<(Outcome Outcome, string Message)> AttemptAsync(TestRegistry registry, Func<WorkflowService, Task> action) =>
        await registry.RunAsync(async sp =>
        {
            var db = sp.GetRequiredService<RegistryDb>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            try
            {
                await action(sp.GetRequiredService<WorkflowService>());
                return (Outcome.Success, "");
            }
            catch (NotFoundException ex)
            {
                return (Outcome.NotFound, ex.Message);
            }
            catch (ForbiddenException ex)
            {
                return (Outcome.Forbidden, ex.Message);
            }
            catch (RuleException ex)
            {
                return (Outcome.Refused, ex.Message);
            }
            finally
            {
                await transaction.RollbackAsync();
            }
        });
}
