using Microsoft.Extensions.Time.Testing;
using Senim.Web.Infrastructure.Auth;

namespace Senim.Web.Tests.Accounts;

/// <summary>The throttle's arithmetic on a clock the test moves: free failures, doubling waits up to a cap, forgetting.</summary>
public sealed class AttemptThrottleTests
{
    private static readonly ThrottleRule Rule = new("test", 3, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(5));

    [Fact]
    public void Free_failures_cost_nothing_then_each_doubles_the_wait_up_to_the_cap()
    {
        Assert.Equal(
            [0, 0, 0, 0, 1, 2, 4, 8, 10, 10],
            Enumerable.Range(0, 10).Select(n => (int)Rule.DelayAfter(n).TotalSeconds).ToArray());
        Assert.Equal(TimeSpan.FromSeconds(10), Rule.DelayAfter(int.MaxValue));
    }

    [Fact]
    public void The_wait_runs_from_the_last_failure_and_keys_are_counted_apart()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 18, 9, 0, 0, TimeSpan.Zero));
        using var throttle = new AttemptThrottle(clock);
        for (var i = 0; i < 5; i++)
        {
            throttle.Failed(Rule, "a");
        }

        Assert.Equal(TimeSpan.FromSeconds(2), throttle.Wait(Rule, "a"));
        Assert.Equal(TimeSpan.Zero, throttle.Wait(Rule, "b"));
        clock.Advance(TimeSpan.FromSeconds(1.5));
        Assert.Equal(TimeSpan.FromSeconds(0.5), throttle.Wait(Rule, "a"));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(TimeSpan.Zero, throttle.Wait(Rule, "a"));
        Assert.Equal(6, throttle.Failed(Rule, "a"));
        Assert.Equal(TimeSpan.FromSeconds(4), throttle.Wait(Rule, "a"));
    }

    [Fact]
    public void Success_and_a_quiet_while_forget_the_failures()
    {
        var clock = new FakeTimeProvider();
        using var throttle = new AttemptThrottle(clock);
        for (var i = 0; i < 6; i++)
        {
            throttle.Failed(Rule, "a");
            throttle.Failed(Rule, "b");
        }

        throttle.Succeeded(Rule, "a");
        Assert.Equal(TimeSpan.Zero, throttle.Wait(Rule, "a"));
        Assert.True(throttle.Wait(Rule, "b") > TimeSpan.Zero);
        clock.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(TimeSpan.Zero, throttle.Wait(Rule, "b"));
        Assert.Equal(1, throttle.Failed(Rule, "b"));
    }
}
