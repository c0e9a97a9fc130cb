using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Senim.Law.Engine;
using Senim.Registry.Access;
using Senim.Registry.Model;
using Senim.Registry.Services;
using Senim.Registry.Tests.Support;
using Senim.Registry.Workflow;
using Senim.Tests.Shared;

namespace Senim.Registry.Tests.Systems;

/// <summary>Reclassification and what changed; the system page's overview (owner actions, change requests).</summary>
public class ClassificationAndOverviewTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task Reclassifying_keeps_both_classifications_and_the_comparison_names_the_changed_answers_and_obligations(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var system = await registry.SystemAsync(world.Owner, world.Org.Id, "credit-scoring", fillDocuments: false);
        Assert.Equal("medium", system.Tier);

        var answers = registry.Answers("credit-scoring", World.HighRisk);
        var (reclassified, second, _) = await registry.RunAsync(async sp => await sp.GetRequiredService<ClassificationService>().ClassifyAsync(await sp.OpenAsync(world.Editor, system.Id), answers, "all", system.Version));
        Assert.Equal("high", reclassified.Tier);
        Assert.Equal(2, second.Number);

        var all = await registry.RunAsync(async sp => await sp.GetRequiredService<ClassificationService>().ListAsync(await sp.OpenAsync(world.Owner, system.Id)));
        Assert.Equal([2, 1], all.Select(c => c.Number));
        Assert.Single(all, c => c.IsCurrent);

        var changes = await registry.RunAsync(async sp => await sp.GetRequiredService<ClassificationService>().CompareAsync(await sp.OpenAsync(world.Owner, system.Id), 1, 2));
        var changed = changes.Answers.ToDictionary(a => a.QuestionId);
        Assert.Equal(Answer.Options(), changed["kz.risk.significant"].Old);
        Assert.Equal(Answer.Options("users"), changed["kz.risk.significant"].New);
        Assert.DoesNotContain("kz.scope.model", changed.Keys);
        Assert.Null(changed["kz.infosec.critical_ict"].Old);
        Assert.Equal(Answer.Of(false), changed["kz.infosec.critical_ict"].New);
        Assert.Empty(changes.ObligationsAdded); // medium and high carry the same obligations here; the difference is in documents and registration
        Assert.Empty(changes.ObligationsRemoved);

        // Without data libraries the obligation about them no longer applies.
        var withoutLibraries = registry.Answers("credit-scoring", new Dictionary<string, string[]>(World.HighRisk) { ["kz.data.libraries"] = ["no"] });
        var (third, thirdClassification, _) = await registry.RunAsync(async sp => await sp.GetRequiredService<ClassificationService>().ClassifyAsync(await sp.OpenAsync(world.Owner, system.Id), withoutLibraries, "all", reclassified.Version));
        var fewer = await registry.RunAsync(async sp => await sp.GetRequiredService<ClassificationService>().CompareAsync(await sp.OpenAsync(world.Owner, system.Id), 2, 3));
        Assert.Equal(["kz.data.libraries"], fewer.Answers.Select(a => a.QuestionId));
        Assert.Contains("kz.o.data_libraries", fewer.ObligationsRemoved);
        Assert.DoesNotContain("kz.o.data_libraries", thirdClassification.ObligationIds.Split(','));
        Assert.Equal(system.Version + 2, third.Version);

        var first = await registry.RunAsync(async sp => await sp.GetRequiredService<ClassificationService>().CompareAsync(await sp.OpenAsync(world.Owner, system.Id), null, 1));
        Assert.All(first.Answers, a => Assert.Null(a.Old));
        Assert.Equal(registry.Answers("credit-scoring").Count, first.Answers.Count);

        // The version history points at both classifications; its diff says which.
        var diff = await registry.RunAsync(async sp => await sp.GetRequiredService<SystemService>().DiffAsync(await sp.OpenAsync(world.Owner, system.Id), system.Version, reclassified.Version));
        Assert.Contains(diff, d => d.Field == "classification" && d.Old == "1" && d.New == "2");
        Assert.Contains(diff, d => d.Field == "tier" && d.Old == "medium" && d.New == "high");

        await Assert.ThrowsAsync<NotFoundException>(() => registry.RunAsync(async sp => await sp.GetRequiredService<ClassificationService>().CompareAsync(await sp.OpenAsync(world.Other, system.Id), 1, 2)));
        await Assert.ThrowsAsync<NotFoundException>(() => registry.RunAsync(async sp => await sp.GetRequiredService<ClassificationService>().CompareAsync(await sp.OpenAsync(world.Owner, system.Id), 1, 7)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task The_owner_is_offered_exactly_the_actions_the_workflow_and_the_tier_allow(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        Task<SystemOverview> Overview(Actor actor, Guid id) => registry.RunAsync(sp => sp.GetRequiredService<SystemOverviewService>().GetAsync(actor, id));

        var unclassified = await registry.RunAsync(sp => sp.GetRequiredService<SystemService>().CreateAsync(world.Owner, world.Org.Id, TestRegistry.Input()));
        Assert.Equal([WorkflowAction.Remove], (await Overview(world.Owner, unclassified.Id)).OwnerActions);

        var high = await world.HighRiskAsync(SystemStatus.Draft);
        var overview = await Overview(world.Editor, high.Id);
        Assert.Equal([WorkflowAction.Submit, WorkflowAction.Remove], overview.OwnerActions);
        Assert.True(overview.CanEdit);
        Assert.True(overview.DocumentsComplete);
        Assert.Equal("high", overview.Classification!.KzTier);
        Assert.NotNull(overview.Explanation);

        var minimal = await registry.SystemAsync(world.Owner, world.Org.Id, "spam-filter");
        Assert.Equal([WorkflowAction.Publish, WorkflowAction.Remove], (await Overview(world.Owner, minimal.Id)).OwnerActions);

        var submitted = await world.HighRiskAsync(SystemStatus.Submitted);
        var locked = await Overview(world.Owner, submitted.Id);
        Assert.Equal([WorkflowAction.Cancel], locked.OwnerActions);
        Assert.True(locked.IsEditor);
        Assert.False(locked.CanEdit);

        foreach (var reader in new[] { world.Supervisor, world.Admin })
        {
            var read = await Overview(reader, high.Id);
            Assert.Empty(read.OwnerActions);
            Assert.False(read.IsEditor);
        }

        await Assert.ThrowsAsync<NotFoundException>(() => Overview(world.Other, high.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => Overview(world.Expert, high.Id));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task Change_requests_show_the_flagged_items_until_the_owner_resubmits(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var system = await world.HighRiskAsync(SystemStatus.InReview);
        var item = await world.Workflow(w => Task.FromResult(w.Checklist().Items[1]));
        await world.Workflow(w => w.RemarkAsync(world.Expert, system.Id, item.Id, ChecklistVerdict.Issue, "The bias test is missing."));
        system = await world.Workflow(w => w.RequestChangesAsync(world.Expert, system.Id, "Add the bias test and explain the failure modes.", system.Version));

        var overview = await registry.RunAsync(sp => sp.GetRequiredService<SystemOverviewService>().GetAsync(world.Owner, system.Id));
        var request = Assert.Single(overview.ChangeRequests);
        Assert.Equal("Add the bias test and explain the failure modes.", request.Message);
        var flagged = Assert.Single(request.Items);
        Assert.Equal(item.Id, flagged.ItemId);
        Assert.Equal(item.Text.En, flagged.Text!.En);
        Assert.Equal("The bias test is missing.", flagged.Remark);
        Assert.Equal([WorkflowAction.Resubmit], overview.OwnerActions);
        Assert.True(overview.CanEdit);

        system = await world.Workflow(w => w.ResubmitAsync(world.Owner, system.Id, system.Version, "Added."));
        var after = await registry.RunAsync(sp => sp.GetRequiredService<SystemOverviewService>().GetAsync(world.Owner, system.Id));
        Assert.Empty(after.ChangeRequests);
        Assert.Equal(1, await registry.Db(db => db.ChangeRequests.CountAsync(c => c.SystemId == system.Id && c.ResolvedAt != null)));
    }
}
