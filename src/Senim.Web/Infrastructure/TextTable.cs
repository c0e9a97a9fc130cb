using System.Text;

namespace Senim.Web.Infrastructure;

/// <summary>A table of text keys, one per value of a coded kind; <see cref="TextTables.All"/> lists every table.</summary>
public interface ITextTable
{
    /// <summary>The first part of every key of the table (status, sector, ...).</summary>
    string Prefix { get; }

    /// <summary>Every key the table can give: each value, and each value with each of its facets.</summary>
    IEnumerable<string> Keys { get; }
}

/// <summary>
/// The words of a coded kind (a status, a sector, a workflow action, ...): one prefix, one key per value
/// (<c>status.registered</c>), and optional facets (<c>ownership-role.owner.help</c>). Pages never build a key
/// by hand: they ask the table, and a test enumerates <see cref="Keys"/> and checks every key has kk, ru and en.
/// </summary>
public sealed class TextTable<T> : ITextTable
    where T : notnull
{
    private readonly Dictionary<T, string> _keys;
    private readonly Dictionary<string, T> _byCode;
    private readonly Dictionary<T, string> _shared = [];

    public TextTable(string prefix, IEnumerable<T> values, Func<T, string> code, params string[] facets)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(code);
        Prefix = prefix;
        Values = [.. values];
        Facets = facets;
        _keys = Values.ToDictionary(v => v, v => prefix + "." + code(v));
        _byCode = Values.ToDictionary(code, v => v, StringComparer.Ordinal);
    }

    public string Prefix { get; }

    /// <summary>
    /// Gives a value the key of another table's text where the words are the same by nature (an event is named by
    /// the status it leads to), so the text has one home; the value's facets keep the table's prefix.
    /// </summary>
    public TextTable<T> Sharing(T value, string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (!_keys.ContainsKey(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, $"the text table '{Prefix}' has no row for it");
        }

        _shared[value] = key;
        return this;
    }

    /// <summary>Every value the table has words for.</summary>
    public IReadOnlyList<T> Values { get; }

    /// <summary>The extra texts each value has besides its name (help, done, ...).</summary>
    public IReadOnlyList<string> Facets { get; }

    public IEnumerable<string> Keys => Values.SelectMany(v => Facets.Select(f => Key(v, f)).Prepend(Key(v)));

    /// <summary>The key of a value's name; a value the table does not know is a programming error.</summary>
    public string Key(T value) => _shared.TryGetValue(value, out var shared) ? shared : Own(value);

    /// <summary>The key of one of a value's declared facets (<c>help</c>: <c>ownership-role.owner.help</c>).</summary>
    public string Key(T value, string facet) =>
        Facets.Contains(facet) ? Own(value) + "." + facet : throw new ArgumentOutOfRangeException(nameof(facet), facet, $"the text table '{Prefix}' has no facet '{facet}'");

    private string Own(T value) =>
        _keys.TryGetValue(value, out var key) ? key : throw new ArgumentOutOfRangeException(nameof(value), value, $"the text table '{Prefix}' has no row for it");

    /// <summary>The value of a stored code (from a public record, a snapshot, the log); null for a code this version does not know.</summary>
    public bool TryParse(string? code, out T value)
    {
        if (code is not null && _byCode.TryGetValue(code, out var found))
        {
            value = found;
            return true;
        }

        value = default!;
        return false;
    }
}

/// <summary>The keys of tables a feature keeps in its own shape (a code → key dictionary), so <see cref="TextTables.All"/> finds them too.</summary>
public sealed class TextKeys(string prefix, IEnumerable<string> keys) : ITextTable
{
    public string Prefix { get; } = prefix;

    public IEnumerable<string> Keys { get; } = [.. keys];
}

/// <summary>Builds tables whose codes follow the register's convention for enums: kebab-case (RegisterWithConditions → register-with-conditions).</summary>
public static class TextTable
{
    public static TextTable<TEnum> Of<TEnum>(string prefix, params string[] facets)
        where TEnum : struct, Enum =>
        new(prefix, Enum.GetValues<TEnum>(), v => Kebab(v.ToString()), facets);

    public static TextTable<string> Of(string prefix, IEnumerable<string> codes, params string[] facets) =>
        new(prefix, codes, c => c, facets);

    /// <summary>RegisterWithConditions → register-with-conditions.</summary>
    public static string Kebab(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var text = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                text.Append('-');
            }

            text.Append(char.ToLowerInvariant(name[i]));
        }

        return text.ToString();
    }
}
