using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Text;
using Senim.Law.Diff;
using Senim.Law.Engine;
using Senim.Law.Packs;
using Senim.Registry.Files;

namespace Senim.Registry.Services;

/// <summary>A stored law set, without its files.</summary>
public sealed record LawSetSummary(Guid Id, string Label, LawSetStatus Status, IReadOnlyList<LawSets.PackRef> Packs, DateTime LoadedAt, string? LoadedByName, DateTime? ActivatedAt);

/// <summary>How one system's classification would change under a law set.</summary>
public sealed record ImpactRow(
    Guid SystemId,
    string? NameKk,
    string? NameRu,
    string? NameEn,
    string OrganisationName,
    SystemStatus Status,
    string Law,
    string? OldKzTier,
    string? NewKzTier,
    string? OldEuTier,
    string? NewEuTier,
    bool OldComplete,
    bool NewComplete,
    IReadOnlyList<string> ProhibitedAdded,
    IReadOnlyList<string> ProhibitedRemoved,
    IReadOnlyList<string> ObligationsAdded,
    IReadOnlyList<string> ObligationsRemoved)
{
    public bool TierChanged => OldKzTier != NewKzTier || OldEuTier != NewEuTier;

    public bool ProhibitedChanged => ProhibitedAdded.Count > 0 || ProhibitedRemoved.Count > 0;

    public bool CompletenessChanged => OldComplete != NewComplete;

    public bool ObligationsChanged => ObligationsAdded.Count > 0 || ObligationsRemoved.Count > 0;
}

/// <summary>How many systems were checked, how many change, and in which way (a system may change in several ways).</summary>
public sealed record ImpactCounts(int Checked, int Changed, int Tier, int Prohibited, int Completeness, int Obligations);

/// <summary>The impact of a law set: the counts and one page of the systems that change.</summary>
public sealed record LawImpact(LawSetSummary Set, ImpactCounts Counts, Page<ImpactRow> Rows);

/// <summary>What applying a law set did.</summary>
public sealed record LawApplyResult(LawSetSummary Set, bool Activated, int Checked, int Reclassified);

/// <summary>
/// Law-pack updates by platform admins: a new law folder is uploaded as a zip and stored as a staged law
/// set; its impact is every system whose current classification, re-run with the stored answers under
/// the new packs (same law selector, today's date), changes tier, prohibited capabilities,
/// completeness or obligations. Applying it makes the set active and re-classifies exactly those
/// systems, in batches (one transaction each), telling their organisations. Systems are read in
/// keyset-ordered batches, so the work is bounded in memory however large the register is, and an
/// interrupted run continues where it stopped when applied again.
/// </summary>
public sealed class LawUpdateService(RegistryDb db, LawCatalog catalog, RegisterWriter writer)
{
    public const string Reason = "law-update";
    public const string NotificationKind = NotificationKinds.LawUpdate;

    /// <summary>How many systems are read (and re-classified) at a time.</summary>
    public int BatchSize { get; set; } = 500;

    private DateTime Now => writer.Now;

    private DateOnly Today => DateOnly.FromDateTime(Now);

