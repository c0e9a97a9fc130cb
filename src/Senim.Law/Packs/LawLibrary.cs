using Senim.Law.Engine;

namespace Senim.Law.Packs;

/// <summary>
/// Every law pack and crosswalk under one law folder, validated and compiled. Loading either
/// succeeds completely or throws <see cref="PackLoadException"/> listing every problem found.
/// </summary>
public sealed class LawLibrary
{
    /// <summary>The name of the folder that holds crosswalks inside the law folder.</summary>
    public const string CrosswalkFolder = "crosswalks";

    /// <summary>
    /// The folder inside the law folder that holds the working-day calendar. It is not part of any
    /// pack (the government changes it every year; ADR 0024), so the library skips it.
    /// </summary>
    public const string CalendarFolder = "calendar";

    private LawLibrary(IReadOnlyList<CompiledPack> packs, IReadOnlyList<Crosswalk> crosswalks)
    {
        Packs = packs;
        Crosswalks = crosswalks;
    }

    /// <summary>The packs, in folder-name order.</summary>
    public IReadOnlyList<CompiledPack> Packs { get; }

    /// <summary>The crosswalks between packs.</summary>
    public IReadOnlyList<Crosswalk> Crosswalks { get; }

    /// <summary>The pack with the given id, or null.</summary>
    public CompiledPack? Find(string packId) => Packs.FirstOrDefault(p => p.Pack.Id == packId);

    /// <summary>
    /// The question with the given id in any pack, or the question that has it as a former id (alias);
    /// null when no pack knows it. Answers stored or written under a former id stay readable this way.
    /// </summary>
    public Question? FindQuestion(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        foreach (var pack in Packs)
        {
            if (pack.FindQuestion(id) is { } question)
            {
                return question;
            }
        }

        foreach (var pack in Packs)
        {
            if (pack.FindQuestionOrAlias(id) is { } question)
            {
                return question;
            }
        }

        return null;
    }

    /// <summary>The packs for a --law selector: a jurisdiction (kz, eu), a pack id, or "all".</summary>
    public IReadOnlyList<CompiledPack> Select(string selector)
    {
        ArgumentNullException.ThrowIfNull(selector);
        if (selector.Equals("all", StringComparison.OrdinalIgnoreCase))
        {
            return Packs;
        }

        return [.. Packs.Where(p =>
            p.Pack.Header.Jurisdiction.Equals(selector, StringComparison.OrdinalIgnoreCase) ||
            p.Pack.Id.Equals(selector, StringComparison.OrdinalIgnoreCase))];
    }

    /// <summary>Loads every pack and crosswalk from a law folder on disk.</summary>
    /// <exception cref="PackLoadException">Anything is wrong; the exception lists every problem.</exception>
    public static LawLibrary Load(string root)
    {
        return FromFiles(ReadFiles(root));
    }

    /// <summary>
    /// Reads every YAML file of a law folder (or of one pack folder) as (path relative to the law
    /// folder, text); refuses files over the size limit before reading them.
    /// </summary>
    /// <exception cref="PackLoadException">A file is too large.</exception>
    public static IReadOnlyList<(string RelativePath, string Text)> ReadFiles(string root)
    {
        ArgumentNullException.ThrowIfNull(root);
        if (!Directory.Exists(root))
        {
            throw new PackLoadException($"The law folder '{root}' does not exist.");
        }

        // A single pack folder (holding pack.yaml itself) loads as a library of one pack.
        var single = File.Exists(Path.Combine(root, "pack.yaml"));
        var baseDir = single ? Path.GetDirectoryName(Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar)) ?? root : root;
        var files = new List<(string, string)>();
        var errors = new List<PackError>();
        var search = single ? SearchOption.TopDirectoryOnly : SearchOption.AllDirectories;
        foreach (var path in Directory.EnumerateFiles(root, "*.yaml", search).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(baseDir, Path.GetFullPath(path)).Replace('\\', '/');
            if (IsCalendar(relative))
            {
                continue;
            }

            var info = new FileInfo(path);
            if (info.Length > PackLoader.MaxFileBytes)
            {
                errors.Add(new PackError(PackErrorKind.Syntax, relative, 1, null, $"the file is {info.Length / 1024 / 1024.0:0.0} MB; pack files are limited to {PackLoader.MaxFileBytes / 1024 / 1024} MB"));
                continue;
            }

            files.Add((relative, File.ReadAllText(path)));
        }

        if (errors.Count > 0)
        {
            throw new PackLoadException(errors);
        }

