using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Senim.Web.Infrastructure.Auth;

/// <summary>Authenticates "Authorization: Bearer senim_..." with a personal API token.</summary>
public sealed class TokenAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, TokenService tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "SenimToken";
    private const string FailureKey = "senim.token-failure";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var check = await tokens.AuthenticateAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        if (check.Actor is null)
        {
            Context.Items[FailureKey] = check.Failure;
            return AuthenticateResult.Fail(check.Failure ?? "invalid token");
        }

        CurrentActor.Set(Context, check.Actor);
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, check.Actor.UserId.ToString()), new Claim(ClaimTypes.Name, check.Actor.Name)], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        var detail = Context.Items[FailureKey] as string ?? "Send a personal API token: Authorization: Bearer senim_...";
        await Results.Problem(statusCode: 401, title: "Authentication required", detail: detail).ExecuteAsync(Context);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        await Results.Problem(statusCode: 403, title: "Forbidden", detail: "The token does not allow this.").ExecuteAsync(Context);
}
