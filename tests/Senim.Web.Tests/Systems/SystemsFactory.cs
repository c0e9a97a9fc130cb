using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Senim.Registry.Access;
using Senim.Registry.Data;
using Senim.Registry.Model;
using Senim.Registry.Services;
using Senim.Tests.Shared;
using Senim.Web.Tests.Support;

namespace Senim.Web.Tests.Systems;

/// <summary>
/// The real host on a fresh, demo-seeded database, plus a test-only way to start a browser session
/// (POST /test/sign-in?email=...), so these tests do not depend on the sign-in pages. The demo users
/// are the cast: owner@ and editor@ of Demo Bank, hospital@ of City Hospital, supervisor@, admin@, expert1@.
/// </summary>
public class SystemsFactory : SenimFactory
{
    public SystemsFactory()
        : this(DatabaseKind.Sqlite)
    {
    }

    protected SystemsFactory(DatabaseKind kind)
        : base(kind)
    {
    }

    /// <summary>The folder the host keeps evidence files in.</summary>
    public string FilesRoot => Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>()["Senim:Files"]!;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddTransient<IStartupFilter, TestSignIn>());
    }

    /// <summary>A browser (cookies kept, redirects followed) signed in as a demo user.</summary>
    public async Task<HttpClient> BrowserAsync(string email)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = true, HandleCookies = true });
        var response = await client.PostAsync("/test/sign-in?email=" + Uri.EscapeDataString(email), null);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        return client;
    }

    /// <summary>An API client with a personal token of the demo user (all scopes unless given).</summary>
    /// <summary>With <paramref name="server"/>, the client talks to a real Kestrel address instead of the in-memory server.</summary>
    public async Task<HttpClient> ApiAsync(string email, string[]? scopes = null, Guid? organisation = null, Uri? server = null)
    {
        var token = await RunAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<SenimUser>>();
            var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException("no demo user " + email);
            var actor = await sp.GetRequiredService<ActorService>().ForUserAsync(user.Id);
            var (_, plaintext) = await sp.GetRequiredService<TokenService>().CreateAsync(actor, "test", scopes ?? [.. Scopes.All], organisation, 30);
            return plaintext;
        });
#pragma warning disable CA2000 // the caller owns the client
        var client = server is null ? CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }) : new HttpClient { BaseAddress = server };
#pragma warning restore CA2000
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async Task<T> RunAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public Task<T> Db<T>(Func<RegistryDb, Task<T>> query) => RunAsync(sp => query(sp.GetRequiredService<RegistryDb>()));

    public Task<Actor> ActorAsync(string email) => RunAsync(async sp =>
    {
        var user = await sp.GetRequiredService<UserManager<SenimUser>>().FindByEmailAsync(email) ?? throw new InvalidOperationException("no demo user " + email);
        return await sp.GetRequiredService<ActorService>().ForUserAsync(user.Id);
    });

    public async Task<Organisation> OrganisationAsync(string name) =>
        await Db(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(db.Organisations, o => o.Name == name));

    private sealed class TestSignIn : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            // Not app.Map: that would make /test/sign-in the path base, and the session cookie's path with it.
            app.Use(async (context, nextMiddleware) =>
            {
                if (context.Request.Path != "/test/sign-in" || !HttpMethods.IsPost(context.Request.Method))
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

/// <summary>The same host on PostgreSQL; tests create it themselves after checking that a cluster is available.</summary>
public sealed class SystemsPostgresFactory : SystemsFactory
{
    public SystemsPostgresFactory()
        : base(DatabaseKind.Postgres)
    {
    }
}

/// <summary>Forms as a browser without JavaScript posts them: any form on the page, the pressed button, files as multipart.</summary>
public static class Forms
{
    /// <summary>Submits the form matched by <paramref name="selector"/>, pressing the button with name "action" and <paramref name="action"/> (null: no button value).</summary>
    public static async Task<Page> SubmitAsync(HttpClient client, Page page, string selector, string? action, IEnumerable<KeyValuePair<string, string>>? set = null, (string Field, string FileName, byte[] Bytes, string ContentType)? file = null) =>
        await Page.Load(await SendAsync(client, page, selector, action, set, file));

    /// <summary>Submits the form like <see cref="SubmitAsync"/> and returns the raw response (a download, say).</summary>
    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, Page page, string selector, string? action, IEnumerable<KeyValuePair<string, string>>? set = null, (string Field, string FileName, byte[] Bytes, string ContentType)? file = null)
    {
        var form = page.Document.QuerySelector(selector) as IHtmlFormElement ?? throw new InvalidOperationException($"no form '{selector}' on {page.Document.Url}");
        var overrides = (set ?? []).GroupBy(kv => kv.Key).ToDictionary(g => g.Key, g => g.Select(kv => kv.Value).ToList());
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            var name = element.GetAttribute("name");
            if (string.IsNullOrEmpty(name) || overrides.ContainsKey(name))
            {
                continue;
            }

            switch (element)
            {
                case IHtmlInputElement input when input.Type is "radio" or "checkbox":
                    if (input.IsChecked)
                    {
                        fields.Add(new(name, input.Value));
                    }

                    break;
                case IHtmlInputElement input when input.Type is "submit" or "file":
                    break;
                case IHtmlInputElement input:
                    fields.Add(new(name, input.Value));
                    break;
                case IHtmlTextAreaElement textarea:
                    fields.Add(new(name, textarea.Value));
                    break;
                case IHtmlSelectElement select:
                    fields.Add(new(name, select.Value ?? ""));
                    break;
            }
        }

        foreach (var (name, values) in overrides)
        {
            fields.AddRange(values.Select(v => new KeyValuePair<string, string>(name, v)));
        }

        if (action is not null)
        {
            fields.Add(new("action", action));
        }

        var target = string.IsNullOrEmpty(form.GetAttribute("action")) ? new Uri(page.Document.Url) : new Uri(new Uri(page.Document.Url), form.GetAttribute("action")!);
        HttpContent content;
        if (string.Equals(form.Enctype, "multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            var multipart = new MultipartFormDataContent();
            foreach (var (name, value) in fields)
            {
                multipart.Add(new StringContent(value), name);
            }

            if (file is { } f)
            {
                var bytes = new ByteArrayContent(f.Bytes);
                bytes.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(f.ContentType);
                multipart.Add(bytes, f.Field, f.FileName);
            }

            content = multipart;
        }
        else
        {
            content = new FormUrlEncodedContent(fields);
        }

        return await client.PostAsync(target, content);
    }
}
