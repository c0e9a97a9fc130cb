using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Senim.Registry.Data;

namespace Senim.Web.Infrastructure.Auth;

/// <summary>
/// What a person typed into a form when their session had already ended (a supervisor's decision and its reasons,
/// a document's sections): instead of losing it at the sign-in redirect, the posted fields are kept in the database,
/// encrypted with Data Protection, under a one-time id that travels in the return address. After signing in, the
/// page comes back with the text in its form (<see cref="Pages.KeptFieldTagHelper"/>), for the person to check and send.
/// Passwords and files are never kept; a kept form lives <see cref="Lifetime"/> and is deleted when it is put back.
/// </summary>
public sealed class KeptForms(RegistryDb db, IDataProtectionProvider protection, TimeProvider time, ILogger<KeptForms> logger)
{
    /// <summary>The query parameter of the return address that names a kept form.</summary>
    public const string Parameter = "kept";

    /// <summary>How long a kept form waits for its author (the session's own length).</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);

    /// <summary>The most form text kept (characters, all fields together); a larger form is not kept.</summary>
    public const int MaxCharacters = 1_000_000;

    private const string AntiforgeryField = "__RequestVerificationToken";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly IDataProtector _protector = protection.CreateProtector("Senim.KeptForm.v1");

    /// <summary>
    /// Keeps the fields of a page form posted without a session and returns the address to come back to after
    /// signing in (the page the form was on, with the kept form's id); null when there is nothing to keep.
    /// </summary>
    public async Task<string?> KeepAsync(HttpContext context, CookieAuthenticationOptions cookie)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(cookie);
        var request = context.Request;
        if (!HttpMethods.IsPost(request.Method) || !request.HasFormContentType)
        {
            return null;
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(context.RequestAborted);
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException or IOException)
        {
            // A form too large or malformed to read is not kept; the person signs in as before.
            logger.LogInformation("A form posted without a session could not be read to keep it: {Reason}", ex.Message);
            return null;
        }

        var fields = form
            .Where(f => f.Key != AntiforgeryField && !f.Key.Contains("password", StringComparison.OrdinalIgnoreCase))
            .SelectMany(f => f.Value.Select(v => new[] { f.Key, v ?? "" }))
            .ToList();
        if (fields.Count == 0 || fields.Sum(f => f[0].Length + f[1].Length) > MaxCharacters)
        {
            return null;
        }

