using System.IO.Compression;
using System.Text;
using Senim.Registry.Tests.Support;

namespace Senim.Registry.Tests.AdminLaw;

/// <summary>Zips of law folders for the upload tests: the repository's law folder, changed as a test needs.</summary>
public static class LawZip
{
    /// <summary>The repository's law folder under law/, each file passed through <paramref name="change"/> (null drops it).</summary>
    public static byte[] Of(Func<string, string, string?>? change = null, string top = "law/")
    {
        var root = Path.Combine(TestRegistry.RepoRoot, "law");
        var entries = new List<(string, string)>();
        foreach (var path in Directory.EnumerateFiles(root, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(root, path).Replace('\\', '/');
            var text = File.ReadAllText(path);
            if ((change is null ? text : change(relative, text)) is { } kept)
            {
                entries.Add((top + relative, kept));
            }
        }

        return Build(entries);
    }

    /// <summary>Law 230-VIII amended so that possible moral or material harm makes a system high-risk (kz-230 2027.1.0).</summary>
    public static byte[] HarmIsHighRisk() => Of((path, text) => path switch
    {
        "kz/pack.yaml" => Replace(text, "  version: 2026.12.2", "  version: 2027.1.0"),
        "kz/rules.yaml" => Replace(text, "    when: kz.risk.harm = yes\n    conclusion: kz.risk_tier\n    value: medium", "    when: kz.risk.harm = yes\n    conclusion: kz.risk_tier\n    value: high"),
        _ => text,
    });

    public static byte[] Build(IEnumerable<(string Name, string Text)> entries) =>
        BuildBytes(entries.Select(e => (e.Name, Encoding.UTF8.GetBytes(e.Text))));

    public static byte[] BuildBytes(IEnumerable<(string Name, byte[] Bytes)> entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in entries)
            {
                var entry = zip.CreateEntry(name, CompressionLevel.Fastest);
                using var stream = entry.Open();
                stream.Write(bytes);
            }
        }

        return buffer.ToArray();
    }

    public static string Replace(string text, string old, string replacement)
    {
        Assert.Contains(old, text, StringComparison.Ordinal);
        return text.Replace(old, replacement, StringComparison.Ordinal);
    }
}
