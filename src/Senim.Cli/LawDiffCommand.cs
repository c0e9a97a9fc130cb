using System.Text.Encodings.Web;
using System.Text.Json;
using Senim.Law.Diff;

namespace Senim.Cli;

/// <summary>`senim law diff OLD NEW`: the review view of a pack change.</summary>
internal static class LawDiffCommand
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static int Run(CliContext context, string oldDir, string newDir, string format)
    {
        if (LawCommands.TryLoad(context, oldDir) is not { } before || LawCommands.TryLoad(context, newDir) is not { } after)
        {
            return ExitCodes.InvalidInput;
        }

        var changes = PackDiff.Compare(before, after);
        if (format == "json")
        {
            context.Output.WriteLine(JsonSerializer.Serialize(changes, JsonOptions));
        }
        else
        {
            foreach (var pack in changes)
            {
                WritePack(context.Output, pack);
            }
        }

        return changes.All(c => c.IsUnchanged) ? ExitCodes.Ok : ExitCodes.Failure;
    }

    private static void WritePack(TextWriter o, PackChanges pack)
    {
        if (pack.OldVersion is null)
        {
            o.WriteLine($"+ pack {pack.PackId} {pack.NewVersion} (added)");
            return;
        }

        if (pack.NewVersion is null)
        {
            o.WriteLine($"- pack {pack.PackId} {pack.OldVersion} (removed)");
            return;
        }

        o.WriteLine($"pack {pack.PackId}: {pack.OldVersion} -> {pack.NewVersion}");
        o.WriteLine($"  hash {pack.OldHash} -> {pack.NewHash}");
        if (pack.IsUnchanged)
        {
            o.WriteLine("  no changes");
            return;
        }

        if (pack.OldVersion == pack.NewVersion && pack.OldHash != pack.NewHash)
        {
            o.WriteLine("  warning: the content changed but the version did not; bump 'version' in pack.yaml");
        }

        foreach (var section in pack.Items.GroupBy(i => i.Section))
        {
            var added = section.Count(i => i.Kind == ChangeKind.Added);
            var removed = section.Count(i => i.Kind == ChangeKind.Removed);
            var changed = section.Count(i => i.Kind == ChangeKind.Changed);
            o.WriteLine($"  {section.Key}: {added} added, {removed} removed, {changed} changed");
            foreach (var item in section)
            {
                var mark = item.Kind switch { ChangeKind.Added => "+", ChangeKind.Removed => "-", _ => "~" };
                o.WriteLine($"    {mark} {item.Id}");
                if (item.Kind == ChangeKind.Changed)
                {
                    foreach (var field in item.Fields)
                    {
                        o.WriteLine($"        {field.Field}: {Quote(field.Old)} -> {Quote(field.New)}");
                    }
                }
            }
        }
    }

    private static string Quote(string? value) => value is null ? "(none)" : "\"" + (value.Length > 160 ? value[..160] + "…" : value) + "\"";
}
