using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Senim.Registry.Model;
using Senim.Registry.Services;
using Senim.Registry.Tests.Support;
using Senim.Registry.Workflow;
using Senim.Tests.Shared;

namespace Senim.Registry.Tests.Review;

/// <summary>
/// The registration workflow's deadlines (issue 12 item 7): each waiting step gets the law pack's period on the
/// working-day calendar when it starts, the next step replaces it, a decision clears it, and an overdue step tells the
/// people it waits on once. The world's clock starts on Wednesday 2026-11-25 09:00 UTC (14:00 in Almaty).
/// </summary>
public class StepDeadlineTests
{
    private static Task<int> RemindAsync(World world) =>
        world.Registry.RunAsync(sp => sp.GetRequiredService<RegistrationDeadlines>().NotifyOverdueAsync(world.Registry.Time.GetUtcNow().UtcDateTime));

    private static Task<List<Notification>> OverdueNotesAsync(World world) =>
        world.Registry.Db(db => db.Notifications.Where(n => n.Kind == NotificationKinds.ReviewOverdue || n.Kind == NotificationKinds.ChangeOverdue || n.Kind == NotificationKinds.DecisionOverdue).OrderBy(n => n.CreatedAt).ThenBy(n => n.Kind).ToListAsync());

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task Each_waiting_step_gets_its_deadline_in_working_days_and_a_decision_clears_it(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);

        var submitted = await world.HighRiskAsync(SystemStatus.Submitted);
        Assert.Null(submitted.StepDeadline); // waiting for the supervisor to form a panel has no pack deadline

        // Ten working days from the day after: Thu 26 Nov ... Wed 9 Dec, ending at 24:00 in Almaty (19:00 UTC).
        var review = await world.Workflow(w => w.AssignAsync(world.Supervisor, submitted.Id, [world.Expert.UserId], submitted.Version));
        Assert.Equal((RegistrationWorkflow.ExpertReviewDeadline, new DateOnly(2026, 12, 9), new DateTime(2026, 12, 9, 19, 0, 0, DateTimeKind.Utc)),
            (review.StepDeadline, review.StepDueDate, review.StepDueAt));
        await world.Workflow(w => w.DeclareNoConflictAsync(world.Expert, review.Id));

        // Fifteen working days for the owner's change, skipping Independence Day (Wed 16 Dec): Thu 17 Dec.
        var changes = await world.Workflow(w => w.RequestChangesAsync(world.Expert, review.Id, "Add the bias test.", review.Version));
        Assert.Equal((RegistrationWorkflow.RequestedChangeDeadline, new DateOnly(2026, 12, 17)), (changes.StepDeadline, changes.StepDueDate));

        // A resubmission on Monday 30 Nov starts a new review period: ten working days from Tue 1 Dec is Mon 14 Dec.
        registry.Time.SetUtcNow(new DateTimeOffset(2026, 11, 30, 5, 0, 0, TimeSpan.Zero));
        var again = await world.Workflow(w => w.ResubmitAsync(world.Owner, changes.Id, changes.Version, "Added."));
        Assert.Equal((RegistrationWorkflow.ExpertReviewDeadline, new DateOnly(2026, 12, 14)), (again.StepDeadline, again.StepDueDate));

        // Five working days for the supervisor from the recommendation (Mon 30 Nov): Mon 7 Dec.
        var recommended = await world.Workflow(w => w.RecommendAsync(world.Expert, again.Id, Recommendation.Register, "Fine.", again.Version));
        Assert.Equal((SystemStatus.Recommended, RegistrationWorkflow.SupervisorDecisionDeadline, new DateOnly(2026, 12, 7)),
            (recommended.Status, recommended.StepDeadline, recommended.StepDueDate));

        var registered = await world.Workflow(w => w.DecideAsync(world.Supervisor, recommended.Id, Decision.Register, "Registered.", null, null, recommended.Version));
        Assert.Equal((SystemStatus.Registered, null, null, null), (registered.Status, registered.StepDeadline, registered.StepDueDate, registered.StepDueAt));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task An_overdue_step_tells_the_people_it_waits_on_once_and_the_next_step_starts_untold(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var review = await world.HighRiskAsync(SystemStatus.InReview);
        var onTime = await world.HighRiskAsync(SystemStatus.Submitted);
        onTime = await world.Workflow(w => w.AssignAsync(world.Supervisor, onTime.Id, [world.Expert2.UserId], onTime.Version));
        await world.Workflow(w => w.DeclareNoConflictAsync(world.Expert2, onTime.Id));
        await registry.Db(db => db.Notifications.ExecuteDeleteAsync());

        // The last instant of the deadline is not overdue yet.
        registry.Time.SetUtcNow(new DateTimeOffset(2026, 12, 9, 18, 59, 59, TimeSpan.Zero));
        Assert.Equal(0, await RemindAsync(world));

        // Both reviews started at the same instant, so both are overdue from 19:00 UTC; the second one moves on first.
        onTime = await world.Workflow(w => w.RecommendAsync(world.Expert2, onTime.Id, Recommendation.Register, "Fine.", onTime.Version));
        registry.Time.SetUtcNow(new DateTimeOffset(2026, 12, 9, 19, 0, 0, TimeSpan.Zero));
        Assert.Empty(await OverdueNotesAsync(world));
        Assert.Equal(1, await RemindAsync(world));
        var notes = await OverdueNotesAsync(world);
        var note = Assert.Single(notes);
        Assert.Equal((NotificationKinds.ReviewOverdue, world.Expert.UserId, review.Id, $"[\"{RegistrationWorkflow.ExpertReviewDeadline}\",\"2026-12-09\"]"),
            (note.Kind, note.UserId!.Value, note.SystemId!.Value, note.ArgsJson));

        // Told once: running again tells no one.
        Assert.Equal(0, await RemindAsync(world));
        Assert.Single(await OverdueNotesAsync(world));

        // The owner's change starts a new, untold deadline; when it passes, the organisation is told.
        review = await world.Registry.GetAsync(world.Owner, review.Id);
        var changes = await world.Workflow(w => w.RequestChangesAsync(world.Expert, review.Id, "Add the bias test.", review.Version));
        Assert.Null(changes.StepOverdueNotifiedAt);
        registry.Time.SetUtcNow(new DateTimeOffset(2027, 1, 20, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal(2, await RemindAsync(world)); // the change, and the recommended system's decision
        var told = (await OverdueNotesAsync(world)).Skip(1).ToList();
        Assert.Equal(2, told.Count);
        Assert.Contains(told, n => n.Kind == NotificationKinds.ChangeOverdue && n.OrganisationId == world.Org.Id && n.SystemId == review.Id && n.UserId is null);
        Assert.Contains(told, n => n.Kind == NotificationKinds.DecisionOverdue && n.UserId == world.Supervisor.UserId && n.SystemId == onTime.Id);
    }
}
