using System.Threading.RateLimiting;

namespace Senim.Web.Infrastructure.Hosting;

/// <summary>Per-client limits: the public register and log (token bucket per second) and sign-in attempts (per minute).</summary>
public static class RateLimitHosting
{
    public const string Public = "public";
    public const string SignIn = "sign-in";

    public static IServiceCollection AddSenimRateLimits(this IServiceCollection services, RateLimitOptions limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(Public, context => RateLimitPartition.GetTokenBucketLimiter(ClientKey(context), _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = limits.PublicPerSecond * 2,
                TokensPerPeriod = limits.PublicPerSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
            o.AddPolicy(SignIn, context => RateLimitPartition.GetFixedWindowLimiter(ClientKey(context), _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = limits.SignInPerMinute,
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
            }));
            o.OnRejected = async (context, cancellationToken) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                await Results.Problem(statusCode: 429, title: "Too many requests", detail: "Slow down and try again in a minute.").ExecuteAsync(context.HttpContext);
            };
        });
        return services;
    }

    private static string ClientKey(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
