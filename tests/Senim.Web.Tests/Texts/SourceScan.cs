using System.Text.RegularExpressions;
using Senim.Web.Tests.Support;

namespace Senim.Web.Tests.Texts;

/// <summary>One match in a source file, named by its path under src/ and its line, for a readable failure.</summary>
public sealed record SourceHit(string File, int Line, string Text)
{
    public override string ToString() => $"{File}:{Line}: {Text}";
}

/// <summary>Reads the web host's (and the register's) sources as text, for the tests that guard how texts and links are written.</summary>
public static partial class SourceScan
{
    public static string Src => Path.Combine(RepoPaths.Root, "src");

    /// <summary>The views and C# files of a project under src/ (not bin, obj or migrations).</summary>
    public static IEnumerable<(string Path, string Text)> Files(string project, params string[] extensions)
    {
        var root = Path.Combine(Src, project);
        return Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => extensions.Any(e => f.EndsWith(e, StringComparison.Ordinal)))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(f => (Path.GetRelativePath(Src, f).Replace('\\', '/'), File.ReadAllText(f)));
    }

    /// <summary>The web host's views and C# files.</summary>
    public static IEnumerable<(string Path, string Text)> Web() => Files("Senim.Web", ".cs", ".cshtml");

    /// <summary>Every match of <paramref name="pattern"/> in the text, with its line; the group named "hit" when there is one.</summary>
    public static IEnumerable<SourceHit> Find(string path, string text, Regex pattern)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(pattern);
        foreach (Match match in pattern.Matches(text))
        {
            var group = match.Groups["hit"].Success ? match.Groups["hit"] : match.Groups[0];
            yield return new SourceHit(path, LineOf(text, match.Index), group.Value);
        }
    }

    /// <summary>String literals that read like a text key (lower-case segments joined by dots), with what stands just before them.</summary>
    public static IEnumerable<(SourceHit Hit, string Before)> KeyLiterals(string path, string text)
    {
        foreach (Match match in KeyLiteral().Matches(text))
        {
            var start = Math.Max(0, match.Index - 16);
            yield return (new SourceHit(path, LineOf(text, match.Index), match.Groups["key"].Value), text[start..match.Index]);
        }
    }

    private static int LineOf(string text, int index) => text.AsSpan(0, index).Count('\n') + 1;

    [GeneratedRegex(@"(?<![\w$@])""(?<key>[a-z][a-z0-9-]*(?:\.[A-Za-z0-9_-]+)+)""")]
    private static partial Regex KeyLiteral();
}
