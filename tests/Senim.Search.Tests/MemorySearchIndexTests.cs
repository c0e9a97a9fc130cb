using CsCheck;

namespace Senim.Search.Tests;

public sealed class MemorySearchIndexTests : IDisposable
{
    private static readonly Guid Bank = new("00000000-0000-0000-0000-000000000001");
    private static readonly Guid Clinic = new("00000000-0000-0000-0000-000000000002");
    private static readonly Guid School = new("00000000-0000-0000-0000-000000000003");
    private static readonly Guid Mentions = new("00000000-0000-0000-0000-000000000004");

    private readonly MemorySearchIndex index = new();

    public MemorySearchIndexTests() => index.Upsert(
    [
        Doc(Bank, "Кредиттік скоринг", "Кредитный скоринг", "Credit scoring", "Банк клиенттерінің өтінімдерін бағалайды", "Оценивает заявки клиентов банка", "Scores the bank's loan applications",
            "Demo Bank JSC", ["123456789012", "KZ-AI-2026-000001"], ["sector:finance"]),
        Doc(Clinic, "Диагностикалық көмекші", "Диагностический помощник", "Diagnostic assistant", "Рентген суреттерін талдайды", "Анализирует рентгеновские снимки", "Reads chest X-rays",
            "City Hospital No. 1", ["210987654321", "KZ-AI-2026-000002"], ["sector:health"]),
        Doc(School, "Мектеп оқулығы", "Школьный репетитор", "School tutor", "Оқушыларға математика үйретеді", "Учит школьников математике", "Teaches pupils mathematics",
            "Astana School No. 5", ["111122223333"], ["sector:education"]),
        Doc(Mentions, "Чат-бот", "Чат-бот", "Chat bot", "Банктің клиенттеріне жауап береді", "Отвечает клиентам банка", "Answers customers of a bank",
            "Retail LLP", [], ["sector:finance"]),
    ]);

    public void Dispose() => index.Dispose();

    private static SearchDocument Doc(Guid id, string nameKk, string nameRu, string nameEn, string kk, string ru, string en, string organisation, string[] keys, string[] facets) => new(id,
        [
            new(SearchFieldKind.Name, "kk", nameKk), new(SearchFieldKind.Name, "ru", nameRu), new(SearchFieldKind.Name, "en", nameEn),
            new(SearchFieldKind.Description, "kk", kk), new(SearchFieldKind.Description, "ru", ru), new(SearchFieldKind.Description, "en", en),
            new(SearchFieldKind.Organisation, null, organisation),
        ], keys, facets);

    private Guid[] Find(string? text, params string[] facets) => [.. index.Search(new SearchRequest(text, facets)).Hits.Select(h => h.Id)];

    [Theory]
    [InlineData("скоринг")]
    [InlineData("skoring")]
    [InlineData("scoring")]
    [InlineData("кредиттік")]
    [InlineData("kredittık")]
    [InlineData("kreditnyy skoring")]
    public void A_system_is_found_in_any_language_and_script(string query) => Assert.Contains(Bank, Find(query));

    [Theory]
    [InlineData("банк")]
    [InlineData("банка")]
    [InlineData("банкам")]
    [InlineData("банктің")]
    [InlineData("банкке")]
    [InlineData("bank")]
    [InlineData("banka")]
    public void Word_forms_find_the_word(string query) => Assert.Equal([Bank, Mentions], Find(query).Order().ToArray());

    [Theory]
    [InlineData("диагностичесикй")]
    [InlineData("diagnstic")]
    [InlineData("matematica")]
    public void A_word_of_five_letters_or_more_is_found_one_edit_away(string query) => Assert.NotEmpty(Find(query));

    [Fact]
    public void A_short_word_is_not_matched_with_a_typo() => Assert.Empty(Find("bonk"));

    [Fact]
    public void A_word_two_edits_away_is_not_matched() => Assert.Empty(Find("diagnsotcs"));

    [Theory]
    [InlineData("123456789012")]
    [InlineData("KZ-AI-2026-000001")]
    [InlineData("kz ai 2026 000001")]
    [InlineData("KZAI2026000001")]
    public void Bins_and_register_numbers_find_exactly_their_system(string query) => Assert.Equal([Bank], Find(query));

