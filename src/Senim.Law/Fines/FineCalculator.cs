using System.Globalization;
using Senim.Law.Packs;
using Senim.Law.Texts;

namespace Senim.Law.Fines;

/// <summary>The facts a fine depends on.</summary>
/// <param name="Offender">The row id of the fine table (for Art. 641-1: individual, small, medium, large).</param>
/// <param name="OffenceDate">The day the offence was committed.</param>
/// <param name="EarlierPenalties">
/// The dates of earlier penalties imposed on the same offender for the same kind of offence. One that
/// is at most a year before the offence makes it a repeat; later ones are ignored.
/// </param>
/// <param name="CaseOpened">
/// The day the case was opened, when known: its year chooses the unit value (MCI). Without it the
/// offence date's year is used.
/// </param>
public sealed record FineCase(string Offender, DateOnly OffenceDate, IReadOnlyList<DateOnly> EarlierPenalties, DateOnly? CaseOpened = null);

/// <summary>
/// A computed fine with its trace: which row and amount, whether it is a repeat and of which penalty,
/// the unit value used and where it came from, and the amount in money.
/// </summary>
/// <param name="RepeatOf">The earlier penalty that makes it a repeat (the latest one within the year), or null.</param>
/// <param name="Units">The amount in the table's unit (MCI).</param>
/// <param name="UnitYear">The year whose unit value was used.</param>
/// <param name="UnitValueConfigured">True when the unit value came from configuration rather than the pack.</param>
/// <param name="Amount">Units × unit value, in <see cref="Currency"/>.</param>
/// <param name="RepeatNote">What else a repeat entails (suspension or ban of the system), when it is a repeat and the row says.</param>
/// <param name="Trace">The steps of the computation, in kk/ru/en, in order.</param>
public sealed record FineResult(
    FineTable Table,
    FineRow Row,
    bool IsRepeat,
    DateOnly? RepeatOf,
    decimal Units,
    int UnitYear,
    decimal UnitValue,
    string Currency,
    bool UnitValueConfigured,
    decimal Amount,
    LocalizedText? RepeatNote,
    IReadOnlyList<LocalizedText> Trace)
{
    /// <summary>The unit of <see cref="Units"/> (MCI).</summary>
    public string Unit => Table.Unit;

    /// <summary>The articles the fine rests on.</summary>
    public IReadOnlyList<string> Articles => Table.Articles;

    /// <summary>How sure the pack is of the table.</summary>
    public SourceStatus Status => Table.Status;
}

/// <summary>
/// Computes an administrative fine from a pack's fine table (CoAO Art. 641-1 in the KZ pack): the row
/// of the offender's category, the repeat amount when an earlier penalty was imposed at most a year
/// before the offence, and the amount in money from the unit value of the year.
/// </summary>
public static class FineCalculator
{
    /// <summary>
    /// True when an offence on <paramref name="offence"/> repeats one penalised on <paramref name="penalty"/>:
    /// the penalty came first (the same day counts) and the offence falls within the year that follows it,
    /// which ends on the same date a year later (29 February: on 28 February).
    /// </summary>
    public static bool IsRepeat(DateOnly offence, DateOnly penalty) => penalty <= offence && offence <= YearEnd(penalty);

    /// <summary>The last day of the year after a penalty.</summary>
    public static DateOnly YearEnd(DateOnly penalty) => penalty.AddYears(1);

    /// <summary>The fine table with the given id in any of the packs.</summary>
    /// <exception cref="CalculationException">No pack has it (code fine-table-unknown).</exception>
    public static FineTable Table(IEnumerable<LawPack> packs, string tableId)
    {
        ArgumentNullException.ThrowIfNull(packs);
        return packs.SelectMany(p => p.Fines).FirstOrDefault(f => f.Id == tableId)
            ?? throw new CalculationException("fine-table-unknown", $"No law pack has the fine table '{tableId}'.");
    }

