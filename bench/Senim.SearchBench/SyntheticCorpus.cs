using System.Globalization;
using Senim.Search;

namespace Senim.SearchBench;

/// <summary>
/// Synthetic AI systems in kk, ru and en (names, descriptions, organisations, BINs, register numbers) from topic word lists
/// with word forms and invented brand names, and varied queries drawn from the same words as people type them: in any
/// language, in Latin transliteration, in another word form, with a typo, two words, or a BIN or register number.
/// </summary>
internal sealed class SyntheticCorpus
{
    // Per topic: name words and description words, each as kk | ru | en.
    private static readonly (string Sector, string[] Words)[] Topics =
    [
        ("finance", ["банк|банк|bank", "несие|кредит|credit", "скоринг|скоринг|scoring", "алаяқтық|мошенничество|fraud", "төлем|платеж|payment", "клиент|клиент|customer", "карта|карта|card", "депозит|депозит|deposit"]),
        ("finance", ["сақтандыру|страхование|insurance", "залал|ущерб|damage", "апат|авария|accident", "төлем|выплата|claim", "полис|полис|policy"]),
        ("health", ["аурухана|больница|hospital", "рентген|рентген|xray", "дәрігер|врач|doctor", "науқас|пациент|patient", "диагноз|диагноз|diagnosis", "емхана|поликлиника|clinic", "диабет|диабет|diabetes", "өкпе|легкие|lung"]),
        ("health", ["дәріхана|аптека|pharmacy", "дәрі|лекарство|medicine", "қор|запас|stock", "сұраныс|спрос|demand"]),
        ("education", ["мектеп|школа|school", "оқушы|ученик|pupil", "математика|математика|mathematics", "репетитор|репетитор|tutor", "шығарма|сочинение|essay", "бағалау|оценка|grading"]),
        ("education", ["университет|университет|university", "студент|студент|student", "талапкер|абитуриент|applicant", "плагиат|плагиат|plagiarism", "диплом|диплом|thesis"]),
        ("education", ["балабақша|детсад|kindergarten", "кезек|очередь|queue", "орын|место|place"]),
        ("transport", ["теміржол|железнодорожный|railway", "пойыз|поезд|train", "билет|билет|ticket", "рельс|рельс|rail", "жөндеу|ремонт|maintenance"]),
        ("transport", ["автобус|автобус|bus", "бағыт|маршрут|route", "жолаушы|пассажир|passenger", "кесте|расписание|timetable", "көлік|транспорт|transport"]),
        ("transport", ["әуежай|аэропорт|airport", "багаж|багаж|baggage", "рейс|рейс|flight"]),
        ("public", ["мемлекеттік|государственный|public", "қызмет|услуга|service", "анықтама|справка|certificate", "азамат|гражданин|citizen", "жәрдемақы|пособие|benefit"]),
        ("public", ["салық|налог|tax", "кеден|таможня|customs", "жүк|груз|cargo", "шекара|граница|border", "тексеру|проверка|audit"]),
        ("justice", ["сот|суд|court", "хаттама|протокол|transcript", "аудармашы|переводчик|translator", "құжат|документ|document"]),
        ("agriculture", ["егін|урожай|harvest", "бидай|пшеница|wheat", "мал|скот|livestock", "жер|земля|land", "спутник|спутник|satellite"]),
        ("energy", ["электр|электричество|electricity", "желі|сеть|grid", "есептегіш|счетчик|meter", "жүктеме|нагрузка|load", "қуат|мощность|power"]),
        ("retail", ["тауар|товар|product", "баға|цена|price", "дүкен|магазин|store", "сатып алушы|покупатель|shopper", "ұсыныс|рекомендация|recommendation"]),
        ("telecom", ["абонент|абонент|subscriber", "байланыс|связь|telecom", "дауыс|голос|voice", "қоңырау|звонок|call", "оператор|оператор|operator"]),
        ("mining", ["шахта|шахта|mine", "қауіпсіздік|безопасность|safety", "газ|газ|gas", "кен|руда|ore", "жұмысшы|работник|worker"]),
        ("media", ["жаңалық|новость|news", "аударма|перевод|translation", "бейне|видео|video", "дипфейк|дипфейк|deepfake"]),
        ("environment", ["су|вода|water", "тасқын|паводок|flood", "өзен|река|river", "ауа|воздух|air", "болжам|прогноз|forecast"]),
    ];

    private static readonly string[] Cities = ["Алматы|Алматы|Almaty", "Астана|Астана|Astana", "Шымкент|Шымкент|Shymkent", "Қарағанды|Караганда|Karaganda", "Ақтөбе|Актобе|Aktobe", "Павлодар|Павлодар|Pavlodar", "Өскемен|Усть-Каменогорск|Oskemen", "Атырау|Атырау|Atyrau", "Қостанай|Костанай|Kostanay", "Тараз|Тараз|Taraz"];
    private static readonly string[] KazakhEndings = ["", "", "тің", "ға", "ке", "лар", "дер", "да", "ды", "ның", "мен"];
    private static readonly string[] RussianEndings = ["", "", "а", "ам", "ов", "ы", "е", "ом", "ами"];
    private static readonly string[] Syllables = ["qaz", "sen", "tal", "nur", "ai", "bek", "dar", "tech", "lab", "ko", "mar", "sy", "ra", "tu", "len", "ger", "zhan", "ul", "bay", "ton"];

