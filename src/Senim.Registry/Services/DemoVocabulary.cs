namespace Senim.Registry.Services;

/// <summary>One word or phrase in the register's three languages.</summary>
public sealed record Trilingual(string Kk, string Ru, string En);

/// <summary>
/// A kind of organisation the bulk demo data is made of: how its name is built in each language from a place ({0}), the
/// adjective its systems are named with, the genitive its systems' purposes use («банктің», «банка», "bank's"), and its sector.
/// </summary>
public sealed record OrganisationKind(Trilingual Name, Trilingual Adjective, Trilingual Genitive, string Sector);

/// <summary>
/// The small, fixed vocabulary of the bulk demo data (issue 13): real-sounding organisations (banks, clinics, schools,
/// transport...) and systems, with their names and purposes in Kazakh, Russian and English, so that searches such as
/// «банк», "bank" or «банктің» find something. Deterministic: the seeder draws from it with a seeded random.
/// </summary>
public static class DemoVocabulary
{
    /// <summary>Places that name organisations, in each language's spelling.</summary>
    public static IReadOnlyList<Trilingual> Places { get; } =
    [
        new("Алматы", "Алматы", "Almaty"), new("Астана", "Астана", "Astana"), new("Шымкент", "Шымкент", "Shymkent"),
        new("Қарағанды", "Караганда", "Karaganda"), new("Ақтөбе", "Актобе", "Aktobe"), new("Тараз", "Тараз", "Taraz"),
        new("Павлодар", "Павлодар", "Pavlodar"), new("Өскемен", "Усть-Каменогорск", "Oskemen"), new("Атырау", "Атырау", "Atyrau"),
        new("Қостанай", "Костанай", "Kostanay"), new("Сарыарқа", "Сарыарка", "Saryarka"), new("Алтын", "Алтын", "Altyn"),
        new("Тұран", "Туран", "Turan"), new("Бәйтерек", "Байтерек", "Baiterek"), new("Жетісу", "Жетысу", "Zhetisu"),
        new("Каспий", "Каспий", "Caspian"), new("Қазына", "Казына", "Kazyna"), new("Шаңырақ", "Шанырак", "Shanyraq"),
    ];

    /// <summary>Kinds of organisation; {0} in a name is the place.</summary>
    public static IReadOnlyList<OrganisationKind> Organisations { get; } =
    [
        new(new("«{0} банкі» АҚ", "АО «Банк {0}»", "{0} Bank JSC"), new("Банктік", "Банковский", "Banking"), new("банктің", "банка", "bank's"), "finance"),
        new(new("«{0} сақтандыру компаниясы» АҚ", "АО «Страховая компания {0}»", "{0} Insurance JSC"), new("Сақтандыру", "Страховой", "Insurance"), new("сақтандырушының", "страховщика", "insurer's"), "finance"),
        new(new("«{0} клиникасы» ЖШС", "ТОО «Клиника {0}»", "{0} Clinic LLP"), new("Медициналық", "Медицинский", "Medical"), new("клиниканың", "клиники", "clinic's"), "healthcare"),
        new(new("{0} қалалық ауруханасы", "Городская больница {0}", "{0} City Hospital"), new("Ауруханалық", "Больничный", "Hospital"), new("аурухананың", "больницы", "hospital's"), "healthcare"),
        new(new("«{0} мектебі» ЖШС", "ТОО «Школа {0}»", "{0} School LLP"), new("Мектептік", "Школьный", "School"), new("мектептің", "школы", "school's"), "education"),
        new(new("«{0} университеті» АҚ", "АО «Университет {0}»", "{0} University JSC"), new("Университеттік", "Университетский", "University"), new("университеттің", "университета", "university's"), "education"),
        new(new("«{0} көлік компаниясы» ЖШС", "ТОО «Транспортная компания {0}»", "{0} Transport LLP"), new("Көліктік", "Транспортный", "Transport"), new("көлік компаниясының", "транспортной компании", "carrier's"), "transport"),
        new(new("«{0} Телеком» АҚ", "АО «{0} Телеком»", "{0} Telecom JSC"), new("Байланыс", "Телеком", "Telecom"), new("байланыс операторының", "оператора связи", "operator's"), "telecommunications"),
        new(new("«{0} Энерго» АҚ", "АО «{0} Энерго»", "{0} Energy JSC"), new("Энергетикалық", "Энергетический", "Energy"), new("энергокомпанияның", "энергокомпании", "utility's"), "energy"),
        new(new("«{0} Маркет» ЖШС", "ТОО «{0} Маркет»", "{0} Market LLP"), new("Сауда", "Торговый", "Retail"), new("дүкеннің", "магазина", "shop's"), "retail"),
        new(new("{0} қаласының әкімдігі", "Акимат города {0}", "{0} City Akimat"), new("Қалалық", "Городской", "City"), new("әкімдіктің", "акимата", "akimat's"), "public-administration"),
        new(new("«{0} заң фирмасы» ЖШС", "ТОО «Юридическая фирма {0}»", "{0} Law Firm LLP"), new("Заңгерлік", "Юридический", "Legal"), new("заң фирмасының", "юридической фирмы", "law firm's"), "justice"),
        new(new("«{0} Агро» ЖШС", "ТОО «{0} Агро»", "{0} Agro LLP"), new("Аграрлық", "Аграрный", "Farming"), new("шаруашылықтың", "хозяйства", "farm's"), "agriculture"),
        new(new("«{0} зауыты» АҚ", "АО «Завод {0}»", "{0} Plant JSC"), new("Өндірістік", "Производственный", "Factory"), new("зауыттың", "завода", "plant's"), "manufacturing"),
        new(new("«{0} Медиа» ЖШС", "ТОО «{0} Медиа»", "{0} Media LLP"), new("Медиа", "Медийный", "Media"), new("редакцияның", "редакции", "newsroom's"), "media"),
        new(new("«{0} Кадр» ЖШС", "ТОО «{0} Кадры»", "{0} Staffing LLP"), new("Кадрлық", "Кадровый", "HR"), new("кадр агенттігінің", "кадрового агентства", "agency's"), "employment"),
    ];

