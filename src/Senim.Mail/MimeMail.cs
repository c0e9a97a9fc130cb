using MimeKit;
using Senim.Registry.Mail;

namespace Senim.Mail;

/// <summary>An outbox message as a MIME message: plain text and HTML alternatives, UTF-8, its stable Message-ID.</summary>
public static class MimeMail
{
    /// <param name="date">The Date header: when the message goes out.</param>
    public static MimeMessage Build(OutgoingMail mail, DateTimeOffset date)
    {
        ArgumentNullException.ThrowIfNull(mail);
        var message = new MimeMessage { MessageId = mail.MessageId, Subject = mail.Content.Subject, Date = date };
        message.From.Add(new MailboxAddress(mail.FromName, EmailAddresses.ToAscii(mail.FromAddress)));
        message.To.Add(new MailboxAddress(mail.ToName, EmailAddresses.ToAscii(mail.ToAddress)));
        // Machine-generated: no out-of-office replies to the sender (RFC 3834).
        message.Headers.Add("Auto-Submitted", "auto-generated");
        var body = new BodyBuilder { TextBody = mail.Content.Text, HtmlBody = mail.Content.Html };
        message.Body = body.ToMessageBody();
        // Content-* headers belong to the body entity in MIME.
        message.Body.Headers.Add(HeaderId.ContentLanguage, mail.Language);
        foreach (var part in message.BodyParts.OfType<TextPart>())
        {
            // Cyrillic and Kazakh text stays readable in the raw message and survives 7-bit relays.
            part.ContentTransferEncoding = ContentEncoding.QuotedPrintable;
        }

        return message;
    }
}
