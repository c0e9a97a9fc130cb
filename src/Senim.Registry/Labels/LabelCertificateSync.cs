using Microsoft.Extensions.Logging;
using Senim.Authority;
using Senim.Authority.State;

namespace Senim.Registry.Labels;

/// <summary>
/// Keeps the signing certificates in step with the register: a suspended system's certificates go on
/// hold (certificateHold), a withdrawn, removed or refused system's are revoked for good
/// (cessationOfOperation), a reinstated system's holds are released; then a fresh CRL is signed.
/// Called after every workflow transition, and over the whole register at start-up, so a change made
/// while the authority was unreachable is caught up.
/// </summary>
public sealed class LabelCertificateSync(LabelAuthority authority, ILogger<LabelCertificateSync> logger) : ISystemStatusObserver
{
    /// <inheritdoc />
    public async Task StatusChangedAsync(AiSystem system, SystemStatus from, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(system);
        if (system.RegisterNumber is null)
        {
            return;
        }

        try
        {
            if (await ApplyAsync(system.RegisterNumber, system.Status, cancellationToken) > 0)
            {
                await authority.RepublishAsync(cancellationToken);
            }
        }
        catch (Exception ex) when (ex is AuthorityException or IOException or Authority.Keys.KeyStoreException)
        {
            // The register's change is saved; start-up reconciliation applies it to the certificates later.
            logger.LogError(ex, "Certificates of {Number} not brought in line with status {Status}; the next start retries", system.RegisterNumber, system.Status.Code());
        }
    }

    /// <summary>Applies every system's status to its certificates (start-up); returns how many certificates changed.</summary>
    public async Task<int> ReconcileAsync(RegistryDb db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var signers = await authority.AllSignersAsync(cancellationToken);
        var numbers = signers.Select(s => s.RegisterNumber).OfType<string>().Distinct().ToList();
        if (numbers.Count == 0)
        {
            return 0;
        }

        var statuses = await db.Systems.AsNoTracking().Where(s => s.RegisterNumber != null && numbers.Contains(s.RegisterNumber))
            .Select(s => new { s.RegisterNumber, s.Status }).ToListAsync(cancellationToken);
        var changed = 0;
        foreach (var number in numbers)
        {
            // A certificate whose system is gone from the database has nothing left to sign for.
            var status = statuses.FirstOrDefault(s => s.RegisterNumber == number)?.Status ?? SystemStatus.Removed;
            changed += await ApplyAsync(number, status, cancellationToken);
        }

        if (changed > 0)
        {
            logger.LogWarning("Start-up reconciliation changed {Count} label certificates to match the register", changed);
            await authority.RepublishAsync(cancellationToken);
        }

        return changed;
    }

    /// <summary>What a status means for the certificates: keep, hold, or revoke.</summary>
    public static RevocationReason? Target(SystemStatus status) => status switch
    {
        SystemStatus.Registered or SystemStatus.RegisteredWithConditions => null,
        SystemStatus.Withdrawn or SystemStatus.Removed or SystemStatus.Refused => RevocationReason.CessationOfOperation,
        _ => RevocationReason.CertificateHold,
    };

    private async Task<int> ApplyAsync(string registerNumber, SystemStatus status, CancellationToken cancellationToken)
    {
        var ca = await authority.GetAsync(cancellationToken);
        var target = Target(status);
        var changed = 0;
        foreach (var certificate in await authority.CertificatesOfAsync(registerNumber, cancellationToken))
        {
            switch (target, certificate.Revocation?.Reason)
            {
                case (null, RevocationReason.CertificateHold):
                    await ca.ReleaseHoldAsync(certificate.Serial, cancellationToken);
                    changed++;
                    break;
                case (RevocationReason.CertificateHold, null):
                case (RevocationReason.CessationOfOperation, null or RevocationReason.CertificateHold):
                    authority.Forget(certificate.Serial);
                    await ca.RevokeAsync(certificate.Serial, target.Value, cancellationToken);
                    changed++;
                    break;
            }
        }

        return changed;
    }
}
