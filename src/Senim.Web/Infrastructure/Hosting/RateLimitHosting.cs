using System.Threading.RateLimiting;

namespace Senim.Web.Infrastructure.Hosting;

/// <summary>
/// Per-client limits (<see cref="ClientAddress"/>): the public register and log (token bucket per second); sign-in,
/// sign-up, password reset and two-factor forms (posts per minute or hour; showing a form costs nothing); and the
/// CPU-heavy public work (classification, label verification and signing: posts per minute per client, and at most
/// so many at once on the node, <see cref="HeavyRequestAttribute"/>). A refused browser gets the error page in its
/// language (429, or 503 when the node is busy), the API problem details; both carry Retry-After.
/// </summary>
public static class RateLimitHosting
{
    public const string Public = "public";
    public const string SignIn = "sign-in";

    /// <summary>Sign-up forms posted per client per hour.</summary>
    public const string SignUp = "sign-up";

    /// <summary>Password-reset requests posted per client per hour (for the reset pages: <c>[EnableRateLimiting(RateLimitHosting.PasswordReset)]</c>).</summary>
    public const string PasswordReset = "password-reset";

    /// <summary>Two-factor settings posted per client per minute (wrong codes are also throttled per account).</summary>
    public const string TwoFactor = "two-factor";

    /// <summary>CPU-heavy posts per client per minute; reads of the same endpoints count as public reads.</summary>
    public const string Heavy = "heavy";

    /// <summary>Citizens' requests posted per client per hour (the public form and the API).</summary>
    public const string CitizenFile = "citizen-file";

    /// <summary>Tracking-code lookups per client per minute (showing the empty /track form is not counted).</summary>
    public const string Track = "track";

    /// <summary>Seconds a client is told to wait when the node's heavy work is full (no rate tells a better time).</summary>
    public const int BusyRetrySeconds = 5;

    public static IServiceCollection AddSenimRateLimits(this IServiceCollection services, RateLimitOptions limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var heavyConcurrent = limits.HeavyConcurrent > 0 ? limits.HeavyConcurrent : 2 * Environment.ProcessorCount;
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(Public, context => PublicBucket(context, limits));
            o.AddPolicy(SignIn, context => Posts(context, SignIn, limits.SignInPerMinute, TimeSpan.FromMinutes(1)));
            o.AddPolicy(SignUp, context => Posts(context, SignUp, limits.SignUpPerHour, TimeSpan.FromHours(1)));
            o.AddPolicy(PasswordReset, context => Posts(context, PasswordReset, limits.PasswordResetPerHour, TimeSpan.FromHours(1)));
            o.AddPolicy(TwoFactor, context => Posts(context, TwoFactor, limits.TwoFactorPerMinute, TimeSpan.FromMinutes(1)));
            o.AddPolicy(CitizenFile, context => Posts(context, CitizenFile, limits.CitizenFilePerHour, TimeSpan.FromHours(1)));
            o.AddPolicy(Track, context => Lookups(context, limits.TrackPerMinute));
            // N per minute as N/6 every ten seconds (at most a ten-second burst); below six a minute, one every 60/N seconds.
            var heavyTokens = Math.Max(1, limits.HeavyPerMinute / 6);
            var heavyPeriod = limits.HeavyPerMinute >= 6 ? TimeSpan.FromSeconds(10) : TimeSpan.FromSeconds(60.0 / limits.HeavyPerMinute);
            o.AddPolicy(Heavy, context => IsRead(context) ? PublicBucket(context, limits) : RateLimitPartition.GetTokenBucketLimiter(Heavy + ":" + ClientAddress.Key(context), _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = heavyTokens,
                TokensPerPeriod = heavyTokens,
                ReplenishmentPeriod = heavyPeriod,
                QueueLimit = 0,
                AutoReplenishment = true,
            }));

            // Whatever the clients' rates, the node does only so much heavy work at once; a short queue takes bursts.
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                !IsRead(context) && context.GetEndpoint()?.Metadata.GetMetadata<HeavyRequestAttribute>() is not null
                    ? RateLimitPartition.GetConcurrencyLimiter("heavy-work", _ => new ConcurrencyLimiterOptions
                    {
                        PermitLimit = heavyConcurrent,
                        QueueLimit = heavyConcurrent * 4,
                        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                    })
                    : RateLimitPartition.GetNoLimiter("other"));
            o.OnRejected = (context, cancellationToken) => RejectAsync(context.HttpContext, context.Lease);
        });
        return services;
    }

    /// <summary>Marks a minimal-API endpoint as CPU-heavy public work: the per-client <see cref="Heavy"/> rate and the node's concurrency limit.</summary>
    public static TBuilder RequireHeavyLimits<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireRateLimiting(Heavy).WithMetadata(new HeavyRequestAttribute());

    private static RateLimitPartition<string> PublicBucket(HttpContext context, RateLimitOptions limits) =>
        RateLimitPartition.GetTokenBucketLimiter(ClientAddress.Key(context), _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = limits.PublicPerSecond * 2,
            TokensPerPeriod = limits.PublicPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });

    /// <summary>A fixed window of posts per client; showing the form (GET, HEAD) is not counted.</summary>
    private static RateLimitPartition<string> Posts(HttpContext context, string policy, int permits, TimeSpan window) =>
        IsRead(context)
            ? RateLimitPartition.GetNoLimiter(policy + ":read")
            : RateLimitPartition.GetFixedWindowLimiter(policy + ":" + ClientAddress.Key(context), _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = permits,
                Window = window,
                QueueLimit = 0,
            });

    /// <summary>Every request with a code counts (a lookup is a GET); the bare /track form does not.</summary>
    private static RateLimitPartition<string> Lookups(HttpContext context, int permits) =>
        context.Request.Path.Equals("/track", StringComparison.OrdinalIgnoreCase) && IsRead(context) && !context.Request.Query.ContainsKey("code")
            ? RateLimitPartition.GetNoLimiter(Track + ":form")
            : RateLimitPartition.GetFixedWindowLimiter(Track + ":" + ClientAddress.Key(context), _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = permits,
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
            });

    private static bool IsRead(HttpContext context) => HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method);

    /// <summary>
    /// 429 with the limiter's Retry-After when a client went over its rate; 503 when the node's heavy work is full (a
    /// concurrency limit names no time). The API gets problem details; a page gets nothing written here, so the status
    /// code pages show the error page in the reader's language.
    /// </summary>
    private static async ValueTask RejectAsync(HttpContext context, RateLimitLease lease)
    {
        var limited = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter);
        var seconds = limited ? RetryAfter.Seconds(retryAfter) : BusyRetrySeconds;
        context.Response.StatusCode = limited ? StatusCodes.Status429TooManyRequests : StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        if (SenimApp.IsApi(context.Request.Path))
        {
            await (limited
                ? Results.Problem(statusCode: 429, title: "Too many requests", detail: $"Slow down: try again in {seconds} seconds.")
                : Results.Problem(statusCode: 503, title: "Busy", detail: $"Senim is doing as much heavy work as it can at once: try again in {seconds} seconds.")).ExecuteAsync(context);
        }
    }
}

/// <summary>An endpoint or page whose posts are CPU-heavy public work (see <see cref="RateLimitHosting.Heavy"/>).</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false)]
public sealed class HeavyRequestAttribute : Attribute;