    private readonly Random random;
    private readonly List<string> brands = [];

    public List<SearchDocument> Documents { get; } = [];

    /// <summary>Each document's update time (ticks), for the database peer's ordering.</summary>
    public List<long> Updated { get; } = [];

    public SyntheticCorpus(int documents, int seed)
    {
        random = new Random(seed);
        for (var i = 0; i < Math.Max(100, documents / 20); i++)
        {
            brands.Add(string.Concat(Enumerable.Range(0, 2 + random.Next(2)).Select(_ => Syllables[random.Next(Syllables.Length)])) + (random.Next(3) == 0 ? random.Next(1, 100).ToString(CultureInfo.InvariantCulture) : ""));
        }

        var organisations = Math.Max(10, documents / 5);
        for (var i = 0; i < documents; i++)
        {
            var topic = Topics[random.Next(Topics.Length)];
            var org = random.Next(organisations);
            var city = Cities[org % Cities.Length].Split('|');
            var brand = brands[org % brands.Count];
            var fields = new List<SearchField>();
            var nameWords = Pick(topic.Words, 2);
            var descriptionWords = Pick(topic.Words, 4 + random.Next(4));
            for (var language = 0; language < 3; language++)
            {
                var lang = language switch { 0 => "kk", 1 => "ru", _ => "en" };
                fields.Add(new SearchField(SearchFieldKind.Name, lang, string.Join(' ', nameWords.Select(w => w.Split('|')[language])) + " " + brands[random.Next(brands.Count)]));
                fields.Add(new SearchField(SearchFieldKind.Description, lang, string.Join(' ', descriptionWords.Select(w => Inflect(w.Split('|')[language], language)))));
                fields.Add(new SearchField(SearchFieldKind.Organisation, lang, $"{city[language]} {brand} {(language == 0 ? "ЖШС" : language == 1 ? "ТОО" : "LLP")}"));
            }

            Documents.Add(new SearchDocument(new Guid(random.Next(), (short)random.Next(), (short)random.Next(), BitConverter.GetBytes(random.NextInt64())),
                fields, [Bin(org), $"KZ-AI-2026-{i + 1:000000}"], ["sector:" + topic.Sector]));
            Updated.Add(random.NextInt64(1, long.MaxValue / 4));
        }
    }

    /// <summary>A 12-digit BIN per organisation (not check-digit valid: only exact matching matters here).</summary>
    public static string Bin(int organisation) => (100000000000L + organisation * 7919L).ToString(CultureInfo.InvariantCulture);

    /// <summary>Queries as people type them, varied so that a cache could not answer them.</summary>
    public List<string> Queries(int count)
    {
        var queries = new List<string>(count);
        var organisations = Math.Max(10, Documents.Count / 5);
        for (var i = 0; i < count; i++)
        {
            var kind = random.Next(20);
            if (kind == 0)
            {
                queries.Add(Bin(random.Next(organisations)));
                continue;
            }

            if (kind == 1)
            {
                queries.Add($"KZ-AI-2026-{random.Next(1, Documents.Count + 1):000000}");
                continue;
            }

            var topic = Topics[random.Next(Topics.Length)];
            var language = random.Next(3);
            var words = Pick(topic.Words, kind < 8 ? 2 : 1).Select(w => w.Split('|')[language]).ToList();
            if (kind is 8 or 9)
            {
                words.Add(brands[random.Next(brands.Count)]);
            }

            var text = string.Join(' ', words.Select(w => random.Next(3) == 0 ? Inflect(w, language) : w));
            text = random.Next(4) switch
            {
                0 when language == 0 => Transliteration.KazakhToLatin(text),
                0 when language == 1 => Transliteration.RussianToLatin(text),
                1 => Typo(text),
                _ => text,
            };
            queries.Add(text);
        }

        return queries;
    }

    private List<string> Pick(string[] words, int count) => [.. words.OrderBy(_ => random.Next()).Take(Math.Min(count, words.Length))];

    private string Inflect(string word, int language) => language switch
    {
        0 => word + KazakhEndings[random.Next(KazakhEndings.Length)],
        1 => word + RussianEndings[random.Next(RussianEndings.Length)],
        _ => random.Next(3) == 0 ? word + "s" : word,
    };

    private string Typo(string text)
    {
        var longest = text.Split(' ').OrderByDescending(w => w.Length).First();
        if (longest.Length < TextAnalysis.MinTypoLength)
        {
            return text;
        }

        var at = 1 + random.Next(longest.Length - 2);
        var typo = random.Next(3) switch
        {
            0 => longest.Remove(at, 1),
            1 => longest[..at] + longest[at + 1] + longest[at] + longest[(at + 2)..],
            _ => longest[..at] + longest[at - 1] + longest[at..],
        };
        return text.Replace(longest, typo, StringComparison.Ordinal);
    }
}
