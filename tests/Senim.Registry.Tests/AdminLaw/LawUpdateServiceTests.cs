using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Senim.Registry.Access;
using Senim.Registry.Model;
using Senim.Registry.Services;
using Senim.Registry.Tests.Support;
using Senim.Tests.Shared;

namespace Senim.Registry.Tests.AdminLaw;

public class LawUpdateServiceTests
{
    private static Task<T> Law<T>(TestRegistry registry, Func<LawUpdateService, Task<T>> action, int batchSize = 500) =>
        registry.RunAsync(sp =>
        {
            var service = sp.GetRequiredService<LawUpdateService>();
            service.BatchSize = batchSize;
            return action(service);
        });

    private static Task<LawSetSummary> Stage(TestRegistry registry, Actor admin, byte[] zip) =>
        Law(registry, l => l.StageAsync(admin, new MemoryStream(zip)));

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task A_new_pack_version_is_staged_its_impact_listed_and_applying_it_reclassifies_exactly_those_systems(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var medium = await registry.SystemAsync(world.Owner, world.Org.Id, "credit-scoring", fillDocuments: false);
        medium = await world.Workflow(w => w.PublishAsync(world.Owner, medium.Id, medium.Version));
        Assert.Contains("\"tier\":\"medium\"", await registry.Db(db => db.Systems.Where(s => s.Id == medium.Id).Select(s => s.PublicJson!).SingleAsync()), StringComparison.Ordinal);
        var minimal = await registry.SystemAsync(world.Owner, world.Org.Id, "spam-filter", fillDocuments: false);
        var high = await world.HighRiskAsync(SystemStatus.Registered);
        var otherMedium = await registry.SystemAsync(world.Other, world.OtherOrg.Id, "cv-screening", fillDocuments: false);
        var removed = await registry.SystemAsync(world.Owner, world.Org.Id, "exam-proctoring", fillDocuments: false);
        await world.Workflow(w => w.RemoveAsync(world.Owner, removed.Id, "Retired.", removed.Version));
        Assert.Equal(["medium", "minimal", "high", "medium"], new[] { medium, minimal, high, otherMedium }.Select(s => s.Tier));
        var activeBefore = await registry.Db(db => db.LawSets.SingleAsync(s => s.Status == LawSetStatus.Active));
        var versionsBefore = await registry.Db(db => db.Systems.ToDictionaryAsync(s => s.Id, s => s.Version));
        var classificationsBefore = await registry.CountAsync<Classification>();

        var staged = await Stage(registry, world.Admin, LawZip.HarmIsHighRisk());
        Assert.Equal(LawSetStatus.Staged, staged.Status);
        Assert.Contains("kz-230 2027.1.0", staged.Label, StringComparison.Ordinal);
        Assert.Equal("admin", staged.LoadedByName);
        var (against, diff) = await Law(registry, l => l.DiffAsync(world.Admin, staged.Id));
        Assert.Equal(activeBefore.Id, against!.Id);
        var kz = diff.Single(d => d.PackId == "kz-230");
        Assert.Equal(("2026.12.2", "2027.1.0"), (kz.OldVersion, kz.NewVersion));
        Assert.Contains(kz.Items, i => i.Section == "rules" && i.Id == "kz.r.tier.medium.harm" && i.Fields.Any(f => f.Field == "value" && f.Old == "medium" && f.New == "high"));
        Assert.True(diff.Single(d => d.PackId == "eu-ai-act").IsUnchanged);

        // Staging changes nothing but the law sets.
        Assert.Equal(activeBefore.Id, await registry.RunAsync(sp => Task.FromResult(sp.GetRequiredService<LawCatalog>().ActiveSetId)));
        Assert.Equal(classificationsBefore, await registry.CountAsync<Classification>());

        var impact = await Law(registry, l => l.ImpactAsync(world.Admin, staged.Id, 1, 50), batchSize: 2);
        Assert.Equal(4, impact.Counts.Checked);
        Assert.Equal(2, impact.Counts.Changed);
        Assert.Equal(2, impact.Counts.Tier);
        // High risk asks the information-security questions these systems never answered: the classification becomes partial.
        Assert.Equal(2, impact.Counts.Completeness);
        Assert.Equal(0, impact.Counts.Prohibited);
        Assert.Equal([medium.Id, otherMedium.Id], impact.Rows.Items.Select(r => r.SystemId));
        var row = impact.Rows.Items.Single(r => r.SystemId == medium.Id);
        Assert.Equal(("medium", "high"), (row.OldKzTier, row.NewKzTier));
        Assert.Equal("Org A", row.OrganisationName);
        Assert.Equal((true, false), (row.OldComplete, row.NewComplete));
        Assert.Empty(row.ProhibitedAdded);

        var page2 = await Law(registry, l => l.ImpactAsync(world.Admin, staged.Id, 2, 1), batchSize: 3);
        Assert.Equal(2, page2.Rows.Total);
        Assert.Equal(impact.Rows.Items[1].SystemId, Assert.Single(page2.Rows.Items).SystemId);

        var applied = await Law(registry, l => l.ApplyAsync(world.Admin, staged.Id), batchSize: 1);
        Assert.True(applied.Activated);
        Assert.Equal(4, applied.Checked);
        Assert.Equal(2, applied.Reclassified);
        Assert.Equal(LawSetStatus.Active, applied.Set.Status);
        Assert.Equal(LawSetStatus.Retired, (await registry.Db(db => db.LawSets.SingleAsync(s => s.Id == activeBefore.Id))).Status);
        Assert.Equal(staged.Id, await registry.RunAsync(sp => Task.FromResult(sp.GetRequiredService<LawCatalog>().ActiveSetId)));

        var updates = await registry.Db(db => db.Classifications.Where(c => c.Reason == LawUpdateService.Reason).ToListAsync());
        Assert.Equal(new HashSet<Guid> { medium.Id, otherMedium.Id }, updates.Select(c => c.SystemId).ToHashSet());
        Assert.All(updates, c =>
        {
            Assert.True(c.IsCurrent);
            Assert.Equal("high", c.KzTier);
            Assert.Equal(staged.Id, c.LawSetId);
            Assert.Equal(2, c.Number);
            Assert.Equal(world.Admin.UserId, c.ClassifiedBy);
        });
        Assert.Equal(1, await registry.Db(db => db.Classifications.CountAsync(c => c.SystemId == medium.Id && c.IsCurrent)));
        Assert.Equal("high", (await registry.GetAsync(world.Owner, medium.Id)).Tier);
        // The published system's public record shows the new classification, made under the new law set.
        var record = await registry.Db(db => db.Systems.Where(s => s.Id == medium.Id).Select(s => s.PublicJson!).SingleAsync());
        Assert.Contains("2027.1.0", record, StringComparison.Ordinal);
        Assert.Contains("\"tier\":\"high\"", record, StringComparison.Ordinal);
        Assert.DoesNotContain("\"tier\":\"medium\"", record, StringComparison.Ordinal);

        var versionsAfter = await registry.Db(db => db.Systems.ToDictionaryAsync(s => s.Id, s => s.Version));
        foreach (var (id, version) in versionsBefore)
        {
            Assert.Equal(id == medium.Id || id == otherMedium.Id ? version + 1 : version, versionsAfter[id]);
        }

        Assert.Equal("law-update", await registry.Db(db => db.SystemVersions.Where(v => v.SystemId == medium.Id).OrderByDescending(v => v.Version).Select(v => v.Change).FirstAsync()));
        var notifications = await registry.Db(db => db.Notifications.Where(n => n.Kind == LawUpdateService.NotificationKind).ToListAsync());
        Assert.Equal([(world.Org.Id, medium.Id), (world.OtherOrg.Id, otherMedium.Id)], notifications.Select(n => (n.OrganisationId!.Value, n.SystemId!.Value)).OrderBy(n => n.Item2 == otherMedium.Id));
        Assert.Contains("kz-230 2027.1.0", notifications[0].ArgsJson, StringComparison.Ordinal);

        // The active set's impact is what is left to do: nothing. Applying it again changes nothing.
        Assert.Equal(0, (await Law(registry, l => l.ImpactAsync(world.Admin, staged.Id, 1, 20))).Counts.Changed);
        var again = await Law(registry, l => l.ApplyAsync(world.Admin, staged.Id));
        Assert.False(again.Activated);
        Assert.Equal(0, again.Reclassified);
        Assert.Equal(2, await registry.Db(db => db.Classifications.CountAsync(c => c.Reason == LawUpdateService.Reason)));

        var retired = await Assert.ThrowsAsync<RuleException>(() => Law(registry, l => l.ApplyAsync(world.Admin, activeBefore.Id)));
        Assert.Equal("law-set-retired", retired.Key);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task Broken_uploads_are_refused_with_every_problem_and_nothing_is_staged(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var previous = await Stage(registry, world.Admin, LawZip.HarmIsHighRisk());

        async Task<ValidationException> Refused(byte[] zip)
        {
            var refused = await Assert.ThrowsAsync<ValidationException>(() => Stage(registry, world.Admin, zip));
            var sets = await registry.Db(db => db.LawSets.Select(s => new { s.Id, s.Status }).ToListAsync());
            Assert.Equal(2, sets.Count);
            Assert.Contains(sets, s => s.Id == previous.Id && s.Status == LawSetStatus.Staged);
            return refused;
        }

        Assert.Equal("zip-invalid", Assert.Single((await Refused(Encoding.UTF8.GetBytes("this is not a zip"))).Errors).Key);
        Assert.Equal("zip-empty", Assert.Single((await Refused([])).Errors).Key);

        // A zip bomb: 5 MB of zeros compress to a few kilobytes.
        var bomb = LawZip.BuildBytes([("law/kz/pack.yaml", new byte[5 * 1024 * 1024])]);
        Assert.True(bomb.Length < 100_000);
        Assert.Equal("zip-file-size", Assert.Single((await Refused(bomb)).Errors).Key);
        var wide = LawZip.BuildBytes(Enumerable.Range(0, 6).Select(i => ($"law/p{i}/pack.yaml", new byte[3_900_000])));
        Assert.Equal("zip-total-size", Assert.Single((await Refused(wide)).Errors).Key);
        var many = LawZip.Build(Enumerable.Range(0, 201).Select(i => ($"law/kz/f{i}.yaml", "a: 1\n")));
        Assert.Equal("zip-entries", Assert.Single((await Refused(many)).Errors).Key);

        var tricks = await Refused(LawZip.Build([("../evil.yaml", "a: 1"), ("/etc/evil.yaml", "a: 1"), ("law\\kz\\pack.yaml", "a: 1"), ("law/kz/run.sh", "rm -rf /"), ("law/kz/./x.yaml", "a: 1")]));
        Assert.Equal(["zip-path", "zip-path", "zip-path", "zip-not-yaml", "zip-path"], tricks.Errors.Select(e => e.Key));
        var latin1 = await Refused(LawZip.BuildBytes([("law/kz/pack.yaml", [0x61, 0x3A, 0x20, 0xE9, 0x0A])]));
        Assert.Equal("zip-encoding", Assert.Single(latin1.Errors).Key);

        // A pack with errors: every problem with its file, line and id.
        var broken = LawZip.Of((path, text) => path switch
        {
            "kz/pack.yaml" => LawZip.Replace(text, "  version: 2026.12.2", "  version: 2027.1.0"),
            "kz/rules.yaml" => LawZip.Replace(LawZip.Replace(text, "    conclusion: kz.risk_tier\n    value: medium", "    conclusion: kz.no_such_conclusion\n    value: medium"), "  - id: kz.r.scope.ai_system\n", "  - id: kz.r.scope.ai_system\n    colour: blue\n"),
            _ => text,
        });
        var packErrors = await Refused(broken);
        Assert.True(packErrors.Errors.Count >= 2, string.Join("\n", packErrors.Errors.Select(e => e.Message)));
        Assert.All(packErrors.Errors, e =>
        {
            Assert.Equal("pack-error", e.Key);
            Assert.Equal("kz/rules.yaml", e.Args[0]);
            Assert.True(int.Parse(e.Args[1], System.Globalization.CultureInfo.InvariantCulture) > 0);
            Assert.StartsWith("kz/rules.yaml:", e.Field, StringComparison.Ordinal);
        });
        Assert.Contains(packErrors.Errors, e => e.Args[3] == "unknown-key");
        Assert.Contains(packErrors.Errors, e => e.Args[2] == "kz.r.tier.medium.efficiency" || e.Message.Contains("kz.no_such_conclusion", StringComparison.Ordinal));

        var unbumped = await Refused(LawZip.Of((path, text) => path == "kz/rules.yaml" ? LawZip.Replace(text, "    when: kz.risk.harm = yes\n    conclusion: kz.risk_tier\n    value: medium", "    when: kz.risk.harm = yes\n    conclusion: kz.risk_tier\n    value: high") : text));
        Assert.Equal("law-version-unchanged", Assert.Single(unbumped.Errors).Key);

        var same = await Assert.ThrowsAsync<RuleException>(() => Stage(registry, world.Admin, LawZip.Of()));
        Assert.Equal("law-unchanged", same.Key);
        Assert.Equal(2, await registry.CountAsync<LawSet>());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task Only_platform_admins_manage_law_sets_and_a_new_upload_replaces_the_staged_one(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        foreach (var actor in new[] { world.Supervisor, world.Owner, world.Expert, Actor.Anonymous })
        {
            await Assert.ThrowsAsync<ForbiddenException>(() => Stage(registry, actor, LawZip.HarmIsHighRisk()));
            await Assert.ThrowsAsync<ForbiddenException>(() => Law(registry, l => l.ListAsync(actor)));
        }

        var first = await Stage(registry, world.Admin, LawZip.HarmIsHighRisk());
        foreach (var actor in new[] { world.Supervisor, world.Owner })
        {
            await Assert.ThrowsAsync<ForbiddenException>(() => Law(registry, l => l.ImpactAsync(actor, first.Id, 1, 20)));
            await Assert.ThrowsAsync<ForbiddenException>(() => Law(registry, l => l.ApplyAsync(actor, first.Id)));
        }

        // Upload it again from a zip of the folder's contents (no law/ folder on top): the first staged set is replaced.
        registry.Time.Advance(TimeSpan.FromMinutes(1));
        var second = await Stage(registry, world.Admin, LawZip.Of((path, text) => path switch
        {
            "kz/pack.yaml" => LawZip.Replace(text, "  version: 2026.12.2", "  version: 2027.1.1"),
            _ => text,
        }, top: ""));
        var sets = await Law(registry, l => l.ListAsync(world.Admin));
        Assert.Equal([second.Id, sets[1].Id], sets.Select(s => s.Id));
        Assert.Equal(LawSetStatus.Active, sets[1].Status);

        // Only the version changed: no system can change, and the diff shows just the header.
        var (_, diff) = await Law(registry, l => l.DiffAsync(world.Admin, second.Id));
        var kz = Assert.Single(diff, d => !d.IsUnchanged);
        Assert.Equal("pack", Assert.Single(kz.Items).Section);

        await Law(registry, async l =>
        {
            await l.DiscardAsync(world.Admin, second.Id);
            return 0;
        });
        Assert.Equal(1, await registry.CountAsync<LawSet>());
        await Assert.ThrowsAsync<NotFoundException>(() => Law(registry, l => l.ImpactAsync(world.Admin, second.Id, 1, 20)));
        var active = sets[1].Id;
        var discard = await Assert.ThrowsAsync<RuleException>(() => Law(registry, async l =>
        {
            await l.DiscardAsync(world.Admin, active);
            return 0;
        }));
        Assert.Equal("law-set-not-staged", discard.Key);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task Thousands_of_systems_are_checked_and_reclassified_in_batches(DatabaseKind kind)
    {
        const int copies = 1000;
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var medium = await registry.SystemAsync(world.Owner, world.Org.Id, "credit-scoring", fillDocuments: false);
        var minimal = await registry.SystemAsync(world.Other, world.OtherOrg.Id, "spam-filter", fillDocuments: false);
        await registry.Db(async db =>
        {
            var templates = await db.Systems.AsNoTracking().Where(s => s.Id == medium.Id || s.Id == minimal.Id).ToListAsync();
            var classifications = await db.Classifications.AsNoTracking().Where(c => c.IsCurrent && (c.SystemId == medium.Id || c.SystemId == minimal.Id)).ToListAsync();
            for (var i = 0; i < copies; i++)
            {
                foreach (var template in templates)
                {
                    var id = Guid.NewGuid();
                    db.Systems.Add(new AiSystem
                    {
                        Id = id, OrganisationId = template.OrganisationId, NameRu = $"{template.NameRu} {i:0000}", PurposeRu = template.PurposeRu, Sector = template.Sector,
                        Role = template.Role, Status = SystemStatus.Draft, Tier = template.Tier, SortName = $"{template.SortName} {i:0000}", SearchText = template.SearchText,
                        CreatedAt = template.CreatedAt, UpdatedAt = template.UpdatedAt, Version = 1,
                    });
                    var c = classifications.Single(x => x.SystemId == template.Id);
                    db.Classifications.Add(new Classification
                    {
                        Id = Guid.NewGuid(), SystemId = id, Number = 1, IsCurrent = true, Law = c.Law, At = c.At, AnswersJson = c.AnswersJson, PacksJson = c.PacksJson,
                        LawSetId = c.LawSetId, KzTier = c.KzTier, EuTier = c.EuTier, Complete = c.Complete, Prohibited = c.Prohibited, ProhibitedIds = c.ProhibitedIds,
                        ObligationIds = c.ObligationIds, ClassifiedAt = c.ClassifiedAt, Reason = c.Reason,
                    });
                }
            }

            return await db.SaveChangesAsync();
        });

        var staged = await Stage(registry, world.Admin, LawZip.HarmIsHighRisk());
        var impact = await Law(registry, l => l.ImpactAsync(world.Admin, staged.Id, 3, 100), batchSize: 300);
        Assert.Equal(2 * (copies + 1), impact.Counts.Checked);
        Assert.Equal(copies + 1, impact.Counts.Changed);
        Assert.Equal(100, impact.Rows.Items.Count);
        Assert.All(impact.Rows.Items, r => Assert.Equal(("medium", "high"), (r.OldKzTier, r.NewKzTier)));
        Assert.Equal(impact.Rows.Items.Select(r => r.NameRu).Order(StringComparer.Ordinal), impact.Rows.Items.Select(r => r.NameRu));

        var applied = await Law(registry, l => l.ApplyAsync(world.Admin, staged.Id), batchSize: 300);
        Assert.Equal((2 * (copies + 1), copies + 1), (applied.Checked, applied.Reclassified));
        Assert.Equal(copies + 1, await registry.Db(db => db.Classifications.CountAsync(c => c.Reason == LawUpdateService.Reason && c.IsCurrent)));
        Assert.Equal(copies + 1, await registry.Db(db => db.Notifications.CountAsync(n => n.Kind == LawUpdateService.NotificationKind && n.OrganisationId == world.Org.Id)));
        Assert.Equal(0, await registry.Db(db => db.Notifications.CountAsync(n => n.OrganisationId == world.OtherOrg.Id)));
        Assert.Equal(0, await registry.Db(db => db.Systems.CountAsync(s => s.OrganisationId == world.OtherOrg.Id && s.Version != 1 && s.Id != minimal.Id)));
        Assert.Equal(0, (await Law(registry, l => l.ImpactAsync(world.Admin, staged.Id, 1, 10), batchSize: 300)).Counts.Changed);
    }
}
