using Microsoft.AspNetCore.Mvc.Filters;

namespace Senim.Web.Infrastructure.Pages;

/// <summary>
/// A request naming a page handler the page does not have (<c>?handler=x</c>, or a handler of another HTTP method) is
/// a 404. Razor Pages would otherwise run the unnamed handler in its place, or, on a page with named handlers only,
/// render the page without running any, so its model is never loaded and the view fails with a 500. One filter for
/// every page (a convention in <c>WebHosting</c>), not a check per page.
/// </summary>
public sealed class UnknownHandlerFilter : IPageFilter
{
    public void OnPageHandlerSelected(PageHandlerSelectedContext context)
    {
    }

    public void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (Named(context.HttpContext, context.RouteData.Values) is { } name
            && !string.Equals(context.HandlerMethod?.Name, name, StringComparison.OrdinalIgnoreCase))
        {
            context.Result = new NotFoundResult();
        }
    }

    public void OnPageHandlerExecuted(PageHandlerExecutedContext context)
    {
    }

    /// <summary>The handler the request names, in the route or else the query string (where Razor Pages looks for one).</summary>
    private static string? Named(HttpContext context, RouteValueDictionary route) =>
        route.TryGetValue("handler", out var value) && value is string { Length: > 0 } fromRoute ? fromRoute
        : context.Request.Query["handler"] is { Count: > 0 } query && !string.IsNullOrEmpty(query[0]) ? query[0] : null;
}
