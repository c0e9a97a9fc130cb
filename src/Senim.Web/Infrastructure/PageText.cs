using Senim.Law.Texts;

namespace Senim.Web.Infrastructure;

/// <summary>The UI texts in the current request's language: <c>@T["home.title"]</c> in a page.</summary>
public sealed class PageText(IHttpContextAccessor accessor, UiText texts)
{
    public Language Language => accessor.HttpContext is { } context ? RequestLanguage.Get(context) : Language.En;

    public string this[string key] => texts.Get(key, Language);

    public string Format(string key, params object[] args) => texts.Format(key, Language, args);

    /// <summary>Whether a text exists (for optional explanations with a fallback).</summary>
    public bool Has(string key) => texts.Has(key);

    /// <summary>A report label from Senim.Law's vocabulary.</summary>
    public string Word(string key) => Vocabulary.Get(key, Language);

    public string WordFormat(string key, params object[] args) => Vocabulary.Format(key, Language, args);
}
