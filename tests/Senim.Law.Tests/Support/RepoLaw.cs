using Senim.Law.Calendar;
using Senim.Law.Packs;

namespace Senim.Law.Tests.Support;

/// <summary>The repository's real law folder, loaded once for all tests that need it.</summary>
internal static class RepoLaw
{
    private static readonly Lazy<LawLibrary> Loaded = new(() => LawLibrary.Load(LawDir));

    public static string Root { get; } = FindRoot();

    public static string LawDir => Path.Combine(Root, "law");

    public static string Examples => Path.Combine(Root, "examples");

    public static LawLibrary Library => Loaded.Value;

    private static readonly Lazy<WorkingCalendar> LoadedCalendar = new(() => WorkingCalendar.Load(WorkingCalendar.DefaultFolder(LawDir)));

    /// <summary>The shipped working-day calendar (law/calendar/kz).</summary>
    public static WorkingCalendar Calendar => LoadedCalendar.Value;

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Senim.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Senim.slnx not found above " + AppContext.BaseDirectory);
    }
}
