using Senim.Law.Texts;
using Senim.Registry.Model;
using Senim.Registry.Services;

namespace Senim.Web.Infrastructure;

/// <summary>How every page and API names a system and its status in the reader's language.</summary>
public static class SystemText
{
    /// <summary>A system's name in the reader's language, else in another one, else a dash.</summary>
    public static string Name(Language language, string? kk, string? ru, string? en) => SystemTexts.Pick(language, kk, ru, en) ?? "—";

    /// <summary>The UI text key of a status name (review.status.CODE).</summary>
    public static string StatusKey(SystemStatus status) => "review.status." + status.Code();
}
