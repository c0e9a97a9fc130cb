using Senim.Law.Texts;

namespace Senim.Registry.Services;

/// <summary>Creating, opening, editing, reading and comparing versions of AI system records.</summary>
public sealed class SystemService(RegistryDb db, RegisterWriter writer)
{
    public async Task<AiSystem> CreateAsync(Actor actor, Guid organisationId, SystemInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        var organisation = await db.Organisations.FirstOrDefaultAsync(o => o.Id == organisationId && o.DeletedAt == null, cancellationToken);
        if (organisation is null || !actor.CanReadOrganisation(organisationId))
        {
            throw new NotFoundException("organisation", organisationId);
        }

        if (!actor.CanEdit(organisationId))
        {
            throw new ForbiddenException("not-editor", "Only the organisation's admins and editors may add systems.");
        }

        input.Validate();
        var system = new AiSystem
        {
            Id = Guid.NewGuid(),
            OrganisationId = organisationId,
            Status = SystemStatus.Draft,
            CreatedAt = writer.Now,
        };
        input.ApplyTo(system);
        await writer.CreateAsync(system, organisation, actor, cancellationToken);
        return system;
    }

    /// <summary>
    /// Opens a system for the actor, once per request: the tracked row with its organisation and the actor's review
    /// assignments. A system the actor may not see (another organisation's draft, a review the expert is not on now) is a
    /// <see cref="NotFoundException"/>; opened for a change by someone who is not its organisation's admin or editor, a
    /// <see cref="ForbiddenException"/>.
    /// </summary>
    public async Task<SystemAccess> OpenAsync(Actor actor, Guid systemId, SystemPurpose purpose, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var system = await db.Systems.Include(s => s.Organisation).FirstOrDefaultAsync(s => s.Id == systemId, cancellationToken);
        var assignments = system is not null && actor.IsExpert
            ? await db.ReviewAssignments.Where(a => a.SystemId == systemId && a.ExpertId == actor.UserId).ToListAsync(cancellationToken)
            : [];
        // An expert sees a system only while on its active panel: one replaced, or whose round ended, is an outsider again.
        var visible = system is not null && system.Organisation!.DeletedAt is null && (actor.CanReadOrganisation(system.OrganisationId) || assignments.Any(a => a.Active));
        if (!visible)
        {
            throw new NotFoundException("system", systemId);
        }

        var access = new SystemAccess(actor, system!, purpose, assignments);
        if (purpose == SystemPurpose.Change)
        {
            access.RequireEditor();
        }

        return access;
    }

    /// <summary>Replaces the record's fields: a new version "edited".</summary>
    public async Task<AiSystem> UpdateAsync(SystemAccess access, SystemInput input, int expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(access);
        ArgumentNullException.ThrowIfNull(input);
        access.RequireEditor();
        access.RequireChange(expectedVersion);
        input.Validate();
        input.ApplyTo(access.System);
        await writer.SaveVersionAsync(access.System, "edited", access.Actor, expectedVersion, cancellationToken);
        return access.System;
    }

    /// <summary>Reads a system the actor may see (members, supervisors, admins, the experts on its active panel); others get 404. The row of <see cref="OpenAsync"/> to read.</summary>
    public async Task<AiSystem> GetAsync(Actor actor, Guid systemId, CancellationToken cancellationToken = default) =>
        (await OpenAsync(actor, systemId, SystemPurpose.Read, cancellationToken)).System;

    public async Task<IReadOnlyList<AiSystem>> ListForOrganisationAsync(Actor actor, Guid organisationId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.CanReadOrganisation(organisationId))
        {
            throw new NotFoundException("organisation", organisationId);
        }

