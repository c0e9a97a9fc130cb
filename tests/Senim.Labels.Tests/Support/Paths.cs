namespace Senim.Labels.Tests.Support;

/// <summary>Locates the repository (the folder with Senim.slnx) and the shared fixtures beside it.</summary>
internal static class Paths
{
    public static string Repository { get; } = FindRepository();

    public static string Fixtures => Path.Combine(Repository, "..", "shared", "fixtures", "c2pa");

    /// <summary>A sample file; a clear failure (not a skip) when the shared folder is not beside the clone, as it is in CI.</summary>
    public static string Fixture(string relative)
    {
        if (!Directory.Exists(Fixtures))
        {
            throw new InvalidOperationException($"The shared C2PA fixtures are not at {Path.GetFullPath(Fixtures)}: clone Senim beside the shared folder (CI does), so that ../shared/fixtures/c2pa exists.");
        }

        return Path.Combine(Fixtures, relative);
    }

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
