using System.Net.Sockets;
using ServiceNotConnectedException = MailKit.ServiceNotConnectedException;
using MailKit.Net.Smtp;
using MailKit.Security;
using Senim.Registry.Mail;

namespace Senim.Mail;

/// <summary>How to reach the SMTP relay.</summary>
public sealed class SmtpOptions
{
    public string Host { get; init; } = "127.0.0.1";

    public int Port { get; init; } = 25;

    /// <summary>none, starttls (required), tls (implicit, usually port 465) or auto (STARTTLS when the server offers it).</summary>
    public string Security { get; init; } = "auto";

    public string? User { get; init; }

    public string? Password { get; init; }

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The values <see cref="Security"/> may take.</summary>
    public static IReadOnlyList<string> SecurityModes { get; } = ["none", "starttls", "tls", "auto"];

    internal SecureSocketOptions SocketOptions => Security switch
    {
        "none" => SecureSocketOptions.None,
        "starttls" => SecureSocketOptions.StartTls,
        "tls" => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.StartTlsWhenAvailable,
    };
}

/// <summary>
/// Sends through an SMTP relay with MailKit: one connection per batch of the outbox. A 5xx reply is a permanent
/// refusal (the message is dead); a 4xx reply, a timeout or a dropped connection is tried again later.
/// </summary>
public sealed class SmtpTransport(SmtpOptions options, TimeProvider time) : IMailTransport
{
    public async Task<IMailSession> OpenAsync(CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var client = new SmtpClient { Timeout = (int)options.Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(options.Host, options.Port, options.SocketOptions, cancellationToken);
            if (options.User is { Length: > 0 } user)
            {
                await client.AuthenticateAsync(user, options.Password ?? "", cancellationToken);
            }
        }
        catch (Exception ex) when (Transient(ex) || ex is AuthenticationException)
        {
            client.Dispose();
            throw new MailDeliveryException($"cannot reach the mail server {options.Host}:{options.Port}: {ex.Message}", permanent: false, connectionLost: true, inner: ex);
        }

        return new Session(client, time);
    }

    private static bool Transient(Exception ex) => ex is SocketException or IOException or TimeoutException or SmtpProtocolException or SmtpCommandException or ServiceNotConnectedException or SslHandshakeException;

    private sealed class Session(SmtpClient client, TimeProvider time) : IMailSession
    {
        public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
        {
            try
            {
                await client.SendAsync(MimeMail.Build(mail, time.GetUtcNow()), cancellationToken);
            }
            catch (SmtpCommandException ex)
            {
                var code = (int)ex.StatusCode;
                throw new MailDeliveryException($"{code} {ex.Message}", permanent: code >= 500, connectionLost: !client.IsConnected, inner: ex);
            }
            catch (Exception ex) when (Transient(ex))
            {
                throw new MailDeliveryException("the connection to the mail server failed: " + ex.Message, permanent: false, connectionLost: true, inner: ex);
            }
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                if (client.IsConnected)
                {
                    await client.DisconnectAsync(quit: true);
                }
            }
            catch (Exception ex) when (Transient(ex))
            {
                // The messages are recorded already; a QUIT that fails changes nothing.
            }
            finally
            {
                client.Dispose();
            }
        }
    }
}
