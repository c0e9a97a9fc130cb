using System.Net.Mail;
using Senim.Registry.Organisations;
using Senim.Registry.Text;

namespace Senim.Registry.Services;

/// <summary>
/// What is entered for an organisation. Its names go in <see cref="NameKk"/>, <see cref="NameRu"/> and
/// <see cref="NameEn"/> (at least one; the Kazakh and Russian are its official names). <paramref name="Name"/> is the
/// older single name: used only when none of the three is given, it goes to the language its letters show (ADR 0028).
/// </summary>
public sealed record OrganisationInput(string? Bin, string? Name, SizeClass? Size, string? ContactEmail, string? ContactPhone, string? Address, string? Website)
{
    public const int MaxName = 300;

    public string? NameKk { get; init; }

    public string? NameRu { get; init; }

    public string? NameEn { get; init; }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>
    /// The three names as they will be stored: the given ones; else the single name in its detected language, beside the
    /// <paramref name="current"/> names in the other languages (a client that knows only <c>name</c> renames one language).
    /// </summary>
    public (string? Kk, string? Ru, string? En) Names(Organisation? current = null)
    {
        var (kk, ru, en) = (Clean(NameKk), Clean(NameRu), Clean(NameEn));
        if (kk is not null || ru is not null || en is not null || Clean(Name) is not { } single)
        {
            return (kk, ru, en);
        }

        (kk, ru, en) = (current?.NameKk, current?.NameRu, current?.NameEn);
        return ScriptLanguage.Detect(single) switch
        {
            Law.Texts.Language.Kk => (single, ru, en),
            Law.Texts.Language.Ru => (kk, single, en),
            _ => (kk, ru, single),
        };
    }

