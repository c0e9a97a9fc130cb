using Senim.Signatures.Identifiers;
using Senim.Signatures.Verification;

namespace Senim.Signatures.Texts;

/// <summary>The languages of the texts.</summary>
public enum SignatureLanguage
{
    Kk,
    Ru,
    En,
}

/// <summary>One text in Kazakh, Russian and English.</summary>
public sealed record Trilingual(string Kk, string Ru, string En)
{
    public string In(SignatureLanguage language) => language switch
    {
        SignatureLanguage.Kk => Kk,
        SignatureLanguage.Ru => Ru,
        _ => En,
    };
}

/// <summary>
/// What to tell a person, in kk, ru and en, when a signature is refused or a BIN/IIN is mistyped. The pages
/// show this text and, for operators, the English <see cref="SignatureFailure.Message"/> with the particulars.
/// Tables, so a test can prove every reason and problem has its three texts.
/// </summary>
public static class SignatureTexts
{
    /// <summary>One text per <see cref="SignatureReason"/>.</summary>
    public static IReadOnlyDictionary<SignatureReason, Trilingual> Reasons { get; } = new Dictionary<SignatureReason, Trilingual>
    {
        [SignatureReason.Malformed] = new(
            "Қолтаңба файлын оқу мүмкін емес. CMS қолтаңбасын (.cms, .p7s немесе NCALayer берген Base64) жүктеңіз.",
            "Файл подписи не читается. Загрузите подпись CMS (.cms, .p7s или Base64 из NCALayer).",
            "The signature file cannot be read. Upload a CMS signature (.cms, .p7s or the Base64 from NCALayer)."),
        [SignatureReason.TooLarge] = new(
            "Қолтаңба файлы тым үлкен.",
            "Файл подписи слишком большой.",
            "The signature file is too large."),
        [SignatureReason.MultipleSigners] = new(
            "Файлда бірнеше қолтаңба бар. Сынақ мәтініне бір сертификатпен бір рет қол қойыңыз.",
            "В файле несколько подписей. Подпишите текст запроса один раз одним сертификатом.",
            "The file holds several signatures. Sign the challenge once, with one certificate."),
        [SignatureReason.SignerCertificateMissing] = new(
            "Файлда қол қоюшының сертификаты жоқ. Сертификатты қолтаңбаға қосатын құралмен қол қойыңыз (мысалы, NCALayer).",
            "В файле нет сертификата подписавшего. Подпишите средством, которое включает сертификат в подпись (например, NCALayer).",
            "The file does not contain the signer's certificate. Sign with a tool that includes it (NCALayer does)."),
        [SignatureReason.UnsupportedAlgorithm] = new(
            "Қолтаңба алгоритмі қолдау көрсетілмейді. ГОСТ қолтаңбалары үшін жүйеде ГОСТ провайдері орнатылмаған; ҰКО-ның RSA сертификатымен қол қойыңыз.",
            "Алгоритм подписи не поддерживается. Для подписей ГОСТ в системе не установлен провайдер ГОСТ; подпишите RSA-сертификатом НУЦ.",
            "The signature algorithm is not supported. No GOST provider is installed for GOST signatures; sign with an RSA certificate of the NCA."),
        [SignatureReason.SignatureInvalid] = new(
            "Қолтаңба жарамсыз: файл қол қойылғаннан кейін өзгертілген.",
            "Подпись недействительна: файл изменён после подписания.",
            "The signature is not valid: the file was changed after signing."),
        [SignatureReason.ContentMissing] = new(
            "Бөлек қолтаңбаға қол қойылған мәтін де қажет.",
            "Для отделённой подписи нужен и подписанный текст.",
            "A detached signature needs the text it signs."),
        [SignatureReason.ContentMismatch] = new(
            "Қолтаңба осы сынақ мәтініне қойылмаған. Осы бетте берілген мәтінге өзгеріссіз қол қойыңыз.",
            "Подпись поставлена не под этим текстом запроса. Подпишите без изменений текст, выданный на этой странице.",
            "The signature is not over this challenge. Sign the text issued on this page, unchanged."),
        [SignatureReason.NonceMismatch] = new(
            "Бұл қолтаңба басқа (ескі) сынаққа қойылған. Қазір көрсетілген мәтінге қол қойыңыз.",
            "Эта подпись поставлена под другим (старым) запросом. Подпишите текст, показанный сейчас.",
            "This signature is over another (older) challenge. Sign the text shown now."),
        [SignatureReason.SigningTimeInFuture] = new(
            "Қол қою уақыты болашақта. Компьютердің сағатын тексеріңіз.",
            "Время подписания в будущем. Проверьте часы компьютера.",
            "The signing time is in the future. Check the computer's clock."),
        [SignatureReason.SigningTimeBeforeIssue] = new(
            "Қолтаңбада көрсетілген уақыт сынақ мәтіні берілгенге дейінгі уақыт. Компьютердің сағатын тексеріп, қайта қол қойыңыз.",
            "Время в подписи раньше, чем был выдан текст запроса. Проверьте часы компьютера и подпишите заново.",
            "The signature claims a time before the challenge was issued. Check the computer's clock and sign again."),
        [SignatureReason.ChainTooLong] = new(
            "Сертификаттар тізбегі тым ұзын.",
            "Цепочка сертификатов слишком длинная.",
            "The certificate chain is too long."),
        [SignatureReason.UntrustedRoot] = new(
            "Сертификатты сенімді куәландырушы орталық бермеген.",
            "Сертификат выдан не доверенным удостоверяющим центром.",
            "The certificate was not issued by a trusted certification authority."),
        [SignatureReason.ChainInvalid] = new(
            "Сертификаттар тізбегі жарамсыз.",
            "Цепочка сертификатов недействительна.",
            "The certificate chain is not valid."),
        [SignatureReason.Expired] = new(
            "Қол қойған кезде сертификаттың мерзімі өтіп кеткен.",
            "Срок действия сертификата истёк к моменту подписания.",
            "The certificate had expired when the file was signed."),
        [SignatureReason.NotYetValid] = new(
            "Қол қойған кезде сертификат әлі күшіне енбеген.",
            "Сертификат ещё не действовал в момент подписания.",
            "The certificate was not yet valid when the file was signed."),
        [SignatureReason.Revoked] = new(
            "Сертификат кері қайтарып алынған.",
            "Сертификат отозван.",
            "The certificate has been revoked."),
        [SignatureReason.CrlUnavailable] = new(
            "Сертификаттың кері қайтарылмағанын қазір тексеру мүмкін емес. Кейінірек қайталаңыз.",
            "Сейчас нельзя проверить, не отозван ли сертификат. Повторите позже.",
            "Whether the certificate is revoked cannot be checked now. Try again later."),
        [SignatureReason.WrongKeyUsage] = new(
            "Бұл сертификаттың кілті қол қоюға арналмаған. Қол қоюға арналған кілтті таңдаңыз.",
            "Ключ этого сертификата не предназначен для подписи. Выберите ключ для подписи.",
            "This certificate's key is not meant for signing. Choose your signing key."),
        [SignatureReason.NotLegalEntity] = new(
            "Бұл заңды тұлғаның сертификаты емес. Ұйымның атынан берілген ЭЦҚ-мен қол қойыңыз.",
            "Это не сертификат юридического лица. Подпишите ЭЦП, выданной от имени организации.",
            "This is not a legal-entity certificate. Sign with a digital signature issued for the organisation."),
        [SignatureReason.RoleNotAccepted] = new(
            "Бұл сертификаттағы рөл осы әрекетке жеткіліксіз (мысалы, бірінші басшы немесе қол қою құқығы бар тұлға қажет).",
            "Роли в этом сертификате недостаточно для этого действия (нужен, например, первый руководитель или лицо с правом подписи).",
            "The role in this certificate is not enough for this action (for example, the first head or a person with the right to sign is needed)."),
        [SignatureReason.WrongBin] = new(
            "Сертификаттағы БСН осы ұйымның БСН-іне сәйкес келмейді.",
            "БИН в сертификате не совпадает с БИН этой организации.",
            "The BIN in the certificate is not this organisation's BIN."),
        [SignatureReason.WrongIin] = new(
            "Сертификаттағы ЖСН күтілген тұлғаның ЖСН-іне сәйкес келмейді.",
            "ИИН в сертификате не совпадает с ИИН ожидаемого лица.",
            "The IIN in the certificate is not the expected person's IIN."),
    };

