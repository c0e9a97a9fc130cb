using System.Net.Http.Headers;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Senim.Registry.Access;
using Senim.Registry.Data;
using Senim.Registry.Services;
using Senim.Web.Tests.Review;

namespace Senim.Web.Tests.Authorization;

/// <summary>Who asks, in the matrix's column order.</summary>
public enum Who
{
    Anonymous,
    OtherOrganisation,
    Editor,
    Owner,
    Expert,
    Supervisor,
    Admin,

    /// <summary>An expert taken off the review panel of {review} after declaring no conflict (expert3): an outsider to that system, an expert elsewhere.</summary>
    ReplacedExpert,

    /// <summary>The owner's API token with the read scope only (API rows only: a token has no browser session).</summary>
    ReadToken,

    /// <summary>The admin of an organisation that is not verified (it claims Demo Bank's BIN and has filed a dispute).</summary>
    Unverified,
}

/// <summary>
/// The demo world the matrix and the malformed-input tests run against, built once per test class: the
/// demo data, plus a classified draft of Demo Bank with an evidence file, expert3 replaced on the panel of the
/// system under review, one API token with every scope for each kind of caller, and the owner's read-only token.
/// <see cref="Fill"/> turns "/api/v1/systems/{draft}" into a real URL.
/// </summary>
public sealed class AccessWorld : ReviewFactory
{
    private readonly Dictionary<Who, string> _tokens = [];
    private readonly Dictionary<string, string> _ids = new(StringComparer.Ordinal);

    /// <summary>The demo account behind each column (another organisation: the hospital's admin).</summary>
    public static IReadOnlyDictionary<Who, string> Emails { get; } = new Dictionary<Who, string>
    {
        [Who.OtherOrganisation] = Demo.Hospital,
        [Who.Editor] = "editor@demo.senim.kz",
        [Who.Owner] = Demo.BankOwner,
        [Who.Expert] = Demo.Expert1,
        [Who.Supervisor] = Demo.Supervisor,
        [Who.Admin] = Demo.Admin,
        [Who.ReplacedExpert] = Demo.Expert3,
        [Who.Unverified] = UnverifiedEmail,
    };

    /// <summary>The unverified organisation's admin.</summary>
    public const string UnverifiedEmail = "unverified@matrix.test";

    public IReadOnlyDictionary<string, string> Ids => _ids;

    /// <summary>Label uploads of at most 1 MiB, so the malformed-input sweep can send one over the limit cheaply.</summary>
    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Senim:Labels:MaxUploadBytes", "1048576")];

    public Guid Draft => Guid.Parse(_ids["draft"]);

    public string DocumentId => _ids["document"];

