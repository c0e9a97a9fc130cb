using Microsoft.AspNetCore.Identity;
using Senim.Registry;
using Senim.Registry.Data;
using Senim.Registry.Files;
using Senim.Registry.Labels;

namespace Senim.Web.Infrastructure;

/// <summary>
/// Before the host serves: migrate the database, load the law (a broken pack stops the host with every
/// problem listed), seed demo data unless switched off, make sure a platform admin exists, set up the
/// label certificate authority and reconcile its certificates with the register; then keep
/// the active law set in step with the database.
/// </summary>
public sealed class StartupTasks(IServiceProvider services, SenimSettings settings, ILogger<StartupTasks> logger, TimeProvider time) : IHostedService, IDisposable
{
    /// <summary>Where the first admin's generated password is written (in the data folder, mode 600).</summary>
    public const string AdminPasswordFile = "admin-password.txt";

    private readonly CancellationTokenSource _stopping = new();
    private int _disposed;
    private Task? _refresh;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        using var scope = services.CreateScope();
        var sp = scope.ServiceProvider;
        if (sp.GetRequiredService<KeyCertificate>() is { Generated: true } key)
        {
            logger.LogWarning("No Senim:DataProtection:Certificate set: generated the certificate that encrypts the Data Protection keys into {File} (readable by Senim's user only). Fine for one node; for several, or to keep it apart from the data, configure your own.", key.Path);
        }

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
            // 24 characters of lower-case letters and digits (about 120 bits), drawn again until both kinds occur: the
            // password policy wants a digit and a lower-case letter, and a Base64 string lacked a digit one start in 60.
            do
            {
                password = System.Security.Cryptography.RandomNumberGenerator.GetString("abcdefghijkmnpqrstuvwxyz23456789", 24);
            }
            while (!password.Any(char.IsAsciiDigit) || !password.Any(char.IsAsciiLetterLower));
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
            // Never on the console or in a log (both are kept and read by others): in a file of the data folder that only
            // Senim's user may read, for the operator to read once and delete.
            var file = Path.Combine(settings.DataFolder(), AdminPasswordFile);
            PrivateFiles.WriteText(file, $"{email}\n{password}\n");
            logger.LogWarning("First platform admin created: {Email}. Its generated password is in {File} (readable by Senim's user only): sign in, change it, then delete the file.", email, file);
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
