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
        ["obligations"] = new("Міндеттер мен құқықтар", "Обязанности и права", "Obligations and rights"),
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