    /// <summary>Builds the world; call once from the test class's fixture (it is idempotent).</summary>
    public async Task ReadyAsync()
    {
        if (_ids.Count > 0)
        {
            return;
        }

        var draft = await Demo.ClassifiedAsync(this, Demo.BankOwner, "credit-scoring", "Matrix draft");
        await UnverifiedAsync();
        var owner = await Demo.ActorAsync(this, Demo.BankOwner);
        await Demo.RunAsync(this, async sp =>
        {
            var db = sp.GetRequiredService<RegistryDb>();
            var documents = sp.GetRequiredService<DocumentService>();
            var access = await sp.OpenAsync(owner, draft.Id);
            var document = (await documents.RequirementsAsync(access))[0].Requirement.Id;
            using var file = new MemoryStream("evidence for the matrix"u8.ToArray());
            var attachment = await documents.AttachAsync(access, document, "evidence.txt", file, file.Length);
            var bank = await db.Organisations.SingleAsync(o => o.Name == "Demo Bank JSC");
            var hospital = await db.Organisations.SingleAsync(o => o.Name == "City Hospital No. 1");
            var review = await db.Systems.SingleAsync(s => s.NameEn == "Consumer credit scoring");
            var registered = await db.Systems.SingleAsync(s => s.NameEn == "Claim drafting assistant");
            var hospitalDraft = await db.Systems.SingleAsync(s => s.NameEn == "Emergency department triage");
            var editor = await db.Users.SingleAsync(u => u.Email == "editor@demo.senim.kz");
            var notification = await db.Notifications.Where(n => n.UserId == owner.UserId || n.OrganisationId == bank.Id).Select(n => n.Id).FirstOrDefaultAsync();
            _ids["draft"] = draft.Id.ToString();
            _ids["document"] = document;
            _ids["attachment"] = attachment.Id.ToString();
            _ids["bank"] = bank.Id.ToString();
            _ids["hospital"] = hospital.Id.ToString();
            _ids["review"] = review.Id.ToString();
            _ids["registered"] = registered.Id.ToString();
            _ids["register-number"] = registered.RegisterNumber!;
            _ids["hospital-submitted"] = hospitalDraft.Id.ToString();
            _ids["editor-user"] = editor.Id.ToString();
            _ids["notification"] = (notification == Guid.Empty ? Guid.NewGuid() : notification).ToString();
            _ids["unknown"] = Guid.NewGuid().ToString();
            _ids["unverified-org"] = (await db.Organisations.SingleAsync(o => o.Name == "Unverified Matrix LLP")).Id.ToString();
            _ids["dispute"] = (await db.BinDisputes.SingleAsync()).Id.ToString();
            _ids["bank-evidence"] = (await db.OrganisationVerifications.SingleAsync(v => v.OrganisationId == bank.Id)).Id.ToString();
            _ids["lang"] = "kk";
            _ids["bad-lang"] = "xx";
            _ids["no-document"] = "kz.doc.nothing";
            _ids["v-none"] = "999";
            _ids["openapi"] = "v1";
            _ids["log-index"] = "0";
            _ids["log-tile"] = "entries/000.p/1";
            _ids["log-tile-bad"] = "0/x001";
            _ids["log-tile-oversize"] = "0/000.p/300";
            _ids["log-tile-level"] = "9/000";
            _ids["log-tile-missing"] = "entries/999";
            _ids["log-index-bad"] = "-1";
            _ids["log-index-text"] = "abc";
            _ids["log-index-huge"] = "99999999999999999999";
            _ids["log-index-missing"] = "99999999";
            _ids["pack"] = "kz-230";
            _ids["chart"] = "listings-by-tier";
            _ids["bad-chart"] = "..%2f..%2fappsettings";
            _ids["chart-upper"] = "LISTINGS-BY-TIER";
            _ids["v1"] = "1";
            _ids["v2"] = draft.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
            _ids["item"] = sp.GetRequiredService<WorkflowService>().Checklist().Items[0].Id;

            // Two invitations whose links no longer work: one declined, one past its time.
            var invitations = sp.GetRequiredService<InvitationService>();
            var used = await invitations.InviteAsync(owner, bank.Id, "used-invitation@example.kz", Senim.Registry.Model.MemberRole.Editor);
            await invitations.DeclineAsync(Actor.Anonymous, used.Invitation.Id, used.Token);
            var expired = await invitations.InviteAsync(owner, bank.Id, "expired-invitation@example.kz", Senim.Registry.Model.MemberRole.Editor);
            await db.Invitations.Where(i => i.Id == expired.Invitation.Id).ExecuteUpdateAsync(u => u.SetProperty(i => i.ExpiresAt, DateTime.UtcNow.AddDays(-1)));
            _ids["invitation-used"] = used.Invitation.Id.ToString();
            _ids["invitation-used-token"] = used.Token;
            _ids["invitation-expired"] = expired.Invitation.Id.ToString();
            _ids["invitation-expired-token"] = expired.Token;
            return 0;
        });

        // expert3 joins the panel of the system under review, declares no conflict, and is replaced (expert1 stays).
        var supervisor = await Demo.ActorAsync(this, Demo.Supervisor);
        var replaced = await Demo.ActorAsync(this, Demo.Expert3);
        var expert1 = await Demo.ActorAsync(this, Demo.Expert1);
        await Demo.RunAsync(this, async sp =>
        {
            var workflow = sp.GetRequiredService<WorkflowService>();
            var review = Guid.Parse(_ids["review"]);
            var system = await workflow.AssignAsync(supervisor, review, [expert1.UserId, replaced.UserId], (await sp.GetRequiredService<RegistryDb>().Systems.AsNoTracking().SingleAsync(s => s.Id == review)).Version);
            await workflow.DeclareNoConflictAsync(replaced, review);
            await workflow.AssignAsync(supervisor, review, [expert1.UserId], system.Version);
            return 0;
        });

        // An enforcement case against Demo Bank, decided with a warning (so its appeal period runs): {enforcement}, and its public {decision}.
        await Demo.RunAsync(this, async sp =>
        {
            var enforcement = sp.GetRequiredService<Senim.Registry.Enforcement.EnforcementService>();
            var opened = await enforcement.OpenAsync(supervisor, new Senim.Registry.Enforcement.OpenCaseInput(Senim.Registry.Model.EnforcementOrigin.Monitoring, null, Guid.Parse(_ids["bank"]), null, "Matrix case"));
            await enforcement.DecideAsync(supervisor, opened.Id, new Senim.Registry.Enforcement.EnforcementDecisionInput(Senim.Registry.Model.EnforcementDecisionKind.Warning, "Matrix warning."), opened.Version);
            _ids["enforcement"] = opened.Id.ToString();
            _ids["decision"] = (await sp.GetRequiredService<RegistryDb>().EnforcementDecisions.SingleAsync(d => d.CaseId == opened.Id)).Id.ToString();
            return 0;
        });
        // Incidents, audits and trusted lists: an incident of Demo Bank's registered system (followed up once, so version 0 is
        // stale) and an audit of it in progress, audited by the supervisor (one item found not met).
        await Demo.RunAsync(this, async sp =>
        {
            var registered = Guid.Parse(_ids["registered"]);
            var now = sp.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
            var incidents = sp.GetRequiredService<Senim.Registry.Incidents.IncidentService>();
            var incident = await incidents.ReportAsync(owner, new Senim.Registry.Incidents.IncidentInput(registered, Senim.Registry.Model.IncidentKind.Serious, "Matrix incident.", "None.",
                null, null, "None.", false, now.AddHours(-2), now.AddHours(-1)));
            await incidents.FollowUpAsync(owner, incident.Id, new Senim.Registry.Incidents.IncidentUpdate("Matrix follow-up."), incident.Version);
            var audits = sp.GetRequiredService<Senim.Registry.Audits.AuditService>();
            var today = DateOnly.FromDateTime(now.AddHours(5));
            var audit = await audits.PlanAsync(supervisor, new Senim.Registry.Audits.AuditPlan(registered, null, "Matrix audit.", today.AddDays(1), today.AddDays(2), supervisor.UserId));
            var item = audits.Checklist().Items[0].Id;
            await audits.RecordFindingAsync(supervisor, audit.Id, item, Senim.Registry.Model.FindingResult.NotMet, "Matrix finding.", null, audit.Version);
            _ids["incident"] = incident.Id.ToString();
            _ids["audit"] = audit.Id.ToString();
            _ids["audit-item"] = item;
            return 0;
        });

        await CitizenRequestAsync(owner);
        foreach (var (who, email) in Emails)
        {
            var actor = await Demo.ActorAsync(this, email);
            var (token, plaintext) = await Demo.RunAsync(this, sp => sp.GetRequiredService<TokenService>().CreateAsync(actor, "matrix", Scopes.All, null, 30));
            _tokens[who] = plaintext;
            if (who == Who.Owner)
            {
                _ids["token"] = token.Id.ToString();
            }
        }

        _tokens[Who.ReadToken] = (await Demo.RunAsync(this, sp => sp.GetRequiredService<TokenService>().CreateAsync(owner, "matrix read", [Scopes.Read], null, 30))).Plaintext;
    }

