namespace Senim.Registry.Services;

/// <summary>Checks page and page_size of a list request the same way everywhere.</summary>
public static class Paging
{
    public const int MaxPageSize = 100;
    public const int MaxPage = 10_000;
    public const int DefaultPageSize = 20;

    public static void Validate(int page, int pageSize)
    {
        var errors = new FieldErrors();
        if (page is < 1 or > MaxPage)
        {
            errors.Add("page", "page-range", "must be between 1 and {0}", MaxPage);
        }

        if (pageSize is < 1 or > MaxPageSize)
        {
            errors.Add("page_size", "page-size-range", "must be between 1 and {0}", MaxPageSize);
        }

        errors.ThrowIfAny();
    }

    /// <summary>A page cut from a list already in memory (small, bounded lists only).</summary>
    public static Page<T> Of<T>(IReadOnlyList<T> all, int page, int pageSize)
    {
        ArgumentNullException.ThrowIfNull(all);
        Validate(page, pageSize);
        return new Page<T>([.. all.Skip((page - 1) * pageSize).Take(pageSize)], all.Count, page, pageSize);
    }
}
