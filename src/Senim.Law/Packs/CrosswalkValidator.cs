namespace Senim.Law.Packs;

/// <summary>
/// Checks a crosswalk against the packs it joins: both packs exist; every obligation and every
/// prohibited capability of the source pack is mapped exactly once; every target exists.
/// </summary>
internal static class CrosswalkValidator
{
    public static void Validate(Crosswalk crosswalk, IReadOnlyDictionary<string, LawPack> packs, List<PackError> errors)
    {
        void Error(PackErrorKind kind, SourceLocation at, string? id, string message) =>
            errors.Add(new PackError(kind, at.File, at.Line, id, message));

        if (!packs.TryGetValue(crosswalk.From, out var from))
        {
            Error(PackErrorKind.DanglingReference, crosswalk.Location, crosswalk.Id, $"maps from pack '{crosswalk.From}', which is not loaded");
            return;
        }

        if (!packs.TryGetValue(crosswalk.To, out var to))
        {
            Error(PackErrorKind.DanglingReference, crosswalk.Location, crosswalk.Id, $"maps to pack '{crosswalk.To}', which is not loaded");
            return;
        }

        var mustMap = MappableItems(from, includeArticles: false);
        var targets = MappableItems(to, includeArticles: true);
        var mapped = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        foreach (var entry in crosswalk.Entries)
        {
            if (!mustMap.Contains(entry.From))
            {
                Error(PackErrorKind.DanglingReference, entry.Location, entry.From, $"is not an obligation or prohibited capability of pack '{from.Id}'");
            }
            else if (!mapped.TryAdd(entry.From, entry.Location))
            {
                Error(PackErrorKind.DuplicateId, entry.Location, entry.From, $"is mapped twice (first at {mapped[entry.From]})");
            }

            foreach (var target in entry.To.Where(t => !targets.Contains(t)))
            {
                Error(PackErrorKind.DanglingReference, entry.Location, entry.From, $"maps to '{target}', which is not an obligation, prohibited practice or article of pack '{to.Id}'");
            }

            if ((entry.Relation == CrosswalkRelation.None) != (entry.To.Count == 0))
            {
                Error(PackErrorKind.InvalidValue, entry.Location, entry.From, "'relation: none' goes with an empty 'to: []', and only with it");
            }
        }

        foreach (var item in mustMap.Where(i => !mapped.ContainsKey(i)).Order(StringComparer.Ordinal))
        {
            Error(PackErrorKind.MissingField, crosswalk.Location, item, $"has no entry in crosswalk '{crosswalk.Id}' (map it, or map it to 'to: []' with 'relation: none')");
        }
    }

    private static HashSet<string> MappableItems(LawPack pack, bool includeArticles)
    {
        var items = pack.Obligations.Select(o => o.Id).ToHashSet(StringComparer.Ordinal);
        if (pack.Header.ProhibitionsConclusion is { } prohibitions &&
            pack.Conclusions.FirstOrDefault(c => c.Id == prohibitions) is { } conclusion)
        {
            items.UnionWith(conclusion.Values.Select(v => v.Id));
        }

        if (includeArticles)
        {
            items.UnionWith(pack.Articles.Select(a => a.Id));
        }

        return items;
    }
}
