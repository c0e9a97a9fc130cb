namespace Senim.Web.Features.Account;

/// <summary>The preferred-language radio group (kk, ru, en), rendered by _Language.cshtml.</summary>
public sealed record LanguageChoice(string? Selected, string? Error);
