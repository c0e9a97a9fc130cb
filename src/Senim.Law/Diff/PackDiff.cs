using System.Collections;
using System.Globalization;
using System.Reflection;
using Senim.Law.Packs;
using Senim.Law.Texts;

namespace Senim.Law.Diff;

/// <summary>What changed in one field of an item: the field path (text.ru, when, options[owner].text.en) and both values.</summary>
public sealed record FieldChange(string Field, string? Old, string? New);

/// <summary>One item that was added, removed or changed.</summary>
public sealed record ItemChange(string Section, string Id, ChangeKind Kind, IReadOnlyList<FieldChange> Fields);

/// <summary>How an item changed.</summary>
public enum ChangeKind
{
    /// <summary>Only in the new version.</summary>
    Added,

    /// <summary>Only in the old version.</summary>
    Removed,

    /// <summary>In both, with different content.</summary>
    Changed,
}

/// <summary>The differences between two versions of one pack (or a pack only in one of them).</summary>
public sealed record PackChanges(string PackId, string? OldVersion, string? NewVersion, string? OldHash, string? NewHash, IReadOnlyList<ItemChange> Items)
{
    /// <summary>True when the two versions have the same content.</summary>
    public bool IsUnchanged => OldHash == NewHash && Items.Count == 0;
}

/// <summary>Compares law packs section by section and field by field, for reviewing a new pack version.</summary>
public static class PackDiff
{
    /// <summary>Compares every pack of two libraries, matched by pack id.</summary>
    public static IReadOnlyList<PackChanges> Compare(LawLibrary oldLibrary, LawLibrary newLibrary)
    {
        ArgumentNullException.ThrowIfNull(oldLibrary);
        ArgumentNullException.ThrowIfNull(newLibrary);
        var ids = oldLibrary.Packs.Select(p => p.Pack.Id).Union(newLibrary.Packs.Select(p => p.Pack.Id)).Order(StringComparer.Ordinal);
        var result = new List<PackChanges>();
        foreach (var id in ids)
        {
            var before = oldLibrary.Find(id);
            var after = newLibrary.Find(id);
            var items = Compare(before?.Pack, after?.Pack);
            result.Add(new PackChanges(id, before?.Pack.Header.Version, after?.Pack.Header.Version, before?.ContentHash, after?.ContentHash, items));
        }

        return result;
    }

    /// <summary>Compares two versions of a pack; either may be null (pack added or removed).</summary>
    public static IReadOnlyList<ItemChange> Compare(LawPack? before, LawPack? after)
    {
        var changes = new List<ItemChange>();
        if (before is not null && after is not null)
        {
            var header = Changes(Flatten(before.Header), Flatten(after.Header));
            if (header.Count > 0)
            {
                changes.Add(new ItemChange("pack", after.Id, ChangeKind.Changed, header));
            }
        }

        foreach (var (section, select) in Sections)
        {
            var oldItems = before is null ? [] : select(before);
            var newItems = after is null ? [] : select(after);
            var oldById = oldItems.GroupBy(IdOf, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
            var newById = newItems.GroupBy(IdOf, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
            foreach (var item in newItems.Where(i => !oldById.ContainsKey(IdOf(i))))
            {
                changes.Add(new ItemChange(section, IdOf(item), ChangeKind.Added, Changes([], Flatten(item))));
            }

            foreach (var item in oldItems.Where(i => !newById.ContainsKey(IdOf(i))))
            {
                changes.Add(new ItemChange(section, IdOf(item), ChangeKind.Removed, Changes(Flatten(item), [])));
            }

            foreach (var item in newItems.Where(i => oldById.ContainsKey(IdOf(i))))
            {
                var fields = Changes(Flatten(oldById[IdOf(item)]), Flatten(item));
                if (fields.Count > 0)
                {
                    changes.Add(new ItemChange(section, IdOf(item), ChangeKind.Changed, fields));
                }
            }
        }

        return changes;
    }

    private static readonly (string Section, Func<LawPack, IEnumerable<object>> Select)[] Sections =
    [
        ("sources", p => p.Sources),
        ("articles", p => p.Articles),
        ("steps", p => p.Steps),
        ("questions", p => p.Questions),
        ("conclusions", p => p.Conclusions),
        ("rules", p => p.Rules),
        ("obligations", p => p.Obligations),
        ("documents", p => p.Documents),
        ("next_steps", p => p.NextSteps),
        ("dates", p => p.Dates),
        ("fines", p => p.Fines),
        ("process", p => p.Process),
        ("field_sets", p => p.FieldSets),
        ("checklists", p => p.Checklists),
        ("deadlines", p => p.Deadlines),
    ];

    private static string IdOf(object item) =>
        item.GetType().GetProperty("Id")?.GetValue(item) as string ?? "";

    private static List<FieldChange> Changes(Dictionary<string, string> before, Dictionary<string, string> after)
    {
        var keys = before.Keys.Union(after.Keys).Order(StringComparer.Ordinal);
        var list = new List<FieldChange>();
        foreach (var key in keys)
        {
            before.TryGetValue(key, out var o);
            after.TryGetValue(key, out var n);
            if (o != n)
            {
                list.Add(new FieldChange(key, o, n));
            }
        }

        return list;
    }

    /// <summary>Flattens an item into field path → value, ignoring where it was read from.</summary>
    private static Dictionary<string, string> Flatten(object item)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        FlattenInto(fields, "", item);
        return fields;
    }

    private static void FlattenInto(Dictionary<string, string> fields, string prefix, object? value)
    {
        switch (value)
        {
            case null:
                return;
            case string s:
                fields[prefix] = s;
                return;
            case LocalizedText t:
                fields[Join(prefix, "kk")] = t.Kk;
                fields[Join(prefix, "ru")] = t.Ru;
                fields[Join(prefix, "en")] = t.En;
                return;
            case SourceLocation:
                return;
            case SourceStatus status:
                fields[prefix] = status.Code();
                return;
            case DateOnly date:
                fields[prefix] = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                return;
            case DateBound bound:
                fields[prefix] = bound.ToString();
                return;
            case Enum e:
                fields[prefix] = e.ToString().ToLowerInvariant();
                return;
            case bool b:
                fields[prefix] = b ? "true" : "false";
                return;
            case IFormattable f:
                fields[prefix] = f.ToString(null, CultureInfo.InvariantCulture);
                return;
            case IEnumerable list:
                var items = list.Cast<object>().ToList();
                if (items.All(i => i is string))
                {
                    fields[prefix] = "[" + string.Join(", ", items) + "]";
                    return;
                }

                for (var i = 0; i < items.Count; i++)
                {
                    var key = IdOf(items[i]) is { Length: > 0 } id ? id : i.ToString(CultureInfo.InvariantCulture);
                    FlattenInto(fields, $"{prefix}[{key}]", items[i]);
                }

                return;
        }

        foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || property.Name is "Location" or "EqualityContract")
            {
                continue;
            }

            FlattenInto(fields, Join(prefix, ToSnake(property.Name)), property.GetValue(value));
        }
    }

    private static string Join(string prefix, string name) => prefix.Length == 0 ? name : prefix + "." + name;

    private static string ToSnake(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
