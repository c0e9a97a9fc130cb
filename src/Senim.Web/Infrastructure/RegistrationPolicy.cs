namespace Senim.Web.Infrastructure;

/// <summary>
/// The operator's statement that registering or publishing a system in Senim is the platform's policy, not a duty
/// under the Law. It is not law-pack data: whoever runs Senim says it (Senim:RegistrationPolicyNote:Kk|Ru|En), and a
/// language left unset keeps the shipped text. Shown with the next steps that send a system to the register.
/// </summary>
public sealed class RegistrationPolicy(SenimSettings settings, UiText texts)
{
    /// <summary>The next steps of the Kazakhstan pack that send a system to Senim's register (expert review, or notification).</summary>
    public static IReadOnlySet<string> RegisterSteps { get; } = new HashSet<string>(["kz.n.register", "kz.n.publish"], StringComparer.Ordinal);

    public string Note(Language language)
    {
        var configured = settings.RegistrationPolicyNote;
        var text = language switch
        {
            Language.Kk => configured?.Kk,
            Language.Ru => configured?.Ru,
            _ => configured?.En,
        };
        return string.IsNullOrWhiteSpace(text) ? texts.Get("result.registration-policy", language) : text.Trim();
    }
}