    /// <summary>One text per <see cref="IdentificationNumberProblem"/>, with {0} for "БСН/БИН/BIN" or "ЖСН/ИИН/IIN".</summary>
    public static IReadOnlyDictionary<IdentificationNumberProblem, Trilingual> NumberProblems { get; } = new Dictionary<IdentificationNumberProblem, Trilingual>
    {
        [IdentificationNumberProblem.Empty] = new(
            "{0} енгізіңіз: 12 цифр.",
            "Введите {0}: 12 цифр.",
            "Enter the {0}: 12 digits."),
        [IdentificationNumberProblem.WrongLength] = new(
            "{0} 12 цифрдан тұрады.",
            "{0} состоит из 12 цифр.",
            "A {0} has 12 digits."),
        [IdentificationNumberProblem.NotDigits] = new(
            "{0} тек цифрлардан тұрады, бос орынсыз және әріпсіз.",
            "{0} состоит только из цифр, без пробелов и букв.",
            "A {0} is digits only, without spaces or letters."),
        [IdentificationNumberProblem.CheckDigitMismatch] = new(
            "{0} бақылау разрядынан өтпеді: бір цифр қате терілген немесе екі цифрдың орны ауысқан.",
            "{0} не проходит проверку контрольного разряда: одна цифра набрана неверно или две переставлены.",
            "The {0} fails its check digit: a digit is mistyped or two are swapped."),
        [IdentificationNumberProblem.CheckDigitUndefined] = new(
            "Мұндай {0} болмайды: алғашқы 11 цифрдың бірі қате терілген.",
            "Такого {0} не бывает: одна из первых 11 цифр набрана неверно.",
            "No {0} looks like this: one of the first 11 digits is mistyped."),
    };

    /// <summary>The person's text for <paramref name="reason"/>.</summary>
    public static string For(SignatureReason reason, SignatureLanguage language) => Reasons[reason].In(language);

    /// <summary>The person's text for a mistyped BIN (<paramref name="isBin"/>) or IIN.</summary>
    public static string For(IdentificationNumberProblem problem, bool isBin, SignatureLanguage language)
    {
        var name = language switch
        {
            SignatureLanguage.Kk => isBin ? "БСН" : "ЖСН",
            SignatureLanguage.Ru => isBin ? "БИН" : "ИИН",
            _ => isBin ? "BIN" : "IIN",
        };

        return string.Format(System.Globalization.CultureInfo.InvariantCulture, NumberProblems[problem].In(language), name);
    }
}
