using Senim.Law.Engine;

namespace Senim.Web.Infrastructure;

/// <summary>The order pages put law packs in: Kazakhstan's law first, the other acts after it in their own order.</summary>
public static class LawOrder
{
    /// <summary>The packs with Kazakhstan's first (the library keeps folder order, where eu/ sorts before kz/).</summary>
    public static IReadOnlyList<CompiledPack> KazakhFirst(this IEnumerable<CompiledPack> packs) =>
        [.. packs.OrderBy(p => p.Pack.Header.Jurisdiction.Equals("KZ", StringComparison.OrdinalIgnoreCase) ? 0 : 1)];
}
