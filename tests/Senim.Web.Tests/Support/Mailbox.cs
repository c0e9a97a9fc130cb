using System.Text.RegularExpressions;
using MimeKit;

namespace Senim.Web.Tests.Support;

/// <summary>Reads the mail Senim sent: .eml files in a folder (the folder drop, or what the test SMTP server wrote).</summary>
public static partial class Mailbox
{
    /// <summary>Waits up to 20 s for a message to <paramref name="address"/> whose text contains <paramref name="containing"/>; returns the newest.</summary>
    public static async Task<MimeMessage> WaitAsync(string folder, string address, string containing, int count = 1)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var found = All(folder).Where(m => To(m, address) && (m.TextBody ?? "").Contains(containing, StringComparison.Ordinal)).ToList();
            if (found.Count >= count)
            {
                return found.OrderBy(m => m.Date).Last();
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"no mail to {address} with '{containing}' in {folder} after 60 s ({found.Count} of {count})");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Every message in the folder (files still being written are skipped).</summary>
    public static IReadOnlyList<MimeMessage> All(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return [];
        }

        var messages = new List<MimeMessage>();
        foreach (var file in Directory.GetFiles(folder, "*.eml"))
        {
            try
            {
                messages.Add(MimeMessage.Load(file));
            }
            catch (IOException)
            {
            }
        }

        return messages;
    }

    public static bool To(MimeMessage message, string address)
    {
        ArgumentNullException.ThrowIfNull(message);
        // MimeKit reads an international domain back in Unicode: compare the ASCII (Punycode) forms.
        var wanted = Senim.Registry.Mail.EmailAddresses.ToAscii(address);
        return message.To.Mailboxes.Any(m => string.Equals(Senim.Registry.Mail.EmailAddresses.ToAscii(m.Address), wanted, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The first link in the plain text whose path starts with <paramref name="path"/>, as a path and query (the host is the test's).</summary>
    public static string Link(MimeMessage message, string path)
    {
        ArgumentNullException.ThrowIfNull(message);
        foreach (Match match in Url().Matches(message.TextBody ?? ""))
        {
            var uri = new Uri(match.Value);
            if (uri.AbsolutePath.StartsWith(path, StringComparison.Ordinal))
            {
                return uri.PathAndQuery;
            }
        }

        throw new InvalidOperationException($"no link to {path} in: {message.TextBody}");
    }

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Url();
}
