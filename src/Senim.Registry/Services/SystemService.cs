using Microsoft.EntityFrameworkCore;
using Senim.Law.Texts;
using Senim.Registry.Access;
using Senim.Registry.Data;
using Senim.Registry.Log;
using Senim.Registry.Model;
using Senim.Registry.Text;
using Senim.Registry.Workflow;

namespace Senim.Registry.Services;

/// <summary>Creating, editing, reading and comparing versions of AI system records.</summary>
public sealed class SystemService(RegistryDb db, TimeProvider time, LawCatalog catalog, LogKey log)
{
    private DateTime Now => time.GetUtcNow().UtcDateTime;

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
            CreatedAt = Now,
        };
        input.ApplyTo(system);
        db.Systems.Add(system);
        Versions.Record(db, system, organisation.Name, "created", actor, null, Now);
        await db.SaveChangesAsync(cancellationToken);
        return system;
    }

    public async Task<AiSystem> UpdateAsync(Actor actor, Guid systemId, SystemInput input, int expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        var system = await LoadForEditAsync(actor, systemId, expectedVersion, cancellationToken);
        input.Validate();
        input.ApplyTo(system);
        var organisation = await db.Organisations.AsNoTracking().FirstAsync(o => o.Id == system.OrganisationId, cancellationToken);
        Versions.Record(db, system, organisation.Name, "edited", actor, await CurrentClassificationNumber(system.Id, cancellationToken), Now);
        await Versions.SaveAsync(db, catalog, log, "system", expectedVersion, system, cancellationToken);
        return system;
    }

    /// <summary>Loads a system the actor may see (members, supervisors, admins, its assigned experts); others get 404.</summary>
    public async Task<AiSystem> GetAsync(Actor actor, Guid systemId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var system = await db.Systems.AsNoTracking().Include(s => s.Organisation).FirstOrDefaultAsync(s => s.Id == systemId, cancellationToken);
        if (system is null || system.Organisation!.DeletedAt is not null || !await CanSeeAsync(actor, system, cancellationToken))
        {
            throw new NotFoundException("system", systemId);
        }

        return system;
    }

    internal async Task<bool> CanSeeAsync(Actor actor, AiSystem system, CancellationToken cancellationToken)
    {
        if (actor.CanReadOrganisation(system.OrganisationId))
        {
            return true;
        }

        return actor.IsExpert && await db.ReviewAssignments.AnyAsync(a => a.SystemId == system.Id && a.ExpertId == actor.UserId, cancellationToken);
    }

    /// <summary>Loads a system for a change by its owner: it must be editable and at the expected version.</summary>
    internal async Task<AiSystem> LoadForEditAsync(Actor actor, Guid systemId, int expectedVersion, CancellationToken cancellationToken)
    {
        var system = await db.Systems.FirstOrDefaultAsync(s => s.Id == systemId, cancellationToken);
        if (system is null || !actor.CanReadOrganisation(system.OrganisationId))
        {
            throw new NotFoundException("system", systemId);
        }

        if (!actor.CanEdit(system.OrganisationId))
        {
            throw new ForbiddenException("not-editor", "Only the organisation's admins and editors may change its systems.");
        }

        if (system.Version != expectedVersion)
        {
            throw new ConcurrencyException("system", expectedVersion, system.Version);
        }

        if (!RegistrationWorkflow.IsEditable(system.Status))
        {
            throw new RuleException("not-editable", "A system that is {0} cannot be edited now.", system.Status.Code());
        }

        return system;
    }

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
    public async Task<IReadOnlyList<SystemVersion>> HistoryAsync(Actor actor, Guid systemId, CancellationToken cancellationToken = default)
    {
        await GetAsync(actor, systemId, cancellationToken);
        return await db.SystemVersions.AsNoTracking().Where(v => v.SystemId == systemId).OrderByDescending(v => v.Version).ToListAsync(cancellationToken);
    }

    /// <summary>What changed from version <paramref name="from"/> to version <paramref name="to"/>; version 0 is the empty record before the first.</summary>
    public async Task<IReadOnlyList<FieldDifference>> DiffAsync(Actor actor, Guid systemId, int from, int to, CancellationToken cancellationToken = default)
    {
        await GetAsync(actor, systemId, cancellationToken);
        var versions = await db.SystemVersions.AsNoTracking()
            .Where(v => v.SystemId == systemId && (v.Version == from || v.Version == to))
            .ToListAsync(cancellationToken);
        var before = from == 0 ? null : versions.FirstOrDefault(v => v.Version == from) ?? throw new NotFoundException("version", from);
        var after = versions.FirstOrDefault(v => v.Version == to) ?? throw new NotFoundException("version", to);
        return SnapshotDiff.Compare(before is null ? null : Json.Read<SystemSnapshot>(before.SnapshotJson), Json.Read<SystemSnapshot>(after.SnapshotJson));
    }

    private Task<int?> CurrentClassificationNumber(Guid systemId, CancellationToken cancellationToken) =>
        db.Classifications.Where(c => c.SystemId == systemId && c.IsCurrent).Select(c => (int?)c.Number).FirstOrDefaultAsync(cancellationToken);
}

