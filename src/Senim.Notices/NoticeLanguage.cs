namespace Senim.Notices;

/// <summary>The languages of Senim's notices: Kazakh, Russian and English.</summary>
public enum NoticeLanguage
{
    /// <summary>Kazakh (қазақ тілі).</summary>
    Kk,

    /// <summary>Russian (русский язык).</summary>
    Ru,

    /// <summary>English.</summary>
    En,
}
