using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;
using Senim.Registry.Access;
using Senim.Registry.Data;
using Senim.Registry.Labels;
using Senim.Registry.Model;
using Senim.Registry.Tests.Support;
using Senim.Tests.Shared;

namespace Senim.Registry.Tests.Labels;

public class LabelCertificateTests
{
    private static Task<T> Certificates<T>(World world, Func<LabelCertificateService, Task<T>> action) =>
        world.Registry.RunAsync(sp => action(sp.GetRequiredService<LabelCertificateService>()));

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task An_owner_of_a_registered_system_gets_a_managed_certificate_naming_its_register_number(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var system = await world.HighRiskAsync(SystemStatus.Registered);

        var issued = await Certificates(world, c => c.IssueManagedAsync(world.Editor, system.Id));
        Assert.True(issued.Managed);
        Assert.Equal("active", issued.State);
        Assert.Equal(system.RegisterNumber, issued.RegisterNumber);

        var chain = await Certificates(world, c => c.ChainAsync(world.Owner, system.Id, issued.Serial));
        var certificates = new X509Certificate2Collection();
        certificates.ImportFromPem(chain);
        Assert.Equal(2, certificates.Count);
        Assert.Contains("SERIALNUMBER=" + system.RegisterNumber, certificates[0].Subject, StringComparison.Ordinal);
        Assert.Contains("O=Org A", certificates[0].Subject, StringComparison.Ordinal);

        var (_, listed) = await Certificates(world, c => c.ListAsync(world.Supervisor, system.Id));
        Assert.Equal(issued.Serial, Assert.Single(listed).Serial);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task Systems_that_are_not_registered_and_strangers_get_nothing(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var submitted = await world.HighRiskAsync(SystemStatus.Submitted);
        var refused = await world.HighRiskAsync(SystemStatus.Refused);
        var registered = await world.HighRiskAsync(SystemStatus.Registered);

        var notRegistered = await Assert.ThrowsAsync<RuleException>(() => Certificates(world, c => c.IssueManagedAsync(world.Owner, submitted.Id)));
        Assert.Equal("label-not-registered", notRegistered.Key);
        Assert.Equal("label-refused", (await Assert.ThrowsAsync<RuleException>(() => Certificates(world, c => c.IssueManagedAsync(world.Owner, refused.Id)))).Key);
        await Assert.ThrowsAsync<NotFoundException>(() => Certificates(world, c => c.IssueManagedAsync(world.Other, registered.Id)));
        Assert.Equal("label-owner-only", (await Assert.ThrowsAsync<ForbiddenException>(() => Certificates(world, c => c.IssueManagedAsync(world.Supervisor, registered.Id)))).Key);
        await Assert.ThrowsAsync<NotFoundException>(() => Certificates(world, c => c.OpenSignerAsync(world.Other, registered.RegisterNumber!)));

        var all = await registry.RunAsync(sp => sp.GetRequiredService<LabelAuthority>().AllSignersAsync());
        Assert.Empty(all);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task Suspension_holds_reinstatement_releases_and_withdrawal_revokes(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var system = await world.HighRiskAsync(SystemStatus.Registered);
        var issued = await Certificates(world, c => c.IssueManagedAsync(world.Owner, system.Id));

        system = await world.Workflow(w => w.SuspendAsync(world.Supervisor, system.Id, "Complaint under investigation.", system.Version));
        Assert.Equal("on-hold", await StateAsync(world, system.Id, issued.Serial));
        var refused = await Assert.ThrowsAsync<RuleException>(() => Certificates(world, c => c.OpenSignerAsync(world.Owner, system.RegisterNumber!)));
        Assert.Equal("label-suspended", refused.Key);

        system = await world.Workflow(w => w.ReinstateAsync(world.Supervisor, system.Id, "Complaint unfounded.", system.Version));
        Assert.Equal("active", await StateAsync(world, system.Id, issued.Serial));

        system = await world.Workflow(w => w.WithdrawAsync(world.Supervisor, system.Id, "Stopped operating.", system.Version));
        var (_, after) = await Certificates(world, c => c.ListAsync(world.Owner, system.Id));
        var revoked = Assert.Single(after);
        Assert.Equal("revoked", revoked.State);
        Assert.Equal("cessation-of-operation", revoked.RevocationReason);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task Start_up_reconciliation_catches_a_status_change_the_hook_missed(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var system = await world.HighRiskAsync(SystemStatus.Registered);
        var issued = await Certificates(world, c => c.IssueManagedAsync(world.Owner, system.Id));

        // A change written straight to the database (a restore, a crash between commit and hook).
        await registry.Db(async db =>
        {
            var row = await db.Systems.FindAsync(system.Id);
            row!.Status = SystemStatus.Suspended;
            return await db.SaveChangesAsync();
        });
        Assert.Equal("active", await StateAsync(world, system.Id, issued.Serial));

        var changed = await registry.RunAsync(sp => sp.GetRequiredService<LabelCertificateSync>().ReconcileAsync(sp.GetRequiredService<RegistryDb>()));
        Assert.Equal(1, changed);
        Assert.Equal("on-hold", await StateAsync(world, system.Id, issued.Serial));
        Assert.Equal(0, await registry.RunAsync(sp => sp.GetRequiredService<LabelCertificateSync>().ReconcileAsync(sp.GetRequiredService<RegistryDb>())));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task A_certificate_signing_request_gets_a_chain_and_a_bad_one_is_refused_without_issuing(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var system = await world.HighRiskAsync(SystemStatus.RegisteredWithConditions);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var csr = new CertificateRequest("CN=ignored", key, HashAlgorithmName.SHA256).CreateSigningRequestPem();

        var (certificate, chain) = await Certificates(world, c => c.IssueFromRequestAsync(world.Owner, system.Id, System.Text.Encoding.ASCII.GetBytes(csr)));
        Assert.False(certificate.Managed);
        var collection = new X509Certificate2Collection();
        collection.ImportFromPem(chain);
        Assert.Equal(key.ExportSubjectPublicKeyInfo(), collection[0].PublicKey.ExportSubjectPublicKeyInfo());

        var bad = await Assert.ThrowsAsync<ValidationException>(() => Certificates(world, c => c.IssueFromRequestAsync(world.Owner, system.Id, "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n"u8.ToArray())));
        Assert.Equal("csr-invalid", Assert.Single(bad.Errors).Key);
        var (_, listed) = await Certificates(world, c => c.ListAsync(world.Owner, system.Id));
        Assert.Single(listed);
    }

    private static async Task<string> StateAsync(World world, Guid systemId, string serial)
    {
        var (_, listed) = await Certificates(world, c => c.ListAsync(world.Owner, systemId));
        return listed.Single(c => c.Serial == serial).State;
    }
}