/// <summary>Version bookkeeping shared by every service that changes a system.</summary>
internal static class Versions
{
    /// <summary>Bumps the version, refreshes derived fields and records a snapshot.</summary>
    public static void Record(RegistryDb db, AiSystem system, string organisationName, string change, Actor actor, int? classificationNumber, DateTime now)
    {
        system.Version++;
        system.UpdatedAt = now;
        system.SortName = (system.NameRu ?? system.NameKk ?? system.NameEn ?? "").ToLowerInvariant();
        system.SearchText = SearchText.Normalize(system.NameKk, system.NameRu, system.NameEn, system.PurposeKk, system.PurposeRu, system.PurposeEn, organisationName, system.RegisterNumber);
        db.SystemVersions.Add(new SystemVersion
        {
            Id = Guid.NewGuid(),
            SystemId = system.Id,
            Version = system.Version,
            SnapshotJson = Json.Write(SystemSnapshot.Of(system, classificationNumber)),
            Change = change,
            ChangedBy = actor.UserId == Guid.Empty ? null : actor.UserId,
            ChangedByName = actor.Name,
            ChangedAt = now,
        });
    }

    /// <summary>Saves, turning a lost race on the concurrency token into a clear conflict.</summary>
    public static async Task SaveAsync(RegistryDb db, LawCatalog catalog, LogKey log, string what, int expectedVersion, AiSystem system, CancellationToken cancellationToken)
    {
        try
        {
            await PublicRecords.SaveWithRecordAsync(db, catalog, log, system, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var current = await db.Systems.AsNoTracking().Where(s => s.Id == system.Id).Select(s => s.Version).FirstOrDefaultAsync(cancellationToken);
            throw new ConcurrencyException(what, expectedVersion, current);
        }
        catch (DbUpdateException ex) when (IsUniqueViolation(ex))
        {
            db.ChangeTracker.Clear();
            var current = await db.Systems.AsNoTracking().Where(s => s.Id == system.Id).Select(s => s.Version).FirstOrDefaultAsync(cancellationToken);
            throw new ConcurrencyException(what, expectedVersion, current);
        }
    }

    // Two writers that both read version N both insert snapshot N+1: the unique index rejects the second.
    internal static bool IsUniqueViolation(DbUpdateException ex) =>
        ex.InnerException?.Message.Contains("UNIQUE", StringComparison.OrdinalIgnoreCase) == true
        || ex.InnerException?.GetType().Name == "PostgresException" && ex.InnerException.Message.Contains("23505", StringComparison.Ordinal);
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

    public static string? Pick(Language language, string? kk, string? ru, string? en) => language switch
    {
        Language.Kk => kk ?? ru ?? en,
        Language.Ru => ru ?? kk ?? en,
        _ => en ?? ru ?? kk,
    };
}
