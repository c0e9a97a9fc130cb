using System.Globalization;
using System.Text;

namespace Senim.Ledger.Tiles;

/// <summary>
/// C2SP tlog-tiles resource paths: <c>tile/&lt;L&gt;/&lt;N&gt;[.p/&lt;W&gt;]</c> for hash tiles and
/// <c>tile/entries/&lt;N&gt;[.p/&lt;W&gt;]</c> for entry bundles, with N written in groups of three digits, every
/// group but the last prefixed with "x" (1234067 → x001/x234/067).
/// </summary>
public readonly record struct TilePath(bool IsEntries, int Level, long Index, int Width)
{
    /// <summary>Hashes per full tile (tile height 8).</summary>
    public const int FullWidth = 256;

    /// <summary>Tree levels per tile level.</summary>
    public const int Height = 8;

    /// <summary>The largest tile index: its first hash, index·256, still fits a long (a larger one names no tile of any tree).</summary>
    public const long MaxIndex = long.MaxValue / FullWidth;

    /// <summary>The level index of the tile's first hash (<see cref="Index"/>·256).</summary>
    public long FirstIndex => Index * FullWidth;

    /// <summary>Whether this is a partial tile (width below 256).</summary>
    public bool IsPartial => Width < FullWidth;

    /// <summary>A hash tile.</summary>
    public static TilePath Hashes(int level, long index, int width = FullWidth) => Check(new TilePath(false, level, index, width));

    /// <summary>An entry bundle.</summary>
    public static TilePath Entries(long index, int width = FullWidth) => Check(new TilePath(true, 0, index, width));

    /// <summary>The path, relative to the log's prefix.</summary>
    public override string ToString()
    {
        var path = new StringBuilder("tile/");
        path.Append(IsEntries ? "entries" : Level.ToString(CultureInfo.InvariantCulture)).Append('/').Append(IndexPath(Index));
        if (IsPartial)
        {
            path.Append(".p/").Append(Width.ToString(CultureInfo.InvariantCulture));
        }

        return path.ToString();
    }

    /// <summary>The x-prefixed three-digit groups of a tile index.</summary>
    public static string IndexPath(long index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var path = (index % 1000).ToString("000", CultureInfo.InvariantCulture);
        for (index /= 1000; index > 0; index /= 1000)
        {
            path = "x" + (index % 1000).ToString("000", CultureInfo.InvariantCulture) + "/" + path;
        }

        return path;
    }

    /// <summary>Parses a path such as "tile/0/x001/234.p/7" or "tile/entries/005" strictly.</summary>
    public static TilePath Parse(string path)
    {
        if (!TryParse(path, out var parsed, out var error))
        {
            throw new LedgerException(LedgerError.Malformed, error);
        }

        return parsed;
    }

    /// <summary>Parses a tile path strictly; on failure <paramref name="error"/> says why.</summary>
    public static bool TryParse(string? path, out TilePath parsed, out string error)
    {
        parsed = default;
        error = string.Empty;
        if (path is null || path.Length > 128 || !path.StartsWith("tile/", StringComparison.Ordinal))
        {
            error = "A tile path starts with 'tile/'.";
            return false;
        }

        var parts = path[5..].Split('/');
        if (parts.Length < 2)
        {
            error = "A tile path has a level (or 'entries') and an index.";
            return false;
        }

        var entries = parts[0] == "entries";
        var level = 0;
        if (!entries && (!TryDecimal(parts[0], 63, out var l) || (level = (int)l) < 0))
        {
            error = $"The tile level '{parts[0]}' is not a decimal between 0 and 63.";
            return false;
        }

        var rest = parts[1..];
        var width = FullWidth;
        var last = rest[^1];
        if (rest.Length >= 2 && rest[^2].EndsWith(".p", StringComparison.Ordinal))
        {
            if (!TryDecimal(last, 255, out var w) || w == 0)
            {
                error = $"The partial width '{last}' is not a decimal between 1 and 255.";
                return false;
            }

            width = (int)w;
            rest = [.. rest[..^2], rest[^2][..^2]];
        }

        if (rest.Length > 7)
        {
            error = "The tile index has too many groups.";
            return false;
        }

        long index = 0;
        for (var i = 0; i < rest.Length; i++)
        {
            var group = rest[i];
            var isLast = i == rest.Length - 1;
            if (!isLast)
            {
                if (!group.StartsWith('x'))
                {
                    error = $"Index group '{group}' must start with 'x' (all groups but the last do).";
                    return false;
                }

                group = group[1..];
            }

            if (group.Length != 3 || !group.All(char.IsAsciiDigit))
            {
                error = $"Index group '{rest[i]}' is not three digits.";
                return false;
            }

            var value = int.Parse(group, CultureInfo.InvariantCulture);
            if (i == 0 && rest.Length > 1 && value == 0)
            {
                error = "The tile index has a leading group of zeros.";
                return false;
            }

            if (index > (long.MaxValue - value) / 1000)
            {
                error = "The tile index is too large.";
                return false;
            }

            index = (index * 1000) + value;
        }

        if (index > MaxIndex)
        {
            error = $"The tile index is too large: at most {MaxIndex} (its first hash, index·256, must fit a 64-bit tree).";
            return false;
        }

        parsed = new TilePath(entries, level, index, width);
        return true;
    }

    private static bool TryDecimal(string text, long max, out long value)
    {
        value = 0;
        if (text.Length == 0 || text.Length > 3 || (text.Length > 1 && text[0] == '0') || !text.All(char.IsAsciiDigit))
        {
            return false;
        }

        value = long.Parse(text, CultureInfo.InvariantCulture);
        return value <= max;
    }

    private static TilePath Check(TilePath path)
    {
        if (path.Level is < 0 or > 63 || path.Index is < 0 or > MaxIndex || path.Width is < 1 or > FullWidth)
        {
            throw new LedgerException(LedgerError.OutOfRange, $"No tile at level {path.Level}, index {path.Index}, width {path.Width}.");
        }

        return path;
    }
}
