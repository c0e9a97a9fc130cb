namespace Senim.Registry.Services;

/// <summary>Builds the <see cref="Actor"/> of a signed-in user: platform roles and live memberships.</summary>
public sealed class ActorService(RegistryDb db)
{
    public async Task<Actor> ForUserAsync(Guid userId, IEnumerable<string>? scopes = null, Guid? tokenOrganisation = null, CancellationToken cancellationToken = default)
    {
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
        {
            return Actor.Anonymous;
        }

        var roles = await db.UserRoles.Where(ur => ur.UserId == userId)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!)
            .ToListAsync(cancellationToken);
        // An account whose address is not confirmed acts for no organisation, even one it belonged to before confirmation was required.
        var memberships = !user.EmailConfirmed ? new Dictionary<Guid, MemberRole>() : await db.Memberships.AsNoTracking()
            .Where(m => m.UserId == userId && m.Organisation!.DeletedAt == null)
            .ToDictionaryAsync(m => m.OrganisationId, m => m.Role, cancellationToken);
        return new Actor(user.Id, user.DisplayName, roles, memberships, scopes, tokenOrganisation, user.EmailConfirmed);
    }
}
