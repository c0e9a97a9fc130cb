using System.Net.Http.Headers;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Senim.Registry.Access;
using Senim.Registry.Model;
using Senim.Registry.Services;
using Senim.Web.Tests.Support;

namespace Senim.Web.Tests.Review;

/// <summary>
/// The real host with one addition for tests only: GET /test-sign-in?email=... signs the browser in as that
/// demo user (the sign-in pages belong to another feature; this keeps these tests independent of them).
/// </summary>
public class ReviewFactory : SenimFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(s => s.AddTransient<IStartupFilter, TestSignIn>());
    }

    private sealed class TestSignIn : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            // Not app.Map: that would make /test-sign-in the path base, and the session cookie's path with it.
            app.Use(async (context, nextMiddleware) =>
            {
                if (context.Request.Path != "/test-sign-in")
                {
                    await nextMiddleware(context);
                    return;
                }

                var users = context.RequestServices.GetRequiredService<UserManager<SenimUser>>();
                var user = await users.FindByEmailAsync(context.Request.Query["email"].ToString());
                if (user is null)
                {
                    context.Response.StatusCode = 404;
                    return;
                }

                await context.RequestServices.GetRequiredService<SignInManager<SenimUser>>().SignInAsync(user, isPersistent: false);
                context.Response.StatusCode = 204;
            });
            next(app);
        };
    }
}

/// <summary>Demo users, signed-in browsers, API tokens, direct service calls and form posts for the review tests.</summary>
public static class Demo
{
    public const string Admin = "admin@demo.senim.kz";
    public const string Supervisor = "supervisor@demo.senim.kz";
    public const string Expert1 = "expert1@demo.senim.kz";
    public const string Expert2 = "expert2@demo.senim.kz";
    public const string Expert3 = "expert3@demo.senim.kz";
    public const string BankOwner = "owner@demo.senim.kz";
    public const string Hospital = "hospital@demo.senim.kz";
    public const string Retail = "retail@demo.senim.kz";

