using Senim.Mail;
using Senim.Registry;
using Senim.Registry.Mail;
using Senim.Web.Features.Mail;

namespace Senim.Web.Infrastructure.Hosting;

/// <summary>The outbox's sender in the web host: settings, the words of each mail, the transport (folder or SMTP) and the job that sends.</summary>
public static class MailHosting
{
    public static IServiceCollection AddSenimMail(this IServiceCollection services, SenimSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var mail = settings.Mail;
        var delivery = Delivery(mail);
        if (mail.Mode == "off")
        {
            services.AddSingleton(delivery);
            return services;
        }

        var folder = Folder(settings);
        services.AddMailSender(
            delivery,
            sp => ActivatorUtilities.CreateInstance<MailComposer>(sp),
            sp => mail.Mode == "smtp"
                ? new SmtpTransport(new SmtpOptions
                {
                    Host = mail.Smtp.Host!,
                    Port = mail.Smtp.Port,
                    Security = mail.Smtp.Security,
                    User = mail.Smtp.User,
                    Password = mail.Smtp.Password,
                    Timeout = TimeSpan.FromSeconds(mail.Smtp.TimeoutSeconds),
                }, sp.GetRequiredService<TimeProvider>())
                : new FolderTransport(folder, sp.GetRequiredService<TimeProvider>()));
        services.AddHostedService<MailSenderJob>();
        return services;
    }

    /// <summary>Where .eml files go in folder mode: Senim:Mail:Folder, else mail beside the files folder (data/mail).</summary>
    public static string Folder(SenimSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Mail.Folder is { Length: > 0 } folder ? folder : Path.Combine(settings.DataFolder(), "mail");
    }

    private static MailSettings Delivery(MailOptions mail) => new()
    {
        From = EmailAddresses.Normalize(mail.From) ?? mail.From,
        FromName = mail.FromName,
        MaxAttempts = mail.MaxAttempts,
        RetryDelay = TimeSpan.FromSeconds(mail.RetrySeconds),
        MaxRetryDelay = TimeSpan.FromSeconds(Math.Max(mail.RetrySeconds, mail.MaxRetrySeconds)),
        BatchSize = mail.BatchSize,
        Lease = TimeSpan.FromSeconds(mail.LeaseSeconds),
        Keep = TimeSpan.FromDays(mail.KeepDays),
    };
}
