using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Senim.Registry.Access;
using Senim.Registry.Services;
using Senim.Web.Tests.Support;

namespace Senim.Web.Tests.Review;

/// <summary>
/// Expert access follows the assignment: an expert on the active panel reads the record and its classification at
/// once, the documents and evidence only after declaring no conflict of interest; an expert taken off the panel (even
/// after declaring) no longer sees the system at all, over the API and on the pages.
/// </summary>
public sealed class ExpertAccessTests(ReviewFactory factory) : IClassFixture<ReviewFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Documents_open_after_the_declaration_and_a_replaced_expert_sees_nothing()
    {
        var system = await Demo.SubmittedAsync(factory, Demo.BankOwner, "Expert access scoring");
        var supervisor = await Demo.ActorAsync(factory, Demo.Supervisor);
        var stays = await Demo.ActorAsync(factory, Demo.Expert2);
        var leaves = await Demo.ActorAsync(factory, Demo.Expert3);
        system = await Demo.RunAsync(factory, sp => sp.GetRequiredService<WorkflowService>().AssignAsync(supervisor, system.Id, [stays.UserId, leaves.UserId], system.Version));
        var api = await Demo.ApiAsync(factory, Demo.Expert2, Scopes.Read, Scopes.Review);
        var document = await Demo.RunAsync(factory, async sp => (await sp.GetRequiredService<DocumentService>().RequirementsAsync(await sp.OpenAsync(Actor.System, system.Id)))[0].Requirement.Id);
        var documents = $"/api/v1/systems/{system.Id}/documents";

        // Before the declaration: the record and its classification, not the documents (403, whatever the attachment).
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(new Uri($"/api/v1/systems/{system.Id}", UriKind.Relative), Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(new Uri($"/api/v1/systems/{system.Id}/classification", UriKind.Relative), Cancel)).StatusCode);
        foreach (var url in new[] { documents, $"{documents}/{document}", $"/api/v1/systems/{system.Id}/attachments/{Guid.NewGuid()}" })
        {
            using var refused = await api.GetAsync(new Uri(url, UriKind.Relative), Cancel);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Equal("declare-before-documents", JsonDocument.Parse(await refused.Content.ReadAsStringAsync(Cancel)).RootElement.GetProperty("code").GetString());
        }

        var browser = await Demo.BrowserAsync(factory, Demo.Expert2, "ru");
        var before = await Browser.Get(browser, $"/review/{system.Id}");
        Assert.Equal(HttpStatusCode.OK, before.Status);
        Assert.Contains("Документы и доказательства системы откроются после заявления", before.Document.QuerySelector("#documents")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(before.Document.QuerySelectorAll("#documents details.document"));
        Assert.Equal(HttpStatusCode.Forbidden, (await Browser.Get(browser, $"/systems/{system.Id}/documents/{document}")).Status);

        // After it: the documents, on the API and the case page; an unknown attachment is now simply not there.
        await Demo.RunAsync(factory, sp => sp.GetRequiredService<WorkflowService>().DeclareNoConflictAsync(stays, system.Id));
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(new Uri(documents, UriKind.Relative), Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(new Uri($"{documents}/{document}", UriKind.Relative), Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync(new Uri($"/api/v1/systems/{system.Id}/attachments/{Guid.NewGuid()}", UriKind.Relative), Cancel)).StatusCode);
        var after = await Browser.Get(browser, $"/review/{system.Id}");
        Assert.NotEmpty(after.Document.QuerySelectorAll("#documents details.document"));
        Assert.DoesNotContain("откроются после заявления", after.Document.QuerySelector("#documents")!.TextContent, StringComparison.Ordinal);

        // expert3 declared too, then was replaced: the system no longer exists for them, its review and documents neither.
        await Demo.RunAsync(factory, sp => sp.GetRequiredService<WorkflowService>().DeclareNoConflictAsync(leaves, system.Id));
        var current = await Demo.ReloadAsync(factory, system.Id);
        await Demo.RunAsync(factory, sp => sp.GetRequiredService<WorkflowService>().AssignAsync(supervisor, system.Id, [stays.UserId], current.Version));
        var replaced = await Demo.ApiAsync(factory, Demo.Expert3, Scopes.Read, Scopes.Review);
        foreach (var url in new[] { $"/api/v1/systems/{system.Id}", $"/api/v1/systems/{system.Id}/classification", documents, $"{documents}/{document}", $"/api/v1/systems/{system.Id}/review/checklist" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await replaced.GetAsync(new Uri(url, UriKind.Relative), Cancel)).StatusCode);
        }

        var gone = await Demo.BrowserAsync(factory, Demo.Expert3);
        foreach (var page in new[] { $"/review/{system.Id}", $"/systems/{system.Id}", $"/systems/{system.Id}/documents" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await Browser.Get(gone, page)).Status);
        }

        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(new Uri(documents, UriKind.Relative), Cancel)).StatusCode);
    }
}
