using System.Diagnostics;
using System.Globalization;
using Senim.Bench;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Senim.Mail;
using Senim.Registry;
using Senim.Registry.Data;
using Senim.Registry.Log;
using Senim.Registry.Mail;
using Senim.Registry.Model;

// The outbox's delivery rate to a local SMTP server: MESSAGES staged in the register's outbox (SQLite), then sent by
// OutboxSender rounds (lease a batch, one SMTP connection per batch, record each message as sent) until none is due.
// Every message has its own recipient, subject and body, so nothing is cached. run.sh starts aiosmtpd on loopback.
//   dotnet run -c Release --project bench/Senim.MailBench -- PORT [--messages N] [--batch B]
var arguments = args.ToList();
string Option(string name, string fallback) => BenchArguments.Option(arguments, name, fallback);

var messages = int.Parse(Option("--messages", "2000"), CultureInfo.InvariantCulture);
var batch = int.Parse(Option("--batch", "50"), CultureInfo.InvariantCulture);
if (arguments.Count != 1 || !int.TryParse(arguments[0], out var port) || messages < 1 || batch < 1)
{
    Console.Error.WriteLine("usage: Senim.MailBench PORT [--messages N] [--batch B]");
    return 2;
}

var work = Directory.CreateTempSubdirectory("senim-mailbench-").FullName;
try
{
    var services = new ServiceCollection();
    services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
    services.AddRegistry(new DatabaseSettings { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={Path.Combine(work, "senim.db")}" },
        Path.Combine(work, "files"), new LogSettings { KeyFile = Path.Combine(work, "signing.key"), Origin = "bench.senim.kz/log" });
    services.AddMailSender(new MailSettings { From = "no-reply@bench.senim.kz", BatchSize = batch },
        _ => new BenchComposer(), sp => new SmtpTransport(new SmtpOptions { Host = "127.0.0.1", Port = port, Security = "none" }, TimeProvider.System));
    await using var provider = services.BuildServiceProvider();
    await using (var scope = provider.CreateAsyncScope())
    {
        var db = scope.ServiceProvider.GetRequiredService<RegistryDb>();
        await RegistryDatabase.MigrateAsync(db);
        var outbox = scope.ServiceProvider.GetRequiredService<MailOutbox>();
        for (var i = 0; i < messages; i++)
        {
            outbox.Stage(MailTemplates.ConfirmEmail, null, $"person{i}@example.kz", $"Person {i}", (i % 3) switch { 0 => "kk", 1 => "ru", _ => "en" },
                new Dictionary<string, string> { ["user"] = Guid.NewGuid().ToString(), ["code"] = Convert.ToBase64String(Guid.NewGuid().ToByteArray()) });
        }

        await db.SaveChangesAsync();
    }

    // A cold first round (JIT, first connection), then the rest timed.
    var cold = Stopwatch.StartNew();
    int first;
    await using (var scope = provider.CreateAsyncScope())
    {
        first = (await scope.ServiceProvider.GetRequiredService<OutboxSender>().SendDueAsync()).Sent;
    }

    cold.Stop();
    var sent = 0;
    var clock = Stopwatch.StartNew();
    while (true)
    {
        await using var scope = provider.CreateAsyncScope();
        var round = await scope.ServiceProvider.GetRequiredService<OutboxSender>().SendDueAsync();
        sent += round.Sent;
        if (round.Claimed == 0)
        {
            break;
        }
    }

    clock.Stop();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"outbox -> SMTP 127.0.0.1:{port}: cold first batch {first} in {cold.Elapsed.TotalMilliseconds:F0} ms; then {sent} messages in {clock.Elapsed.TotalSeconds:F2} s = {sent / clock.Elapsed.TotalSeconds:F0} messages/s (batch {batch})"));
    return first + sent == messages ? 0 : 1;
}
finally
{
    Directory.Delete(work, recursive: true);
}

internal sealed class BenchComposer : IMailComposer
{
    public MailContent Compose(OutboxMessage message, IReadOnlyDictionary<string, string> values) =>
        new($"Senim: confirm {message.ToAddress}", $"Hello {message.ToName},\n\nhttps://senim.example/account/confirm-email?user={values["user"]}&code={Uri.EscapeDataString(values["code"])}\n",
            $"<p>Hello {message.ToName}</p><p><a href=\"https://senim.example/account/confirm-email?user={values["user"]}\">confirm</a></p>");
}
