using Senim.Law.Texts;

namespace Senim.Web.Infrastructure;

/// <summary>GET /lang/{code}?return=/path: remembers the language in a cookie and goes back. Works without JavaScript.</summary>
public static class LanguageSwitch
{
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
            return Results.Redirect(target);
        }).ExcludeFromDescription();
        return app;
    }

    private static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));
}
