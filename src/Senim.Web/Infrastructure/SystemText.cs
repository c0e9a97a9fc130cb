namespace Senim.Web.Infrastructure;

/// <summary>How every page and API names a system in the reader's language (its status: <see cref="PageText.Name(SystemStatus)"/>).</summary>
public static class SystemText
{
    /// <summary>A system's name in the reader's language, else in another one, else a dash.</summary>
    public static string Name(Language language, string? kk, string? ru, string? en) => SystemTexts.Pick(language, kk, ru, en) ?? "—";
}
