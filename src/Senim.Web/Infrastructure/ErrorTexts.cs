namespace Senim.Web.Infrastructure;

/// <summary>
/// The words of the register's refusals: error.CODE for each code a service raises (RuleException, a field error,
/// ...). The codes are open-ended, so a test finds every code the register and the pages raise and checks its
/// texts; a code without texts falls back to the register's English.
/// </summary>
public static class ErrorTexts
{
    public const string Prefix = "error";

    public static string Key(string code)
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        return Prefix + "." + code;
    }
}
