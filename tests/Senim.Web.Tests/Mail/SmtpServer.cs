using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Senim.Web.Tests.Support;

namespace Senim.Web.Tests.Mail;

/// <summary>
/// A real SMTP server for the tests: Debian's python3-aiosmtpd (scripts/test.sh installs it) with smtp_sink.py, on a
/// free loopback port chosen up front, so a test can send to it before it runs (the server is down) and start it later.
/// </summary>
public sealed class SmtpServer : IAsyncDisposable
{
    private Process? _process;

    public SmtpServer()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Folder = Directory.CreateTempSubdirectory("senim-smtp-").FullName;
    }

    public int Port { get; }

    /// <summary>Where the server writes what it accepted.</summary>
    public string Folder { get; }

    public static string Python => Environment.GetEnvironmentVariable("SENIM_TEST_PYTHON") is { Length: > 0 } python ? python : "/usr/bin/python3";

    public async Task StartAsync()
    {
        if (_process is not null)
        {
            return;
        }

        var script = Path.Combine(RepoPaths.Root, "tests", "Senim.Web.Tests", "Mail");
        var start = new ProcessStartInfo(Python) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{Port}", "-c", "smtp_sink.Sink", Folder })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["PYTHONPATH"] = script;
        _process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"aiosmtpd stopped at once (is python3-aiosmtpd installed? apt-get install python3-aiosmtpd): {await _process.StandardError.ReadToEndAsync()}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        throw new TimeoutException("aiosmtpd did not listen on port " + Port);
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>The web host sending through the test SMTP server (retrying after a second while it is down).</summary>
public class SmtpFactory : SenimFactory
{
    public SmtpServer Smtp { get; } = new();

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Senim:Mail:Mode", "smtp"),
        new("Senim:Mail:Smtp:Host", "127.0.0.1"),
        new("Senim:Mail:Smtp:Port", Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("Senim:Mail:Smtp:Security", "none"),
        new("Senim:Mail:Smtp:TimeoutSeconds", "5"),
        new("Senim:Mail:RetrySeconds", "1"),
        new("Senim:Mail:MaxRetrySeconds", "1"),
        // Demo notifications are mailed too; these tests look only for their own.
        new("Senim:Mail:BatchSize", "200"),
    ];

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
