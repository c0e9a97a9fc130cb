using System.Security.Claims;

namespace Senim.Web.Infrastructure.Auth;

/// <summary>The <see cref="Actor"/> of the current request: from its API token, its sign-in cookie, or anonymous.</summary>
public sealed class CurrentActor(IHttpContextAccessor accessor, ActorService actors)
{
    private const string Key = "senim.actor";

    public static void Set(HttpContext context, Actor actor) => context.Items[Key] = actor;

    public async Task<Actor> GetAsync()
    {
        var context = accessor.HttpContext ?? throw new InvalidOperationException("no request");
        if (context.Items.TryGetValue(Key, out var cached) && cached is Actor actor)
        {
            return actor;
        }

        var id = context.User.FindFirstValue(ClaimTypes.NameIdentifier);
        actor = id is not null && Guid.TryParse(id, out var userId)
            ? await actors.ForUserAsync(userId, cancellationToken: context.RequestAborted)
            : Actor.Anonymous;
        Set(context, actor);
        return actor;
    }
}
