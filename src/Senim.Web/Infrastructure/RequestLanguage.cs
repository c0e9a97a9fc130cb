namespace Senim.Web.Infrastructure;

/// <summary>
/// Picks the language of each request: the senim-lang cookie, else the browser's Accept-Language,
/// else the configured default. A cookie, not a query string, so the choice survives form posts.
/// </summary>
public static class RequestLanguage
{
    public const string CookieName = "senim-lang";

    private static readonly object Key = new();

    /// <summary>
    /// The language a "lang" query parameter asks for, else the request's; an unknown value is a 400
    /// naming the parameter (an answer in a language the caller did not ask for would hide their mistake).
    /// </summary>
    public static Language FromQuery(string? lang, HttpContext context)
    {
        if (string.IsNullOrEmpty(lang))
        {
            return Get(context);
        }

        if (lang.Length == 2 && Languages.TryParse(lang, out var chosen))
        {
            return chosen;
        }

        var errors = new Senim.Registry.Access.FieldErrors();
        errors.Add("lang", "lang-unknown", "use kk, ru or en");
        errors.ThrowIfAny();
        return Get(context);
    }

    public static Language Get(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items.TryGetValue(Key, out var value) && value is Language language ? language : Language.En;
    }

    public static IApplicationBuilder UseRequestLanguage(this IApplicationBuilder app, Language fallback) =>
        app.Use(async (context, next) =>
        {
            var language = Detect(context, fallback);
            context.Items[Key] = language;
            var culture = CultureInfo.GetCultureInfo(language switch
            {
                Language.Kk => "kk-KZ",
                Language.Ru => "ru-RU",
                _ => "en-GB",
            });
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = culture;
            context.Response.Headers.ContentLanguage = language.Code();
            await next(context);
        });

    private static Language Detect(HttpContext context, Language fallback)
    {
        if (context.Request.Cookies.TryGetValue(CookieName, out var cookie) && Languages.TryParse(cookie, out var fromCookie))
        {
            return fromCookie;
        }

        foreach (var header in context.Request.GetTypedHeaders().AcceptLanguage.OrderByDescending(h => h.Quality ?? 1))
        {
            if (Languages.TryParse(header.Value.Value, out var fromHeader))
            {
                return fromHeader;
            }
        }

        return fallback;
    }

    /// <summary>Sets the language cookie (a year, strict same-site, readable by the server only).</summary>
    public static void Set(HttpResponse response, Language language)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Cookies.Append(CookieName, language.Code(), new CookieOptions
        {
            MaxAge = TimeSpan.FromDays(365),
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            IsEssential = true,
            Path = "/",
        });
    }
}
