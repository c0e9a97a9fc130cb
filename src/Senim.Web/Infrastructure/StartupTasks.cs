using Microsoft.AspNetCore.Identity;
using Senim.Registry;
using Senim.Registry.Data;
using Senim.Registry.Labels;
using Senim.Web.Infrastructure.Hosting;

namespace Senim.Web.Infrastructure;

/// <summary>
/// Before the host serves: migrate the database, load the law (a broken pack stops the host with every
/// problem listed), seed demo data unless switched off, make sure a platform admin exists, set up the
/// label certificate authority and reconcile its certificates with the register; then keep
/// the active law set in step with the database.
/// </summary>
public sealed class StartupTasks(IServiceProvider services, SenimSettings settings, ILogger<StartupTasks> logger, TimeProvider time) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private int _disposed;
    private Task? _refresh;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        using var scope = services.CreateScope();
        var sp = scope.ServiceProvider;
        await sp.GetRequiredService<RegisterStartup>().RunAsync(
            new RegisterStartupOptions(settings.LawFolder(), settings.Database.MigrateOnStart, settings.Demo.Seed), cancellationToken);
        await EnsureAdminAsync(sp.GetRequiredService<UserManager<SenimUser>>());

        // The label authority: created on the first start, then loaded; certificates brought in line with the register.
        await sp.GetRequiredService<LabelAuthority>().GetAsync(cancellationToken);
        await sp.GetRequiredService<LabelCertificateSync>().ReconcileAsync(sp.GetRequiredService<RegistryDb>(), cancellationToken);
        _refresh = RefreshLoopAsync(_stopping.Token);
    }

    private async Task EnsureAdminAsync(UserManager<SenimUser> users)
    {
        if ((await users.GetUsersInRoleAsync(PlatformRoles.Admin)).Count > 0)
        {
            return;
        }

        var email = settings.Admin.Email;
        var password = settings.Admin.Password;
        var generated = string.IsNullOrEmpty(password);
        if (generated)
        {
            password = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(18));
        }

        var admin = new SenimUser { Id = Guid.NewGuid(), UserName = email, Email = email, DisplayName = "Administrator", CreatedAt = time.GetUtcNow().UtcDateTime, EmailConfirmed = true };
        var created = await users.CreateAsync(admin, password!);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException("Could not create the first admin: " + string.Join("; ", created.Errors.Select(e => e.Description)));
        }

        await users.AddToRoleAsync(admin, PlatformRoles.Admin);
        if (generated)
        {
            // Shown once, on the console only: it is never logged or stored in clear.
            Console.WriteLine($"Senim: first platform admin created: {email} / {password} (change it after signing in)");
        }
    }

    private async Task RefreshLoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(15), time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                using var scope = services.CreateScope();
                await scope.ServiceProvider.GetRequiredService<LawCatalog>().RefreshAsync(scope.ServiceProvider.GetRequiredService<RegistryDb>(), cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            logger.LogError(ex, "Refreshing the active law set failed; this node keeps its current set");
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _disposed) == 0)
        {
            try
            {
                await _stopping.CancelAsync();
            }
            catch (ObjectDisposedException)
            {
                // Disposed meanwhile: the loop was cancelled by Dispose.
            }
        }

        if (_refresh is not null)
        {
            await _refresh;
        }
    }

    /// <summary>The host may dispose before or without stopping (a test host that failed to start); stopping then has nothing to cancel.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _stopping.Cancel();
            _stopping.Dispose();
        }
    }
}
