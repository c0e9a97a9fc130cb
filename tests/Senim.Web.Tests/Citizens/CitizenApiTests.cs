using System.Net;
using System.Net.Http.Json;
using Senim.Web.Tests.Review;
using static Senim.Web.Tests.Citizens.CitizenKit;

namespace Senim.Web.Tests.Citizens;

/// <summary>
/// The citizens' API end to end (docs/citizens.md): a person files with a form token and a proof of work, follows the
/// request by its code; the owner's admin assigns, the handler answers, records the outcome and closes; only the handler
/// and the supervisory body read the person's data.
/// </summary>
public sealed class CitizenApiTests(CitizenFactory factory) : IClassFixture<CitizenFactory>
{
    [Fact]
    public async Task A_person_files_an_objection_and_follows_it_by_its_code()
    {
        await factory.ReadyAsync();
        var system = await SystemIdAsync(factory, CitizenFactory.BankSystem);
        var filed = await FileAsync(factory, "objection", system, "aigerim@mail.example");
        Assert.Equal("received", filed.Status);
        Assert.EndsWith("/track/" + filed.TrackingCode, filed.TrackUrl, StringComparison.Ordinal);

        using var client = factory.CreateClient();
        var tracked = await JsonAsync(await client.GetAsync(new Uri("/api/v1/citizen-requests/track/" + filed.TrackingCode.ToLowerInvariant(), UriKind.Relative), Cancel));
        Assert.Equal("objection", tracked.GetProperty("kind").GetString());
        Assert.Equal("received", tracked.GetProperty("status").GetString());
        Assert.Equal("file", tracked.GetProperty("timeline")[0].GetProperty("action").GetString());
        // The tracking view carries no personal data.
        Assert.DoesNotContain("Айгерім", tracked.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("aigerim@", tracked.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_mistyped_and_unknown_codes_get_three_different_answers()
    {
        using var client = factory.CreateClient();
        var valid = Senim.Registry.Citizens.TrackingCode.New();
        var last = valid[^1];
        var mistyped = valid[..^1] + (last == '0' ? '1' : '0');
        foreach (var (code, status, key) in new[] { ("not-a-code", 400, "tracking-code-malformed"), (mistyped, 400, "tracking-code-mistyped"), (valid, 404, "not-found") })
        {
            using var response = await client.GetAsync(new Uri("/api/v1/citizen-requests/track/" + Uri.EscapeDataString(code), UriKind.Relative), Cancel);
            Assert.Equal(status, (int)response.StatusCode);
            var problem = await JsonAsync(response);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            if (status == 400)
            {
                Assert.Equal(key, problem.GetProperty("errors")[0].GetProperty("code").GetString());
            }
        }
    }

    [Fact]
    public async Task The_form_guard_refuses_a_missing_token_a_bad_stamp_a_filled_honeypot_and_a_second_use()
    {
        await factory.ReadyAsync();
        var system = await SystemIdAsync(factory, CitizenFactory.BankSystem);
        using var client = factory.CreateClient();

        async Task<string?> RefusalAsync(Dictionary<string, object?> body)
        {
            using var response = await PostAsync(client, body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            return (await JsonAsync(response)).GetProperty("errors")[0].GetProperty("code").GetString();
        }

        var (token, proof) = await TicketAsync(client);
        Assert.Equal("form-token-missing", await RefusalAsync(Body("objection", system, "", proof)));
        Assert.Equal("form-token-invalid", await RefusalAsync(Body("objection", system, token[..^4] + "AAAA", proof)));
        var wrongStamp = Enumerable.Range(0, 1000).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .First(s => !Senim.Web.Features.Citizens.CitizenFormGuard.Meets(token, s, 4));
        Assert.Equal("proof-invalid", await RefusalAsync(Body("objection", system, token, wrongStamp)));
        var honeypot = Body("objection", system, token, proof);
        honeypot["website"] = "http://spam.example";
        Assert.Equal("form-honeypot", await RefusalAsync(honeypot));

        // A refused content gives the token back; a filed one spends it.
        var empty = Body("objection", system, token, proof);
        empty["description"] = "";
        Assert.Equal("required", await RefusalAsync(empty));
        using (var first = await PostAsync(client, Body("objection", system, token, proof)))
        {
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        }

        Assert.Equal("form-used", await RefusalAsync(Body("objection", system, token, proof)));
    }

    [Fact]
    public async Task Owner_admin_assigns_the_handler_answers_records_the_outcome_and_closes_and_a_late_reply_is_refused()
    {
        await factory.ReadyAsync();
        var system = await SystemIdAsync(factory, CitizenFactory.BankSystem);
        var filed = await FileAsync(factory, "objection", system);
        var handlerId = await factory.UserIdAsync(CitizenFactory.HandlerEmail);
        using var owner = await StaffAsync(factory, Demo.BankOwner);
        using var handler = await StaffAsync(factory, CitizenFactory.HandlerEmail);
        var url = "/api/v1/citizen-requests/" + filed.Id;

        var inbox = await JsonAsync(await owner.GetAsync(new Uri($"/api/v1/organisations/{await factory.BankAsync()}/citizen-requests", UriKind.Relative), Cancel));
        Assert.Contains(inbox.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == filed.Id);

        using (var assigned = await owner.PostAsJsonAsync(new Uri(url + "/assign", UriKind.Relative), new { handler_id = handlerId, version = 1 }, Cancel))
        {
            Assert.Equal(HttpStatusCode.OK, assigned.StatusCode);
            Assert.Equal("W/\"v2\"", assigned.Headers.ETag?.ToString());
        }

        // The handler's stale version is refused and nothing changes.
        using (var stale = await handler.PostAsJsonAsync(new Uri(url + "/answer", UriKind.Relative), new { answer = "stale", version = 1 }, Cancel))
        {
            Assert.True(stale.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.PreconditionFailed, stale.StatusCode.ToString());
        }

        using (var answered = await handler.PostAsJsonAsync(new Uri(url + "/answer", UriKind.Relative), new { answer = "A person reviewed it.", version = 2 }, Cancel))
        {
            Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        }

        using (var early = await handler.PostAsJsonAsync(new Uri(url + "/close", UriKind.Relative), new { version = 3 }, Cancel))
        {
            Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
            Assert.Equal("citizen-outcome-required", (await JsonAsync(early)).GetProperty("code").GetString());
        }

        using (var outcome = await handler.PostAsJsonAsync(new Uri(url + "/outcome", UriKind.Relative), new { outcome = "reversed", text = "The refusal was wrong.", version = 3 }, Cancel))
        {
            Assert.Equal(HttpStatusCode.OK, outcome.StatusCode);
        }

        using (var closed = await handler.PostAsJsonAsync(new Uri(url + "/close", UriKind.Relative), new { version = 4 }, Cancel))
        {
            Assert.Equal("closed", (await JsonAsync(closed)).GetProperty("request").GetProperty("status").GetString());
        }

        using (var late = await handler.PostAsJsonAsync(new Uri(url + "/answer", UriKind.Relative), new { answer = "one more thing", version = 5 }, Cancel))
        {
            Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
            Assert.Equal("citizen-request-closed", (await JsonAsync(late)).GetProperty("code").GetString());
        }

        using var anonymous = factory.CreateClient();
        var tracked = await JsonAsync(await anonymous.GetAsync(new Uri("/api/v1/citizen-requests/track/" + filed.TrackingCode, UriKind.Relative), Cancel));
        Assert.Equal("closed", tracked.GetProperty("status").GetString());
        Assert.Equal("A person reviewed it.", tracked.GetProperty("answer").GetString());
        Assert.Equal("reversed", tracked.GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task Only_the_handler_and_the_supervisor_read_the_persons_data()
    {
        await factory.ReadyAsync();
        var system = await SystemIdAsync(factory, CitizenFactory.BankSystem);
        var filed = await FileAsync(factory, "data-request", system, "person@mail.example");
        using (var owner = await StaffAsync(factory, Demo.BankOwner))
        {
            using var assigned = await owner.PostAsJsonAsync(new Uri($"/api/v1/citizen-requests/{filed.Id}/assign", UriKind.Relative),
                new { handler_id = await factory.UserIdAsync(CitizenFactory.HandlerEmail), version = 1 }, Cancel);
            Assert.Equal(HttpStatusCode.OK, assigned.StatusCode);
        }

        var url = new Uri("/api/v1/citizen-requests/" + filed.Id, UriKind.Relative);
        foreach (var (email, sees) in new[]
        {
            (CitizenFactory.HandlerEmail, true), (Demo.Supervisor, true),
            (Demo.BankOwner, false), ("editor@demo.senim.kz", false), (Demo.Admin, false),
        })
        {
            using var client = await StaffAsync(factory, email);
            var body = await JsonAsync(await client.GetAsync(url, Cancel));
            Assert.Equal(sees, body.GetProperty("personal").ValueKind == System.Text.Json.JsonValueKind.Object);
            Assert.Equal(!sees, body.GetProperty("personal_withheld").GetBoolean());
            Assert.Equal(sees, body.ToString().Contains("person@mail.example", StringComparison.Ordinal));
        }

        foreach (var email in new[] { Demo.Hospital, Demo.Expert1 })
        {
            using var client = await StaffAsync(factory, email);
            using var response = await client.GetAsync(url, Cancel);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.DoesNotContain("person@mail.example", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        }

        using var anonymous = factory.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(url, Cancel)).StatusCode);
    }

    [Fact]
    public async Task A_named_system_goes_to_the_supervisor_who_closes_it()
    {
        await factory.ReadyAsync();
        var filed = await FileAsync(factory, "interaction-refusal", null);
        Assert.Equal("escalated", filed.Status);
        using var supervisor = await StaffAsync(factory, Demo.Supervisor);
        var list = await JsonAsync(await supervisor.GetAsync(new Uri("/api/v1/citizen-requests", UriKind.Relative), Cancel));
        Assert.Contains(list.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == filed.Id);
        using var owner = await StaffAsync(factory, Demo.BankOwner);
        Assert.Equal(HttpStatusCode.Forbidden, (await owner.GetAsync(new Uri("/api/v1/citizen-requests", UriKind.Relative), Cancel)).StatusCode);

        var version = (await JsonAsync(await supervisor.GetAsync(new Uri("/api/v1/citizen-requests/" + filed.Id, UriKind.Relative), Cancel))).GetProperty("request").GetProperty("version").GetInt32();
        using var closed = await supervisor.PostAsJsonAsync(new Uri($"/api/v1/citizen-requests/{filed.Id}/supervisor-close", UriKind.Relative), new { version }, Cancel);
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        Assert.Equal("supervisor-close", (await JsonAsync(closed)).GetProperty("timeline").EnumerateArray().Last().GetProperty("action").GetString());
    }
}
