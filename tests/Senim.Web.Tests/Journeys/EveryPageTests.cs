using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Senim.Registry.Access;
using Senim.Registry.Data;
using Senim.Registry.Model;
using Senim.Registry.Services;
using Senim.Registry.Workflow;
using Senim.Web.Tests.Support;

namespace Senim.Web.Tests.Journeys;

/// <summary>
/// Every page of the site in Chromium, in Kazakh, Russian and English, as each kind of visitor sees it: the public
/// pages anonymously, the owner's, the expert's, the supervisor's and the admin's pages signed in as the demo
/// accounts, with a registered system whose names are 200 characters without a space. At a 390 px screen no page
/// may be wider than the screen; each page leaves artifacts/screenshots/every-{width}-{lang}-{who}-{page}.png.
/// </summary>
public sealed class EveryPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Password = "Demo-password-1";

    /// <summary>Names as long as validation allows, with nothing to break them at.</summary>
    public static readonly string LongKk = string.Concat(Enumerable.Repeat("Сенімділік", 20));

    public static readonly string LongRu = string.Concat(Enumerable.Repeat("Достоверно", 20));

    public static readonly string LongEn = string.Concat(Enumerable.Repeat("Confidence", 20));

    private static readonly string[] Languages = ["kk", "ru", "en"];

    /// <summary>Workflow codes that must never reach a reader: each is a stored code, not a word.</summary>
    private static readonly string[] RawCodes =
    [
        .. WorkflowCodes.Actions.Select(a => a.Code()).Where(c => c.Contains('-', StringComparison.Ordinal)),
        .. WorkflowCodes.Capacities.Select(c => "(" + c.Code() + ")"),
    ];

    [Theory]
    [InlineData(390)]
    [InlineData(1280)]
    public async Task No_page_is_wider_than_the_screen_in_any_language(int width)
    {
        var failures = new List<string>();
        var visited = 0;
        await VisitEveryPageAsync(width, async (page, name) =>
        {
            visited++;
            var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            if (scrollWidth > width)
            {
                var culprits = await page.EvaluateAsync<string[]>(WidestElements, width);
                failures.Add($"{name}: {scrollWidth} px wide ({string.Join("; ", culprits)})");
            }
        });

        Assert.True(visited >= 3 * 40, $"only {visited} pages were visited");
        Assert.True(failures.Count == 0, $"{failures.Count} pages are wider than {width} px:\n" + string.Join("\n", failures));
    }

    [Fact]
    public async Task No_page_shows_a_raw_workflow_code()
    {
        var failures = new List<string>();
        await VisitEveryPageAsync(1280, async (page, name) =>
        {
            var text = await page.Locator("body").InnerTextAsync();
            // In English "(expert)" is also the word: there only the hyphenated action codes are looked for.
            var found = RawCodes.Where(code => text.Contains(code, StringComparison.Ordinal) && !(name.StartsWith("en ", StringComparison.Ordinal) && code == "(expert)")).ToList();
            if (found.Count > 0)
            {
                failures.Add($"{name}: {string.Join(", ", found)}");
            }
        }, screenshots: false);

        Assert.True(failures.Count == 0, "raw workflow codes on pages:\n" + string.Join("\n", failures));
    }

    /// <summary>Opens every page as each visitor in each language and hands it to <paramref name="check"/>.</summary>
    private async Task VisitEveryPageAsync(int width, Func<IPage, string, Task> check, bool screenshots = true)
    {
        var cast = await CastAsync();
        foreach (var (who, email, urls) in cast.Visitors)
        {
            await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
            {
                ViewportSize = new ViewportSize { Width = width, Height = 844 },
                Locale = "en-GB",
            });
            var page = await context.NewPageAsync();
            if (email is not null)
            {
                await SignInAsync(page, email);
            }

            foreach (var lang in Languages)
            {
                await page.GotoAsync($"{browser.BaseUrl}/lang/{lang}?return=/");
                foreach (var (name, url) in urls)
                {
                    await OpenAsync(page, url);
                    var label = $"{lang} {who} {name}";
                    if (screenshots)
                    {
                        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepoPaths.Artifacts, $"every-{width}-{lang}-{who}-{name}.png"), FullPage = true });
                    }

                    await check(page, label);
                }
            }
        }
    }

    /// <summary>Opens a page; "start:" pages are reached by pressing the wizard's start button on the page before.</summary>
    private async Task OpenAsync(IPage page, string url)
    {
        if (url.StartsWith("start:", StringComparison.Ordinal))
        {
            await page.GotoAsync(browser.BaseUrl + url["start:".Length..]);
            await page.Locator("main form button[type=submit]").First.ClickAsync();
            await page.WaitForLoadStateAsync(LoadState.Load);
            return;
        }

        await page.GotoAsync(browser.BaseUrl + url);
    }

    private async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync(browser.BaseUrl + "/lang/en?return=/account/sign-in");
        await page.Locator("#f-email").FillAsync(email);
        await page.Locator("#f-password").FillAsync(Password);
        await page.Locator("main form button[type=submit]").First.ClickAsync();
        await Assertions.Expect(page.Locator("form[action='/account/sign-out']")).ToHaveCountAsync(1);
    }

    /// <summary>The visitors and their pages; the long-named system is created once per host.</summary>
    private Task<Cast> CastAsync()
    {
        lock (Casts)
        {
            return Casts.GetValue(browser, _ => BuildCastAsync());
        }
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<BrowserFixture, Task<Cast>> Casts = [];

    private async Task<Cast> BuildCastAsync()
    {
        var (systemId, organisationId, documentId) = await LongNamedSystemAsync();
        await using var scope = browser.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDb>();
        var lawSet = await db.LawSets.Select(s => s.Id).FirstAsync();
        var registered = await db.Systems.Where(s => s.NameEn == "Claim drafting assistant").Select(s => s.Id).FirstAsync();

        (string, string)[] publicPages =
        [
            ("home", "/"),
            ("register", "/register"),
            ("register-search", "/register?q=" + Uri.EscapeDataString(LongEn[..20])),
            ("register-long", $"/register/{systemId}"),
            ("register-entry", $"/register/{registered}"),
            ("verify", "/verify"),
            ("classify", "/classify"),
            ("classify-step", "start:/classify"),
            ("api", "/api"),
            ("log", "/log"),
            ("log-verify", "/log/verify"),
            ("sign-in", "/account/sign-in"),
            ("sign-up", "/account/sign-up"),
            ("not-found", "/register/00000000-0000-0000-0000-000000000001"),
            ("request-new", $"/requests/new?system={registered}&kind=objection"),
            ("track", "/track?code=ABCD"),
        ];
        (string, string)[] ownerPages =
        [
            ("home", "/home"),
            ("systems", "/systems"),
            ("system-long", $"/systems/{systemId}"),
            ("system-edit", $"/systems/{systemId}/edit"),
            ("system-history", $"/systems/{systemId}/history"),
            ("system-documents", $"/systems/{systemId}/documents"),
            ("system-document", $"/systems/{systemId}/documents/{documentId}"),
            ("system-classify", $"/systems/{systemId}/classify"),
            ("system-classify-step", $"start:/systems/{systemId}/classify"),
            ("system-labels", $"/systems/{registered}/labels"),
            ("system-labels-sign", $"/systems/{registered}/labels/sign"),
            ("system-registered", $"/systems/{registered}"),
            ("due", "/due"),
            ("organisations", "/organisations"),
            ("organisation", $"/organisations/{organisationId}"),
            ("system-new", $"/organisations/{organisationId}/systems/new"),
            ("citizen-requests", $"/organisations/{organisationId}/requests?all=true"),
            ("notifications", "/notifications"),
            ("profile", "/account"),
            ("tokens", "/account/tokens"),
            ("two-factor", "/account/two-factor"),
        ];
        (string, string)[] expertPages =
        [
            ("home", "/home"),
            ("review", "/review"),
            ("review-long", $"/review/{systemId}"),
        ];
        (string, string)[] supervisorPages =
        [
            ("home", "/home"),
            ("supervision", "/supervision"),
            ("supervision-long", $"/supervision/{systemId}"),
            ("supervision-registered", $"/supervision/{registered}"),
            ("supervision-requests", "/supervision/requests?all=true"),
        ];
        (string, string)[] adminPages =
        [
            ("home", "/home"),
            ("users", "/admin/users"),
            ("law", "/admin/law"),
            ("law-set", $"/admin/law/{lawSet}"),
        ];
        return new Cast(
        [
            ("public", null, publicPages),
            ("owner", "owner@demo.senim.kz", ownerPages),
            ("expert", "expert1@demo.senim.kz", expertPages),
            ("supervisor", "supervisor@demo.senim.kz", supervisorPages),
            ("admin", "admin@demo.senim.kz", adminPages),
        ]);
    }

    /// <summary>
    /// A high-risk system of Demo Bank named with 200 unbroken characters in each language, classified, documented,
    /// reviewed by expert1 and registered through the real services, so it appears on every list and page.
    /// </summary>
    private async Task<(Guid System, Guid Organisation, string Document)> LongNamedSystemAsync()
    {
        await using var scope = browser.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        async Task<Actor> ActorAsync(string email)
        {
            var user = await sp.GetRequiredService<UserManager<SenimUser>>().FindByEmailAsync(email) ?? throw new InvalidOperationException(email);
            return await sp.GetRequiredService<ActorService>().ForUserAsync(user.Id);
        }

        var owner = await ActorAsync("owner@demo.senim.kz");
        var supervisor = await ActorAsync("supervisor@demo.senim.kz");
        var expert = await ActorAsync("expert1@demo.senim.kz");
        var organisation = owner.Memberships.Keys.First();
        var library = sp.GetRequiredService<LawCatalog>().Active;
        var path = Path.Combine(RepoPaths.Root, "examples", "credit-scoring.yaml");
        var answers = Senim.Law.Systems.SystemDescriptions.Read(path, await File.ReadAllBytesAsync(path), library, new DateOnly(2026, 11, 25)).Answers;
        foreach (var (id, values) in new Dictionary<string, string[]> { ["kz.risk.significant"] = ["users"], ["kz.infosec.critical_ict"] = ["no"], ["kz.infosec.state_resource"] = ["no"] })
        {
            var question = library.Packs.SelectMany(p => p.Pack.Questions).First(q => q.Id == id);
            answers = answers.With(id, Senim.Law.Systems.AnswerParsing.Parse(question, values, question.Type == Senim.Law.Packs.QuestionType.AnyOf, Senim.Law.Systems.AnswerParsing.LatestDate, out _));
        }

        var systems = sp.GetRequiredService<SystemService>();
        var workflow = sp.GetRequiredService<WorkflowService>();
        var documents = sp.GetRequiredService<DocumentService>();

        var system = await systems.CreateAsync(owner, organisation, new SystemInput(LongKk, LongRu, LongEn, LongKk, LongRu, LongEn,
            new StringBuilder().Insert(0, "Unbrokenlongdescription", 40).ToString(), "finance", OwnershipRole.Owner, null, UsageMode.Closed,
            "https://example.kz/" + new string('a', 250), null, null));
        var access = await systems.OpenAsync(owner, system.Id, SystemPurpose.Change);
        (system, _, _) = await sp.GetRequiredService<ClassificationService>().ClassifyAsync(access, answers, "all", system.Version);
        access = await systems.OpenAsync(owner, system.Id, SystemPurpose.Change);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        string? first = null;
        foreach (var document in await documents.RequirementsAsync(access))
        {
            first ??= document.Requirement.Id;
            var sections = document.Requirement.Sections.ToDictionary(s => s.Id, s => (string?)(s.Title.En + ": " + new string('ж', 300)));
            await documents.SaveAsync(access, document.Requirement.Id, sections, document.HasReview ? today.AddMonths(-1) : null, document.HasReview ? today.AddMonths(11) : null, document.Stored?.Version ?? 0);
        }

        system = await systems.GetAsync(owner, system.Id);
        system = await workflow.SubmitAsync(owner, system.Id, system.Version, new string('ю', 400));
        system = await workflow.AssignAsync(supervisor, system.Id, [expert.UserId], system.Version);
        await workflow.DeclareNoConflictAsync(expert, system.Id);
        foreach (var item in workflow.Checklist().Items)
        {
            await workflow.RemarkAsync(expert, system.Id, item.Id, ChecklistVerdict.Satisfied, new string('ә', 300));
        }

        system = await systems.GetAsync(owner, system.Id);
        system = await workflow.RecommendAsync(expert, system.Id, Recommendation.Register, new string('ө', 600), system.Version);
        await workflow.DecideAsync(supervisor, system.Id, DecisionInput.Parse("register", new string('қ', 600), null, null), system.Version);
        return (system.Id, organisation, first ?? throw new InvalidOperationException("the system has no documents"));
    }

    /// <summary>The elements that reach past the screen's right edge, deepest first (for the failure message).</summary>
    private const string WidestElements = """
        (width) => {
          const out = [];
          for (const e of document.querySelectorAll('body *')) {
            const r = e.getBoundingClientRect();
            if (r.right > width + 1 && e.children.length === 0) {
              out.push(`${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${e.className && typeof e.className === 'string' ? '.' + e.className.trim().replace(/\s+/g, '.') : ''} right=${Math.round(r.right)}`);
            }
            if (out.length >= 5) break;
          }
          return out;
        }
        """;

    private sealed record Cast(IReadOnlyList<(string Who, string? Email, (string Name, string Url)[] Urls)> Visitors);
}
