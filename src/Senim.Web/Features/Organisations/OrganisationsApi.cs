using System.Text.Json.Serialization;

namespace Senim.Web.Features.Organisations;

/// <summary>/api/v1/organisations: organisations and their members. Changes need If-Match with the organisation's ETag.</summary>
public static class OrganisationsApi
{
    public sealed record OrganisationView(
        Guid Id,
        string Bin,
        string Name,
        string Size,
        [property: JsonPropertyName("contact_email")] string ContactEmail,
        [property: JsonPropertyName("contact_phone")] string? ContactPhone,
        string? Address,
        string? Website,
        [property: JsonPropertyName("created_at")] DateTime CreatedAt,
        int Version,
        [property: JsonPropertyName("my_role")] string? MyRole,
        [property: JsonPropertyName("verification")] string Verification = "unverified",
        [property: JsonPropertyName("verified_at")] DateTime? VerifiedAt = null,
        [property: JsonPropertyName("name_kk")] string? NameKk = null,
        [property: JsonPropertyName("name_ru")] string? NameRu = null,
        [property: JsonPropertyName("name_en")] string? NameEn = null);

    /// <summary>
    /// POST and PUT body. name_kk, name_ru, name_en: the names (at least one); name: one name without its language, used
    /// only when none of them is given (it goes to the language its letters show). size: small, medium or large.
    /// version may stand in for If-Match.
    /// </summary>
    public sealed record OrganisationBody(
        string? Bin,
        string? Name,
        [property: JsonPropertyName("name_kk")] string? NameKk,
        [property: JsonPropertyName("name_ru")] string? NameRu,
        [property: JsonPropertyName("name_en")] string? NameEn,
        string? Size,
        [property: JsonPropertyName("contact_email")] string? ContactEmail,
        [property: JsonPropertyName("contact_phone")] string? ContactPhone,
        string? Address,
        string? Website,
        int? Version);

    public sealed record MemberView(
        [property: JsonPropertyName("user_id")] Guid UserId,
        string Email,
        [property: JsonPropertyName("display_name")] string DisplayName,
        string Role,
        [property: JsonPropertyName("member_since")] DateTime MemberSince);

    public sealed record RoleBody(string? Role);

    public static IEndpointRouteBuilder MapOrganisationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/organisations").WithTags("Organisations").RequireAuthorization();
        group.MapGet("", List)
            .Describe("ListOrganisations", "The caller's organisations (all=true: every organisation, for supervisors and platform admins). Paginated: page, page_size (at most 100).")
            .Produces<PageResource<OrganisationView>>()
            .ProducesProblems(400, 401);
        group.MapPost("", Create)
            .Describe("CreateOrganisation", "Create an organisation (BIN: 12 digits with the state check digit; names in name_kk, name_ru, name_en, at least one); the caller becomes its first admin. It starts unverified: nothing is published in its name until it is verified (/verification). Needs the write scope.")
            .AcceptsJson<OrganisationBody>()
            .ProducesProblems(403)
            .Produces<OrganisationView>(StatusCodes.Status201Created);
        group.MapGet("/{id:guid}", Get)
            .Describe("GetOrganisation", "One organisation, with its version as ETag. Another organisation's record is 404.")
            .Produces<OrganisationView>()
            .ProducesProblems(404);
        group.MapPut("/{id:guid}", Update)
            .Describe("UpdateOrganisation", "Change an organisation (its admins). Send If-Match with the ETag: 412 when someone changed it since, 428 without it.")
            .ChangesRecord<OrganisationBody>()
            .Produces<OrganisationView>();
        group.MapDelete("/{id:guid}", Delete)
            .Describe("DeleteOrganisation", "Delete an organisation (its admins): members lose access and tokens limited to it stop working. Needs If-Match.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblems(403, 404, 412, 428);
        group.MapGet("/{id:guid}/members", Members)
            .Describe("ListMembers", "The organisation's members and their roles. Paginated: page, page_size (at most 100). Members join by invitation (POST /api/v1/organisations/{id}/invitations).")
            .Produces<PageResource<MemberView>>()
            .ProducesProblems(404);
        group.MapPut("/{id:guid}/members/{userId:guid}", SetRole)
            .Describe("SetMemberRole", "Make a member admin or editor. The last admin cannot step down (409).")
            .AcceptsJson<RoleBody>()
            .ProducesProblems(403, 404, 409)
            .Produces<MemberView>();
        group.MapDelete("/{id:guid}/members/{userId:guid}", RemoveMember)
            .Describe("RemoveMember", "Remove a member. The last admin cannot be removed (409).")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblems(403, 404, 409);
        return app;
    }

