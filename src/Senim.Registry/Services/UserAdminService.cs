using Microsoft.AspNetCore.Identity;

namespace Senim.Registry.Services;

/// <summary>A user as a platform admin sees it.</summary>
public sealed record UserSummary(Guid Id, string Email, string DisplayName, IReadOnlyList<string> Roles, DateTime? LockedUntil, bool TwoFactor, DateTime CreatedAt)
{
    /// <summary>Locked by an admin (not by failed sign-ins, which unlock themselves after a while).</summary>
    public bool LockedByAdmin => LockedUntil is { } until && until >= UserAdminService.AdminLock;
}

/// <summary>Platform admins: find users, grant and revoke platform roles, lock and unlock accounts.</summary>
public sealed class UserAdminService(RegistryDb db, UserManager<SenimUser> users, TimeProvider time)
{
    /// <summary>An admin's lock has no end; any lockout ending after this year is treated as one.</summary>
    public static readonly DateTime AdminLock = new(9000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public async Task<Page<UserSummary>> SearchAsync(Actor actor, string? query, int page = 1, int pageSize = Paging.DefaultPageSize, CancellationToken cancellationToken = default)
    {
        RequireAdmin(actor);
        Paging.Validate(page, pageSize);
        var text = (query ?? "").Trim();
        if (text.Length > 200)
        {
            var errors = new FieldErrors();
            errors.Add("q", "too-long", "is {0} characters long; at most {1} are allowed", text.Length, 200);
            errors.ThrowIfAny();
        }

        var matches = db.Users.AsNoTracking();
        if (text.Length > 0)
        {
            // SQLite's lower() only folds ASCII, so the name is also matched as typed and with a capital first letter (Cyrillic names).
            var upper = text.ToUpperInvariant();
            var lower = text.ToLowerInvariant();
            var capital = char.ToUpperInvariant(text[0]) + text[1..];
#pragma warning disable CA1304, CA1311, CA1862 // EF Core translates ToLower().Contains to SQL lower(); culture and StringComparison overloads do not translate.
            matches = matches.Where(u => u.NormalizedEmail!.Contains(upper) || u.DisplayName.Contains(text) || u.DisplayName.Contains(capital) || u.DisplayName.ToLower().Contains(lower));
#pragma warning restore CA1304, CA1311, CA1862
        }

        var total = await matches.CountAsync(cancellationToken);
        var found = await matches.OrderBy(u => u.NormalizedEmail).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new Page<UserSummary>(await SummariesAsync(found, cancellationToken), total, page, pageSize);
    }

    public async Task<UserSummary> GetAsync(Actor actor, Guid userId, CancellationToken cancellationToken = default)
    {
        RequireAdmin(actor);
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, cancellationToken) ?? throw new NotFoundException("user", userId);
        return (await SummariesAsync([user], cancellationToken))[0];
    }

    /// <summary>Sets the user's platform roles to exactly <paramref name="roles"/>.</summary>
    public async Task<UserSummary> SetRolesAsync(Actor actor, Guid userId, IReadOnlyList<string> roles, CancellationToken cancellationToken = default)
    {
        RequireAdmin(actor);
        ArgumentNullException.ThrowIfNull(roles);
        var unknown = roles.Where(r => !PlatformRoles.All.Contains(r)).ToList();
        if (unknown.Count > 0)
        {
            var errors = new FieldErrors();
            errors.Add("roles", "role-unknown", "unknown role {0}: choose from {1}", string.Join(", ", unknown), string.Join(", ", PlatformRoles.All));
            errors.ThrowIfAny();
        }

        var user = await users.FindByIdAsync(userId.ToString()) ?? throw new NotFoundException("user", userId);
        var current = await users.GetRolesAsync(user);
        var wanted = roles.Distinct(StringComparer.Ordinal).ToList();
        var removing = current.Where(r => !wanted.Contains(r)).ToList();
        var adding = wanted.Where(r => !current.Contains(r)).ToList();
        if (removing.Contains(PlatformRoles.Admin))
        {
            if (user.Id == actor.UserId)
            {
                throw new RuleException("own-admin-role", "You cannot take away your own admin role: ask another platform admin.");
            }

            if ((await users.GetUsersInRoleAsync(PlatformRoles.Admin)).Count <= 1)
            {
                throw new RuleException("last-platform-admin", "Senim needs at least one platform admin: make someone else admin first.");
            }
        }

        if (removing.Count > 0)
        {
            Check(await users.RemoveFromRolesAsync(user, removing));
        }

        if (adding.Count > 0)
        {
            Check(await users.AddToRolesAsync(user, adding));
        }

        // Sessions pick up the new roles at their next security-stamp check.
        await users.UpdateSecurityStampAsync(user);
        return await GetAsync(actor, userId, cancellationToken);
    }

    /// <summary>Locks an account until an admin unlocks it: sign-in, sessions and API tokens stop working.</summary>
    public async Task<UserSummary> LockAsync(Actor actor, Guid userId, CancellationToken cancellationToken = default)
    {
        RequireAdmin(actor);
        var user = await users.FindByIdAsync(userId.ToString()) ?? throw new NotFoundException("user", userId);
        if (user.Id == actor.UserId)
        {
            throw new RuleException("lock-self", "You cannot lock your own account.");
        }

        Check(await users.SetLockoutEnabledAsync(user, true));
        Check(await users.SetLockoutEndDateAsync(user, new DateTimeOffset(9999, 12, 31, 0, 0, 0, TimeSpan.Zero)));
        Check(await users.UpdateSecurityStampAsync(user));
        return await GetAsync(actor, userId, cancellationToken);
    }

    /// <summary>Unlocks an account (also one locked by failed sign-ins) and forgets the failed attempts.</summary>
    public async Task<UserSummary> UnlockAsync(Actor actor, Guid userId, CancellationToken cancellationToken = default)
    {
        RequireAdmin(actor);
        var user = await users.FindByIdAsync(userId.ToString()) ?? throw new NotFoundException("user", userId);
        Check(await users.SetLockoutEndDateAsync(user, null));
        Check(await users.ResetAccessFailedCountAsync(user));
        return await GetAsync(actor, userId, cancellationToken);
    }

    private async Task<IReadOnlyList<UserSummary>> SummariesAsync(IReadOnlyList<SenimUser> found, CancellationToken cancellationToken)
    {
        var ids = found.Select(u => u.Id).ToList();
        var roles = await db.UserRoles.Where(ur => ids.Contains(ur.UserId))
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        return [.. found.Select(u => new UserSummary(
            u.Id,
            u.Email ?? "",
            u.DisplayName,
            [.. roles.Where(r => r.UserId == u.Id).Select(r => r.Name!).OrderBy(r => PlatformRoles.All.ToList().IndexOf(r))],
            u.LockoutEnd is { } end && end > now ? end.UtcDateTime : null,
            u.TwoFactorEnabled,
            u.CreatedAt))];
    }

    private static void RequireAdmin(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsAdmin)
        {
            throw new ForbiddenException("not-platform-admin", "Only platform admins may manage users and roles.");
        }
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new RuleException("identity", "The account could not be changed: {0}", string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
