using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Senim.Registry.Access;
using Senim.Registry.Model;
using Senim.Registry.Services;
using Senim.Registry.Tests.Support;
using Senim.Registry.Workflow;
using Senim.Tests.Shared;

namespace Senim.Registry.Tests.Review;

/// <summary>The case file an expert or the supervisor reads: one authorisation, the system's row read once, and what each reader may see.</summary>
public class CaseFileTests
{
    /// <summary>The most queries one case file may take (the system, its classification, documents, change requests, assignments, candidates, events).</summary>
    private const int QueryBudget = 10;

    private static Task<CaseFile> OpenAsync(World world, Actor actor, Guid systemId, CaseReader reader) =>
        world.Registry.RunAsync(sp => sp.GetRequiredService<CaseFileService>().OpenAsync(actor, systemId, reader));

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task The_supervisors_case_file_reads_the_system_once_and_holds_everything_the_page_shows(DatabaseKind kind)
    {
        var counter = new QueryCounter();
        await using var registry = await TestRegistry.CreateAsync(kind, services => services.AddSingleton<IInterceptor>(counter));
        var world = await World.CreateAsync(registry);
        var system = await world.HighRiskAsync(SystemStatus.Submitted);
        system = await world.Workflow(w => w.AssignAsync(world.Supervisor, system.Id, [world.Expert.UserId, world.Expert2.UserId], system.Version));
        await world.Workflow(w => w.DeclareNoConflictAsync(world.Expert, system.Id));
        system = await world.Workflow(w => w.RequestChangesAsync(world.Expert, system.Id, "Add the bias test.", system.Version));

        counter.Clear();
        var file = await OpenAsync(world, world.Supervisor, system.Id, CaseReader.Supervisor);
        Assert.Equal(1, counter.Reads("AiSystems", system.Id));
        Assert.InRange(counter.Commands.Count, 1, QueryBudget);

        Assert.Equal((system.Id, SystemStatus.ChangesRequested), (file.System.Id, file.System.Status));
        Assert.Equal("Org A", file.System.Organisation!.Name);
        Assert.NotNull(file.Classification);
        Assert.NotNull(file.Result);
        Assert.NotEmpty(file.Documents);
        Assert.Equal("Add the bias test.", Assert.Single(file.ChangeRequests).Request.Message);
        Assert.Equal(new[] { world.Expert.UserId, world.Expert2.UserId }.Order(), file.Panel.Select(r => r.Assignment.ExpertId).Order());
        Assert.Null(file.Mine);
        Assert.Contains(file.Candidates, c => c.Id == world.Expert.UserId && c.Assigned);
        Assert.Contains(file.Candidates, c => c.Id == world.InsideExpert.UserId && c.Conflicted);
        Assert.Equal([WorkflowAction.Submit, WorkflowAction.Assign, WorkflowAction.DeclareNoConflict, WorkflowAction.RequestChanges], file.Events.Select(e => e.ActionOf()));
        Assert.Empty(file.Actions);
        Assert.Equal(file.Checklist.Items.Count, file.Checklist.Items.Select(i => file.ItemText(i.Id, Senim.Law.Texts.Language.En)).Distinct().Count());
        Assert.Equal("no-such-item", file.ItemText("no-such-item", Senim.Law.Texts.Language.En));
        Assert.StartsWith("Art.", file.Cites(file.Checklist.Items[0], Senim.Law.Texts.Language.En), StringComparison.Ordinal);

        // Recommended: the decisions are open to the supervisor now, straight from the workflow table.
        var recommended = await world.HighRiskAsync(SystemStatus.Recommended);
        var deciding = await OpenAsync(world, world.Supervisor, recommended.Id, CaseReader.Supervisor);
        Assert.Equal(new HashSet<WorkflowAction> { WorkflowAction.Register, WorkflowAction.RegisterWithConditions, WorkflowAction.Refuse }, deciding.Actions);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task The_experts_case_file_holds_only_the_experts_own_review(DatabaseKind kind)
    {
        var counter = new QueryCounter();
        await using var registry = await TestRegistry.CreateAsync(kind, services => services.AddSingleton<IInterceptor>(counter));
        var world = await World.CreateAsync(registry);
        var system = await world.HighRiskAsync(SystemStatus.InReview);

        counter.Clear();
        var file = await OpenAsync(world, world.Expert, system.Id, CaseReader.Expert);
        Assert.Equal(1, counter.Reads("AiSystems", system.Id));
        Assert.NotNull(file.Mine);
        Assert.Equal(world.Expert.UserId, file.Mine!.Assignment.ExpertId);
        Assert.NotNull(file.Mine.Assignment.NoConflictDeclaredAt);
        Assert.Empty(file.Panel);
        Assert.Empty(file.Candidates);
        Assert.Empty(file.Events);
        Assert.Empty(file.Actions);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task A_reader_not_entitled_to_a_case_file_is_refused_as_before(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var system = await world.HighRiskAsync(SystemStatus.InReview);

        // Those who may not see the system: 404 for either file.
        foreach (var reader in Enum.GetValues<CaseReader>())
        {
            await Assert.ThrowsAsync<NotFoundException>(() => OpenAsync(world, world.Other, system.Id, reader));
            await Assert.ThrowsAsync<NotFoundException>(() => OpenAsync(world, world.Expert2, system.Id, reader));
            await Assert.ThrowsAsync<NotFoundException>(() => OpenAsync(world, world.Supervisor, Guid.NewGuid(), reader));
        }

        // Those who may see it but not in this role: 403.
        Assert.Equal("supervisor-only", (await Assert.ThrowsAsync<ForbiddenException>(() => OpenAsync(world, world.Owner, system.Id, CaseReader.Supervisor))).Key);
        Assert.Equal("supervisor-only", (await Assert.ThrowsAsync<ForbiddenException>(() => OpenAsync(world, world.Expert, system.Id, CaseReader.Supervisor))).Key);
        Assert.Equal("supervisor-only", (await Assert.ThrowsAsync<ForbiddenException>(() => OpenAsync(world, world.Admin, system.Id, CaseReader.Supervisor))).Key);
        Assert.Equal("not-assigned", (await Assert.ThrowsAsync<ForbiddenException>(() => OpenAsync(world, world.Owner, system.Id, CaseReader.Expert))).Key);
        Assert.Equal("not-assigned", (await Assert.ThrowsAsync<ForbiddenException>(() => OpenAsync(world, world.Supervisor, system.Id, CaseReader.Expert))).Key);
    }
}
