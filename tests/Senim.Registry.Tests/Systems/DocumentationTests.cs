using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Senim.Registry.Access;
using Senim.Registry.Model;
using Senim.Registry.Services;
using Senim.Registry.Tests.Support;
using Senim.Tests.Shared;

namespace Senim.Registry.Tests.Systems;

/// <summary>Documentation: completeness drives submission, evidence files are checked before they are kept, reviews fall due.</summary>
public class DocumentationTests
{
    private static readonly byte[] Pdf = "%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"u8.ToArray();

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task Submission_with_a_missing_document_is_refused_with_the_list_and_changes_nothing(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var system = await registry.SystemAsync(world.Owner, world.Org.Id, "credit-scoring", World.HighRisk, fillDocuments: false);
        var required = await registry.RunAsync(async sp => await sp.GetRequiredService<DocumentService>().RequirementsAsync(await sp.OpenAsync(world.Owner, system.Id)));
        Assert.Contains(required, d => d.Requirement.Id == "kz.doc.risk");
        Assert.All(required, d => Assert.Equal(0, d.Percent));

        var refused = await Assert.ThrowsAsync<RuleException>(() => world.Workflow(w => w.SubmitAsync(world.Owner, system.Id, system.Version, null)));
        Assert.Equal("documents-missing", refused.Key);
        foreach (var document in required)
        {
            Assert.Contains(document.Requirement.Title.En, refused.Message, StringComparison.Ordinal);
        }

        Assert.Equal(SystemStatus.Draft, (await registry.GetAsync(world.Owner, system.Id)).Status);
        Assert.Equal(0, await registry.Db(db => db.WorkflowEvents.CountAsync(e => e.SystemId == system.Id)));

        await registry.FillDocumentsAsync(world.Owner, system.Id);
        var complete = await registry.RunAsync(async sp => await sp.GetRequiredService<DocumentService>().RequirementsAsync(await sp.OpenAsync(world.Owner, system.Id)));
        Assert.All(complete, d => Assert.True(d.Complete, d.Requirement.Id));
        var submitted = await world.Workflow(w => w.SubmitAsync(world.Owner, system.Id, system.Version, null));
        Assert.Equal(SystemStatus.Submitted, submitted.Status);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task Evidence_of_the_wrong_type_size_or_content_is_refused_and_nothing_is_kept(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var system = await registry.SystemAsync(world.Owner, world.Org.Id, "spam-filter", fillDocuments: false);
        var filesRoot = registry.FilesRoot;

        async Task<ValidationException> Refused(string name, byte[] bytes, long? length = null) =>
            await Assert.ThrowsAsync<ValidationException>(() => registry.RunAsync(async sp =>
                await sp.GetRequiredService<DocumentService>().AttachAsync(await sp.OpenAsync(world.Owner, system.Id), "kz.doc.risk", name, new MemoryStream(bytes), length ?? bytes.Length)));

        Assert.Equal("file-type", Assert.Single((await Refused("setup.exe", [0x4D, 0x5A, 0x90, 0x00])).Errors).Key);
        Assert.Equal("file-content", Assert.Single((await Refused("report.pdf", "MZ this is no PDF"u8.ToArray())).Errors).Key);
        Assert.Equal("file-empty", Assert.Single((await Refused("empty.pdf", [])).Errors).Key);
        var big = new byte[DocumentService.MaxAttachmentBytes + 1];
        Pdf.CopyTo(big, 0);
        Assert.Equal("file-size", Assert.Single((await Refused("big.pdf", big)).Errors).Key);
        // A stream longer than it claims is still cut off at the limit.
        Assert.Equal("file-size", Assert.Single((await Refused("lying.pdf", big, 100)).Errors).Key);

        Assert.Equal(0, await registry.CountAsync<Attachment>());
        Assert.Empty(Directory.Exists(filesRoot) ? Directory.EnumerateFiles(filesRoot, "*", SearchOption.AllDirectories) : []);

        var stored = await registry.RunAsync(async sp => await sp.GetRequiredService<DocumentService>().AttachAsync(await sp.OpenAsync(world.Editor, system.Id), "kz.doc.risk", "../../risk assessment.pdf", new MemoryStream(Pdf), Pdf.Length));
        Assert.Equal("risk assessment.pdf", stored.FileName);
        Assert.Equal("application/pdf", stored.ContentType);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Pdf)), stored.Sha256);
        Assert.Single(Directory.EnumerateFiles(filesRoot, "*", SearchOption.AllDirectories));

        var (_, content) = await registry.RunAsync(async sp => await sp.GetRequiredService<DocumentService>().OpenAttachmentAsync(await sp.OpenAsync(world.Supervisor, system.Id), stored.Id));
        await using (content)
        {
            using var copy = new MemoryStream();
            await content.CopyToAsync(copy, TestContext.Current.CancellationToken);
            Assert.Equal(Pdf, copy.ToArray());
        }

        await Assert.ThrowsAsync<NotFoundException>(() => registry.RunAsync(async sp => await sp.GetRequiredService<DocumentService>().OpenAttachmentAsync(await sp.OpenAsync(world.Other, system.Id), stored.Id)));
        await Assert.ThrowsAsync<ForbiddenException>(() => registry.RunAsync(async sp => await sp.GetRequiredService<DocumentService>().DeleteAttachmentAsync(await sp.OpenAsync(world.Supervisor, system.Id), stored.Id)));
        await registry.RunAsync(async sp => await sp.GetRequiredService<DocumentService>().DeleteAttachmentAsync(await sp.OpenAsync(world.Owner, system.Id), stored.Id));
        Assert.Equal(0, await registry.CountAsync<Attachment>());
        Assert.Empty(Directory.EnumerateFiles(filesRoot, "*", SearchOption.AllDirectories));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task The_due_list_shows_overdue_and_coming_reviews_of_the_actors_organisations(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var today = DateOnly.FromDateTime(registry.Time.GetUtcNow().UtcDateTime);
        var overdue = await registry.SystemAsync(world.Owner, world.Org.Id, "spam-filter", fillDocuments: false);
        var soon = await registry.SystemAsync(world.Owner, world.Org.Id, "translation-tool", fillDocuments: false);
        var later = await registry.SystemAsync(world.Owner, world.Org.Id, "shop-recommender", fillDocuments: false);
        var foreign = await registry.SystemAsync(world.Other, world.OtherOrg.Id, "spam-filter", fillDocuments: false);
        async Task Review(Actor actor, AiSystem system, DateOnly last, DateOnly next) =>
            await registry.RunAsync(async sp => await sp.GetRequiredService<DocumentService>().SaveAsync(await sp.OpenAsync(actor, system.Id), "kz.doc.risk", new Dictionary<string, string?>(), last, next, 0));
        await Review(world.Owner, overdue, today.AddYears(-1).AddDays(-10), today.AddDays(-10));
        await Review(world.Owner, soon, today.AddMonths(-11), today.AddDays(20));
        await Review(world.Owner, later, today.AddMonths(-2), today.AddMonths(10));
        await Review(world.Other, foreign, today.AddYears(-1).AddDays(-1), today.AddDays(-1));

        var due = await registry.RunAsync(sp => sp.GetRequiredService<DocumentService>().DueListAsync(world.Editor, 30));
        Assert.Equal([overdue.Id, soon.Id], due.Select(d => d.System.Id));
        Assert.True(due[0].Overdue);
        Assert.False(due[1].Overdue);
        Assert.Equal("Org A", due[0].OrganisationName);
        Assert.Equal("kz.doc.risk", due[0].DocumentId);
        Assert.Equal(today.AddDays(-10), due[0].NextReviewDate);

        Assert.Equal(3, (await registry.RunAsync(sp => sp.GetRequiredService<DocumentService>().DueListAsync(world.Owner, 366))).Count);
        Assert.Equal(3, (await registry.RunAsync(sp => sp.GetRequiredService<DocumentService>().DueListAsync(world.Supervisor, 30))).Count);
        Assert.Equal([foreign.Id], (await registry.RunAsync(sp => sp.GetRequiredService<DocumentService>().DueListAsync(world.Other, 30))).Select(d => d.System.Id));
        await Assert.ThrowsAsync<ValidationException>(() => registry.RunAsync(sp => sp.GetRequiredService<DocumentService>().DueListAsync(world.Owner, 400)));

        // A removed system is no longer due.
        var current = await registry.GetAsync(world.Owner, overdue.Id);
        await world.Workflow(w => w.RemoveAsync(world.Owner, overdue.Id, "Retired", current.Version));
        Assert.Equal([soon.Id], (await registry.RunAsync(sp => sp.GetRequiredService<DocumentService>().DueListAsync(world.Owner, 30))).Select(d => d.System.Id));
    }
}
