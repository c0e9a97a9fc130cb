using System.Globalization;

namespace Senim.Law.Texts;

/// <summary>
/// The labels of a classification report (headings, states, "because"), in kk, ru and en. Pack
/// content brings its own texts; these are the words around it, shared by the CLI and the web.
/// </summary>
public static class Vocabulary
{
    private static readonly Dictionary<string, LocalizedText> Entries = new(StringComparer.Ordinal)
    {
        ["report.title"] = new("ЖИ жүйесін жіктеу есебі", "Отчёт о классификации системы ИИ", "AI system classification report"),
        ["system"] = new("Жүйе", "Система", "System"),
        ["organisation"] = new("Ұйым", "Организация", "Organisation"),
        ["pack"] = new("Құқық пакеті", "Правовой пакет", "Law pack"),
        ["hash"] = new("Мазмұн хэші", "Хеш содержимого", "Content hash"),
        ["at"] = new("Заң қолданылған күн", "Дата применения закона", "Law applied at"),
        ["complete"] = new("Толық нәтиже: барлық қажетті сұрақтарға жауап берілді.", "Полный результат: на все нужные вопросы даны ответы.", "Complete: every question needed has been answered."),
        ["partial"] = new("Ішінара нәтиже: {0} сұраққа жауап жоқ; олар төменде берілген. Жетіспейтін жауаптар болжанбайды.", "Частичный результат: нет ответа на {0} вопрос(а/ов); они перечислены ниже. Недостающие ответы не угадываются.", "Partial result: {0} question(s) still open, listed below. Missing answers are never guessed."),
        ["conclusions"] = new("Қорытындылар", "Выводы", "Conclusions"),
        ["obligations"] = new("Міндеттер", "Обязанности", "Obligations"),
        ["rights"] = new("Адамдардың құқықтары", "Права людей", "People's rights"),
        ["rights.lead"] = new(
            "Жүйені пайдаланатын немесе ол туралы шешім қабылдайтын адамдардың құқықтары (16-бап, 7-баптың 2-тармағы): меншік иесі мен иегер оларды сақтауға міндетті, пайдаланушы оларды пайдалана алады.",
            "Права людей, которые пользуются системой или о которых она принимает решения (ст. 16, п. 2 ст. 7): собственник и владелец обязаны их соблюдать, пользователь вправе ими воспользоваться.",
            "The rights of the people who use the system or about whom it decides (Art. 16, Art. 7(2)): the owner and the holder must honour them; a user may exercise them."),
        ["documents"] = new("Қажетті құжаттар", "Необходимые документы", "Documents required"),
        ["next_steps"] = new("Келесі қадамдар", "Следующие шаги", "Next steps"),
        ["open_questions"] = new("Ашық сұрақтар", "Открытые вопросы", "Open questions"),
        ["ignored_answers"] = new("Бұл жүйеге қатысы жоқ сұрақтарға берілген жауаптар ескерілмеді", "Ответы на вопросы, не относящиеся к этой системе, не учитывались", "Answers to questions that do not apply to this system were not used"),
        ["because"] = new("себебі", "потому что", "because"),
        ["answers_used"] = new("пайдаланылған деректер", "использованные данные", "inputs"),
        ["applies"] = new("қолданылады", "применяется", "applies"),
        ["upcoming"] = new("{0} бастап қолданылады", "применяется с {0}", "applies from {0}"),
        ["undetermined"] = new("қолданылуы мүмкін: жауаптар жетіспейді", "может применяться: не хватает ответов", "may apply: answers missing"),
        ["yes"] = new("иә", "да", "yes"),
        ["no"] = new("жоқ", "нет", "no"),
        ["none"] = new("жоқ", "нет", "none"),
        ["not_applicable"] = new("қолданылмайды", "не применимо", "not applicable"),
        ["not_determined"] = new("әлі анықталмаған", "ещё не определено", "not yet determined"),
        ["possible"] = new("мүмкін мәндер: {0}", "возможные значения: {0}", "possible: {0}"),
        ["by_default"] = new("ешбір ереже қолданылмады, сондықтан әдепкі мән алынды", "ни одно правило не сработало, поэтому принято значение по умолчанию", "no rule applied, so the default was taken"),
        ["prohibited"] = new("ТЫЙЫМ САЛЫНҒАН МҮМКІНДІК АНЫҚТАЛДЫ", "ВЫЯВЛЕНА ЗАПРЕЩЁННАЯ ВОЗМОЖНОСТЬ", "PROHIBITED CAPABILITY FOUND"),
        ["prohibited.upcoming"] = new("{0} БАСТАП ТЫЙЫМ САЛЫНАДЫ", "БУДЕТ ЗАПРЕЩЕНО С {0}", "PROHIBITED FROM {0}"),
        ["prohibited.upcoming.possible"] = new("{0} бастап тыйым салынуы мүмкін: жауаптар жетіспейді", "может быть запрещено с {0}: не хватает ответов", "may be prohibited from {0}: answers missing"),
        ["prohibited.upcoming.note"] = new("{0} күні бұл әлі тыйым салынбаған: тыйым {1} бастап қолданылады. Жүйені сол күнге дейін өзгертіңіз немесе тоқтатыңыз.", "На {0} это ещё не запрещено: запрет применяется с {1}. Измените или остановите систему до этой даты.", "Not yet prohibited on {0}: the prohibition applies from {1}. Change or stop the system before that date."),
        ["not_in_force"] = new("{0} күні бұл акт әлі күшіне енген жоқ: ол {1} бастап қолданылады. Төмендегілердің ешқайсысы әзірге міндетті емес; не және қай күннен бастап қолданылатыны көрсетілген.", "На {0} этот акт ещё не вступил в силу: он применяется с {1}. Ничто из перечисленного ниже пока не обязывает; показано, что и с какой даты будет применяться.", "Not yet in force on {0}: this act applies from {1}. Nothing below binds yet; it shows what will apply, and from when."),
        ["other_law_answers"] = new("Мұнда қолданылмаған заңның сұрақтарына берілген жауаптар ескерілмеді", "Ответы на вопросы закона, который здесь не применялся, не учитывались", "Answers to questions of a law not applied here were not used"),
        ["input.invalid"] = new("{0}: жүйе сипаттамасы жарамсыз:", "{0}: описание системы содержит ошибки:", "{0}: the system description is not valid:"),
        ["input.no_file"] = new("мұндай файл жоқ", "такого файла нет", "no such file"),
        ["input.folder"] = new("бұл файл емес, қалта: YAML немесе JSON форматындағы жүйе сипаттамасы файлының жолын көрсетіңіз", "это папка, а не файл: укажите путь к файлу с описанием системы в формате YAML или JSON", "is a folder, not a file: give the path of a YAML or JSON system description"),
        ["input.unreadable"] = new("оқу мүмкін емес: {0}", "не удаётся прочитать: {0}", "cannot be read: {0}"),
        ["exception"] = new("Ерекшелік", "Исключение", "Exception"),
        ["note"] = new("Ескерту", "Примечание", "Note"),
        ["duty"] = new("міндет", "обязанность", "duty"),
        ["right"] = new("пайдаланушы құқығы", "право пользователя", "user right"),
        ["roles"] = new("рөлдер", "роли", "roles"),
        ["sections"] = new("бөлімдер", "разделы", "sections"),
        ["proposed"] = new("{0} күнге ауыстырылуы мүмкін", "может быть перенесено на {0}", "may move to {0}"),
        ["fields"] = new("өрістер", "поля", "fields"),
        ["status.T"] = new("заң мәтіні", "текст закона", "law's text"),
        ["status.S"] = new("қосалқы дереккөз", "вторичный источник", "secondary source"),
        ["status.U"] = new("анық емес", "не подтверждено", "uncertain"),
        ["status.legend"] = new("[T] заң мәтіні, [S] қосалқы дереккөз, [U] анық емес", "[T] текст закона, [S] вторичный источник, [U] не подтверждено", "[T] the law's text, [S] a secondary source, [U] uncertain"),
        ["disclaimer"] = new("Бұл құқықтық кеңес емес: нәтиже иесінің жауаптарына және құқық пакетіне негізделген.", "Это не юридическая консультация: результат основан на ответах владельца и правовом пакете.", "Not legal advice: the result follows from the owner's answers and the law pack."),
    };

    /// <summary>All keys, for tests and tooling.</summary>
    public static IEnumerable<string> Keys => Entries.Keys;

    /// <summary>The label with the given key in the given language.</summary>
    public static string Get(string key, Language language) =>
        Entries.TryGetValue(key, out var text) ? text[language] : throw new KeyNotFoundException($"no vocabulary entry '{key}'");

    /// <summary>The label with placeholders filled.</summary>
    public static string Format(string key, Language language, params object[] args) =>
        string.Format(CultureInfo.InvariantCulture, Get(key, language), args);

    /// <summary>The label as a three-language text.</summary>
    public static LocalizedText Text(string key) => Entries[key];
}
