using System.Text.Json.Serialization;

namespace Senim.Web.Features.Invitations;

/// <summary>
/// Membership by invitation: an organisation's admins invite an address (never told whether it has an account); the
/// holder of the mailed link accepts (signed in with that address) or declines. The link's secret is never in an answer.
/// </summary>
public static class InvitationsApi
{
    /// <summary>An invitation as its organisation's admins see it. state: pending, accepted, declined, revoked; expired when pending past expires_at.</summary>
    public sealed record InvitationResource(
        Guid Id,
        [property: JsonPropertyName("organisation_id")] Guid OrganisationId,
        string Email,
        string Role,
        string State,
        [property: JsonPropertyName("invited_by")] string InvitedBy,
        [property: JsonPropertyName("created_at")] DateTime CreatedAt,
        [property: JsonPropertyName("expires_at")] DateTime ExpiresAt,
        [property: JsonPropertyName("answered_at")] DateTime? AnsweredAt);

    /// <summary>Invite: an e-mail address and admin or editor.</summary>
    public sealed record InviteBody(string? Email, string? Role);

    /// <summary>The secret of the invitation's link.</summary>
    public sealed record TokenBody(string? Token);

    public sealed record JoinedResource([property: JsonPropertyName("organisation_id")] Guid OrganisationId, string Role);

    public static IEndpointRouteBuilder MapInvitationsApi(this IEndpointRouteBuilder app)
    {
        var organisation = app.MapGroup("/api/v1/organisations/{id:guid}/invitations").WithTags("Organisations").RequireAuthorization();
        organisation.MapGet("", List)
            .Describe("ListInvitations", "The organisation's invitations, newest first (its admins). Paginated: page, page_size (at most 100).")
            .Produces<PageResource<InvitationResource>>()
            .ProducesProblems(400, 403, 404);
        organisation.MapPost("", Invite)
            .Describe("InviteMember", "Invite an e-mail address as admin or editor (the organisation's admins). The person joins only by accepting the mailed link; the answer is the same whether the address has an account or not. A pending invitation to the same address is replaced. At most 50 an hour per organisation (409).")
            .AcceptsJson<InviteBody>()
            .ProducesProblems(403, 404, 409)
            .Produces<InvitationResource>(StatusCodes.Status201Created);
        organisation.MapDelete("/{invitationId:guid}", Revoke)
            .Describe("RevokeInvitation", "Take back a pending invitation: its link stops working. One already answered is 409.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblems(403, 404, 409);

        var invitation = app.MapGroup("/api/v1/invitations/{id:guid}").WithTags("Organisations").RequireRateLimiting(SenimApp.SignInRateLimit);
        invitation.MapPost("/accept", Accept)
            .RequireAuthorization()
            .Describe("AcceptInvitation", "Accept an invitation with its link's secret, signed in with the invited address (which this also confirms). A wrong secret is 404; a used, taken-back or expired link is 409; another account is 403.")
            .AcceptsJson<TokenBody>()
            .ProducesProblems(401, 403, 404, 409)
            .Produces<JoinedResource>();
        invitation.MapPost("/decline", Decline)
            .AllowAnonymous()
            .Describe("DeclineInvitation", "Decline an invitation with its link's secret; no account needed. A wrong secret is 404; a used, taken-back or expired link is 409.")
            .AcceptsJson<TokenBody>()
            .ProducesProblems(404, 409)
            .Produces(StatusCodes.Status204NoContent);
        return app;
    }

    private static async Task<IResult> List(Guid id, [AsParameters] PageRequest paging, CurrentActor current, InvitationService invitations, TimeProvider time, CancellationToken cancellationToken)
    {
        _ = paging.Resolve();
        var all = await invitations.ListAsync(await current.GetAsync(), id, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        return TypedResults.Ok(PageResource.Of([.. all.Select(i => View(i, now))], paging));
    }

    private static async Task<IResult> Invite(Guid id, HttpRequest request, CurrentActor current, InvitationService invitations, LinkGenerator links, TimeProvider time, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<InviteBody>(request);
        var role = body.Role switch
        {
            "admin" => MemberRole.Admin,
            "editor" => MemberRole.Editor,
            _ => (MemberRole?)null,
        };
        var issued = await invitations.InviteAsync(await current.GetAsync(), id, body.Email, role, cancellationToken);
        return TypedResults.Created(links.GetPathByName(request.HttpContext, "ListInvitations", new { id }), View(issued.Invitation, time.GetUtcNow().UtcDateTime));
    }

    private static async Task<IResult> Revoke(Guid id, Guid invitationId, CurrentActor current, InvitationService invitations, CancellationToken cancellationToken)
    {
        await invitations.RevokeAsync(await current.GetAsync(), id, invitationId, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> Accept(Guid id, HttpRequest request, CurrentActor current, InvitationService invitations, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<TokenBody>(request);
        var membership = await invitations.AcceptAsync(await current.GetAsync(), id, body.Token, cancellationToken);
        return TypedResults.Ok(new JoinedResource(membership.OrganisationId, membership.Role.Code()));
    }

    private static async Task<IResult> Decline(Guid id, HttpRequest request, CurrentActor current, InvitationService invitations, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<TokenBody>(request);
        await invitations.DeclineAsync(await current.GetAsync(), id, body.Token, cancellationToken);
        return TypedResults.NoContent();
    }

    private static InvitationResource View(Invitation i, DateTime now) => new(
        i.Id, i.OrganisationId, i.Email, i.Role.Code(),
        i.State == InvitationState.Pending && i.ExpiresAt <= now ? "expired" : i.State.ToString().ToLowerInvariant(),
        i.InvitedByName, ApiValues.Utc(i.CreatedAt), ApiValues.Utc(i.ExpiresAt), ApiValues.Utc(i.AnsweredAt));
}
