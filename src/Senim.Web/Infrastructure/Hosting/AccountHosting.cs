using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Senim.Registry;
using Senim.Registry.Data;

namespace Senim.Web.Infrastructure.Hosting;

/// <summary>Who is asking: accounts (the register's policy), the sign-in cookie, API tokens, and the keys that protect cookies.</summary>
public static class AccountHosting
{
    public const string Scheme = "Senim";

    public static IServiceCollection AddSenimAccounts(this IServiceCollection services)
    {
        services.AddIdentity<SenimUser, IdentityRole<Guid>>(RegistryIdentity.Configure)
            .AddEntityFrameworkStores<RegistryDb>()
            .AddSenimTokenProviders();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/sign-in";
            o.LogoutPath = "/account/sign-out";
            o.AccessDeniedPath = "/account/denied";
            o.Cookie.Name = "senim-session";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(12);
            o.Events.OnRedirectToLogin = async context =>
            {
                if (SenimApp.IsApi(context.Request.Path))
                {
                    await ApiOr(context.HttpContext, 401, "Sign in or send an API token (Authorization: Bearer senim_...).", () => { });
                    return;
                }

                // A form posted after the session ended is kept, and the sign-in page returns to it with the text in place.
                var back = await context.HttpContext.RequestServices.GetRequiredService<KeptForms>().KeepAsync(context.HttpContext, context.Options);
                context.Response.Redirect(back is null ? context.RedirectUri : context.Options.LoginPath + QueryString.Create(context.Options.ReturnUrlParameter, back));
            };
            o.Events.OnRedirectToAccessDenied = context => ApiOr(context.HttpContext, 403, "You may not do this.", () => context.Response.Redirect(context.RedirectUri));
        });

        // Role changes, locks and 2FA changes reach open sessions within a minute (the security stamp is checked that often).
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, TokenAuthentication>(TokenAuthentication.SchemeName, null)
            .AddPolicyScheme(Scheme, "cookie or token", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? TokenAuthentication.SchemeName
                    : IdentityConstants.ApplicationScheme);
        services.Configure<AuthenticationOptions>(o =>
        {
            o.DefaultScheme = Scheme;
            o.DefaultAuthenticateScheme = Scheme;
            o.DefaultChallengeScheme = Scheme;
        });
        services.AddAuthorization();
        services.AddScoped<CurrentActor>();
        services.AddScoped<KeptForms>();
        services.AddSingleton<AttemptThrottle>();
        services.AddSingleton<DeviceCookies>();
        services.AddSingleton<SignInThrottle>();
        services.AddDataProtection().SetApplicationName("Senim").PersistKeysToDbContext<RegistryDb>();
        return services;
    }

    private static Task ApiOr(HttpContext context, int status, string detail, Action pages)
    {
        if (SenimApp.IsApi(context.Request.Path))
        {
            return Results.Problem(statusCode: status, title: status == 401 ? "Authentication required" : "Forbidden", detail: detail).ExecuteAsync(context);
        }

        pages();
        return Task.CompletedTask;
    }
}
