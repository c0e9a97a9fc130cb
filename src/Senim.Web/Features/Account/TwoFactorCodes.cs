namespace Senim.Web.Features.Account;

/// <summary>How typed codes are read: spaces and dashes people add are ignored; six digits are an authenticator code.</summary>
internal static class TwoFactorCodes
{
    public static string Normalize(string? code) =>
        new([.. (code ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-').Select(char.ToUpperInvariant).Take(64)]);

    public static bool IsAuthenticatorCode(string normalized) => normalized.Length == 6 && normalized.All(char.IsAsciiDigit);

    /// <summary>Identity's recovery codes look like XXXXX-XXXXX.</summary>
    public static string RecoveryFormat(string normalized) => normalized.Length == 10 ? normalized[..5] + "-" + normalized[5..] : normalized;

    /// <summary>The shared key in groups of four, easier to type into an app.</summary>
    public static string Grouped(string key) =>
        string.Join(' ', Enumerable.Range(0, (key.Length + 3) / 4).Select(i => key.Substring(i * 4, Math.Min(4, key.Length - (i * 4)))));
}
