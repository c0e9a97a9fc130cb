namespace Senim.Benchmarks;

/// <summary>Finds the repository's law folder from wherever BenchmarkDotNet runs the benchmark.</summary>
internal static class BenchPaths
{
    public static string Law { get; } = Find();

    private static string Find()
    {
        if (Environment.GetEnvironmentVariable("SENIM_LAW_DIR") is { Length: > 0 } configured)
        {
            return configured;
        }

        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Senim.slnx")))
                {
                    return Path.Combine(dir.FullName, "law");
                }
            }
        }

        throw new InvalidOperationException("Run the benchmarks from inside the Senim repository, or set SENIM_LAW_DIR.");
    }
}
