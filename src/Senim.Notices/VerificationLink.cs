namespace Senim.Notices;

/// <summary>
/// The address of the public verification page for a system (and optionally one label): BASE/verify?system=NUMBER[&amp;label=ID].
/// Notices, badges and the web app build it the same way.
/// </summary>
public static class VerificationLink
{
    /// <summary>The longest label id accepted.</summary>
    public const int MaxLabelIdLength = 200;

    /// <summary>The verification page for <paramref name="registerNumber"/>, and <paramref name="labelId"/> when given.</summary>
    public static Uri For(Uri baseUrl, string registerNumber, string? labelId = null)
    {
        NoticeTexts.CheckUrl(baseUrl);
        if (!NoticeTexts.IsRegisterNumber(registerNumber))
        {
            throw new ArgumentException($"'{registerNumber}' is not a register number (KZ-AI-YYYY-NNNNNN).", nameof(registerNumber));
        }

        if (labelId is not null && (labelId.Length == 0 || labelId.Length > MaxLabelIdLength))
        {
            throw new ArgumentException($"A label id has 1 to {MaxLabelIdLength} characters.", nameof(labelId));
        }

        var root = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl.AbsoluteUri : baseUrl.AbsoluteUri + "/";
        var query = "system=" + Uri.EscapeDataString(registerNumber) + (labelId is null ? "" : "&label=" + Uri.EscapeDataString(labelId));
        return new Uri(root + "verify?" + query);
    }
}
