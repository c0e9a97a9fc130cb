using System.Security.Cryptography;

namespace Senim.Registry.Services;

/// <summary>A token's outcome when presented: the actor, or why it was refused.</summary>
public sealed record TokenCheck(Actor? Actor, string? Failure);

/// <summary>
/// Personal API tokens: "senim_" + token id + "_" + a 256-bit secret. The secret is shown once and only
/// its SHA-256 is stored; tokens carry scopes, may be limited to one organisation, and always expire.
/// </summary>
public sealed class TokenService(RegistryDb db, TimeProvider time, ActorService actors)
{
    public const string Prefix = "senim_";
    public const int MaxLifetimeDays = 366;

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>Creates a token and returns it with its plaintext, which is never shown again.</summary>
    public async Task<(ApiToken Token, string Plaintext)> CreateAsync(Actor actor, string name, IReadOnlyList<string> scopes, Guid? organisationId, int days, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(scopes);
        if (actor.IsToken || actor.UserId == Guid.Empty)
        {
            throw new ForbiddenException("token-from-session", "API tokens are created from a signed-in browser session, not with another token.");
        }

        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(name) || name.Length > 100)
        {
            errors.Add("name", "token-name", "give the token a name of 1 to 100 characters");
        }

        if (scopes.Count == 0 || scopes.Any(s => !Scopes.All.Contains(s)))
        {
            errors.Add("scopes", "scopes-invalid", "choose one or more of: {0}", string.Join(", ", Scopes.All));
        }

        if (days is < 1 or > MaxLifetimeDays)
        {
            errors.Add("days", "token-days", "a token lives between 1 and {0} days", MaxLifetimeDays);
        }

        if (organisationId is { } org && !actor.Memberships.ContainsKey(org))
        {
            errors.Add("organisation", "not-member", "you can limit a token only to an organisation you belong to");
        }

        errors.ThrowIfAny();
        var secret = RandomNumberGenerator.GetBytes(32);
        var token = new ApiToken
        {
            Id = Guid.NewGuid(),
            UserId = actor.UserId,
            OrganisationId = organisationId,
            Name = name.Trim(),
            SecretHash = Secrets.Hash(Secrets.Base64Url(secret)),
            Scopes = string.Join(' ', scopes.Distinct()),
            CreatedAt = Now,
            ExpiresAt = Now.AddDays(days),
        };
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(cancellationToken);
        return (token, $"{Prefix}{token.Id:N}_{Secrets.Base64Url(secret)}");
    }

    public async Task<IReadOnlyList<ApiToken>> ListAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return await db.ApiTokens.AsNoTracking().Where(t => t.UserId == actor.UserId).OrderByDescending(t => t.CreatedAt).ToListAsync(cancellationToken);
    }

    /// <summary>Revokes one of the actor's tokens (an admin: anyone's). A token without the write scope may not: revoking is a change.</summary>
    public async Task RevokeAsync(Actor actor, Guid tokenId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.Allows(Scopes.Write))
        {
            throw new ForbiddenException("revoke-read-only", "A token with the read scope only cannot revoke tokens: use a signed-in browser, or a token with the write scope.");
        }

        var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.Id == tokenId && (t.UserId == actor.UserId || actor.IsAdmin), cancellationToken)
            ?? throw new NotFoundException("token", tokenId);
        token.RevokedAt ??= Now;
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Checks a presented token; on failure says why in words a client developer can act on.</summary>
    public async Task<TokenCheck> AuthenticateAsync(string presented, CancellationToken cancellationToken = default)
    {
        if (presented is null || !presented.StartsWith(Prefix, StringComparison.Ordinal) || presented.Length > 200)
        {
            return new TokenCheck(null, "The token is malformed: Senim tokens start with 'senim_'.");
        }

        var parts = presented[Prefix.Length..].Split('_', 2);
        if (parts.Length != 2 || !Guid.TryParseExact(parts[0], "N", out var id))
        {
            return new TokenCheck(null, "The token is malformed.");
        }

        var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (token is null || !Secrets.Matches(parts[1], token.SecretHash))
        {
            return new TokenCheck(null, "The token is not valid.");
        }

        if (token.RevokedAt is not null)
        {
            return new TokenCheck(null, "The token was revoked.");
        }

        if (token.ExpiresAt <= Now)
        {
            return new TokenCheck(null, $"The token expired on {token.ExpiresAt:yyyy-MM-dd}.");
        }

        if (token.OrganisationId is { } org && await db.Organisations.AnyAsync(o => o.Id == org && o.DeletedAt != null, cancellationToken))
        {
            return new TokenCheck(null, "The token belongs to an organisation that was deleted.");
        }

        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == token.UserId, cancellationToken);
        // Only an administrator's lock stops tokens: a lock left by wrong passwords (before they stopped locking) does not.
        if (user is null || (user.LockoutEnd is { } end && end.UtcDateTime >= UserAdminService.AdminLock))
        {
            return new TokenCheck(null, "The token's account is locked or deleted.");
        }

        if (token.LastUsedAt is null || token.LastUsedAt < Now.AddMinutes(-5))
        {
            token.LastUsedAt = Now;
            await db.SaveChangesAsync(cancellationToken);
        }

        var actor = await actors.ForUserAsync(token.UserId, token.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries), token.OrganisationId, cancellationToken);
        return new TokenCheck(actor, null);
    }
}