    /// <summary>Computes the fine.</summary>
    /// <param name="configuredUnitValues">
    /// Unit values by year from configuration; they win over the pack's, so an operator can add a new
    /// year's MCI (or correct one) without a new pack.
    /// </param>
    /// <exception cref="CalculationException">
    /// The category is not a row of the table (fine-category-unknown), or neither configuration nor the
    /// pack has the year's unit value (fine-unit-value-missing) or a currency (fine-currency-unknown).
    /// </exception>
    public static FineResult Compute(FineTable table, FineCase fineCase, IReadOnlyDictionary<int, decimal>? configuredUnitValues = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(fineCase);
        var row = table.Rows.FirstOrDefault(r => r.Id == fineCase.Offender)
            ?? throw new CalculationException("fine-category-unknown",
                $"'{fineCase.Offender}' is not an offender category of {table.Id} (one of: {string.Join(", ", table.Rows.Select(r => r.Id))}).");

        var trace = new List<LocalizedText>
        {
            new($"Құқық бұзушы: {row.Offender.Kk} ({table.Id} кестесінің «{row.Id}» жолы).",
                $"Нарушитель: {row.Offender.Ru} (строка «{row.Id}» таблицы {table.Id}).",
                $"Offender: {row.Offender.En} (row '{row.Id}' of {table.Id})."),
        };

        var offence = Iso(fineCase.OffenceDate);
        DateOnly? repeatOf = fineCase.EarlierPenalties.Where(p => IsRepeat(fineCase.OffenceDate, p)).Order().Cast<DateOnly?>().LastOrDefault();
        if (repeatOf is { } penalty)
        {
            var (p, end) = (Iso(penalty), Iso(YearEnd(penalty)));
            trace.Add(new(
                $"Қайталап жасалған құқық бұзушылық: {offence} жасалды, {p} қолданылған жазадан кейін бір жыл ішінде (жыл {end} аяқталады).",
                $"Повторное правонарушение: совершено {offence}, в течение года после взыскания от {p} (год истекает {end}).",
                $"Repeat offence: committed on {offence}, within a year of the penalty of {p} (the year ends on {end})."));
        }
        else
        {
            trace.Add(new(
                $"Алғаш рет жасалған құқық бұзушылық: {offence} дейінгі бір жыл ішінде жаза қолданылмаған.",
                $"Первичное правонарушение: в течение года до {offence} взысканий не налагалось.",
                $"First offence: no penalty in the year before {offence}."));
        }

        var isRepeat = repeatOf is not null;
        var units = isRepeat ? row.Repeat : row.First;
        var (unitKk, unitRu, unitEn) = UnitNames(table.Unit);
        trace.Add(new(
            $"{Number(units)} {unitKk}: жолдағы {(isRepeat ? "қайталап" : "алғаш рет")} бұзу үшін мөлшер.",
            $"{Number(units)} {unitRu}: размер за {(isRepeat ? "повторное" : "первичное")} нарушение по строке.",
            $"{Number(units)} {unitEn}: the row's amount for a {(isRepeat ? "repeat" : "first")} offence."));

        var basisDate = fineCase.CaseOpened ?? fineCase.OffenceDate;
        var year = basisDate.Year;
        var packValue = table.UnitValues.FirstOrDefault(u => u.Year == year);
        decimal value = 0;
        var configured = configuredUnitValues?.TryGetValue(year, out value) == true;
        if (configured && value <= 0)
        {
            throw new CalculationException("fine-unit-value-invalid", $"The configured value of the {table.Unit} for {year} must be positive, got {value.ToString(CultureInfo.InvariantCulture)}.");
        }

        if (!configured)
        {
            value = packValue?.Amount
                ?? throw new CalculationException("fine-unit-value-missing",
                    $"No value of the {table.Unit} for {year}: the pack {table.Id} has {Years(table)}; add the year's value to the configuration.");
        }

        var currency = packValue?.Currency ?? (table.UnitValues.Count > 0 ? table.UnitValues[0].Currency : null)
            ?? throw new CalculationException("fine-currency-unknown", $"The fine table {table.Id} names no currency for its {table.Unit}.");
        var (whyKk, whyRu, whyEn) = fineCase.CaseOpened is null
            ? ("құқық бұзушылық жасалған жыл", "год совершения правонарушения", "the year of the offence")
            : ("іс қозғалған жыл", "год возбуждения дела", "the year the case was opened");
        var (fromKk, fromRu, fromEn) = configured
            ? ("конфигурациядан", "из конфигурации", "from configuration")
            : ($"құқықтық пакет бойынша [{packValue!.Status.Code()}]", $"по правовому пакету [{packValue.Status.Code()}]", $"from the law pack [{packValue.Status.Code()}]");
        trace.Add(new(
            $"{year} жылғы 1 {unitKk} ({whyKk}, {Iso(basisDate)}) = {Number(value)} {currency}, {fromKk}.",
            $"1 {unitRu} в {year} году ({whyRu}, {Iso(basisDate)}) = {Number(value)} {currency}, {fromRu}.",
            $"1 {unitEn} in {year} ({whyEn}, {Iso(basisDate)}) = {Number(value)} {currency}, {fromEn}."));

        var amount = units * value;
        trace.Add(LocalizedText.Invariant($"{Number(units)} × {Number(value)} = {Number(amount)} {currency}."));
        var note = isRepeat ? row.RepeatNote : null;
        if (note is not null)
        {
            trace.Add(new("Ескерту: " + note.Kk + ".", "Примечание: " + note.Ru + ".", "Note: " + note.En + "."));
        }

        return new FineResult(table, row, isRepeat, repeatOf, units, year, value, currency, configured, amount, note, trace);
    }

    private static (string Kk, string Ru, string En) UnitNames(string unit) => unit switch
    {
        "MCI" => ("АЕК", "МРП", "MCI"),
        _ => (unit, unit, unit),
    };

    private static string Years(FineTable table) =>
        table.UnitValues.Count == 0 ? "no values" : "values for " + string.Join(", ", table.UnitValues.Select(u => u.Year.ToString(CultureInfo.InvariantCulture)));

    private static readonly NumberFormatInfo Grouped = new() { NumberGroupSeparator = " ", NumberDecimalSeparator = "," };

    private static string Number(decimal value) => value.ToString("#,0.##", Grouped);

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