    /// <summary>A client that keeps cookies, signed in as the user; English texts.</summary>
    public static async Task<HttpClient> BrowserAsync(SenimFactory factory, string email, string lang = "en")
    {
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = true, HandleCookies = true });
        if (lang != "en")
        {
            await client.GetAsync(new Uri("/lang/" + lang, UriKind.Relative));
        }

        var response = await client.GetAsync(new Uri("/test-sign-in?email=" + Uri.EscapeDataString(email), UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.NoContent, response.StatusCode);
        return client;
    }

    public static async Task<T> RunAsync<T>(SenimFactory factory, Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    /// <summary>Makes the account of <paramref name="email"/> a member as anyone becomes one: invited by <paramref name="admin"/>, accepted with the link.</summary>
    public static Task JoinAsync(SenimFactory factory, Actor admin, Guid organisationId, string email, MemberRole role) => RunAsync(factory, async sp =>
    {
        var invitations = sp.GetRequiredService<InvitationService>();
        var issued = await invitations.InviteAsync(admin, organisationId, email, role);
        var user = await sp.GetRequiredService<UserManager<SenimUser>>().FindByEmailAsync(email) ?? throw new InvalidOperationException(email);
        return await invitations.AcceptAsync(await sp.GetRequiredService<ActorService>().ForUserAsync(user.Id), issued.Invitation.Id, issued.Token);
    });

    public static Task<Actor> ActorAsync(SenimFactory factory, string email) => RunAsync(factory, async sp =>
    {
        var user = await sp.GetRequiredService<UserManager<SenimUser>>().FindByEmailAsync(email) ?? throw new InvalidOperationException(email);
        return await sp.GetRequiredService<ActorService>().ForUserAsync(user.Id);
    });

    /// <summary>A client with a personal API token of the user, limited to the scopes.</summary>
    public static async Task<HttpClient> ApiAsync(SenimFactory factory, string email, params string[] scopes)
    {
        var actor = await ActorAsync(factory, email);
        var (_, token) = await RunAsync(factory, sp => sp.GetRequiredService<TokenService>().CreateAsync(actor, "tests", scopes, null, 30));
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static Task<AiSystem> SystemAsync(SenimFactory factory, string nameEn) => RunAsync(factory, sp =>
        sp.GetRequiredService<Senim.Registry.Data.RegistryDb>().Systems.AsQueryable().Where(s => s.NameEn == nameEn).OrderByDescending(s => s.CreatedAt)
            .FirstAsync());

    public static Task<AiSystem> ReloadAsync(SenimFactory factory, Guid id) => RunAsync(factory, sp =>
        sp.GetRequiredService<Senim.Registry.Data.RegistryDb>().Systems.AsQueryable().Where(s => s.Id == id).FirstAsync());

    /// <summary>
    /// Submits the form matching <paramref name="selector"/> as a browser without JavaScript does: its
    /// inputs (checked boxes only), textareas, then <paramref name="set"/> (which replaces fields of the
    /// same name), and the pressed button's name and value.
    /// </summary>
    public static async Task<Page> SubmitAsync(HttpClient client, Page page, string selector, IEnumerable<KeyValuePair<string, string>>? set = null, string? button = null)
    {
        var form = page.Document.QuerySelector<IHtmlFormElement>(selector) ?? throw new InvalidOperationException($"no form {selector} on {page.Document.Url}");
        var overrides = (set ?? []).GroupBy(kv => kv.Key).ToDictionary(g => g.Key, g => g.Select(kv => kv.Value).ToList());
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var input in form.QuerySelectorAll<IHtmlInputElement>("input"))
        {
            if (string.IsNullOrEmpty(input.Name) || overrides.ContainsKey(input.Name) || input.Type == "file")
            {
                continue;
            }

            if (input.Type is not ("radio" or "checkbox") || input.IsChecked)
            {
                fields.Add(new(input.Name, input.Value));
            }
        }

        foreach (var area in form.QuerySelectorAll<IHtmlTextAreaElement>("textarea"))
        {
            if (!string.IsNullOrEmpty(area.Name) && !overrides.ContainsKey(area.Name))
            {
                fields.Add(new(area.Name, area.Value));
            }
        }

        foreach (var (name, values) in overrides)
        {
            fields.AddRange(values.Select(v => new KeyValuePair<string, string>(name, v)));
        }

        if (button is not null)
        {
            var pressed = form.QuerySelectorAll<IHtmlButtonElement>("button").First(b => b.Value == button || b.TextContent.Trim() == button);
            if (!string.IsNullOrEmpty(pressed.Name))
            {
                fields.Add(new(pressed.Name, pressed.Value));
            }
        }

        var action = form.GetAttribute("action");
        var target = new Uri(new Uri(page.Document.Url), string.IsNullOrEmpty(action) ? page.Document.Url : action);
        return await Page.Load(await client.PostAsync(target, new FormUrlEncodedContent(fields)));
    }

    /// <summary>Posts to a page handler that has no form on the page (as a forged or stale request would), with the page's antiforgery token.</summary>
    public static async Task<Page> PostAsync(HttpClient client, Page page, string url, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var token = page.Document.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")?.Value ?? throw new InvalidOperationException("no antiforgery token on the page");
        var all = fields.Append(new("__RequestVerificationToken", token));
        return await Page.Load(await client.PostAsync(new Uri(url, UriKind.Relative), new FormUrlEncodedContent(all)));
    }

    /// <summary>
    /// A new high-risk system of the owner's first organisation (the credit-scoring example answered as
    /// high-risk), classified, documented and submitted, through the real services.
    /// </summary>
    public static async Task<AiSystem> SubmittedAsync(SenimFactory factory, string ownerEmail, string name)
    {
        var owner = await ActorAsync(factory, ownerEmail);
        var organisation = owner.Memberships.Keys.First();
        return await RunAsync(factory, async sp =>
        {
            var library = sp.GetRequiredService<LawCatalog>().Active;
            var path = Path.Combine(RepoPaths.Root, "examples", "credit-scoring.yaml");
            var answers = Senim.Law.Systems.SystemDescriptions.Read(path, await File.ReadAllBytesAsync(path), library, new DateOnly(2026, 11, 25)).Answers;
            foreach (var (id, values) in new Dictionary<string, string[]> { ["kz.risk.significant"] = ["users"], ["kz.infosec.critical_ict"] = ["no"], ["kz.infosec.state_resource"] = ["no"] })
            {
                var question = library.Packs.SelectMany(p => p.Pack.Questions).First(q => q.Id == id);
                answers = answers.With(id, Senim.Law.Systems.AnswerParsing.Parse(question, values, question.Type == Senim.Law.Packs.QuestionType.AnyOf, Senim.Law.Systems.AnswerParsing.LatestDate, out _));
            }

            var system = await sp.GetRequiredService<SystemService>().CreateAsync(owner, organisation, new SystemInput(null, name, name, null, "Кредитный скоринг", "Credit scoring",
                "Scores loan applications.", "finance", OwnershipRole.Owner, null, UsageMode.Closed, null, null, null));
            var access = await sp.OpenAsync(owner, system.Id);
            (system, _, _) = await sp.GetRequiredService<ClassificationService>().ClassifyAsync(access, answers, "all", system.Version);
            var documents = sp.GetRequiredService<DocumentService>();
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            foreach (var document in await documents.RequirementsAsync(access))
            {
                var sections = document.Requirement.Sections.ToDictionary(s => s.Id, s => (string?)("**" + s.Title.En + "**: filled in for the test."));
                await documents.SaveAsync(access, document.Requirement.Id, sections, document.HasReview ? today.AddMonths(-1) : null, document.HasReview ? today.AddMonths(11) : null, document.Stored?.Version ?? 0);
            }

            system = await sp.GetRequiredService<SystemService>().GetAsync(owner, system.Id);
            return await sp.GetRequiredService<WorkflowService>().SubmitAsync(owner, system.Id, system.Version, null);
        });
    }

    /// <summary>A new system of the owner's first organisation, classified with an example's answers as they are.</summary>
    public static async Task<AiSystem> ClassifiedAsync(SenimFactory factory, string ownerEmail, string example, string name)
    {
        var owner = await ActorAsync(factory, ownerEmail);
        return await RunAsync(factory, async sp =>
        {
            var library = sp.GetRequiredService<LawCatalog>().Active;
            var path = Path.Combine(RepoPaths.Root, "examples", example + ".yaml");
            var answers = Senim.Law.Systems.SystemDescriptions.Read(path, await File.ReadAllBytesAsync(path), library, new DateOnly(2026, 11, 25)).Answers;
            var system = await sp.GetRequiredService<SystemService>().CreateAsync(owner, owner.Memberships.Keys.First(), new SystemInput(null, name, name, null, "Назначение", "Purpose",
                null, "finance", OwnershipRole.Owner, null, UsageMode.Closed, null, null, null));
            return (await sp.GetRequiredService<ClassificationService>().ClassifyAsync(await sp.OpenAsync(owner, system.Id), answers, "all", system.Version)).System;
        });
    }

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>Every visible input, select and textarea has a label (or is inside one), and the page has no script.</summary>
    public static void AssertAccessible(Page page)
    {
        Assert.Empty(page.Document.QuerySelectorAll("script"));
        foreach (var control in page.Document.QuerySelectorAll("main input, main textarea, main select"))
        {
            if (control.GetAttribute("type") is "hidden" or "submit")
            {
                continue;
            }

            var id = control.GetAttribute("id");
            Assert.False(string.IsNullOrEmpty(id), "a control without an id: " + control.OuterHtml);
            Assert.True(page.Document.QuerySelector($"label[for='{id}']") is not null, "no label for #" + id);
        }

        foreach (var described in page.Document.QuerySelectorAll("[aria-describedby]"))
        {
            foreach (var id in described.GetAttribute("aria-describedby")!.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                Assert.True(page.Document.GetElementById(id) is not null, $"aria-describedby points at a missing #{id}");
            }
        }
    }

    public static string Text(this IElement? element) => element?.TextContent.Trim() ?? "";
}

/// <summary>Opening a system as a page or a handler does before it calls the register's services.</summary>
public static class SystemOpening
{
    /// <summary>Opens the system for the actor with the scope's <see cref="SystemService"/>.</summary>
    public static Task<SystemAccess> OpenAsync(this IServiceProvider services, Actor actor, Guid systemId, SystemPurpose purpose = SystemPurpose.Read) =>
        services.GetRequiredService<SystemService>().OpenAsync(actor, systemId, purpose);
}