        var action = request.Path + request.QueryString;
        var page = PageOf(context) ?? WithoutHandler(action);
        var data = new KeptFormData(action, page, UserOf(context, cookie), form.Files.Count > 0, fields);
        var now = time.GetUtcNow().UtcDateTime;
        var kept = new KeptForm
        {
            Id = Guid.NewGuid(),
            CreatedAt = now,
            ExpiresAt = now + Lifetime,
            Payload = _protector.Protect(JsonSerializer.SerializeToUtf8Bytes(data, Json)),
        };
        await db.KeptForms.Where(k => k.ExpiresAt < now).ExecuteDeleteAsync(context.RequestAborted);
        db.KeptForms.Add(kept);
        await db.SaveChangesAsync(context.RequestAborted);
        return QueryHelpers.AddQueryString(page, Parameter, kept.Id.ToString("N"));
    }

    /// <summary>
    /// Takes the kept form named in a signed-in GET's address (deleting it), or null: none named, unknown, expired, or
    /// kept from another person's session.
    /// </summary>
    public async Task<KeptFormData?> TakeAsync(HttpContext context, Guid userId)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!Guid.TryParseExact(context.Request.Query[Parameter].ToString(), "N", out var id))
        {
            return null;
        }

        var kept = await db.KeptForms.FirstOrDefaultAsync(k => k.Id == id, context.RequestAborted);
        if (kept is null)
        {
            return null;
        }

        db.KeptForms.Remove(kept);
        await db.SaveChangesAsync(context.RequestAborted);
        if (kept.ExpiresAt < time.GetUtcNow().UtcDateTime)
        {
            return null;
        }

        KeptFormData? data;
        try
        {
            data = JsonSerializer.Deserialize<KeptFormData>(_protector.Unprotect(kept.Payload), Json);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }

        // A form kept from someone's expired session goes back to that person only.
        return data is not null && (data.User is null || data.User == userId) ? data : null;
    }

    /// <summary>The page the form was on: the referring page of this site (Referrer-Policy: same-origin).</summary>
    private static string? PageOf(HttpContext context)
    {
        if (!Uri.TryCreate(context.Request.Headers.Referer.ToString(), UriKind.Absolute, out var referer)
            || !string.Equals(referer.Authority, context.Request.Host.Value, StringComparison.OrdinalIgnoreCase)
            || !referer.AbsolutePath.StartsWith('/'))
        {
            return null;
        }

        var query = QueryHelpers.ParseQuery(referer.Query).Where(q => q.Key != Parameter);
        return QueryHelpers.AddQueryString(referer.AbsolutePath, query.SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v))));
    }

    /// <summary>A Razor page's post address without its handler: the page itself.</summary>
    private static string WithoutHandler(string action)
    {
        var question = action.IndexOf('?', StringComparison.Ordinal);
        if (question < 0)
        {
            return action;
        }

        var query = QueryHelpers.ParseQuery(action[question..]).Where(q => q.Key != "handler" && q.Key != Parameter);
        return QueryHelpers.AddQueryString(action[..question], query.SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v))));
    }

    /// <summary>Who the ended session belonged to, when its cookie came with the post (it may have been deleted).</summary>
    private static Guid? UserOf(HttpContext context, CookieAuthenticationOptions cookie)
    {
        if (cookie.Cookie.Name is not { } name || cookie.CookieManager.GetRequestCookie(context, name) is not { Length: > 0 } value)
        {
            return null;
        }

        var ticket = cookie.TicketDataFormat.Unprotect(value);
        return Guid.TryParse(ticket?.Principal.FindFirstValue(ClaimTypes.NameIdentifier), out var user) ? user : null;
    }
}

/// <summary>
/// A kept form: where it was posted (<paramref name="Action"/>), the page it was on, whose session it came from, whether
/// it carried files (which are not kept), and its fields in order as [name, value] pairs.
/// </summary>
public sealed record KeptFormData(string Action, string Page, Guid? User, bool HadFiles, IReadOnlyList<string[]> Fields)
{
    /// <summary>Set while the page renders when a form on it took the kept values.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool Restored { get; set; }

    /// <summary>The values posted under a field name (case-insensitive, as model binding reads them).</summary>
    public IReadOnlyList<string> Values(string name) => [.. Fields.Where(f => string.Equals(f[0], name, StringComparison.OrdinalIgnoreCase)).Select(f => f[1])];

    public bool Has(string name) => Fields.Any(f => string.Equals(f[0], name, StringComparison.OrdinalIgnoreCase));
}

/// <summary>What a signed-in GET that names a kept form found: the form, or nothing (already put back, expired, not theirs).</summary>
public sealed record KeptFormState(KeptFormData? Form)
{
    public static KeptFormState? Of(HttpContext context) => context?.Items[typeof(KeptFormState)] as KeptFormState;
}

/// <summary>The pipeline's part of <see cref="KeptForms"/>.</summary>
public static class KeptFormsPipeline
{
    /// <summary>
    /// After authentication: a signed-in page request whose address names a kept form takes it (once) for the page's
    /// form to show again (<see cref="Pages.KeptFieldTagHelper"/>) and the layout to explain.
    /// </summary>
    public static IApplicationBuilder UseKeptForms(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (HttpMethods.IsGet(context.Request.Method) && context.Request.Query.ContainsKey(KeptForms.Parameter) && !SenimApp.IsApi(context.Request.Path)
                && Guid.TryParse(context.User.FindFirstValue(ClaimTypes.NameIdentifier), out var user))
            {
                var form = await context.RequestServices.GetRequiredService<KeptForms>().TakeAsync(context, user);
                context.Items[typeof(KeptFormState)] = new KeptFormState(form);
            }

            await next(context);
        });
}
