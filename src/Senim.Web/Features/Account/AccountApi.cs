using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Identity;

namespace Senim.Web.Features.Account;

/// <summary>/api/v1/me and /api/v1/tokens: who is calling, and their personal API tokens.</summary>
public static class AccountApi
{
    public sealed record MembershipView(
        [property: JsonPropertyName("organisation_id")] Guid OrganisationId,
        [property: JsonPropertyName("organisation_name")] string OrganisationName,
        string Role);

    /// <summary>The scopes and organisation limit of the token the request came with.</summary>
    public sealed record TokenLimits(IReadOnlyList<string> Scopes, [property: JsonPropertyName("organisation_id")] Guid? OrganisationId);

    public sealed record MeView(
        Guid Id,
        string Email,
        [property: JsonPropertyName("display_name")] string DisplayName,
        [property: JsonPropertyName("preferred_language")] string PreferredLanguage,
        [property: JsonPropertyName("two_factor")] bool TwoFactor,
        [property: JsonPropertyName("email_confirmed")] bool EmailConfirmed,
        [property: JsonPropertyName("platform_roles")] IReadOnlyList<string> PlatformRoles,
        IReadOnlyList<MembershipView> Memberships,
        TokenLimits? Token);

    /// <summary>A token as listed: never its secret. state is active, expired or revoked.</summary>
    public sealed record TokenView(
        Guid Id,
        string Name,
        IReadOnlyList<string> Scopes,
        [property: JsonPropertyName("organisation_id")] Guid? OrganisationId,
        [property: JsonPropertyName("created_at")] DateTime CreatedAt,
        [property: JsonPropertyName("expires_at")] DateTime ExpiresAt,
        [property: JsonPropertyName("last_used_at")] DateTime? LastUsedAt,
        [property: JsonPropertyName("revoked_at")] DateTime? RevokedAt,
        string State);

    /// <summary>POST /api/v1/tokens. days: 1 to 366.</summary>
    public sealed record TokenBody(
        string? Name,
        IReadOnlyList<string>? Scopes,
        [property: JsonPropertyName("organisation_id")] Guid? OrganisationId,
        int? Days);

    /// <summary>POST /api/v1/account/password-reset.</summary>
    public sealed record ResetBody(string? Email);

    /// <summary>The new token with its secret, which is shown only in this response.</summary>
    public sealed record TokenCreated(TokenView Token, string Secret);

    public static IEndpointRouteBuilder MapAccountApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/me", Me)
            .WithTags("Account")
            .Describe("GetMe", "Who is calling: the account, platform roles, organisation memberships, and the token's scopes and organisation limit.")
            .Produces<MeView>()
            .ProducesProblems(401)
            .RequireAuthorization();

        app.MapPost("/api/v1/account/confirmation", SendConfirmation)
            .WithTags("Account")
            .Describe("SendConfirmation", "Mail the caller a new link that confirms their e-mail address (an unconfirmed account acts for no organisation). Once a minute and five times a day at most (409); a signed-in browser session only (403 with a token).")
            .Produces(StatusCodes.Status202Accepted)
            .ProducesProblems(401, 403, 409)
            .RequireAuthorization()
            .RequireRateLimiting(SenimApp.SignInRateLimit);
        app.MapPost("/api/v1/account/password-reset", RequestReset)
            .WithTags("Account")
            .Describe("RequestPasswordReset", "Mail a link that sets a new password (valid two hours, once) when the address has an account. The answer is 202 either way: it never tells whether an address has an account. A malformed address is 400.")
            .AcceptsJson<ResetBody>()
            .Produces(StatusCodes.Status202Accepted)
            .AllowAnonymous()
            .RequireRateLimiting(SenimApp.SignInRateLimit);

