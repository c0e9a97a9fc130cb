namespace Senim.Web.Infrastructure;

/// <summary>Conservative response headers: no framing, no sniffing, scripts only from Senim itself.</summary>
public static class SecurityHeaders
{
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'";
            await next(context);
        });

    /// <summary>
    /// A response to someone signed in (a session or a token) is not stored by browsers or caches unless its endpoint said
    /// otherwise: it may carry a secret (a new token, a TOTP key) or evidence an organisation uploaded.
    /// </summary>
    public static IApplicationBuilder UseNoStoreWhenSignedIn(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                if (context.User.Identity?.IsAuthenticated == true && !context.Response.Headers.ContainsKey(Microsoft.Net.Http.Headers.HeaderNames.CacheControl))
                {
                    context.Response.Headers.CacheControl = "no-store";
                }

                return Task.CompletedTask;
            });
            await next(context);
        });
}