    /// <summary>Every law set, newest first.</summary>
    public async Task<IReadOnlyList<LawSetSummary>> ListAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        RequireAdmin(actor);
        var sets = await db.LawSets.AsNoTracking().OrderByDescending(s => s.LoadedAt)
            .Select(s => new { s.Id, s.Label, s.Status, s.PacksJson, s.LoadedAt, s.LoadedBy, s.ActivatedAt })
            .ToListAsync(cancellationToken);
        var userIds = sets.Where(s => s.LoadedBy is not null).Select(s => s.LoadedBy!.Value).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        return [.. sets.Select(s => new LawSetSummary(s.Id, s.Label, s.Status, Json.Read<List<LawSets.PackRef>>(s.PacksJson), s.LoadedAt,
            s.LoadedBy is { } by ? names.GetValueOrDefault(by) : null, s.ActivatedAt))];
    }

    public async Task<LawSetSummary> GetAsync(Actor actor, Guid setId, CancellationToken cancellationToken = default) =>
        (await ListAsync(actor, cancellationToken)).FirstOrDefault(s => s.Id == setId) ?? throw new NotFoundException("law set", setId);

    /// <summary>
    /// Reads a zipped law folder, validates every pack, and stores it as the staged law set (replacing
    /// an earlier staged set that was never applied). Nothing is stored when anything is wrong: zip
    /// problems and every pack error (file, line, id) come back as one validation failure.
    /// </summary>
    public async Task<LawSetSummary> StageAsync(Actor actor, Stream zip, CancellationToken cancellationToken = default)
    {
        RequireAdmin(actor);
        var files = await LawArchive.ReadAsync(zip, cancellationToken);
        LawLibrary library;
        try
        {
            library = LawLibrary.FromFiles(files);
        }
        catch (PackLoadException ex)
        {
            throw PackErrors(ex);
        }

        var active = await db.LawSets.AsNoTracking().FirstOrDefaultAsync(s => s.Status == LawSetStatus.Active, cancellationToken)
            ?? throw new InvalidOperationException("no active law set");
        var current = await catalog.GetAsync(db, active.Id, cancellationToken);
        if (library.Packs.SelectMany(p => p.Pack.Checklists).All(c => c.Id != WorkflowService.ExpertChecklist))
        {
            throw new RuleException("law-no-checklist", "The packs have no review checklist '{0}', which the registration workflow needs.", WorkflowService.ExpertChecklist);
        }

        var errors = new FieldErrors();
        foreach (var pack in library.Packs)
        {
            if (current.Find(pack.Pack.Id) is { } before && before.ContentHash != pack.ContentHash && before.Pack.Header.Version == pack.Pack.Header.Version)
            {
                errors.Add("file", "law-version-unchanged", "the pack {0} changed but keeps version {1}: give it a new version, so classifications made under each can be told apart", pack.Pack.Id, pack.Pack.Header.Version);
            }
        }

        errors.ThrowIfAny();
        if (SameLaw(current, LawSets.Files(active), library, files))
        {
            throw new RuleException("law-unchanged", "The uploaded packs are the same as the active ones ({0}); nothing to stage.", active.Label);
        }

        var set = LawSets.Create(files, library, LawSetStatus.Staged, Now, actor.UserId);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.LawSets.Where(s => s.Status == LawSetStatus.Staged).ExecuteDeleteAsync(cancellationToken);
        db.LawSets.Add(set);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return await GetAsync(actor, set.Id, cancellationToken);
    }

    /// <summary>Removes a staged set that will not be applied.</summary>
    public async Task DiscardAsync(Actor actor, Guid setId, CancellationToken cancellationToken = default)
    {
        RequireAdmin(actor);
        var set = await db.LawSets.FirstOrDefaultAsync(s => s.Id == setId, cancellationToken) ?? throw new NotFoundException("law set", setId);
        if (set.Status != LawSetStatus.Staged)
        {
            throw new RuleException("law-set-not-staged", "Only a staged law set can be discarded; this one is {0}.", set.Status.ToString().ToLowerInvariant());
        }

        db.LawSets.Remove(set);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// What changed in the packs: a staged set against the active one; an active or retired set against
    /// the set that was active before it. Returns the set compared against (null when there is none).
    /// </summary>
    public async Task<(LawSetSummary? Against, IReadOnlyList<PackChanges> Changes)> DiffAsync(Actor actor, Guid setId, CancellationToken cancellationToken = default)
    {
        var sets = await ListAsync(actor, cancellationToken);
        var set = sets.FirstOrDefault(s => s.Id == setId) ?? throw new NotFoundException("law set", setId);
        var against = set.Status == LawSetStatus.Staged
            ? sets.FirstOrDefault(s => s.Status == LawSetStatus.Active)
            : sets.Where(s => s.ActivatedAt is not null && s.ActivatedAt < set.ActivatedAt).OrderByDescending(s => s.ActivatedAt).FirstOrDefault();
        if (against is null)
        {
            return (null, []);
        }

        return (against, PackDiff.Compare(await catalog.GetAsync(db, against.Id, cancellationToken), await catalog.GetAsync(db, setId, cancellationToken)));
    }

    /// <summary>
    /// The systems whose classification changes under the set (for the active set: those not yet
    /// re-classified under it), in name order, one page at a time, with counts over all of them.
    /// </summary>
    public async Task<LawImpact> ImpactAsync(Actor actor, Guid setId, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        var set = await GetAsync(actor, setId, cancellationToken);
        NotificationService.ValidatePage(page, pageSize);
        if (set.Status == LawSetStatus.Retired)
        {
            throw new RuleException("law-set-retired", "This law set was replaced by a newer one: it can no longer be applied or assessed.");
        }

        var library = await catalog.GetAsync(db, setId, cancellationToken);
        var skip = (page - 1) * pageSize;
        int seen = 0, changed = 0, tier = 0, prohibited = 0, completeness = 0, obligations = 0;
        var pageRows = new List<(Guid SystemId, ImpactRow Row)>();
        await foreach (var batch in CandidatesAsync(setId, cancellationToken))
        {
            seen += batch.Count;
            foreach (var candidate in batch)
            {
                var (_, change) = Evaluate(candidate.Current, library, setId, actor);
                if (change is null)
                {
                    continue;
                }

                if (changed >= skip && pageRows.Count < pageSize)
                {
                    pageRows.Add((candidate.SystemId, change));
                }

                changed++;
                tier += change.TierChanged ? 1 : 0;
                prohibited += change.ProhibitedChanged ? 1 : 0;
                completeness += change.CompletenessChanged ? 1 : 0;
                obligations += change.ObligationsChanged ? 1 : 0;
            }
        }

        var ids = pageRows.Select(r => r.SystemId).ToList();
        var systems = await db.Systems.AsNoTracking().Where(s => ids.Contains(s.Id))
            .Select(s => new { s.Id, s.NameKk, s.NameRu, s.NameEn, Organisation = s.Organisation!.Name, s.Status })
            .ToDictionaryAsync(s => s.Id, cancellationToken);
        var rows = pageRows.Where(r => systems.ContainsKey(r.SystemId)).Select(r =>
        {
            var s = systems[r.SystemId];
            return r.Row with { NameKk = s.NameKk, NameRu = s.NameRu, NameEn = s.NameEn, OrganisationName = s.Organisation, Status = s.Status };
        }).ToList();
        return new LawImpact(set, new ImpactCounts(seen, changed, tier, prohibited, completeness, obligations), new Page<ImpactRow>(rows, changed, page, pageSize));
    }

    /// <summary>
    /// Confirms a staged set: it becomes the active one (the previous active set is retired) and every
    /// system whose classification changes under it is re-classified (reason law-update), gets a new
    /// version, and its organisation a notification. Applying the active set again finishes a run that
    /// was interrupted. Unchanged systems are left alone.
    /// </summary>
    public async Task<LawApplyResult> ApplyAsync(Actor actor, Guid setId, CancellationToken cancellationToken = default)
    {
        var set = await GetAsync(actor, setId, cancellationToken);
        if (set.Status == LawSetStatus.Retired)
        {
            throw new RuleException("law-set-retired", "This law set was replaced by a newer one: it can no longer be applied or assessed.");
        }

        var library = await catalog.GetAsync(db, setId, cancellationToken);
        var activated = false;
        if (set.Status == LawSetStatus.Staged)
        {
            var now = Now;
            await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
            {
                // Conditional updates: of two admins confirming at once, exactly one activates.
                var moved = await db.LawSets.Where(s => s.Id == setId && s.Status == LawSetStatus.Staged)
                    .ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, LawSetStatus.Active).SetProperty(s => s.ActivatedAt, now), cancellationToken);
                if (moved != 1)
                {
                    throw new RuleException("law-set-changed", "Someone else applied or discarded this law set in the meantime; reload the page.");
                }

                await db.LawSets.Where(s => s.Status == LawSetStatus.Active && s.Id != setId)
                    .ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, LawSetStatus.Retired), cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }

            catalog.Activate(setId, library);
            activated = true;
            set = await GetAsync(actor, setId, cancellationToken);
        }

        var seen = 0;
        var reclassified = 0;
        await foreach (var batch in CandidatesAsync(setId, cancellationToken))
        {
            seen += batch.Count;
            var changed = batch.Where(c => Evaluate(c.Current, library, setId, actor).Change is not null).Select(c => c.SystemId).ToList();
            if (changed.Count > 0)
            {
                reclassified += await ReclassifyAsync(actor, set, library, changed, cancellationToken);
            }
        }

        return new LawApplyResult(set, activated, seen, reclassified);
    }

    private sealed record Candidate(Guid SystemId, string SortName, Classification Current);

    /// <summary>
    /// Every live system whose current classification was not made under the set, in batches ordered by
    /// (sort name, id) and read by keyset, so no batch depends on how many came before.
    /// </summary>
    private async IAsyncEnumerable<IReadOnlyList<Candidate>> CandidatesAsync(Guid setId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? lastName = null;
        var lastId = Guid.Empty;
        while (true)
        {
            var query = db.Systems.AsNoTracking()
                .Where(s => s.Status != SystemStatus.Removed && s.Organisation!.DeletedAt == null)
                .Join(db.Classifications.AsNoTracking().Where(c => c.IsCurrent && c.LawSetId != setId), s => s.Id, c => c.SystemId,
                    (s, c) => new { s.Id, s.SortName, Classification = c });
            if (lastName is not null)
            {
                var name = lastName;
                var id = lastId;
                query = query.Where(x => x.SortName.CompareTo(name) > 0 || (x.SortName == name && x.Id.CompareTo(id) > 0));
            }

            var batch = await query.OrderBy(x => x.SortName).ThenBy(x => x.Id).Take(BatchSize).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                yield break;
            }

            yield return [.. batch.Select(x => new Candidate(x.Id, x.SortName, x.Classification))];
            if (batch.Count < BatchSize)
            {
                yield break;
            }

            (lastName, lastId) = (batch[^1].SortName, batch[^1].Id);
        }
    }

    /// <summary>Re-runs a classification's stored answers under the library, today; returns the new summary and what changed (null: nothing).</summary>
    private (Classification Next, ImpactRow? Change) Evaluate(Classification current, LawLibrary library, Guid setId, Actor actor)
    {
        var answers = StoredAnswers.Read(current.AnswersJson, library);
        var result = Classifier.Classify(library.Select(current.Law), answers, Today);
        var next = ClassificationService.Summarize(current.SystemId, current.Number + 1, answers, current.Law, Today, result, setId, actor, Reason, Now);
        return (next, Compare(current, next));
    }

    internal static ImpactRow? Compare(Classification before, Classification after)
    {
        static HashSet<string> Ids(string list) => [.. list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
        var (oldProhibited, newProhibited) = (Ids(before.ProhibitedIds), Ids(after.ProhibitedIds));
        var (oldObligations, newObligations) = (Ids(before.ObligationIds), Ids(after.ObligationIds));
        var row = new ImpactRow(before.SystemId, null, null, null, "", default, before.Law, before.KzTier, after.KzTier, before.EuTier, after.EuTier, before.Complete, after.Complete,
            [.. newProhibited.Except(oldProhibited).Order(StringComparer.Ordinal)], [.. oldProhibited.Except(newProhibited).Order(StringComparer.Ordinal)],
            [.. newObligations.Except(oldObligations).Order(StringComparer.Ordinal)], [.. oldObligations.Except(newObligations).Order(StringComparer.Ordinal)]);
        return row.TierChanged || row.ProhibitedChanged || row.CompletenessChanged || row.ObligationsChanged ? row : null;
    }

    /// <summary>
    /// Re-classifies one batch in one transaction, deciding again on the rows as they are now (an owner may
    /// have re-classified in between); retried when an owner's edit wins the race on a system's version.
    /// </summary>
    private async Task<int> ReclassifyAsync(Actor actor, LawSetSummary set, LawLibrary library, IReadOnlyList<Guid> systemIds, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                var systems = await db.Systems.Include(s => s.Organisation).Where(s => systemIds.Contains(s.Id)).ToListAsync(cancellationToken);
                var currents = await db.Classifications.Where(c => systemIds.Contains(c.SystemId) && c.IsCurrent).ToListAsync(cancellationToken);
                var numbers = await db.Classifications.Where(c => systemIds.Contains(c.SystemId)).GroupBy(c => c.SystemId)
                    .Select(g => new { SystemId = g.Key, Max = g.Max(c => c.Number) }).ToDictionaryAsync(x => x.SystemId, x => x.Max, cancellationToken);
                var count = 0;
                foreach (var system in systems)
                {
                    var current = currents.Where(c => c.SystemId == system.Id).OrderByDescending(c => c.Number).FirstOrDefault();
                    if (current is null || current.LawSetId == set.Id || system.Status == SystemStatus.Removed)
                    {
                        continue;
                    }

                    var (next, change) = Evaluate(current, library, set.Id, actor);
                    if (change is null)
                    {
                        continue;
                    }

                    next.Number = numbers.GetValueOrDefault(system.Id) + 1;
                    currents.Where(c => c.SystemId == system.Id).ToList().ForEach(c => c.IsCurrent = false);
                    db.Classifications.Add(next);
                    system.Tier = next.KzTier;
                    system.Prohibited = next.Prohibited;
                    writer.NewVersion(system, Reason, actor, next.Number);
                    writer.Notify(system.OrganisationId, null, system.Id, NotificationKind, set.Label);
                    count++;
                }

                // The public records show the classification: the writer rebuilds those of the listed systems (three queries
                // for the batch) and logs the change in this transaction.
                await writer.SaveManyAsync([.. systems.Where(s => s.Listed)], cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                db.ChangeTracker.Clear();
                return count;
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    private static bool SameLaw(LawLibrary current, IReadOnlyList<(string RelativePath, string Text)> currentFiles, LawLibrary next, IReadOnlyList<(string RelativePath, string Text)> nextFiles)
    {
        static IEnumerable<string> Crosswalks(IReadOnlyList<(string RelativePath, string Text)> files) =>
            files.Where(f => f.RelativePath.StartsWith(LawLibrary.CrosswalkFolder + "/", StringComparison.Ordinal))
                .OrderBy(f => f.RelativePath, StringComparer.Ordinal).Select(f => f.RelativePath + "\n" + f.Text.ReplaceLineEndings("\n"));
        return LawSets.Refs(current).SequenceEqual(LawSets.Refs(next)) && Crosswalks(currentFiles).SequenceEqual(Crosswalks(nextFiles), StringComparer.Ordinal);
    }

    /// <summary>Every pack problem as a field error: field "file:line", arguments file, line, id, kind, message.</summary>
    private static ValidationException PackErrors(PackLoadException exception)
    {
        IReadOnlyList<PackError> errors = exception.Errors.Count > 0 ? exception.Errors : [new PackError(PackErrorKind.Syntax, ".", 0, null, exception.Message)];
        return new ValidationException([.. errors.Select(e =>
        {
            var line = e.Line.ToString(CultureInfo.InvariantCulture);
            return new FieldError(e.Line > 0 ? e.File + ":" + line : e.File, "pack-error", e.ToString(), [e.File, line, e.Id ?? "", e.KindName, e.Message]);
        })]);
    }

    /// <summary>Refuses anyone but a platform admin (before reading an upload, for instance).</summary>
    public static void RequireAdmin(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsAdmin)
        {
            throw new ForbiddenException("law-admin-only", "Only platform admins may manage law packs.");
        }
    }
}

/// <summary>
/// Reads a zipped law folder with limits against zip bombs and path tricks: at most
/// <see cref="MaxEntries"/> entries, <see cref="MaxFileBytes"/> per file and <see cref="MaxTotalBytes"/>
/// in all (counted while inflating, not taken from the headers), only .yaml files, no path leaving
/// the folder. A single top folder (law/ when the folder itself was zipped) is taken off the paths.
/// </summary>
public static class LawArchive
{
    public const int MaxEntries = 200;
    public const long MaxFileBytes = 4L * 1024 * 1024;
    public const long MaxTotalBytes = 20L * 1024 * 1024;

    /// <summary>The zip itself (compressed) may be at most this large.</summary>
    public const long MaxArchiveBytes = 10L * 1024 * 1024;

    /// <exception cref="ValidationException">Anything is wrong with the archive; every problem found is listed.</exception>
    public static async Task<IReadOnlyList<(string RelativePath, string Text)>> ReadAsync(Stream zip, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(zip);
        var errors = new FieldErrors();
        using var buffer = await BoundedRead.ReadAsync(zip, MaxArchiveBytes, cancellationToken);
        if (buffer.Length > MaxArchiveBytes)
        {
            errors.Add("file", "zip-too-large", "the zip is larger than {0} MB", MaxArchiveBytes / 1024 / 1024);
            errors.ThrowIfAny();
        }

        if (buffer.Length == 0)
        {
            errors.Add("file", "zip-empty", "choose a .zip file of a law folder");
            errors.ThrowIfAny();
        }

        buffer.Position = 0;
        ZipArchive archive;
        try
        {
            archive = new ZipArchive(buffer, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException)
        {
            errors.Add("file", "zip-invalid", "the file is not a readable zip archive");
            throw new ValidationException(errors.All);
        }

        using (archive)
        {
            if (archive.Entries.Count > MaxEntries)
            {
                errors.Add("file", "zip-entries", "the zip holds {0} entries; at most {1} are accepted", archive.Entries.Count, MaxEntries);
                errors.ThrowIfAny();
            }

            var files = new List<(string Path, string Text)>();
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            long total = 0;
            foreach (var entry in archive.Entries)
            {
                var name = entry.FullName;
                if (name.EndsWith('/') && entry.Length == 0)
                {
                    continue;
                }

                if (!IsSafePath(name))
                {
                    errors.Add("file", "zip-path", "the entry '{0}' has a path that leaves the law folder or is not a plain relative path", Shorten(name));
                    continue;
                }

                if (!name.EndsWith(".yaml", StringComparison.Ordinal))
                {
                    errors.Add("file", "zip-not-yaml", "the entry '{0}' is not a .yaml file; a law folder holds only .yaml files", Shorten(name));
                    continue;
                }

                if (!seen.Add(name))
                {
                    errors.Add("file", "zip-duplicate", "the entry '{0}' appears twice", Shorten(name));
                    continue;
                }

                if (entry.Length > MaxFileBytes)
                {
                    errors.Add("file", "zip-file-size", "the file '{0}' is larger than {1} MB", Shorten(name), MaxFileBytes / 1024 / 1024);
                    errors.ThrowIfAny();
                }

                byte[]? bytes;
                Limit limit;
                try
                {
                    (bytes, limit) = await InflateAsync(entry, MaxFileBytes, MaxTotalBytes - total, cancellationToken);
                }
                catch (InvalidDataException)
                {
                    errors.Add("file", "zip-damaged", "the entry '{0}' cannot be read: the zip is damaged", Shorten(name));
                    continue;
                }

                if (limit == Limit.File)
                {
                    errors.Add("file", "zip-file-size", "the file '{0}' is larger than {1} MB", Shorten(name), MaxFileBytes / 1024 / 1024);
                    errors.ThrowIfAny();
                }

                if (limit == Limit.Total || bytes is null)
                {
                    errors.Add("file", "zip-total-size", "the files in the zip add up to more than {0} MB", MaxTotalBytes / 1024 / 1024);
                    errors.ThrowIfAny();
                    break;
                }

                total += bytes.Length;
                try
                {
                    var text = new UTF8Encoding(false, true).GetString(bytes);
                    files.Add((name, text.TrimStart('\uFEFF')));
                }
                catch (DecoderFallbackException)
                {
                    errors.Add("file", "zip-encoding", "the file '{0}' is not UTF-8 text", Shorten(name));
                }
            }

            if (files.Count == 0 && !errors.Any)
            {
                errors.Add("file", "zip-no-yaml", "the zip holds no .yaml files");
            }

            errors.ThrowIfAny();
            return StripTopFolder(files);
        }
    }

    private enum Limit
    {
        None,
        File,
        Total,
    }

    /// <summary>Inflates an entry, stopping as soon as it exceeds the file limit or what is left of the total.</summary>
    private static async Task<(byte[]? Bytes, Limit Limit)> InflateAsync(ZipArchiveEntry entry, long perFile, long allowed, CancellationToken cancellationToken)
    {
        await using var stream = await entry.OpenAsync(cancellationToken);
        using var output = await BoundedRead.ReadAsync(stream, Math.Min(perFile, allowed), cancellationToken, chunkSize: 16384);
        return output.Length > perFile ? (null, Limit.File)
            : output.Length > allowed ? (null, Limit.Total)
            : (output.ToArray(), Limit.None);
    }

    private static bool IsSafePath(string name)
    {
        if (name.Length == 0 || name.Length > 260 || name.StartsWith('/') || name.Contains('\\', StringComparison.Ordinal) || name.Contains(':', StringComparison.Ordinal))
        {
            return false;
        }

        var segments = name.Split('/');
        return segments.All(s => s.Length > 0 && s != "." && s != ".." && !s.Any(char.IsControl));
    }

    private static List<(string, string)> StripTopFolder(List<(string Path, string Text)> files)
    {
        var tops = files.Select(f => f.Path.Split('/')[0]).Distinct(StringComparer.Ordinal).ToList();
        if (tops.Count != 1 || files.Any(f => !f.Path.Contains('/', StringComparison.Ordinal)))
        {
            return [.. files.OrderBy(f => f.Path, StringComparer.Ordinal).Select(f => (f.Path, f.Text))];
        }

        var top = tops[0];
        var isPack = files.Any(f => f.Path == top + "/pack.yaml");
        if (isPack || top == LawLibrary.CrosswalkFolder)
        {
            return [.. files.OrderBy(f => f.Path, StringComparer.Ordinal).Select(f => (f.Path, f.Text))];
        }

        return [.. files.Select(f => (f.Path[(top.Length + 1)..], f.Text)).OrderBy(f => f.Item1, StringComparer.Ordinal)];
    }

    private static string Shorten(string name) => name.Length <= 120 ? name : name[..117] + "...";
}
