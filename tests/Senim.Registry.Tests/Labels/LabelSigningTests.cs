using Microsoft.Extensions.DependencyInjection;
using Senim.Labels.Validation;
using Senim.Registry.Access;
using Senim.Registry.Labels;
using Senim.Registry.Model;
using Senim.Registry.Tests.Support;
using Senim.Tests.Shared;

namespace Senim.Registry.Tests.Labels;

public class LabelSigningTests
{
    private static Task<T> Labels<T>(World world, Func<LabelService, Task<T>> action) =>
        world.Registry.RunAsync(sp => action(sp.GetRequiredService<LabelService>()));

    private static async Task<byte[]> SignAsync(World world, Actor actor, string system, byte[] content, LabelSignOptions? options = null)
    {
        using var output = new MemoryStream();
        await Labels(world, l => l.SignAsync(actor, system, new MemoryStream(content), output, options ?? new LabelSignOptions(false, null, "picture.png")));
        return output.ToArray();
    }

    private static Task<LabelVerdict> VerifyAsync(World world, byte[] file) => Labels(world, l => l.VerifyAsync(new MemoryStream(file), null));

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task A_label_signed_for_a_registered_system_is_trusted_and_turns_revoked_when_the_system_is_suspended(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var system = await world.HighRiskAsync(SystemStatus.Registered);

        var signed = await SignAsync(world, world.Editor, system.RegisterNumber!, TestImages.Png());
        var verdict = await VerifyAsync(world, signed);
        Assert.Equal(LabelVerdictKind.Trusted, verdict.Kind);
        Assert.Equal(ValidationState.Trusted, verdict.Report.State);
        Assert.Equal(system.RegisterNumber, verdict.RegisterNumber);
        Assert.Equal(system.Id, verdict.System!.Id);
        Assert.Equal("Org A", verdict.System.Organisation);
        Assert.Empty(verdict.Warnings);

        system = await world.Workflow(w => w.SuspendAsync(world.Supervisor, system.Id, "Complaint under investigation.", system.Version));
        var after = await VerifyAsync(world, signed);
        Assert.Equal(LabelVerdictKind.Revoked, after.Kind);
        Assert.Contains(ValidationCodes.SigningCredentialRevoked, after.Report.FailureCodes);
        Assert.Contains("suspended", after.Warnings);

        await world.Workflow(w => w.ReinstateAsync(world.Supervisor, system.Id, "Resolved.", system.Version));
        Assert.Equal(LabelVerdictKind.Trusted, (await VerifyAsync(world, signed)).Kind);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task Bad_input_is_refused_with_the_labels_error_code_and_issues_nothing(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var system = await world.HighRiskAsync(SystemStatus.Registered);
        var number = system.RegisterNumber!;

        var mismatch = await Assert.ThrowsAsync<ValidationException>(() => SignAsync(world, world.Owner, number, TestImages.Png(), new LabelSignOptions(false, null, "photo.jpg")));
        Assert.Equal("labels.format.mismatch", Assert.Single(mismatch.Errors).Key);
        var visibleText = await Assert.ThrowsAsync<ValidationException>(() => SignAsync(world, world.Owner, number, "plain text"u8.ToArray(), new LabelSignOptions(true, null, "notes.txt")));
        Assert.Equal("labels.format.unsupported", Assert.Single(visibleText.Errors).Key);
        var empty = await Assert.ThrowsAsync<ValidationException>(() => SignAsync(world, world.Owner, number, []));
        Assert.Equal("labels.input.empty", Assert.Single(empty.Errors).Key);
        await Assert.ThrowsAsync<ValidationException>(() => SignAsync(world, world.Owner, "not-a-system", TestImages.Png()));

        Assert.Empty(await registry.RunAsync(sp => sp.GetRequiredService<LabelAuthority>().AllSignersAsync()));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task A_visible_notice_and_a_sidecar_are_signed_and_tampering_is_reported(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var system = await world.HighRiskAsync(SystemStatus.Registered);
        var original = TestImages.Jpeg(640, 480);

        var noticed = await SignAsync(world, world.Owner, system.Id.ToString(), original, new LabelSignOptions(true, [Senim.Notices.NoticeLanguage.Ru], "photo.jpg"));
        Assert.Equal(LabelVerdictKind.Trusted, (await VerifyAsync(world, noticed)).Kind);
        Assert.NotEqual(original.Length, noticed.Length);

        var tampered = (byte[])noticed.Clone();
        tampered[^10] ^= 0x55;
        Assert.Equal(LabelVerdictKind.Tampered, (await VerifyAsync(world, tampered)).Kind);
        Assert.Equal(LabelVerdictKind.NoLabel, (await VerifyAsync(world, original)).Kind);

        var text = "An answer written by the model."u8.ToArray();
        using var sidecar = new MemoryStream();
        var result = await Labels(world, l => l.SignAsync(world.Owner, system.RegisterNumber!, new MemoryStream(text), sidecar, new LabelSignOptions(false, null, "answer.txt")));
        Assert.Equal("answer.c2pa", result.FileName);
        var verdict = await Labels(world, l => l.VerifyAsync(new MemoryStream(text), new MemoryStream(sidecar.ToArray())));
        Assert.Equal(LabelVerdictKind.Trusted, verdict.Kind);
        var changed = await Labels(world, l => l.VerifyAsync(new MemoryStream("Another answer."u8.ToArray()), new MemoryStream(sidecar.ToArray())));
        Assert.Equal(LabelVerdictKind.Tampered, changed.Kind);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task A_label_outlives_its_certificate_as_expired_and_signing_then_takes_a_new_certificate(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var system = await world.HighRiskAsync(SystemStatus.Registered);
        var signed = await SignAsync(world, world.Owner, system.RegisterNumber!, TestImages.Png());

        // Without a time-stamp the certificate is judged now: a year and a month later it has expired.
        registry.Time.Advance(TimeSpan.FromDays(400));
        var verdict = await VerifyAsync(world, signed);
        Assert.Equal(LabelVerdictKind.Expired, verdict.Kind);
        Assert.Contains(ValidationCodes.SigningCredentialExpired, verdict.Report.FailureCodes);
        Assert.Contains("expired", verdict.Warnings);

        var again = await SignAsync(world, world.Owner, system.RegisterNumber!, TestImages.Png());
        Assert.Equal(LabelVerdictKind.Trusted, (await VerifyAsync(world, again)).Kind);
        Assert.Equal(2, (await registry.RunAsync(sp => sp.GetRequiredService<LabelAuthority>().AllSignersAsync())).Count);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task Concurrent_first_labels_of_a_system_share_one_managed_key(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var system = await world.HighRiskAsync(SystemStatus.Registered);

        var signed = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() => SignAsync(world, i % 2 == 0 ? world.Owner : world.Editor, system.RegisterNumber!, TestImages.Png(200 + i, 120)))));
        var signers = await registry.RunAsync(sp => sp.GetRequiredService<LabelAuthority>().AllSignersAsync());
        Assert.Single(signers);
        foreach (var file in signed)
        {
            Assert.Equal(LabelVerdictKind.Trusted, (await VerifyAsync(world, file)).Kind);
        }
    }
}