    /// <summary>A citizen's objection to Demo Bank's registered system, assigned to its editor (the handler: the owner admin is not).</summary>
    private async Task CitizenRequestAsync(Actor owner)
    {
        await Demo.RunAsync(this, async sp =>
        {
            var input = new Senim.Registry.Citizens.CitizenRequestInput(Senim.Registry.Model.CitizenRequestKind.Objection, Guid.Parse(_ids["registered"]), null, null, null,
                "Matrix Person", "matrix-person@example.kz", null, "The matrix objects.", "kk");
            var filed = await sp.GetRequiredService<Senim.Registry.Citizens.CitizenRequestService>().FileAsync(Actor.Anonymous, input);
            var assigned = await sp.GetRequiredService<Senim.Registry.Citizens.CitizenInbox>().AssignAsync(owner, filed.Id, Guid.Parse(_ids["editor-user"]), 1);
            _ids["citizen-request"] = filed.Id.ToString();
            _ids["citizen-version"] = assigned.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
            _ids["tracking-code"] = filed.TrackingCode;
            return 0;
        });
    }

    /// <summary>An account that administers an unverified organisation claiming Demo Bank's BIN, with an open dispute about it.</summary>
    private async Task UnverifiedAsync()
    {
        await Demo.RunAsync(this, async sp =>
        {
            var users = sp.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Senim.Registry.Model.SenimUser>>();
            var user = new Senim.Registry.Model.SenimUser { Id = Guid.NewGuid(), UserName = UnverifiedEmail, Email = UnverifiedEmail, EmailConfirmed = true, DisplayName = "Unverified admin", CreatedAt = DateTime.UtcNow };
            Assert.True((await users.CreateAsync(user, "Test-password-1")).Succeeded);
            return 0;
        });
        var admin = await Demo.ActorAsync(this, UnverifiedEmail);
        var organisation = await Demo.RunAsync(this, sp => sp.GetRequiredService<OrganisationService>()
            .CreateAsync(admin, new OrganisationInput("990140000017", "Unverified Matrix LLP", Senim.Registry.Model.SizeClass.Small, "office@matrix.test", null, null, null)));
        admin = await Demo.ActorAsync(this, UnverifiedEmail);
        await Demo.RunAsync(this, sp => sp.GetRequiredService<Senim.Registry.Organisations.BinDisputeService>().FileAsync(admin, organisation.Id, "Demo Bank's BIN is ours (matrix).", null));
    }

