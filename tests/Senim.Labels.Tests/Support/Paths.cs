namespace Senim.Labels.Tests.Support;

/// <summary>Locates the repository (the folder with Senim.slnx) and the shared fixtures beside it.</summary>
internal static class Paths
{
    public static string Repository { get; } = FindRepository();

    public static string Fixtures => Path.Combine(Repository, "..", "shared", "fixtures", "c2pa");

    public static string Fixture(string relative) => Path.Combine(Fixtures, relative);

    private static string FindRepository()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Senim.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Senim.slnx not found above the test assembly.");
    }
}