    [Theory]
    [InlineData("123456")]
    [InlineData("123456789013")]
    [InlineData("KZ-AI-2026-000009")]
    public void Part_of_a_key_or_a_near_key_finds_nothing(string query) => Assert.Empty(Find(query));

    [Fact]
    public void A_bin_beside_words_must_match_too()
    {
        Assert.Equal([Bank], Find("скоринг 123456789012"));
        Assert.Empty(Find("скоринг 210987654321"));
    }

    [Fact]
    public void Every_word_of_a_query_must_match()
    {
        Assert.Equal([Mentions], Find("банк чат"));
        Assert.Empty(Find("банк рентген"));
    }

    [Fact]
    public void Facets_limit_the_results()
    {
        Assert.Equal([Mentions], Find("клиент", "sector:finance").Where(id => id == Mentions).ToArray());
        Assert.Empty(Find("рентген", "sector:finance"));
        Assert.Empty(Find("рентген", "sector:unknown"));
    }

    [Fact]
    public void A_match_in_the_name_ranks_above_a_match_in_a_description()
    {
        index.Upsert([new SearchDocument(Guid.NewGuid(), [new(SearchFieldKind.Description, "en", "a tutor for banks")])]);
        Assert.Equal(Bank, Find("банк")[0]); // in the organisation's name, not only in a description
        Assert.Equal(School, Find("tutor")[0]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\"*:&|!()-+^~ «» — …")]
    public void A_query_without_words_finds_nothing(string? query)
    {
        var result = index.Search(new SearchRequest(query));
        Assert.Empty(result.Hits);
        Assert.Equal(0, result.Count);
    }

    [Theory]
    [InlineData("\"банк\"")]
    [InlineData("банк*")]
    [InlineData("банк NEAR скоринг")]
    [InlineData("скоринг:банк")]
    [InlineData("банк & скоринг | !кредит")]
    [InlineData("bаnk")] // a Latin b, n, k around a Cyrillic а
    public void Search_operators_are_ordinary_separators(string query) => Assert.Contains(Bank, Find(query.Replace(" NEAR ", " ", StringComparison.Ordinal)));

    [Fact]
    public void A_ten_thousand_character_query_answers_quickly_without_an_exception()
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        foreach (var text in new[] { new string('a', 10_000), string.Concat(Enumerable.Repeat("банк ", 2000)), string.Concat(Enumerable.Repeat("\"*:&|! ", 1500)), string.Join(' ', Enumerable.Range(0, 2000)) })
        {
            _ = index.Search(new SearchRequest(text));
        }

