using Senim.Registry.Mail;

namespace Senim.Registry.Services;

/// <summary>A new invitation and the secret of its link, which only the e-mail carries (never an answer to the admin).</summary>
public sealed record IssuedInvitation(Invitation Invitation, string Token);

/// <summary>An invitation as the person holding its link sees it.</summary>
public sealed record InvitationView(Guid Id, Guid OrganisationId, string OrganisationName, string Email, MemberRole Role, string InvitedByName, DateTime CreatedAt, DateTime ExpiresAt, InvitationState State, bool Expired);

/// <summary>
/// Membership by invitation: an organisation's admin invites an address with a role; whoever holds the mailed link
/// accepts it (signed in with the account of that address, which the link also confirms) or declines it (with or
/// without an account). Nobody is added to an organisation without accepting. The admin's answer is the same whether
/// the address has an account or not. The link's secret is stored as its SHA-256, works once and expires.
/// </summary>
public sealed class InvitationService(RegistryDb db, TimeProvider time, OrganisationService organisations, MailOutbox mail, RegisterWriter writer)
{
    /// <summary>How long a link works.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    /// <summary>Invitations one organisation may send in an hour (so Senim cannot be used to flood an address book).</summary>
    public const int MaxPerHour = 50;

    private const int TokenBytes = 32;

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>Invites an address with a role; a pending invitation of the organisation to the same address is replaced.</summary>
    public async Task<IssuedInvitation> InviteAsync(Actor actor, Guid organisationId, string? email, MemberRole? role, CancellationToken cancellationToken = default)
    {
        var organisation = await organisations.LoadForAdminAsync(actor, organisationId, cancellationToken);
        var errors = new FieldErrors();
        var address = EmailAddresses.Check(email, errors);
        if (role is null)
        {
            errors.Add("role", "member-role-invalid", "choose admin or editor");
        }

        errors.ThrowIfAny();
        var key = EmailAddresses.Key(address!);
        var now = Now;
        if (await db.Memberships.AnyAsync(m => m.OrganisationId == organisationId && m.User!.NormalizedEmail == key, cancellationToken))
        {
            throw new RuleException("already-member", "{0} is already a member.", address!);
        }

        var hourAgo = now.AddHours(-1);
        if (await db.Invitations.CountAsync(i => i.OrganisationId == organisationId && i.CreatedAt >= hourAgo, cancellationToken) >= MaxPerHour)
        {
            throw new RuleException("invitation-limit", "This organisation has sent {0} invitations in the last hour; try again later.", MaxPerHour);
        }

        foreach (var earlier in await db.Invitations.Where(i => i.OrganisationId == organisationId && i.NormalizedEmail == key && i.State == InvitationState.Pending).ToListAsync(cancellationToken))
        {
            earlier.State = InvitationState.Revoked;
            earlier.AnsweredAt = now;
        }

        var token = Secrets.New(TokenBytes);
        var inviter = await db.Users.AsNoTracking().Where(u => u.Id == actor.UserId).Select(u => new { u.DisplayName, u.PreferredLanguage }).FirstOrDefaultAsync(cancellationToken);
        var invitation = new Invitation
        {
            Id = Guid.NewGuid(),
            OrganisationId = organisationId,
            Email = address!,
            NormalizedEmail = key,
            Role = role!.Value,
            InvitedBy = actor.UserId,
            InvitedByName = inviter?.DisplayName ?? actor.Name,
            TokenHash = Secrets.Hash(token),
            CreatedAt = now,
            ExpiresAt = now + Lifetime,
            State = InvitationState.Pending,
        };
        db.Invitations.Add(invitation);

        // Written in the invitee's language when the address has an account, else in the inviter's. Either way the admin hears the same.
        var invitee = await db.Users.AsNoTracking().Where(u => u.NormalizedEmail == key).Select(u => new { u.Id, u.DisplayName, u.PreferredLanguage }).FirstOrDefaultAsync(cancellationToken);
        mail.Stage(MailTemplates.Invitation, invitee?.Id, address!, invitee?.DisplayName ?? "", invitee?.PreferredLanguage ?? inviter?.PreferredLanguage ?? "kk", new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [MailTemplates.Values.Invitation] = invitation.Id.ToString(),
            [MailTemplates.Values.Code] = token,
            [MailTemplates.Values.Organisation] = organisation.Name,
            [MailTemplates.Values.Role] = invitation.Role.Code(),
            [MailTemplates.Values.InvitedBy] = invitation.InvitedByName,
            [MailTemplates.Values.Expires] = invitation.ExpiresAt.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        });
        await db.SaveChangesAsync(cancellationToken);
        return new IssuedInvitation(invitation, token);
    }

    /// <summary>The organisation's invitations, newest first (its admins).</summary>
    public async Task<IReadOnlyList<Invitation>> ListAsync(Actor actor, Guid organisationId, CancellationToken cancellationToken = default)
    {
        await organisations.LoadForAdminAsync(actor, organisationId, cancellationToken);
        return await db.Invitations.AsNoTracking().Where(i => i.OrganisationId == organisationId)
            .OrderByDescending(i => i.CreatedAt).ThenBy(i => i.Id).Take(500).ToListAsync(cancellationToken);
    }

    /// <summary>Takes back a pending invitation (its link stops working); one already answered is left as it is (409).</summary>
    public async Task RevokeAsync(Actor actor, Guid organisationId, Guid invitationId, CancellationToken cancellationToken = default)
    {
        await organisations.LoadForAdminAsync(actor, organisationId, cancellationToken);
        var now = Now;
        var changed = await db.Invitations.Where(i => i.Id == invitationId && i.OrganisationId == organisationId && i.State == InvitationState.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.State, InvitationState.Revoked).SetProperty(i => i.AnsweredAt, now), cancellationToken);
        if (changed == 0)
        {
            var exists = await db.Invitations.AnyAsync(i => i.Id == invitationId && i.OrganisationId == organisationId, cancellationToken);
            throw exists ? new RuleException("invitation-used", "This invitation has already been answered or taken back.") : new NotFoundException("invitation", invitationId);
        }
    }

    /// <summary>What the link shows: the organisation, the role, who invited, and whether it can still be answered. A wrong secret is 404, as an unknown id.</summary>
    public async Task<InvitationView> OpenAsync(Guid invitationId, string? token, CancellationToken cancellationToken = default)
    {
        var invitation = await FindAsync(invitationId, token, cancellationToken);
        return new InvitationView(invitation.Id, invitation.OrganisationId, invitation.Organisation!.Name, invitation.Email, invitation.Role, invitation.InvitedByName,
            invitation.CreatedAt, invitation.ExpiresAt, invitation.State, invitation.ExpiresAt <= Now);
    }

    /// <summary>
    /// Accepts the invitation for the signed-in account of the invited address: it becomes a member with the role (or
    /// keeps its membership), the address counts as confirmed, and the organisation is notified. Used, taken back or
    /// expired links are refused with their own message; nothing is stored then.
    /// </summary>
    public async Task<Membership> AcceptAsync(Actor actor, Guid invitationId, string? token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsAuthenticated || actor.IsSystem || !actor.Allows(Scopes.Write))
        {
            throw new ForbiddenException("invitation-sign-in", "Sign in (or create an account) with the invited address to accept the invitation.");
        }

        var invitation = await FindAsync(invitationId, token, cancellationToken);
        EnsureOpen(invitation);
        var user = await db.Users.FirstAsync(u => u.Id == actor.UserId, cancellationToken);
        if (user.NormalizedEmail != invitation.NormalizedEmail)
        {
            throw new ForbiddenException("invitation-other-account", "This invitation was sent to {0}, and you are signed in as {1}: sign in with the account of the invited address, or create one.", invitation.Email, user.Email ?? "");
        }

        var now = Now;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await AnswerAsync(invitation, InvitationState.Accepted, actor.UserId, now, cancellationToken);
        var membership = await db.Memberships.FirstOrDefaultAsync(m => m.OrganisationId == invitation.OrganisationId && m.UserId == user.Id, cancellationToken);
        if (membership is null)
        {
            membership = new Membership { Id = Guid.NewGuid(), OrganisationId = invitation.OrganisationId, UserId = user.Id, Role = invitation.Role, CreatedAt = now };
            db.Memberships.Add(membership);
        }

        if (!user.EmailConfirmed)
        {
            // The secret came to this address, so its holder reads that mailbox.
            user.EmailConfirmed = true;
            user.ConcurrencyStamp = Guid.NewGuid().ToString();
        }

        writer.Notify(invitation.OrganisationId, null, null, NotificationKinds.InvitationAccepted, invitation.Email);
        await writer.SaveAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return membership;
    }

    /// <summary>Declines the invitation: whoever holds the link may, signed in or not. The organisation is notified.</summary>
    public async Task DeclineAsync(Actor actor, Guid invitationId, string? token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var invitation = await FindAsync(invitationId, token, cancellationToken);
        EnsureOpen(invitation);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await AnswerAsync(invitation, InvitationState.Declined, actor.UserId == Guid.Empty ? null : actor.UserId, Now, cancellationToken);
        writer.Notify(invitation.OrganisationId, null, null, NotificationKinds.InvitationDeclined, invitation.Email);
        await writer.SaveAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    // One answer per invitation, even when two arrive at once: the row changes only while it is still pending.
    private async Task AnswerAsync(Invitation invitation, InvitationState state, Guid? by, DateTime now, CancellationToken cancellationToken)
    {
        var changed = await db.Invitations.Where(i => i.Id == invitation.Id && i.State == InvitationState.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.State, state).SetProperty(i => i.AnsweredAt, now).SetProperty(i => i.AnsweredBy, by), cancellationToken);
        if (changed == 0)
        {
            throw new RuleException("invitation-used", "This invitation has already been answered or taken back.");
        }
    }

    private void EnsureOpen(Invitation invitation)
    {
        switch (invitation.State)
        {
            case InvitationState.Accepted or InvitationState.Declined:
                throw new RuleException("invitation-used", "This invitation has already been answered: its link works once.");
            case InvitationState.Revoked:
                throw new RuleException("invitation-revoked", "The organisation has taken this invitation back (or sent a newer one).");
        }

        if (invitation.ExpiresAt <= Now)
        {
            throw new RuleException("invitation-expired", "This invitation expired on {0}; ask the organisation's admin to invite you again.",
                invitation.ExpiresAt.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture));
        }
    }

    private async Task<Invitation> FindAsync(Guid invitationId, string? token, CancellationToken cancellationToken)
    {
        var invitation = await db.Invitations.AsNoTracking().Include(i => i.Organisation)
            .FirstOrDefaultAsync(i => i.Id == invitationId && i.Organisation!.DeletedAt == null, cancellationToken);
        if (invitation is null || token is not { Length: > 0 and <= 100 }
            || !Secrets.Matches(token, invitation.TokenHash))
        {
            throw new NotFoundException("invitation", invitationId);
        }

        return invitation;
    }
}
