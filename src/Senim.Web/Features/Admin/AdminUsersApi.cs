using System.Text.Json.Serialization;

namespace Senim.Web.Features.Admin;

/// <summary>/api/v1/admin/users: platform admins find users and set their platform roles (admin, supervisor, expert).</summary>
public static class AdminUsersApi
{
    public sealed record UserView(
        Guid Id,
        string Email,
        [property: JsonPropertyName("display_name")] string DisplayName,
        IReadOnlyList<string> Roles,
        [property: JsonPropertyName("locked_until")] DateTime? LockedUntil,
        [property: JsonPropertyName("two_factor")] bool TwoFactor,
        [property: JsonPropertyName("created_at")] DateTime CreatedAt);

    /// <summary>The complete set of platform roles the user should have.</summary>
    public sealed record RolesBody(IReadOnlyList<string>? Roles);

    public static IEndpointRouteBuilder MapAdminUsersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/admin/users").WithTags("Platform admin").RequireAuthorization();
        group.MapGet("", Search)
            .Describe("SearchUsers", "Platform admins: users whose e-mail or name contains q. Paginated: page, page_size (at most 100). Needs the admin scope.")
            .Produces<PageResource<UserView>>()
            .ProducesProblems(400, 403);
        group.MapPut("/{id:guid}/roles", SetRoles)
            .Describe("SetUserRoles", "Platform admins: set a user's platform roles to exactly the given list (admin, supervisor, expert). The last platform admin keeps the admin role.")
            .AcceptsJson<RolesBody>()
            .ProducesProblems(403, 404, 409)
            .Produces<UserView>();
        return app;
    }

    private static async Task<IResult> Search(string? q, [AsParameters] PageRequest paging, CurrentActor current, UserAdminService users, CancellationToken cancellationToken)
    {
        var actor = await current.GetAsync();
        var (number, size) = paging.Resolve();
        var result = await users.SearchAsync(actor, q, number, size, cancellationToken);
        return TypedResults.Ok(PageResource.From(result, View));
    }

    private static async Task<IResult> SetRoles(Guid id, HttpRequest request, CurrentActor current, UserAdminService users, CancellationToken cancellationToken)
    {
        var actor = await current.GetAsync();
        if (!actor.IsAdmin)
        {
            // Refused before the body is read: the answer does not depend on what a non-admin sends.
            throw new Registry.Access.ForbiddenException("not-platform-admin", "Only platform admins may manage users and roles.");
        }

        var body = await JsonBody.ReadAsync<RolesBody>(request);

        if (body.Roles is null)
        {
            throw new Registry.Access.ValidationException([new Registry.Access.FieldError("roles", "required", "is required", [])]);
        }

        return TypedResults.Ok(View(await users.SetRolesAsync(actor, id, body.Roles, cancellationToken)));
    }

    private static UserView View(UserSummary u) =>
        new(u.Id, u.Email, u.DisplayName, u.Roles, ApiValues.Utc(u.LockedUntil), u.TwoFactor, ApiValues.Utc(u.CreatedAt));
}