    /// <summary>Kinds of AI system.</summary>
    public static IReadOnlyList<Trilingual> Systems { get; } =
    [
        new("скоринг", "скоринг", "scoring"), new("чат-бот", "чат-бот", "chatbot"), new("ассистент", "ассистент", "assistant"),
        new("болжам жүйесі", "система прогнозирования", "forecasting system"), new("бейнеталдау", "видеоаналитика", "video analytics"),
        new("құжаттарды тану", "распознавание документов", "document recognition"), new("ұсыныс жүйесі", "рекомендательная система", "recommender"),
        new("триаж", "триаж", "triage"), new("аудармашы", "переводчик", "translator"), new("алаяқтықты анықтау", "выявление мошенничества", "fraud detection"),
        new("сөйлеуді тану", "распознавание речи", "speech recognition"), new("маршрутизация", "маршрутизация", "routing"),
        new("сапаны бақылау", "контроль качества", "quality control"), new("кезек басқару", "управление очередью", "queue management"),
    ];

    /// <summary>The organisation's names: each language's pattern with the place in that language.</summary>
    public static Trilingual OrganisationName(OrganisationKind kind, Trilingual place)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(place);
        return new(Fill(kind.Name.Kk, place.Kk), Fill(kind.Name.Ru, place.Ru), Fill(kind.Name.En, place.En));
    }

    /// <summary>A system's names: the organisation kind's adjective, the system kind and a number that keeps names apart.</summary>
    public static Trilingual SystemName(OrganisationKind kind, Trilingual system, int number)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(system);
        return new($"{kind.Adjective.Kk} {system.Kk} {number}", $"{kind.Adjective.Ru} {system.Ru} {number}", $"{kind.Adjective.En} {system.En} {number}");
    }

    /// <summary>A system's purposes, naming whom it serves in the genitive («банктің клиенттеріне», «клиентов банка», "the bank's customers").</summary>
    public static Trilingual Purpose(OrganisationKind kind, Trilingual system)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(system);
        return new(
            $"{Capital(system.Kk)}: {kind.Genitive.Kk} клиенттеріне қызмет көрсету мен шешім қабылдауды қолдайды.",
            $"{Capital(system.Ru)}: поддерживает обслуживание клиентов {kind.Genitive.Ru} и принятие решений.",
            $"{Capital(system.En)} supporting the {kind.Genitive.En} customers and decisions.");
    }

    private static string Fill(string pattern, string place) => pattern.Replace("{0}", place, StringComparison.Ordinal);

    private static string Capital(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
