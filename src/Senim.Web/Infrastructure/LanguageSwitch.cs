namespace Senim.Web.Infrastructure;

/// <summary>GET /lang/{code}?return=/path: remembers the language in a cookie and goes back. Works without JavaScript.</summary>
public static class LanguageSwitch
{
    /// <summary>The route's name, for links (<c>asp-route="SwitchLanguage"</c>).</summary>
    public const string RouteName = "SwitchLanguage";

    public static IEndpointRouteBuilder MapLanguageSwitch(this IEndpointRouteBuilder app)
    {
        app.MapGet("/lang/{code}", (string code, string? @return, HttpContext context) =>
        {
            if (!Languages.TryParse(code, out var language) || code.Length != 2)
            {
                return Results.Problem(statusCode: 400, title: "Unknown language", detail: $"'{code}' is not kk, ru or en.");
            }

            RequestLanguage.Set(context.Response, language);
            var target = IsLocal(@return) ? @return! : "/";
            return Results.Redirect(HeaderSafe(target));
        }).WithName(RouteName).ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// The path as a Location header may carry it: a page with a Cyrillic or Kazakh search (/register?q=кредит) comes
    /// back percent-encoded (UTF-8), and control characters cannot split the header.
    /// </summary>
    internal static string HeaderSafe(string path)
    {
        var builder = new System.Text.StringBuilder(path.Length);
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in path.EnumerateRunes())
        {
            if (rune.Value is > 0x20 and < 0x7F)
            {
                builder.Append((char)rune.Value);
                continue;
            }

            foreach (var b in utf8[..rune.EncodeToUtf8(utf8)])
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    private static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));
}
