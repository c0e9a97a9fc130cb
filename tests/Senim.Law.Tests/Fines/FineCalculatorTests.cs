using Senim.Law.Fines;
using Senim.Law.Packs;
using Senim.Law.Tests.Support;

namespace Senim.Law.Tests.Fines;

/// <summary>
/// CoAO Art. 641-1 fines (law/kz/fines.yaml, as reported by PRF and NUR1 [S]): the amount in MCI by
/// offender category, doubled-or-more for a repeat within a year of the penalty, times the MCI of the year.
/// </summary>
public class FineCalculatorTests
{
    private static readonly FineTable Table = FineCalculator.Table(RepoLaw.Library.Packs.Select(p => p.Pack), "kz.fine.coao641-1");

    private static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static FineResult Fine(string offender, string offence, params string[] earlier) =>
        FineCalculator.Compute(Table, new FineCase(offender, D(offence), [.. earlier.Select(D)]));

    [Theory]
    [InlineData("individual", 15, 30)] // CoAO Art. 641-1, individuals
    [InlineData("small", 20, 50)] // small businesses and non-profit organisations
    [InlineData("medium", 30, 70)] // medium-sized businesses
    [InlineData("large", 100, 200)] // large businesses; a repeat also suspends or bans the system
    public void Each_category_first_and_repeat_in_MCI_and_tenge(string offender, int first, int repeat)
    {
        var once = Fine(offender, "2026-06-01");
        Assert.False(once.IsRepeat);
        Assert.Null(once.RepeatOf);
        Assert.Equal(first, once.Units);
        Assert.Equal(4325m, once.UnitValue); // MCI 2026 [S]
        Assert.Equal(first * 4325m, once.Amount);
        Assert.Equal("KZT", once.Currency);
        Assert.Equal("MCI", once.Unit);
        Assert.Null(once.RepeatNote);

        var again = Fine(offender, "2026-09-01", "2026-06-15");
        Assert.True(again.IsRepeat);
        Assert.Equal(D("2026-06-15"), again.RepeatOf);
        Assert.Equal(repeat, again.Units);
        Assert.Equal(repeat * 4325m, again.Amount);
        Assert.Equal(offender == "large", again.RepeatNote is not null);
    }

    [Fact]
    public void A_large_business_repeat_carries_the_suspension_note_in_its_trace()
    {
        var fine = Fine("large", "2026-09-01", "2026-06-15");
        Assert.Equal(865000m, fine.Amount);
        Assert.Contains("suspension or ban", fine.RepeatNote!.En, StringComparison.Ordinal);
        Assert.Contains(fine.Trace, t => t.En.StartsWith("Note: plus suspension", StringComparison.Ordinal));
        Assert.Contains(fine.Trace, t => t.Ru.Contains("приостановление", StringComparison.Ordinal));
    }

    [Fact]
    public void The_trace_says_which_row_which_penalty_which_MCI_and_the_sum()
    {
        var fine = Fine("medium", "2026-09-01", "2026-06-15");
        Assert.Equal(["kz.coao641-1", "kz.art30"], fine.Articles);
        Assert.Equal(SourceStatus.Secondary, fine.Status);
        Assert.Collection(fine.Trace,
            t => Assert.Equal("Offender: Medium-sized businesses (row 'medium' of kz.fine.coao641-1).", t.En),
            t => Assert.Equal("Repeat offence: committed on 2026-09-01, within a year of the penalty of 2026-06-15 (the year ends on 2027-06-15).", t.En),
            t => Assert.Equal("70 MCI: the row's amount for a repeat offence.", t.En),
            t => Assert.Equal("1 MCI in 2026 (the year of the offence, 2026-09-01) = 4 325 KZT, from the law pack [S].", t.En),
            t => Assert.Equal("70 × 4 325 = 302 750 KZT.", t.En));
        Assert.All(fine.Trace, t => Assert.False(string.IsNullOrWhiteSpace(t.Kk)));
        Assert.StartsWith("Нарушитель: Субъекты среднего предпринимательства", fine.Trace[0].Ru, StringComparison.Ordinal);
        Assert.StartsWith("Құқық бұзушы:", fine.Trace[0].Kk, StringComparison.Ordinal);
    }

    private static readonly Dictionary<int, decimal> Configured = new() { [2027] = 4500m, [2029] = 4900m };

