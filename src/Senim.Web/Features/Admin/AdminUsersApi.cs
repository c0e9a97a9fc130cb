using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using Senim.Registry.Services;
using Senim.Web.Features.Account;
using Senim.Web.Infrastructure.Auth;

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
            .WithName("SearchUsers")
            .WithSummary("Platform admins: users whose e-mail or name contains q. Paginated: page, page_size (at most 100). Needs the admin scope.")
            .Produces<PageView<UserView>>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapPut("/{id:guid}/roles", SetRoles)
            .WithName("SetUserRoles")
            .WithSummary("Platform admins: set a user's platform roles to exactly the given list (admin, supervisor, expert). The last platform admin keeps the admin role.")
            .Accepts<RolesBody>("application/json")
            .Produces<UserView>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private static async Task<IResult> Search(string? q, int? page, [FromQuery(Name = "page_size")] int? pageSize, CurrentActor current, UserAdminService users, CancellationToken cancellationToken)
    {
        var actor = await current.GetAsync();
        var (number, size) = ApiJson.Paging(page, pageSize);
        var result = await users.SearchAsync(actor, q, number, size, cancellationToken);
        return TypedResults.Ok(PageView.From(result, View));
    }

    private static async Task<IResult> SetRoles(Guid id, HttpRequest request, CurrentActor current, UserAdminService users, CancellationToken cancellationToken)
    {
        var actor = await current.GetAsync();
        if (!actor.IsAdmin)
        {
            // Refused before the body is read: the answer does not depend on what a non-admin sends.
            throw new Registry.Access.ForbiddenException("not-platform-admin", "Only platform admins may manage users and roles.");
        }

        var (body, problem) = await ApiJson.ReadAsync<RolesBody>(request);
        if (problem is not null)
        {
            return problem;
        }

        if (body!.Roles is null)
        {
            throw new Registry.Access.ValidationException([new Registry.Access.FieldError("roles", "required", "is required", [])]);
        }

        return TypedResults.Ok(View(await users.SetRolesAsync(actor, id, body.Roles, cancellationToken)));
    }

    private static UserView View(UserSummary u) =>
        new(u.Id, u.Email, u.DisplayName, u.Roles, ApiJson.Utc(u.LockedUntil), u.TwoFactor, ApiJson.Utc(u.CreatedAt));
}
