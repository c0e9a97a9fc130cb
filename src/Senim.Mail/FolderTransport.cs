using Senim.Registry.Mail;

namespace Senim.Mail;

/// <summary>
/// Drops each message as an .eml file into a folder instead of sending it (the default, so that nothing leaves the
/// machine in a demo). The file is named after the Message-ID and written whole before it appears, so a message sent
/// twice replaces itself; any mail program opens it.
/// </summary>
public sealed class FolderTransport(string folder, TimeProvider time) : IMailTransport
{
    public string Folder { get; } = folder;

    public Task<IMailSession> OpenAsync(CancellationToken cancellationToken)
    {
        try
        {
            Directory.CreateDirectory(Folder);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new MailDeliveryException($"cannot create the mail folder {Folder}: {ex.Message}", permanent: false, connectionLost: true, inner: ex);
        }

        return Task.FromResult<IMailSession>(new Session(this));
    }

    /// <summary>The file a message is dropped into.</summary>
    public string PathOf(OutgoingMail mail)
    {
        ArgumentNullException.ThrowIfNull(mail);
        var name = new string([.. mail.MessageId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '@' ? c : '_')]);
        return Path.Combine(Folder, name + ".eml");
    }

    private sealed class Session(FolderTransport transport) : IMailSession
    {
        public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
        {
            var path = transport.PathOf(mail);
            var temporary = path + ".part";
            try
            {
                await using (var file = File.Create(temporary))
                {
                    await MimeMail.Build(mail, transport.TimeNow()).WriteToAsync(file, cancellationToken);
                }

                File.Move(temporary, path, overwrite: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new MailDeliveryException($"cannot write {path}: {ex.Message}", permanent: false, connectionLost: true, inner: ex);
            }
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private DateTimeOffset TimeNow() => time.GetUtcNow();
}
