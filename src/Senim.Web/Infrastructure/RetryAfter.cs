namespace Senim.Web.Infrastructure;

/// <summary>How a wait is told to a client: in whole seconds, at least one (the Retry-After header and the page's message).</summary>
public static class RetryAfter
{
    public static int Seconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
}