    /// <summary>Replaces each {name} with the world's id of that name.</summary>
    public string Fill(string url)
    {
        foreach (var (name, value) in _ids)
        {
            url = url.Replace("{" + name + "}", value, StringComparison.Ordinal);
        }

        return url;
    }

    /// <summary>An API client for the column: no credentials for anonymous, else the caller's token.</summary>
    public HttpClient Api(Who who)
    {
        var client = CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (who != Who.Anonymous)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _tokens[who]);
        }

        return client;
    }

    /// <summary>The columns that have a browser session (every one but the read-only token).</summary>
    public static IReadOnlyList<Who> Browsers { get; } = [.. Enum.GetValues<Who>().Where(w => w != Who.ReadToken)];

    /// <summary>A browser for the column: signed in with a session cookie, redirects not followed.</summary>
    public async Task<HttpClient> BrowserAsync(Who who)
    {
        if (who == Who.ReadToken)
        {
            throw new ArgumentException("a token has no browser session", nameof(who));
        }

        var client = CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        if (who != Who.Anonymous)
        {
            var response = await client.GetAsync(new Uri("/test-sign-in?email=" + Uri.EscapeDataString(Emails[who]), UriKind.Relative));
            Assert.Equal(System.Net.HttpStatusCode.NoContent, response.StatusCode);
        }

        return client;
    }
}

/// <summary>The host's endpoints as "METHOD /route/{}" (parameters blanked), read from its EndpointDataSource.</summary>
public static class HostEndpoints
{
    /// <summary>Every API endpoint (minimal APIs, the OpenAPI document and the language switch included).</summary>
    public static IReadOnlyList<string> Api(IServiceProvider services) =>
        [.. Routes(services).Where(r => !r.IsPage).SelectMany(r => r.Methods.Select(m => m + " " + Shape(r.Pattern))).Distinct().Order(StringComparer.Ordinal)];

    /// <summary>Every Razor page route.</summary>
    public static IReadOnlyList<string> Pages(IServiceProvider services) =>
        [.. Routes(services).Where(r => r.IsPage).Select(r => Shape(r.Pattern)).Distinct().Order(StringComparer.Ordinal)];

    /// <summary>"/api/v1/systems/{id:guid}" and "/api/v1/systems/{draft}" both become "/api/v1/systems/{}" (a regex constraint's escaped "{{" and "}}" included); a trailing slash goes.</summary>
    public static string Shape(string route)
    {
        // Parameters first, so an optional one ("{code?}") is not taken for a query string.
        var shaped = System.Text.RegularExpressions.Regex.Replace(route, @"\{(?:\{\{|\}\}|[^{}])*\}", "{}").Split('?')[0];
        shaped = "/" + shaped.Trim('/');
        return shaped;
    }

    private static IEnumerable<(string Pattern, IReadOnlyList<string> Methods, bool IsPage)> Routes(IServiceProvider services)
    {
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var isPage = endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not null
                || endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.Abstractions.ActionDescriptor>() is CompiledPageActionDescriptor;
            var methods = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            yield return (endpoint.RoutePattern.RawText ?? "", [.. methods], isPage);
        }
    }
}