        Assert.True(started.ElapsedMilliseconds < 1000, $"{started.ElapsedMilliseconds} ms");
    }

    [Fact]
    public void Any_text_at_all_gives_an_answer_never_an_exception()
    {
        Gen.String.Sample(text =>
        {
            var result = index.Search(new SearchRequest(text));
            Assert.InRange(result.Count, 0, SearchResult.CountCap);
            Assert.True(result.Hits.Count <= 20);
        });
        Gen.Char["\"*:&|!()-+^~ \u0000\u200bаәqQ1«»"].Array[0, 200].Sample(chars => index.Search(new SearchRequest(new string(chars))));
    }

    [Fact]
    public void The_count_stops_at_the_cap_and_says_there_are_more()
    {
        index.Upsert(Enumerable.Range(0, 1500).Select(i => new SearchDocument(Guid.NewGuid(), [new(SearchFieldKind.Name, "en", $"bank number {i}")])));
        var result = index.Search(new SearchRequest("bank", Take: 5));
        Assert.Equal(SearchResult.CountCap, result.Count);
        Assert.True(result.MoreThanCap);
        Assert.Equal(5, result.Hits.Count);

        var few = index.Search(new SearchRequest("скоринг"));
        Assert.Equal(1, few.Count);
        Assert.False(few.MoreThanCap);
    }

    [Fact]
    public void Pages_follow_each_other_without_gaps_or_repeats()
    {
        index.Upsert(Enumerable.Range(0, 95).Select(i => new SearchDocument(Guid.NewGuid(), [new(SearchFieldKind.Name, "en", $"paged system {i}")])));
        var all = index.Search(new SearchRequest("paged", Take: 100)).Hits.Select(h => h.Id).ToList();
        var pages = Enumerable.Range(0, 10).SelectMany(p => index.Search(new SearchRequest("paged", Skip: p * 10, Take: 10)).Hits.Select(h => h.Id)).ToList();
        Assert.Equal(95, all.Count);
        Assert.Equal(all, pages);
        Assert.Empty(index.Search(new SearchRequest("paged", Skip: 5000, Take: 10)).Hits);
        Assert.Empty(index.Search(new SearchRequest("paged", Skip: int.MaxValue, Take: int.MaxValue)).Hits);
        Assert.Empty(index.Search(new SearchRequest("paged", Skip: -5, Take: -1)).Hits);
    }

    [Fact]
    public void A_replaced_document_is_found_by_its_new_text_only_and_a_removed_one_not_at_all()
    {
        index.Upsert([new SearchDocument(Clinic, [new(SearchFieldKind.Name, "en", "Triage nurse")])]);
        Assert.Empty(Find("рентген"));
        Assert.Equal([Clinic], Find("triage"));
        Assert.Equal(4, index.Count);

        index.Remove([Clinic, Guid.NewGuid()]);
        Assert.Empty(Find("triage"));
        Assert.Equal(3, index.Count);
    }

    [Fact]
    public void After_many_removals_the_index_compacts_and_still_answers()
    {
        var ids = Enumerable.Range(0, 12_000).Select(_ => Guid.NewGuid()).ToList();
        index.Upsert(ids.Select(id => new SearchDocument(id, [new(SearchFieldKind.Name, "en", "temporary entry")])));
        Assert.True(index.Search(new SearchRequest("temporary")).MoreThanCap);
        index.Remove(ids.Take(11_999));
        Assert.Equal([ids[^1]], Find("temporary"));
        Assert.Equal([Bank], Find("скоринг"));
    }

    [Fact]
    public async Task Searches_and_writes_run_at_the_same_time()
    {
        index.Upsert([new SearchDocument(Guid.NewGuid(), [new(SearchFieldKind.Name, "ru", "поток банковский")])]);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        var writer = Task.Run(() =>
        {
            var n = 0;
            while (!stop.IsCancellationRequested)
            {
                var id = Guid.NewGuid();
                index.Upsert([new SearchDocument(id, [new(SearchFieldKind.Name, "ru", $"поток {n++} банковский")])]);
                if (n % 3 == 0)
                {
                    index.Remove([id]);
                }
            }

            return n;
        });
        var readers = Enumerable.Range(0, 3).Select(_ => Task.Run(() =>
        {
            var searches = 0;
            while (!stop.IsCancellationRequested)
            {
                Assert.Contains(Bank, Find("банк"));
                Assert.NotEmpty(Find("поток"));
                searches++;
            }

            return searches;
        })).ToList();
        Assert.True(await writer > 0);
        foreach (var reader in readers)
        {
            Assert.True(await reader > 0);
        }
    }

    [Fact]
    public void One_edit_means_one_insertion_deletion_substitution_or_swap()
    {
        Assert.True(MemorySearchIndex.WithinOneEdit("bank", "bank"));
        Assert.True(MemorySearchIndex.WithinOneEdit("bank", "banks"));
        Assert.True(MemorySearchIndex.WithinOneEdit("banks", "bank"));
        Assert.True(MemorySearchIndex.WithinOneEdit("bank", "bunk"));
        Assert.True(MemorySearchIndex.WithinOneEdit("bank", "bnak"));
        Assert.True(MemorySearchIndex.WithinOneEdit("bank", "abnk"));
        Assert.False(MemorySearchIndex.WithinOneEdit("bank", "bkna"));
        Assert.False(MemorySearchIndex.WithinOneEdit("bank", "ba"));
        Assert.False(MemorySearchIndex.WithinOneEdit("bank", "bonks"));
    }
}
