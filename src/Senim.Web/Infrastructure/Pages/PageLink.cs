namespace Senim.Web.Infrastructure.Pages;

/// <summary>
/// A generated page address with a query (the list's filters, its page number). The path comes from routing
/// (<c>Url.Page("/Register/Index")</c>), never from a literal, so a moved page moves its links too; "page" is a
/// query value here, not a route value, because Razor Pages keeps that name for the page itself.
/// </summary>
public static class PageLink
{
    /// <summary>The path with the values that are set (empty ones are left out), in the order given.</summary>
    public static string With(string? path, params (string Name, string? Value)[] values)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(values);
        return path + QueryString.Create(values.Where(v => !string.IsNullOrEmpty(v.Value)).Select(v => KeyValuePair.Create(v.Name, v.Value)));
    }

    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
