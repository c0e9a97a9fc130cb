using System.Numerics;

namespace Senim.Ledger.Merkle;

/// <summary>Integer arithmetic on RFC 9162 trees.</summary>
internal static class TreeMath
{
    /// <summary>The largest power of two strictly below <paramref name="n"/> (n ≥ 2): the RFC's k.</summary>
    public static long LargestPowerOfTwoBelow(long n) => 1L << (63 - BitOperations.LeadingZeroCount((ulong)(n - 1)));

    public static bool IsPowerOfTwo(long n) => n > 0 && (n & (n - 1)) == 0;
}
