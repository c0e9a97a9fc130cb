using System.Text.Json.Serialization;

namespace Senim.Web.Infrastructure.Api;

/// <summary>One page of a list, as every list endpoint returns it.</summary>
public sealed record PageResource<T>(
    IReadOnlyList<T> Items,
    int Total,
    int Page,
    [property: JsonPropertyName("page_size")] int PageSize,
    int Pages);

/// <summary>Builds <see cref="PageResource{T}"/> from the register's pages and from short lists already in memory.</summary>
public static class PageResource
{
    public static PageResource<T> From<TSource, T>(Page<TSource> page, Func<TSource, T> map)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(map);
        return new PageResource<T>([.. page.Items.Select(map)], page.Total, page.PageNumber, page.PageSize, page.Pages);
    }

    /// <summary>A page cut from a short list already in memory, with the same rules as the register's queries.</summary>
    public static PageResource<T> Of<T>(IReadOnlyList<T> all, PageRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (page, size) = request.Resolve();
        return From(Paging.Of(all, page, size), x => x);
    }
}