        return await db.Systems.AsNoTracking()
            .Where(s => s.OrganisationId == organisationId && s.Status != SystemStatus.Removed)
            .OrderByDescending(s => s.UpdatedAt)
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// One page of the systems the actor works on: those of one organisation (members, supervisors and
    /// admins), or of all the actor's own organisations when <paramref name="organisationId"/> is null.
    /// Removed systems are left out; the most recently changed come first.
    /// </summary>
    public async Task<Page<AiSystem>> PageAsync(Actor actor, Guid? organisationId, int page = 1, int pageSize = 20, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var errors = new FieldErrors();
        if (page is < 1 or > RegisterQuery.MaxPage)
        {
            errors.Add("page", "page-range", "must be between 1 and {0}", RegisterQuery.MaxPage);
        }

        if (pageSize is < 1 or > RegisterQuery.MaxPageSize)
        {
            errors.Add("page_size", "page-size-range", "must be between 1 and {0}", RegisterQuery.MaxPageSize);
        }

        errors.ThrowIfAny();
        var rows = db.Systems.AsNoTracking().Include(s => s.Organisation)
            .Where(s => s.Status != SystemStatus.Removed && s.Organisation!.DeletedAt == null);
        if (organisationId is { } organisation)
        {
            if (!actor.CanReadOrganisation(organisation) || !await db.Organisations.AnyAsync(o => o.Id == organisation && o.DeletedAt == null, cancellationToken))
            {
                throw new NotFoundException("organisation", organisation);
            }

            rows = rows.Where(s => s.OrganisationId == organisation);
        }
        else
        {
            var own = actor.Allows(Scopes.Read) ? actor.Memberships.Keys.ToList() : [];
            rows = rows.Where(s => own.Contains(s.OrganisationId));
        }

        var total = await rows.CountAsync(cancellationToken);
        var items = await rows.OrderByDescending(s => s.UpdatedAt).ThenBy(s => s.Id)
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new Page<AiSystem>(items, total, page, pageSize);
    }

    /// <summary>Every version of the record, newest first.</summary>
    public async Task<IReadOnlyList<SystemVersion>> HistoryAsync(SystemAccess access, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(access);
        return await db.SystemVersions.AsNoTracking().Where(v => v.SystemId == access.Id).OrderByDescending(v => v.Version).ToListAsync(cancellationToken);
    }

    /// <summary>What changed from version <paramref name="from"/> to version <paramref name="to"/>; version 0 is the empty record before the first.</summary>
    public async Task<IReadOnlyList<FieldDifference>> DiffAsync(SystemAccess access, int from, int to, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(access);
        var systemId = access.Id;
        var versions = await db.SystemVersions.AsNoTracking()
            .Where(v => v.SystemId == systemId && (v.Version == from || v.Version == to))
            .ToListAsync(cancellationToken);
        var before = from == 0 ? null : versions.FirstOrDefault(v => v.Version == from) ?? throw new NotFoundException("version", from);
        var after = versions.FirstOrDefault(v => v.Version == to) ?? throw new NotFoundException("version", to);
        return SnapshotDiff.Compare(before is null ? null : Json.Read<SystemSnapshot>(before.SnapshotJson), Json.Read<SystemSnapshot>(after.SnapshotJson));
    }
}

/// <summary>Names and purposes in the reader's language, falling back to another language when missing.</summary>
public static class SystemTexts
{
    public static string Name(this AiSystem system, Language language)
    {
        ArgumentNullException.ThrowIfNull(system);
        return Pick(language, system.NameKk, system.NameRu, system.NameEn) ?? "";
    }

    public static string Purpose(this AiSystem system, Language language)
    {
        ArgumentNullException.ThrowIfNull(system);
        return Pick(language, system.PurposeKk, system.PurposeRu, system.PurposeEn) ?? "";
    }

    public static string? Pick(Language language, string? kk, string? ru, string? en) => Choose(language, kk, ru, en).Text;

    /// <summary>
    /// The text in <paramref name="language"/>, else in the next language that has it (kk → ru → en, ru → kk → en,
    /// en → ru → kk), with the language it is in, so a page can say when it falls back; (null, language) when none is given.
    /// </summary>
    public static (string? Text, Language In) Choose(Language language, string? kk, string? ru, string? en)
    {
        (string? Text, Language In)[] order = language switch
        {
            Language.Kk => [(kk, Language.Kk), (ru, Language.Ru), (en, Language.En)],
            Language.Ru => [(ru, Language.Ru), (kk, Language.Kk), (en, Language.En)],
            _ => [(en, Language.En), (ru, Language.Ru), (kk, Language.Kk)],
        };
        foreach (var choice in order)
        {
            if (choice.Text is not null)
            {
                return choice;
            }
        }

        return (null, language);
    }
}
