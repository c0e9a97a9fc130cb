namespace Senim.Web.Infrastructure;

/// <summary>Names the law packs give: a pack's tier conclusion names its tiers, so no page keeps its own copy.</summary>
public static class LawNames
{
    /// <summary>The text of a tier value of the pack of a jurisdiction (KZ, EU); null when the pack has no such tier.</summary>
    public static string? Tier(LawLibrary library, string jurisdiction, string code, Language language) =>
        TierValue(library, jurisdiction, code)?.Text[language];

    /// <summary>The tier value of the pack of a jurisdiction; null when the library has no such pack or value.</summary>
    public static ConclusionValue? TierValue(LawLibrary library, string jurisdiction, string code)
    {
        ArgumentNullException.ThrowIfNull(library);
        return Tiers(library, jurisdiction).FirstOrDefault(v => v.Id == code);
    }

    /// <summary>Every tier of the pack of a jurisdiction, lowest first, as the pack declares them.</summary>
    public static IReadOnlyList<ConclusionValue> Tiers(LawLibrary library, string jurisdiction)
    {
        ArgumentNullException.ThrowIfNull(library);
        var pack = library.Packs.FirstOrDefault(p => p.Pack.Header.Jurisdiction == jurisdiction)?.Pack;
        return pack?.Conclusions.FirstOrDefault(c => c.Id == pack.Header.TierConclusion)?.Values ?? [];
    }
}
