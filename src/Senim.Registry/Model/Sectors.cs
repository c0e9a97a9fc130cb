namespace Senim.Registry.Model;

/// <summary>The sectors a system can be filed under (their names are UI texts: sector.CODE).</summary>
public static class Sectors
{
    public static IReadOnlyList<string> All { get; } =
    [
        "finance", "healthcare", "education", "employment", "energy", "transport", "telecommunications",
        "public-administration", "justice", "law-enforcement", "retail", "media", "agriculture",
        "manufacturing", "services", "other",
    ];

    public static bool IsKnown(string? code) => code is not null && All.Contains(code);
}
