using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Senim.Web.Tests.Support;

/// <summary>The real web host, in memory, on the repository's law packs.</summary>
public sealed class SenimFactory : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Senim:LawDir", RepoPaths.Law);
        builder.UseSetting("Senim:DefaultLanguage", "en");
    }
}

/// <summary>Paths in the repository, found from the test's own folder.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Law => Path.Combine(Root, "law");

    public static string Docs => Path.Combine(Root, "docs");

    /// <summary>Where tests leave artifacts (screenshots): artifacts/ at the repository root, ignored by git.</summary>
    public static string Artifacts
    {
        get
        {
            var dir = Path.Combine(Root, "artifacts", "screenshots");
            Directory.CreateDirectory(dir);
            return dir;
        }
    }

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
