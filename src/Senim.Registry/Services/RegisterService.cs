using Senim.Registry.Text;

namespace Senim.Registry.Services;

/// <summary>How the public register list is ordered.</summary>
public enum RegisterSort
{
    /// <summary>Most recently changed first (the default).</summary>
    Updated,

    /// <summary>By name, A to Я.</summary>
    Name,

    /// <summary>Most recently registered first.</summary>
    Registered,
}

/// <summary>A search of the public register. Every filter is optional.</summary>
public sealed record RegisterQuery(string? Text = null, string? Sector = null, string? Tier = null, SystemStatus? Status = null, Guid? Organisation = null, RegisterSort Sort = RegisterSort.Updated, int Page = 1, int PageSize = 20)
{
    public const int MaxPageSize = 100;
    public const int MaxPage = 10_000;

    public void Validate()
    {
        var errors = new FieldErrors();
        if (Text is { Length: > 200 })
        {
            errors.Add("q", "too-long", "is {0} characters long; at most {1} are allowed", Text.Length, 200);
        }

        if (Sector is not null && !Sectors.IsKnown(Sector))
        {
            errors.Add("sector", "sector-unknown", "choose one of: {0}", string.Join(", ", Sectors.All));
        }

        if (Tier is not null && Tier is not ("minimal" or "medium" or "high"))
        {
            errors.Add("tier", "tier-unknown", "choose minimal, medium or high");
        }

        if (Status is { } status && !SystemStatuses.IsPublic(status))
        {
            errors.Add("status", "status-not-public", "the public register shows only: {0}", string.Join(", ", SystemStatuses.Public.Select(s => s.Code())));
        }

        if (Page is < 1 or > MaxPage)
        {
            errors.Add("page", "page-range", "must be between 1 and {0}", MaxPage);
        }

        if (PageSize is < 1 or > MaxPageSize)
        {
            errors.Add("page_size", "page-size-range", "must be between 1 and {0}", MaxPageSize);
        }

        errors.ThrowIfAny();
    }
}

/// <summary>One page of results, with the total for pagination.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int Total, int PageNumber, int PageSize)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    /// <summary>True when counting stopped at <see cref="Total"/>: there are more results ("more than 1,000").</summary>
    public bool MoreThanTotal { get; init; }
}

/// <summary>A public register row, enough for a list or a CSV line.</summary>
public sealed record RegisterRow(
    Guid Id,
    string? RegisterNumber,
    SystemStatus Status,
    string? NameKk,
    string? NameRu,
    string? NameEn,
    string? PurposeKk,
    string? PurposeRu,
    string? PurposeEn,
    string Sector,
    string? Tier,
    Guid OrganisationId,
    string OrganisationName,
    string OrganisationBin,
    DateTime? RegisteredAt,
    DateTime? PublishedAt,
    DateTime UpdatedAt,
    int Version)
{
    /// <summary>The organisation's Kazakh name; null when not given (<see cref="OrganisationName"/> is its default name).</summary>
    public string? OrganisationNameKk { get; init; }

    public string? OrganisationNameRu { get; init; }

    public string? OrganisationNameEn { get; init; }

    /// <summary>The row of a system whose organisation is at hand.</summary>
    public static RegisterRow Of(AiSystem system, Organisation organisation) => new(system.Id, system.RegisterNumber, system.Status, system.NameKk, system.NameRu, system.NameEn,
        system.PurposeKk, system.PurposeRu, system.PurposeEn, system.Sector, system.Tier, organisation.Id, organisation.Name, organisation.Bin, system.RegisteredAt, system.PublishedAt, system.UpdatedAt, system.Version)
    {
        OrganisationNameKk = organisation.NameKk,
        OrganisationNameRu = organisation.NameRu,
        OrganisationNameEn = organisation.NameEn,
    };
}

/// <summary>A public event for the Atom feed.</summary>
public sealed record RegisterChange(Guid EventId, Guid SystemId, string? RegisterNumber, string? NameKk, string? NameRu, string? NameEn, string Action, SystemStatus To, string? Reason, DateTime At);