        var tokens = app.MapGroup("/api/v1/tokens").WithTags("API tokens").RequireAuthorization();
        tokens.MapGet("", ListTokens)
            .Describe("ListTokens", "The caller's personal API tokens, newest first (never their secrets). Paginated: page, page_size (at most 100).")
            .Produces<PageResource<TokenView>>()
            .ProducesProblems(400, 401);
        tokens.MapGet("/{id:guid}", GetToken)
            .Describe("GetToken", "One of the caller's tokens (never its secret).")
            .Produces<TokenView>()
            .ProducesProblems(404);
        tokens.MapPost("", CreateToken)
            .Describe("CreateToken", "Create a personal API token: name, scopes (read, write, review, supervise, admin), an optional organisation to limit it to, and a lifetime of 1 to 366 days. The secret is in this response only. Only a signed-in browser session may create tokens: a request made with a token gets 403.")
            .AcceptsJson<TokenBody>()
            .ProducesProblems(403)
            .Produces<TokenCreated>(StatusCodes.Status201Created);
        tokens.MapDelete("/{id:guid}", RevokeToken)
            .Describe("RevokeToken", "Revoke a token: it stops working at once. Revoking a revoked token changes nothing. A token with the read scope only may not revoke (403).")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblems(403, 404);
        return app;
    }

    private static async Task<IResult> Me(CurrentActor current, UserManager<SenimUser> users, OrganisationService organisations, CancellationToken cancellationToken)
    {
        var actor = await current.GetAsync();
        var user = await users.FindByIdAsync(actor.UserId.ToString());
        if (user is null)
        {
            throw new NotFoundException("user", actor.UserId);
        }

        var names = (await organisations.ListAsync(actor, cancellationToken: cancellationToken)).ToDictionary(o => o.Id, o => o.Name);
        var memberships = actor.Memberships
            .Where(m => names.ContainsKey(m.Key))
            .Select(m => new MembershipView(m.Key, names[m.Key], m.Value.Code()))
            .OrderBy(m => m.OrganisationName, StringComparer.Ordinal)
            .ToList();
        var token = actor.IsToken ? new TokenLimits([.. Scopes.All.Where(actor.Allows)], actor.TokenOrganisation) : null;
        return TypedResults.Ok(new MeView(user.Id, user.Email ?? "", user.DisplayName, user.PreferredLanguage, user.TwoFactorEnabled, user.EmailConfirmed,
            [.. actor.PlatformRoleNames.Order(StringComparer.Ordinal)], memberships, token));
    }

    private static async Task<IResult> SendConfirmation(CurrentActor current, AccountEmailService emails, CancellationToken cancellationToken)
    {
        await emails.SendConfirmationAgainAsync(await current.GetAsync(), cancellationToken);
        return TypedResults.Accepted((string?)null);
    }

    private static async Task<IResult> RequestReset(HttpRequest request, AccountEmailService emails, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<ResetBody>(request);
        await emails.RequestPasswordResetAsync(body.Email, cancellationToken);
        return TypedResults.Accepted((string?)null);
    }

    private static async Task<IResult> ListTokens([AsParameters] PageRequest paging, CurrentActor current, TokenService tokens, TimeProvider time, CancellationToken cancellationToken)
    {
        _ = paging.Resolve();
        var all = await tokens.ListAsync(await current.GetAsync(), cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        return TypedResults.Ok(PageResource.Of([.. all.Select(t => View(t, now))], paging));
    }

    private static async Task<IResult> GetToken(Guid id, CurrentActor current, TokenService tokens, TimeProvider time, CancellationToken cancellationToken)
    {
        var token = (await tokens.ListAsync(await current.GetAsync(), cancellationToken)).FirstOrDefault(t => t.Id == id)
            ?? throw new NotFoundException("token", id);
        return TypedResults.Ok(View(token, time.GetUtcNow().UtcDateTime));
    }

    private static async Task<IResult> CreateToken(HttpRequest request, CurrentActor current, TokenService tokens, TimeProvider time, LinkGenerator links, CancellationToken cancellationToken)
    {
        var actor = await current.GetAsync();
        if (actor.IsToken)
        {
            // Refused before reading the body: a token can never mint another, whatever it asks for.
            throw new ForbiddenException("token-from-session", "API tokens are created from a signed-in browser session, not with another token.");
        }

        var body = await JsonBody.ReadAsync<TokenBody>(request);

        var (token, secret) = await tokens.CreateAsync(actor, body.Name ?? "", body.Scopes ?? [], body.OrganisationId, body.Days ?? 0, cancellationToken);
        return TypedResults.Created(links.GetPathByName(request.HttpContext, "GetToken", new { id = token.Id }), new TokenCreated(View(token, time.GetUtcNow().UtcDateTime), secret));
    }

    private static async Task<IResult> RevokeToken(Guid id, CurrentActor current, TokenService tokens, CancellationToken cancellationToken)
    {
        await tokens.RevokeAsync(await current.GetAsync(), id, cancellationToken);
        return TypedResults.NoContent();
    }

    private static TokenView View(ApiToken t, DateTime now) => new(
        t.Id,
        t.Name,
        t.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries),
        t.OrganisationId,
        ApiValues.Utc(t.CreatedAt),
        ApiValues.Utc(t.ExpiresAt),
        ApiValues.Utc(t.LastUsedAt),
        ApiValues.Utc(t.RevokedAt),
        t.RevokedAt is not null ? "revoked" : t.ExpiresAt <= now ? "expired" : "active");
}
