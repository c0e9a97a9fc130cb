using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Senim.Registry.Access;
using Senim.Registry.Data;
using Senim.Registry.Model;
using Senim.Web.Features.Citizens;
using Senim.Web.Tests.Review;
using Senim.Web.Tests.Support;

namespace Senim.Web.Tests.Citizens;

/// <summary>
/// The host for the citizens' tests: the demo world plus a second editor of Demo Bank (the handler of the requests;
/// editor@demo.senim.kz stays a member who is not the handler).
/// </summary>
public class CitizenFactory : ReviewFactory
{
    public const string HandlerEmail = "handler@bank.test";

    private bool _ready;

    /// <summary>A registered system of Demo Bank (the public register shows it).</summary>
    public const string BankSystem = "Claim drafting assistant";

    public async Task ReadyAsync()
    {
        if (_ready)
        {
            return;
        }

        await Demo.RunAsync(this, async sp =>
        {
            var users = sp.GetRequiredService<UserManager<SenimUser>>();
            var user = new SenimUser { Id = Guid.NewGuid(), UserName = HandlerEmail, Email = HandlerEmail, EmailConfirmed = true, DisplayName = "Bank handler", CreatedAt = DateTime.UtcNow };
            Assert.True((await users.CreateAsync(user, "Test-password-1")).Succeeded);
            return 0;
        });
        var owner = await Demo.ActorAsync(this, Demo.BankOwner);
        await Demo.JoinAsync(this, owner, await BankAsync(), HandlerEmail, MemberRole.Editor);
        _ready = true;
    }

    public Task<Guid> BankAsync() => Demo.RunAsync(this, async sp => (await sp.GetRequiredService<RegistryDb>().Organisations.SingleAsync(o => o.Name == "Demo Bank JSC")).Id);

    public Task<Guid> UserIdAsync(string email) => Demo.RunAsync(this, async sp => (await sp.GetRequiredService<RegistryDb>().Users.SingleAsync(u => u.Email == email)).Id);
}

/// <summary>Filing and following requests over the API, as a client that does the proof of work.</summary>
public static class CitizenKit
{
    public static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>A fresh form token and a stamp that meets its difficulty.</summary>
    public static async Task<(string Token, string Proof)> TicketAsync(HttpClient client)
    {
        var ticket = await client.GetFromJsonAsync<CitizensApi.FormTokenDoc>(new Uri("/api/v1/citizen-requests/form-token", UriKind.Relative), Json, Cancel);
        Assert.NotNull(ticket);
        return (ticket.FormToken, CitizenFormGuard.Solve(ticket.FormToken, ticket.Difficulty));
    }

    /// <summary>The JSON body of a request about <paramref name="system"/> (null: a system the person names).</summary>
    public static Dictionary<string, object?> Body(string kind, Guid? system, string token, string proof, string? email = null, string language = "kk") => new()
    {
        ["kind"] = kind,
        ["system"] = system?.ToString(),
        ["named_system"] = system is null ? "Unregistered chatbot" : null,
        ["named_organisation"] = system is null ? "Some LLP" : null,
        ["name"] = "Айгерім Сапарова",
        ["email"] = email,
        ["phone"] = "+7 701 000 00 00",
        ["description"] = "Банк несие бойынша автоматты түрде бас тартты; адам қарап шықсын.",
        ["language"] = language,
        ["form_token"] = token,
        ["proof"] = proof,
    };

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, Dictionary<string, object?> body) =>
        await client.PostAsync(new Uri("/api/v1/citizen-requests", UriKind.Relative), JsonContent.Create(body, options: Json), Cancel);

    /// <summary>Files a request over the API (anonymously) and returns what the person gets back.</summary>
    public static async Task<CitizensApi.FiledDoc> FileAsync(SenimFactory factory, string kind, Guid? system, string? email = null)
    {
        using var client = factory.CreateClient();
        var (token, proof) = await TicketAsync(client);
        using var response = await PostAsync(client, Body(kind, system, token, proof, email));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Cancel));
        return (await response.Content.ReadFromJsonAsync<CitizensApi.FiledDoc>(Json, Cancel))!;
    }

    public static async Task<Guid> SystemIdAsync(SenimFactory factory, string nameEn) => (await Demo.SystemAsync(factory, nameEn)).Id;

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(Cancel);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Every scope: the staff's API clients.</summary>
    public static Task<HttpClient> StaffAsync(SenimFactory factory, string email) => Demo.ApiAsync(factory, email, [.. Scopes.All]);
}
