namespace Senim.Web.Infrastructure.Api;

/// <summary>
/// The page and page_size query parameters of every list endpoint, bound with [AsParameters]: page ≥ 1
/// (default 1), 1 ≤ page_size ≤ 100 (default 20). A value out of range is a 400 naming the parameter.
/// </summary>
public sealed class PageRequest
{
    [FromQuery(Name = "page")]
    public int? Page { get; init; }

    [FromQuery(Name = "page_size")]
    public int? PageSize { get; init; }

    /// <summary>The checked page number and size.</summary>
    public (int Page, int Size) Resolve()
    {
        var page = Page ?? 1;
        var size = PageSize ?? Paging.DefaultPageSize;
        Paging.Validate(page, size);
        return (page, size);
    }
}
