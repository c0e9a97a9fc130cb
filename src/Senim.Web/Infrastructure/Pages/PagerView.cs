namespace Senim.Web.Infrastructure.Pages;

/// <summary>Links to the previous and next page of a list (plain links: no script needed).</summary>
/// <param name="Url">The list's address; page=N is added to its query.</param>
public sealed record PagerView(int Page, int Pages, string Url)
{
    public string Link(int page) => Url + (Url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "page=" + page.ToString(CultureInfo.InvariantCulture);
}