    internal void Validate()
    {
        var errors = new FieldErrors();
        BinCheck.Check(errors, "bin", Bin);

        var (kk, ru, en) = Names();
        if (OrganisationNames.Given(kk, ru, en) == 0)
        {
            errors.Add("name", "required", "give the organisation's name in at least one language (its official names are in Kazakh and Russian)");
        }

        foreach (var (field, value) in new[] { ("name", Name), ("name_kk", NameKk), ("name_ru", NameRu), ("name_en", NameEn) })
        {
            if (value is { Length: > MaxName })
            {
                errors.Add(field, "too-long", "is {0} characters long; at most {1} are allowed", value.Length, MaxName);
            }
        }

        if (Size is null)
        {
            errors.Add("size", "size-required", "choose small, medium or large");
        }

        if (string.IsNullOrWhiteSpace(ContactEmail) || ContactEmail.Length > 256 || !MailAddress.TryCreate(ContactEmail, out _))
        {
            errors.Add("contact_email", "email-invalid", "give a valid e-mail address");
        }

        if (ContactPhone is { Length: > 50 })
        {
            errors.Add("contact_phone", "too-long", "is {0} characters long; at most {1} are allowed", ContactPhone.Length, 50);
        }

        if (Address is { Length: > 500 })
        {
            errors.Add("address", "too-long", "is {0} characters long; at most {1} are allowed", Address.Length, 500);
        }

        if (Website is { Length: > 0 } && !(Uri.TryCreate(Website, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"))
        {
            errors.Add("website", "url-invalid", "must be a web address starting with https:// or http://");
        }

        errors.ThrowIfAny();
    }

    internal void ApplyTo(Organisation organisation)
    {
        organisation.Bin = Bin!.Trim();
        (organisation.NameKk, organisation.NameRu, organisation.NameEn) = Names(organisation);
        organisation.Name = OrganisationNames.Default(organisation.NameKk, organisation.NameRu, organisation.NameEn);
        organisation.Size = Size!.Value;
        organisation.ContactEmail = ContactEmail!.Trim();
        organisation.ContactPhone = Clean(ContactPhone);
        organisation.Address = Clean(Address);
        organisation.Website = Clean(Website);
    }
}

/// <summary>Organisations and their members.</summary>
public sealed class OrganisationService(RegistryDb db, TimeProvider time, RegisterWriter writer)
{
    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>Creates an organisation; its creator becomes its first admin.</summary>
    public async Task<Organisation> CreateAsync(Actor actor, OrganisationInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        if (!actor.IsAuthenticated || actor.UserId == Guid.Empty || !actor.Allows(Scopes.Write))
        {
            throw new ForbiddenException("sign-in", "Sign in to create an organisation.");
        }

        if (!actor.EmailConfirmed)
        {
            throw new ForbiddenException("email-unconfirmed", "Confirm your e-mail address first: open the link Senim sent you, or have it sent again.");
        }

        // Several unverified organisations may claim one BIN (ADR 0022): a squatter cannot lock the real holder out, and
        // nothing is published in an unverified organisation's name. Only one may be verified with it.
        input.Validate();
        var organisation = new Organisation { Id = Guid.NewGuid(), CreatedAt = Now, Version = 1 };
        input.ApplyTo(organisation);
        db.Organisations.Add(organisation);
        db.Memberships.Add(new Membership { Id = Guid.NewGuid(), OrganisationId = organisation.Id, UserId = actor.UserId, Role = MemberRole.Admin, CreatedAt = Now });
        await db.SaveChangesAsync(cancellationToken);
        return organisation;
    }

    public async Task<Organisation> GetAsync(Actor actor, Guid organisationId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == organisationId && o.DeletedAt == null, cancellationToken);
        if (organisation is null || !actor.CanReadOrganisation(organisationId))
        {
            throw new NotFoundException("organisation", organisationId);
        }

        return organisation;
    }

    /// <summary>The organisations the actor belongs to (all of them, for supervisors and admins when <paramref name="all"/>).</summary>
    public async Task<IReadOnlyList<Organisation>> ListAsync(Actor actor, bool all = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var ids = actor.Memberships.Keys.ToList();
        var everyone = all && (actor.IsSupervisor || actor.IsAdmin);
        return await db.Organisations.AsNoTracking()
            .Where(o => o.DeletedAt == null && (everyone || ids.Contains(o.Id)))
            .OrderBy(o => o.Name).Take(1000).ToListAsync(cancellationToken);
    }

    /// <summary>One page of <see cref="ListAsync"/>: the actor's organisations (every organisation, for supervisors and admins when <paramref name="all"/>).</summary>
    public async Task<Page<Organisation>> ListPageAsync(Actor actor, bool all, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        Paging.Validate(page, pageSize);
        var ids = actor.Memberships.Keys.Where(actor.IsMember).ToList();
        var everyone = all && (actor.IsSupervisor || actor.IsAdmin);
        var query = db.Organisations.AsNoTracking().Where(o => o.DeletedAt == null && (everyone || ids.Contains(o.Id)));
        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderBy(o => o.Name).ThenBy(o => o.Bin).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new Page<Organisation>(items, total, page, pageSize);
    }

    public async Task<Organisation> UpdateAsync(Actor actor, Guid organisationId, OrganisationInput input, int expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var organisation = await LoadForAdminAsync(actor, organisationId, cancellationToken);
        if (organisation.Version != expectedVersion)
        {
            throw new ConcurrencyException("organisation", expectedVersion, organisation.Version);
        }

        input.Validate();
        if (organisation.IsVerified && input.Bin?.Trim() != organisation.Bin)
        {
            var errors = new FieldErrors();
            errors.Add("bin", "bin-verified-fixed", "the organisation is verified with BIN {0}; a verified BIN cannot be changed (create the other organisation separately)", organisation.Bin);
            errors.ThrowIfAny();
        }

        var publicChange = input.Names(organisation) != (organisation.NameKk, organisation.NameRu, organisation.NameEn) || input.Bin?.Trim() != organisation.Bin;
        input.ApplyTo(organisation);
        organisation.Version++;
        if (!publicChange)
        {
            await SaveAsync(organisation, expectedVersion, cancellationToken);
            return organisation;
        }

        // The name and BIN are in the public records of the organisation's listed systems: rebuild them and log the
        // change in the same transaction, so the register, its search and its log never disagree.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await SaveAsync(organisation, expectedVersion, cancellationToken);
        await RefreshListedSystemsAsync(organisation, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return organisation;
    }

    private async Task RefreshListedSystemsAsync(Organisation organisation, CancellationToken cancellationToken)
    {
        var systems = await db.Systems.Where(s => s.OrganisationId == organisation.Id && s.Listed).OrderBy(s => s.Id).ToListAsync(cancellationToken);
        foreach (var system in systems)
        {
            system.SearchText = SearchText.Of(system, organisation);
        }

        // The organisation is tracked, so each system's Organisation is already set: three queries for all of them.
        await writer.SaveManyAsync(systems, cancellationToken);
    }

    /// <summary>Deletes an organisation: members lose access, tokens limited to it stop working, its public entries stay as history.</summary>
    public async Task DeleteAsync(Actor actor, Guid organisationId, int expectedVersion, CancellationToken cancellationToken = default)
    {
        var organisation = await LoadForAdminAsync(actor, organisationId, cancellationToken);
        if (organisation.Version != expectedVersion)
        {
            throw new ConcurrencyException("organisation", expectedVersion, organisation.Version);
        }

        organisation.DeletedAt = Now;
        organisation.Version++;
        await SaveAsync(organisation, expectedVersion, cancellationToken);
    }

    public async Task<IReadOnlyList<Membership>> MembersAsync(Actor actor, Guid organisationId, CancellationToken cancellationToken = default)
    {
        await GetAsync(actor, organisationId, cancellationToken);
        return await db.Memberships.AsNoTracking().Include(m => m.User).Where(m => m.OrganisationId == organisationId).OrderBy(m => m.CreatedAt).ToListAsync(cancellationToken);
    }

    public async Task RemoveMemberAsync(Actor actor, Guid organisationId, Guid userId, CancellationToken cancellationToken = default)
    {
        var organisation = await LoadForAdminAsync(actor, organisationId, cancellationToken);
        var membership = await db.Memberships.FirstOrDefaultAsync(m => m.OrganisationId == organisationId && m.UserId == userId, cancellationToken)
            ?? throw new NotFoundException("member", userId);
        if (membership.Role == MemberRole.Admin && await db.Memberships.CountAsync(m => m.OrganisationId == organisationId && m.Role == MemberRole.Admin, cancellationToken) == 1)
        {
            throw new RuleException("last-admin", "An organisation needs at least one admin: make someone else admin first.");
        }

        db.Memberships.Remove(membership);
        await SaveMembershipChangeAsync(organisation, membership.Role == MemberRole.Admin, cancellationToken);
    }

    /// <summary>Makes a member admin or editor; the last admin cannot step down.</summary>
    public async Task<Membership> SetMemberRoleAsync(Actor actor, Guid organisationId, Guid userId, MemberRole role, CancellationToken cancellationToken = default)
    {
        var organisation = await LoadForAdminAsync(actor, organisationId, cancellationToken);
        var membership = await db.Memberships.FirstOrDefaultAsync(m => m.OrganisationId == organisationId && m.UserId == userId, cancellationToken)
            ?? throw new NotFoundException("member", userId);
        if (membership.Role == role)
        {
            return membership;
        }

        var demotingAdmin = membership.Role == MemberRole.Admin;
        if (demotingAdmin && await db.Memberships.CountAsync(m => m.OrganisationId == organisationId && m.Role == MemberRole.Admin, cancellationToken) == 1)
        {
            throw new RuleException("last-admin", "An organisation needs at least one admin: make someone else admin first.");
        }

        membership.Role = role;
        await SaveMembershipChangeAsync(organisation, demotingAdmin, cancellationToken);
        return membership;
    }

    // Taking an admin away bumps the organisation's version, so two admins removing each other at once cannot leave it without one.
    private async Task SaveMembershipChangeAsync(Organisation organisation, bool removesAdmin, CancellationToken cancellationToken)
    {
        var expected = organisation.Version;
        if (removesAdmin)
        {
            organisation.Version++;
        }

        await SaveAsync(organisation, expected, cancellationToken);
    }

    /// <summary>The organisation, tracked, for one of its admins (or a platform admin); 404 for whoever may not see it, 403 for a member who is not its admin.</summary>
    internal async Task<Organisation> LoadForAdminAsync(Actor actor, Guid organisationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var organisation = await db.Organisations.FirstOrDefaultAsync(o => o.Id == organisationId && o.DeletedAt == null, cancellationToken);
        if (organisation is null || !actor.CanReadOrganisation(organisationId))
        {
            throw new NotFoundException("organisation", organisationId);
        }

        if (!actor.IsOrganisationAdmin(organisationId) && !actor.IsAdmin)
        {
            throw new ForbiddenException("not-org-admin", "Only the organisation's admins may do this.");
        }

        return organisation;
    }

    private async Task SaveAsync(Organisation organisation, int expectedVersion, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var current = await db.Organisations.AsNoTracking().Where(o => o.Id == organisation.Id).Select(o => o.Version).FirstOrDefaultAsync(cancellationToken);
            throw new ConcurrencyException("organisation", expectedVersion, current);
        }
    }
}