        return files;
    }

    /// <summary>Loads from in-memory files: (path relative to the law folder with '/' separators, YAML text).</summary>
    /// <exception cref="PackLoadException">Anything is wrong; the exception lists every problem.</exception>
    public static LawLibrary FromFiles(IEnumerable<(string RelativePath, string Text)> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var errors = new List<PackError>();
        var byFolder = files
            .Where(f => !IsCalendar(f.RelativePath))
            .GroupBy(f => f.RelativePath.Contains('/', StringComparison.Ordinal) ? f.RelativePath[..f.RelativePath.LastIndexOf('/')] : "", StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal);

        var packs = new List<LawPack>();
        var readCleanly = new HashSet<LawPack>(ReferenceEqualityComparer.Instance);
        var crosswalks = new List<Crosswalk>();
        foreach (var folder in byFolder)
        {
            var folderFiles = folder.OrderBy(f => f.RelativePath, StringComparer.Ordinal).ToList();
            if (folder.Key == CrosswalkFolder)
            {
                foreach (var (path, text) in folderFiles)
                {
                    if (PackLoader.ReadCrosswalk(path, text, errors) is { } crosswalk)
                    {
                        crosswalks.Add(crosswalk);
                    }
                }
            }
            else if (folderFiles.Any(f => f.RelativePath.EndsWith("/pack.yaml", StringComparison.Ordinal) || f.RelativePath == "pack.yaml"))
            {
                // pack.yaml first, so the header is read before the sections that depend on it.
                folderFiles.Sort((a, b) => IsHeader(b.RelativePath).CompareTo(IsHeader(a.RelativePath)));
                var before = errors.Count;
                if (PackLoader.ReadPack(folderFiles, errors) is { } pack)
                {
                    packs.Add(pack);
                    if (errors.Count == before)
                    {
                        readCleanly.Add(pack);
                    }
                }
            }
            else
            {
                errors.Add(new PackError(PackErrorKind.MissingField, folderFiles[0].RelativePath, 1, null,
                    $"the folder '{(folder.Key.Length == 0 ? "." : folder.Key)}' is neither a pack (it has no pack.yaml) nor '{CrosswalkFolder}'"));
            }
        }

        var seenPacks = new Dictionary<string, LawPack>(StringComparer.Ordinal);
        foreach (var pack in packs)
        {
            if (!seenPacks.TryAdd(pack.Id, pack))
            {
                errors.Add(new PackError(PackErrorKind.DuplicateId, pack.Header.Location.File, pack.Header.Location.Line, pack.Id, $"two packs have the id '{pack.Id}'"));
            }
        }

        var compiled = new List<CompiledPack>();
        foreach (var pack in packs)
        {
            var before = errors.Count;
            PackValidator.Validate(pack, errors);
            if (errors.Count == before && CompiledPack.Compile(pack, PackWriter.ContentHash(pack), errors) is { } c && readCleanly.Contains(pack))
            {
                compiled.Add(c);
            }
        }

        foreach (var crosswalk in crosswalks)
        {
            CrosswalkValidator.Validate(crosswalk, seenPacks, errors);
        }

        if (packs.Count == 0 && errors.Count == 0)
        {
            errors.Add(new PackError(PackErrorKind.MissingField, ".", 0, null, "the law folder holds no pack (a folder with pack.yaml)"));
        }

        if (errors.Count > 0)
        {
            throw new PackLoadException([.. errors.OrderBy(e => e.File, StringComparer.Ordinal).ThenBy(e => e.Line)]);
        }

        return new LawLibrary(compiled, crosswalks);
    }

    private static bool IsCalendar(string relativePath) => relativePath.StartsWith(CalendarFolder + "/", StringComparison.Ordinal);

    private static bool IsHeader(string path) => path == "pack.yaml" || path.EndsWith("/pack.yaml", StringComparison.Ordinal);

    /// <summary>
    /// Finds the law folder: SENIM_LAW_DIR if set, else 'law' beside the program, else the nearest
    /// 'law' folder holding packs in the current folder or one of its parents.
    /// </summary>
    public static string? FindDefaultRoot()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("SENIM_LAW_DIR");
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return fromEnvironment;
        }

        var besideProgram = Path.Combine(AppContext.BaseDirectory, "law");
        if (Directory.Exists(besideProgram))
        {
            return besideProgram;
        }

        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "law");
            if (Directory.Exists(candidate) && Directory.EnumerateFiles(candidate, "pack.yaml", SearchOption.AllDirectories).Any())
            {
                return candidate;
            }
        }

        return null;
    }
}
