using System.IO.Compression;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Senim.Registry.Data;
using Senim.Registry.Model;
using Senim.Web.Tests.Support;

namespace Senim.Web.Tests.AdminLaw;

/// <summary>Zipped law folders for the upload tests, made from the repository's law/ folder.</summary>
public static class LawZips
{
    private const string HarmRule = "    when: kz.risk.harm = yes\n    conclusion: kz.risk_tier\n    value: medium";

    /// <summary>The law folder under law/, each file passed through <paramref name="change"/>.</summary>
    public static byte[] Of(Func<string, string, string> change)
    {
        var entries = new List<(string, byte[])>();
        foreach (var path in Directory.EnumerateFiles(RepoPaths.Law, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(RepoPaths.Law, path).Replace('\\', '/');
            entries.Add(("law/" + relative, Encoding.UTF8.GetBytes(change(relative, File.ReadAllText(path)))));
        }

        return Build(entries);
    }

    /// <summary>Law 230-VIII amended so that possible moral or material harm makes a system high-risk, as kz-230 2027.1.0.</summary>
    public static byte[] HarmIsHighRisk() => Of((path, text) => path switch
    {
        "kz/pack.yaml" => Replace(text, "  version: 2026.12.2", "  version: 2027.1.0"),
        "kz/rules.yaml" => Replace(text, HarmRule, HarmRule.Replace("value: medium", "value: high", StringComparison.Ordinal)),
        _ => text,
    });

    /// <summary>A new version whose rules refer to a conclusion that does not exist and carry an unknown key.</summary>
    public static byte[] Broken() => Of((path, text) => path switch
    {
        "kz/pack.yaml" => Replace(text, "  version: 2026.12.2", "  version: 2027.1.0"),
        "kz/rules.yaml" => Replace(Replace(text, HarmRule, HarmRule.Replace("conclusion: kz.risk_tier", "conclusion: kz.no_such_tier", StringComparison.Ordinal)),
            "  - id: kz.r.scope.ai_system\n", "  - id: kz.r.scope.ai_system\n    colour: blue\n"),
        _ => text,
    });

    /// <summary>5 MB of zeros in one entry: a few kilobytes compressed.</summary>
    public static byte[] Bomb() => Build([("law/kz/pack.yaml", new byte[5 * 1024 * 1024])]);

    public static byte[] Build(IEnumerable<(string Name, byte[] Bytes)> entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in entries)
            {
                using var stream = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
                stream.Write(bytes);
            }
        }

        return buffer.ToArray();
    }

    private static string Replace(string text, string old, string replacement)
    {
        Assert.Contains(old, text, StringComparison.Ordinal);
        return text.Replace(old, replacement, StringComparison.Ordinal);
    }

    /// <summary>
    /// Which systems the amendment changes, worked out independently of the service: exactly those whose
    /// current classification is medium-risk under Law 230-VIII and whose owner answered that a failure
    /// could cause harm (the amended rule), leaving out removed systems.
    /// </summary>
    public static async Task<HashSet<Guid>> AffectedAsync(SenimFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDb>();
        var rows = await db.Classifications.Where(c => c.IsCurrent && c.KzTier == "medium")
            .Join(db.Systems.Where(s => s.Status != SystemStatus.Removed), c => c.SystemId, s => s.Id, (c, s) => new { s.Id, c.AnswersJson })
            .ToListAsync();
        return [.. rows.Where(r => r.AnswersJson.Contains("\"kz.risk.harm\":\"yes\"", StringComparison.Ordinal)).Select(r => r.Id)];
    }

    public static ByteArrayContent Zip(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/zip");
        return content;
    }
}