    [Theory]
    [InlineData("2026-02-10", "2027-02-10", true)] // the last day of the year after the penalty
    [InlineData("2026-02-10", "2027-02-11", false)] // one day later
    [InlineData("2028-02-29", "2029-02-28", true)] // a leap-day penalty: its year ends on 28 February
    [InlineData("2028-02-29", "2029-03-01", false)]
    [InlineData("2027-05-01", "2027-05-01", true)] // penalised, then offending again the same day
    public void A_repeat_is_within_a_year_of_the_penalty(string penalty, string offence, bool repeat)
    {
        var fine = FineCalculator.Compute(Table, new FineCase("small", D(offence), [D(penalty)]), Configured);
        Assert.Equal(repeat, fine.IsRepeat);
        Assert.Equal(repeat ? 50 : 20, fine.Units);
        Assert.Equal(repeat, FineCalculator.IsRepeat(D(offence), D(penalty)));
    }

    [Fact]
    public void A_penalty_after_the_offence_does_not_make_it_a_repeat()
    {
        Assert.False(Fine("individual", "2026-05-01", "2026-05-02").IsRepeat);
    }

    [Fact]
    public void The_latest_penalty_within_the_year_is_the_one_repeated()
    {
        var fine = Fine("individual", "2026-11-01", "2025-03-01", "2026-01-20", "2026-04-02", "2026-12-01");
        Assert.Equal(D("2026-04-02"), fine.RepeatOf);
    }

    [Fact]
    public void A_year_without_an_MCI_value_is_a_clear_error()
    {
        var ex = Assert.Throws<CalculationException>(() => Fine("small", "2027-03-01"));
        Assert.Equal("fine-unit-value-missing", ex.Code);
        Assert.Contains("for 2027", ex.Message, StringComparison.Ordinal);
        Assert.Contains("values for 2026", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_configured_MCI_wins_over_the_packs_and_says_so()
    {
        var fine = FineCalculator.Compute(Table, new FineCase("small", D("2026-03-01"), []), new Dictionary<int, decimal> { [2026] = 5000m });
        Assert.True(fine.UnitValueConfigured);
        Assert.Equal(5000m, fine.UnitValue);
        Assert.Equal(100000m, fine.Amount);
        Assert.Contains("from configuration", fine.Trace[3].En, StringComparison.Ordinal);
        Assert.Contains("из конфигурации", fine.Trace[3].Ru, StringComparison.Ordinal);
    }

    [Fact]
    public void A_configured_value_adds_a_year_the_pack_lacks()
    {
        var fine = FineCalculator.Compute(Table, new FineCase("medium", D("2027-03-01"), []), Configured);
        Assert.Equal(2027, fine.UnitYear);
        Assert.Equal(30 * 4500m, fine.Amount);
        Assert.Equal("KZT", fine.Currency);
    }

    [Fact]
    public void The_year_the_case_was_opened_chooses_the_MCI_when_given()
    {
        var fine = FineCalculator.Compute(Table, new FineCase("individual", D("2026-12-20"), [], CaseOpened: D("2027-01-12")), Configured);
        Assert.Equal(2027, fine.UnitYear);
        Assert.Equal(15 * 4500m, fine.Amount);
        Assert.Contains("the year the case was opened, 2027-01-12", fine.Trace[3].En, StringComparison.Ordinal);
    }

    [Fact]
    public void A_non_positive_configured_value_is_refused()
    {
        var ex = Assert.Throws<CalculationException>(() =>
            FineCalculator.Compute(Table, new FineCase("small", D("2026-03-01"), []), new Dictionary<int, decimal> { [2026] = 0m }));
        Assert.Equal("fine-unit-value-invalid", ex.Code);
    }

    [Fact]
    public void An_unknown_category_lists_the_known_ones()
    {
        var ex = Assert.Throws<CalculationException>(() => Fine("huge", "2026-03-01"));
        Assert.Equal("fine-category-unknown", ex.Code);
        Assert.Contains("individual, small, medium, large", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_table_is_a_clear_error()
    {
        var ex = Assert.Throws<CalculationException>(() => FineCalculator.Table(RepoLaw.Library.Packs.Select(p => p.Pack), "kz.fine.none"));
        Assert.Equal("fine-table-unknown", ex.Code);
    }

    [Fact]
    public void A_table_without_unit_values_or_currency_cannot_be_priced()
    {
        var eu = FineCalculator.Table(RepoLaw.Library.Packs.Select(p => p.Pack), "eu.fine.art99");
        var ex = Assert.Throws<CalculationException>(() => FineCalculator.Compute(eu, new FineCase("operator", D("2026-09-01"), []), new Dictionary<int, decimal> { [2026] = 1m }));
        Assert.Equal("fine-currency-unknown", ex.Code);
    }
}