/// <summary>The public register: what anyone may read, without signing in.</summary>
public sealed class RegisterService(RegistryDb db, RegisterSearchIndex? index = null)
{
    public async Task<Page<RegisterRow>> SearchAsync(RegisterQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        if (await IndexedAsync(query, cancellationToken) is { } indexed)
        {
            return indexed;
        }

        var total = await Filtered(db, query).CountAsync(cancellationToken);
        var items = await ListQuery(db, query).ToListAsync(cancellationToken);
        return new Page<RegisterRow>(items, total, query.Page, query.PageSize);
    }

    /// <summary>
    /// A text search through this node's in-memory index, when it is switched on and built: the page's ids best match
    /// first (the sort applies to lists, not to text searches), its rows read by id, the count stopped at 1,000.
    /// </summary>
    private async Task<Page<RegisterRow>?> IndexedAsync(RegisterQuery query, CancellationToken cancellationToken)
    {
        if (index is not { Enabled: true } || SearchText.Terms(query.Text).Count == 0)
        {
            return null;
        }

        var facets = RegisterSearchIndex.Facets(true, query.Status, query.Sector, query.Tier, query.Organisation);
        var skip = (long)(query.Page - 1) * query.PageSize;
        if (skip + query.PageSize > Senim.Search.SearchRequest.MaxDepth)
        {
            return new Page<RegisterRow>([], Senim.Search.SearchResult.CountCap, query.Page, query.PageSize) { MoreThanTotal = true };
        }

        if (await index.SearchAsync(new Senim.Search.SearchRequest(query.Text, facets, (int)skip, query.PageSize), cancellationToken) is not { } found)
        {
            return null;
        }

        var ids = found.Hits.Select(h => h.Id).ToList();
        var rows = await Project(db.Systems.AsNoTracking().Where(s => ids.Contains(s.Id) && s.Listed)).ToListAsync(cancellationToken);
        var rank = ids.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        return new Page<RegisterRow>([.. rows.OrderBy(r => rank[r.Id])], found.Count, query.Page, query.PageSize) { MoreThanTotal = found.MoreThanCap };
    }

    /// <summary>One page of the list, ordered so that an index serves it (the tie-breaker runs in the same direction as the sort).</summary>
    internal static IQueryable<RegisterRow> ListQuery(RegistryDb db, RegisterQuery query)
    {
        var rows = Filtered(db, query);
        var ordered = query.Sort switch
        {
            RegisterSort.Name => rows.OrderBy(s => s.SortName).ThenBy(s => s.Id),
            RegisterSort.Registered => rows.OrderByDescending(s => s.RegisteredAt).ThenByDescending(s => s.Id),
            _ => rows.OrderByDescending(s => s.UpdatedAt).ThenByDescending(s => s.Id),
        };
        return Project(ordered.Skip((query.Page - 1) * query.PageSize).Take(query.PageSize));
    }

    /// <summary>Every public row, in a stable order (by id), in batches: for the whole-register exports.</summary>
    public async IAsyncEnumerable<RegisterRow> AllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Guid? after = null;
        while (true)
        {
            var batch = db.Systems.AsNoTracking().Where(s => s.Listed);
            if (after is { } last)
            {
                batch = batch.Where(s => s.Id.CompareTo(last) > 0);
            }

            var rows = await Project(batch.OrderBy(s => s.Id).Take(1000)).ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                yield return row;
            }

            if (rows.Count < 1000)
            {
                yield break;
            }

