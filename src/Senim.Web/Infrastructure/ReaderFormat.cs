namespace Senim.Web.Infrastructure;

/// <summary>
/// Numbers and sizes as a reader of each language writes them: "10,5 МБ" in Kazakh and Russian, "10.5 MB" in English,
/// thousands grouped with a non-breaking space or a comma. The separators are spelled out here rather than taken
/// from the machine's culture data, so a page reads the same on every host. Machine-readable formats (JSON, CSV,
/// the API's messages) stay invariant.
/// </summary>
public static class ReaderFormat
{
    private const string NoBreak = "\u00A0";

    private static readonly NumberFormatInfo Cyrillic = new() { NumberDecimalSeparator = ",", NumberGroupSeparator = NoBreak };

    private static readonly NumberFormatInfo Latin = new() { NumberDecimalSeparator = ".", NumberGroupSeparator = "," };

    public static NumberFormatInfo Numbers(Language language) => language == Language.En ? Latin : Cyrillic;

    /// <summary>A number with at most <paramref name="decimals"/> decimals (trailing zeros dropped) and grouped thousands.</summary>
    public static string Number(double value, Language language, int decimals = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(decimals);
        var format = decimals == 0 ? "#,0" : "#,0." + new string('#', decimals);
        return value.ToString(format, Numbers(language));
    }

    public static string Number(long value, Language language) => value.ToString("#,0", Numbers(language));

    /// <summary>A byte count in B, KB, MB or GB (binary multiples, as the limits are set), one decimal below 10 of a unit.</summary>
    public static string Size(long bytes, Language language)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        string[] units = language == Language.En ? ["B", "KB", "MB", "GB"] : ["Б", "КБ", "МБ", "ГБ"];
        var value = (double)bytes;
        var unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return Number(value, language, unit == 0 || value >= 10 ? 0 : 1) + NoBreak + units[unit];
    }

    /// <summary>
    /// Formats a text's placeholders for the reader: <c>{0:n}</c> is a number and <c>{0:size}</c> a byte count in the
    /// reader's style (the argument may be a number or its invariant text, as register errors carry it); any other
    /// placeholder is formatted invariantly, as before.
    /// </summary>
    public sealed class Provider(Language language) : IFormatProvider, ICustomFormatter
    {
        public object? GetFormat(Type? formatType) => formatType == typeof(ICustomFormatter) ? this : null;

        public string Format(string? format, object? arg, IFormatProvider? formatProvider)
        {
            if (format is "n" or "size" && AsNumber(arg) is { } number)
            {
                return format == "size" ? Size((long)Math.Round(number), language) : Number(number, language);
            }

            return arg switch
            {
                IFormattable formattable => formattable.ToString(format, CultureInfo.InvariantCulture),
                null => "",
                _ => arg.ToString() ?? "",
            };
        }

        private static double? AsNumber(object? arg) => arg switch
        {
            double d => d,
            float f => f,
            decimal m => (double)m,
            int i => i,
            long l => l,
            string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => null,
        };
    }
}