    private static async Task<IResult> List(bool? all, [AsParameters] PageRequest paging, CurrentActor current, OrganisationService organisations, CancellationToken cancellationToken)
    {
        var (number, size) = paging.Resolve();
        var actor = await current.GetAsync();
        var result = await organisations.ListPageAsync(actor, all == true, number, size, cancellationToken);
        return TypedResults.Ok(PageResource.From(result, o => View(o, actor)));
    }

    private static async Task<IResult> Create(HttpContext context, CurrentActor current, OrganisationService organisations, LinkGenerator links, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<OrganisationBody>(context.Request);

        var actor = await current.GetAsync();
        var created = await organisations.CreateAsync(actor, Input(body!), cancellationToken);
        ApiVersions.SetETag(context.Response, created.Version);
        return TypedResults.Created(links.GetPathByName(context, "GetOrganisation", new { id = created.Id }), View(created, await current.GetAsync()) with { MyRole = "admin" });
    }

    private static async Task<IResult> Get(Guid id, HttpContext context, CurrentActor current, OrganisationService organisations, CancellationToken cancellationToken)
    {
        var actor = await current.GetAsync();
        var organisation = await organisations.GetAsync(actor, id, cancellationToken);
        ApiVersions.SetETag(context.Response, organisation.Version);
        return TypedResults.Ok(View(organisation, actor));
    }

    private static async Task<IResult> Update(Guid id, HttpContext context, CurrentActor current, OrganisationService organisations, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<OrganisationBody>(context.Request);

        var expected = ApiVersions.Expected(context.Request, body.Version);
        var actor = await current.GetAsync();
        var saved = await organisations.UpdateAsync(actor, id, Input(body), expected, cancellationToken);
        ApiVersions.SetETag(context.Response, saved.Version);
        return TypedResults.Ok(View(saved, actor));
    }

    private static async Task<IResult> Delete(Guid id, HttpContext context, CurrentActor current, OrganisationService organisations, CancellationToken cancellationToken)
    {
        var expected = ApiVersions.Expected(context.Request, null);
        await organisations.DeleteAsync(await current.GetAsync(), id, expected, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> Members(Guid id, [AsParameters] PageRequest paging, CurrentActor current, OrganisationService organisations, CancellationToken cancellationToken)
    {
        _ = paging.Resolve();
        var members = await organisations.MembersAsync(await current.GetAsync(), id, cancellationToken);
        return TypedResults.Ok(PageResource.Of([.. members.Select(Member)], paging));
    }

    private static async Task<IResult> SetRole(Guid id, Guid userId, HttpRequest request, CurrentActor current, OrganisationService organisations, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<RoleBody>(request);

        var actor = await current.GetAsync();
        await organisations.SetMemberRoleAsync(actor, id, userId, Role(body.Role), cancellationToken);
        var stored = (await organisations.MembersAsync(actor, id, cancellationToken)).First(m => m.UserId == userId);
        return TypedResults.Ok(Member(stored));
    }

    private static async Task<IResult> RemoveMember(Guid id, Guid userId, CurrentActor current, OrganisationService organisations, CancellationToken cancellationToken)
    {
        await organisations.RemoveMemberAsync(await current.GetAsync(), id, userId, cancellationToken);
        return TypedResults.NoContent();
    }

    // An unknown size reads as none, so the service reports it with every other field's problem.
    private static OrganisationInput Input(OrganisationBody body) =>
        new OrganisationInput(body.Bin?.Trim(), body.Name, OrganisationForm.ParseSize(body.Size), body.ContactEmail?.Trim(), body.ContactPhone, body.Address, body.Website?.Trim())
        {
            NameKk = body.NameKk,
            NameRu = body.NameRu,
            NameEn = body.NameEn,
        };

    private static MemberRole Role(string? role) => role switch
    {
        "admin" => MemberRole.Admin,
        "editor" => MemberRole.Editor,
        _ => throw Invalid.Field("role", "member-role-invalid", "choose admin or editor"),
    };

    private static OrganisationView View(Organisation o, Actor actor) => new(
        o.Id, o.Bin, o.Name, OrganisationForm.SizeCode(o.Size), o.ContactEmail, o.ContactPhone, o.Address, o.Website, ApiValues.Utc(o.CreatedAt), o.Version,
        actor.Memberships.TryGetValue(o.Id, out var role) ? role.Code() : null, o.Verification.Code(), o.VerifiedAt is { } at ? ApiValues.Utc(at) : null,
        o.NameKk, o.NameRu, o.NameEn);

    private static MemberView Member(Membership m) =>
        new(m.UserId, m.User?.Email ?? "", m.User?.DisplayName ?? "", m.Role.Code(), ApiValues.Utc(m.CreatedAt));
}
