using System.Collections.Concurrent;
using Senim.Law.Packs;

namespace Senim.Registry.Services;

/// <summary>
/// The law sets Senim knows: the active one (what new classifications use) and, on demand, any
/// earlier one (to explain a classification made under it). Law sets are stored in the database, so
/// every web node applies the same packs; a node notices a newly activated set within seconds.
/// </summary>
public sealed class LawCatalog
{
    private readonly ConcurrentDictionary<Guid, LawLibrary> _loaded = new();
    private volatile ActiveSet? _active;

    private sealed record ActiveSet(Guid Id, LawLibrary Library);

    /// <summary>The packs new classifications use.</summary>
    public LawLibrary Active => _active?.Library ?? throw new InvalidOperationException("The law catalog is not initialised.");

    public Guid ActiveSetId => _active?.Id ?? Guid.Empty;

    public bool IsInitialised => _active is not null;

    /// <summary>Uses a library without a database (classification-only hosts and tests).</summary>
    public void UseWithoutDatabase(LawLibrary library) => _active = new ActiveSet(Guid.Empty, library);

    /// <summary>
    /// On start-up: if the database has an active law set, use it; otherwise store the packs of the
    /// law folder as the first active set.
    /// </summary>
    public async Task InitializeAsync(RegistryDb db, IReadOnlyList<(string RelativePath, string Text)> folderFiles, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        var active = await db.LawSets.AsNoTracking().FirstOrDefaultAsync(s => s.Status == LawSetStatus.Active, cancellationToken);
        if (active is null)
        {
            var library = LawLibrary.FromFiles(folderFiles);
            active = LawSets.Create(folderFiles, library, LawSetStatus.Active, time.GetUtcNow().UtcDateTime, null);
            db.LawSets.Add(active);
            await db.SaveChangesAsync(cancellationToken);
            _loaded[active.Id] = library;
        }

        _active = new ActiveSet(active.Id, await GetAsync(db, active.Id, cancellationToken));
    }

    /// <summary>Switches to the set the database marks active, if another node activated a new one.</summary>
    public async Task RefreshAsync(RegistryDb db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var id = await db.LawSets.AsNoTracking().Where(s => s.Status == LawSetStatus.Active).Select(s => s.Id).FirstOrDefaultAsync(cancellationToken);
        if (id != Guid.Empty && id != ActiveSetId)
        {
            _active = new ActiveSet(id, await GetAsync(db, id, cancellationToken));
        }
    }

    internal void Activate(Guid id, LawLibrary library)
    {
        _loaded[id] = library;
        _active = new ActiveSet(id, library);
    }

    /// <summary>The library of a stored law set (loaded once, then cached).</summary>
    public async Task<LawLibrary> GetAsync(RegistryDb db, Guid setId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (_loaded.TryGetValue(setId, out var cached))
        {
            return cached;
        }

        var set = await db.LawSets.AsNoTracking().FirstOrDefaultAsync(s => s.Id == setId, cancellationToken)
            ?? throw new InvalidOperationException($"law set {setId} is not stored");
        var library = LawLibrary.FromFiles(LawSets.Files(set));
        _loaded[setId] = library;
        return library;
    }
}

/// <summary>Building and reading stored law sets.</summary>
public static class LawSets
{
    public sealed record StoredFile(string Path, string Text);

    public sealed record PackRef(string Id, string Version, string Hash);

    public static LawSet Create(IEnumerable<(string RelativePath, string Text)> files, LawLibrary library, LawSetStatus status, DateTime now, Guid? loadedBy) => new()
    {
        Id = Guid.NewGuid(),
        Label = string.Join(", ", library.Packs.Select(p => $"{p.Pack.Id} {p.Pack.Header.Version}")),
        FilesJson = Json.Write(files.Select(f => new StoredFile(f.RelativePath, f.Text)).ToList()),
        PacksJson = Json.Write(Refs(library)),
        Status = status,
        LoadedAt = now,
        LoadedBy = loadedBy,
        ActivatedAt = status == LawSetStatus.Active ? now : null,
    };

    public static List<PackRef> Refs(LawLibrary library) =>
        [.. library.Packs.Select(p => new PackRef(p.Pack.Id, p.Pack.Header.Version, p.ContentHash))];

    public static IReadOnlyList<(string RelativePath, string Text)> Files(LawSet set) =>
        [.. Json.Read<List<StoredFile>>(set.FilesJson).Select(f => (f.Path, f.Text))];
}