            after = rows[^1].Id;
        }
    }

    /// <summary>One public entry, or 404 when it is not (or no longer) in the public register.</summary>
    public async Task<RegisterRow> GetAsync(Guid id, CancellationToken cancellationToken = default) =>
        await Project(db.Systems.AsNoTracking().Where(s => s.Id == id && s.Listed)).FirstOrDefaultAsync(cancellationToken)
        ?? throw new NotFoundException("register entry", id);

    /// <summary>A compiled query is bound to one model, and each provider has its own: one per provider (tests use both in one process).</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Func<RegistryDb, Guid, CancellationToken, Task<string?>>> PublicJsonQueries = new();

    internal static Task<string?> PublicJsonQuery(RegistryDb db, Guid id, CancellationToken cancellationToken) =>
        PublicJsonQueries.GetOrAdd(db.Database.ProviderName ?? "", _ =>
            EF.CompileAsyncQuery((RegistryDb db, Guid id, CancellationToken _) => db.Systems.AsNoTracking().Where(s => s.Id == id && s.Listed).Select(s => s.PublicJson).FirstOrDefault()))(db, id, cancellationToken);

    /// <summary>The stored public record (canonical JSON) of a listed system; one indexed lookup with a precompiled query.</summary>
    public async Task<string> PublicJsonAsync(Guid id, CancellationToken cancellationToken = default) =>
        await PublicJsonQuery(db, id, cancellationToken) ?? throw new NotFoundException("register entry", id);

    /// <summary>The most recent public events (publications, decisions, suspensions, withdrawals).</summary>
    public async Task<IReadOnlyList<RegisterChange>> ChangesAsync(int limit = 50, CancellationToken cancellationToken = default) =>
        await db.WorkflowEvents.AsNoTracking().Where(e => e.IsPublic)
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Sequence).Take(Math.Clamp(limit, 1, 200))
            .Join(db.Systems.AsNoTracking(), e => e.SystemId, s => s.Id, (e, s) => new RegisterChange(e.Id, s.Id, s.RegisterNumber, s.NameKk, s.NameRu, s.NameEn, e.Action, e.To, e.Reason, e.At))
            .ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<WorkflowEvent>> HistoryAsync(Guid id, CancellationToken cancellationToken = default) =>
        await db.WorkflowEvents.AsNoTracking().Where(e => e.SystemId == id && e.IsPublic).OrderBy(e => e.Sequence).ToListAsync(cancellationToken);

    /// <summary>
    /// Every system (listed or not) whose search text (names and purposes in kk, ru and en, organisation, register
    /// number) has a word starting with each term of <paramref name="text"/>, through the full-text index; null when
    /// the text has no terms. The public register and the public log search the same way.
    /// </summary>
    internal static IQueryable<AiSystem>? TextMatches(RegistryDb db, string? text)
    {
        var terms = SearchText.Terms(text);
        if (terms.Count == 0)
        {
            return null;
        }

        if (db.Database.IsNpgsql())
        {
            var tsquery = string.Join(" & ", terms.Select(t => t + ":*"));
            return db.Systems.AsNoTracking().Where(s => EF.Functions.ToTsVector("simple", s.SearchText).Matches(EF.Functions.ToTsQuery("simple", tsquery)));
        }

        var match = string.Join(' ', terms.Select(t => "\"" + t + "\"*"));
        return db.Systems.FromSqlRaw("SELECT * FROM AiSystems WHERE rowid IN (SELECT rowid FROM SystemSearch WHERE SystemSearch MATCH {0})", match).AsNoTracking();
    }

    private static IQueryable<AiSystem> Filtered(RegistryDb db, RegisterQuery query)
    {
        var rows = TextMatches(db, query.Text) ?? db.Systems.AsNoTracking();
        rows = query.Status is { } status ? rows.Where(s => s.Listed && s.Status == status) : rows.Where(s => s.Listed);
        if (query.Sector is { } sector)
        {
            rows = rows.Where(s => s.Sector == sector);
        }

        if (query.Tier is { } tier)
        {
            rows = rows.Where(s => s.Tier == tier);
        }

        if (query.Organisation is { } organisation)
        {
            rows = rows.Where(s => s.OrganisationId == organisation);
        }

        return rows;
    }

    private static IQueryable<RegisterRow> Project(IQueryable<AiSystem> systems) =>
        systems.Select(s => new RegisterRow(s.Id, s.RegisterNumber, s.Status, s.NameKk, s.NameRu, s.NameEn, s.PurposeKk, s.PurposeRu, s.PurposeEn,
            s.Sector, s.Tier, s.OrganisationId, s.Organisation!.Name, s.Organisation.Bin, s.RegisteredAt, s.PublishedAt, s.UpdatedAt, s.Version)
        {
            OrganisationNameKk = s.Organisation.NameKk,
            OrganisationNameRu = s.Organisation.NameRu,
            OrganisationNameEn = s.Organisation.NameEn,
        });
}
