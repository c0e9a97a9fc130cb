using System.Globalization;
using Senim.Law.Texts;
using YamlDotNet.RepresentationModel;

namespace Senim.Law.Packs;

/// <summary>
/// Reads one YAML mapping strictly: it remembers which keys were read, so that every key the schema
/// does not know is reported with its line instead of being silently ignored.
/// </summary>
internal sealed class YamlNodeReader
{
    private readonly YamlMappingNode _node;
    private readonly string _file;
    private readonly List<PackError> _errors;
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public YamlNodeReader(YamlMappingNode node, string file, List<PackError> errors, string? id = null)
    {
        _node = node;
        _file = file;
        _errors = errors;
        Id = id;
    }

    public string? Id { get; set; }

    public string File => _file;

    public List<PackError> Errors => _errors;

    public int Line => LineOf(_node);

    public SourceLocation Location => new(_file, Line);

    public static int LineOf(YamlNode node) => (int)node.Start.Line;

    public YamlNode? Get(string key)
    {
        _read.Add(key);
        foreach (var (k, v) in _node.Children)
        {
            if (k is YamlScalarNode s && s.Value == key)
            {
                return v;
            }
        }

        return null;
    }

    public void Error(PackErrorKind kind, YamlNode? at, string message) =>
        _errors.Add(new PackError(kind, _file, at is null ? Line : LineOf(at), Id, message));

    public string? OptionalString(string key)
    {
        var node = Get(key);
        if (node is null)
        {
            return null;
        }

        if (node is YamlScalarNode scalar && scalar.Value is { } value)
        {
            return value;
        }

        Error(PackErrorKind.InvalidValue, node, $"'{key}' must be a single value, not a list or mapping");
        return null;
    }

    public string RequiredString(string key)
    {
        var node = Get(key);
        if (node is null)
        {
            Error(PackErrorKind.MissingField, null, $"'{key}' is required");
            return "";
        }

        if (node is YamlScalarNode scalar && !string.IsNullOrWhiteSpace(scalar.Value))
        {
            return scalar.Value;
        }

        Error(PackErrorKind.InvalidValue, node, $"'{key}' must be a non-empty single value");
        return "";
    }

    public DateOnly? OptionalDate(string key)
    {
        var text = OptionalString(key);
        if (text is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        Error(PackErrorKind.InvalidValue, Get(key), $"'{key}' must be a date written yyyy-mm-dd, got '{text}'");
        return null;
    }

    public DateOnly RequiredDate(string key)
    {
        if (Get(key) is null)
        {
            Error(PackErrorKind.MissingField, null, $"'{key}' is required");
            return default;
        }

        return OptionalDate(key) ?? default;
    }

    public decimal RequiredNumber(string key)
    {
        var text = RequiredString(key);
        if (text.Length == 0)
        {
            return 0;
        }

        if (decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        Error(PackErrorKind.InvalidValue, Get(key), $"'{key}' must be a number, got '{text}'");
        return 0;
    }

    public bool OptionalBool(string key, bool fallback)
    {
        var text = OptionalString(key);
        switch (text)
        {
            case null:
                return fallback;
            case "true" or "yes":
                return true;
            case "false" or "no":
                return false;
            default:
                Error(PackErrorKind.InvalidValue, Get(key), $"'{key}' must be true or false, got '{text}'");
                return fallback;
        }
    }

    public SourceStatus Status()
    {
        var text = RequiredString("status");
        if (text.Length == 0)
        {
            return SourceStatus.Uncertain;
        }

        if (SourceStatuses.Parse(text) is { } status)
        {
            return status;
        }

        Error(PackErrorKind.InvalidValue, Get("status"), $"'status' must be T, S or U (as in the law brief), got '{text}'");
        return SourceStatus.Uncertain;
    }

    public SourceStatus? OptionalStatus()
    {
        return Get("status") is null ? null : Status();
    }

    public IReadOnlyList<string> StringList(string key, bool required = false)
    {
        var node = Get(key);
        if (node is null)
        {
            if (required)
            {
                Error(PackErrorKind.MissingField, null, $"'{key}' is required");
            }

            return [];
        }

        if (node is not YamlSequenceNode sequence)
        {
            Error(PackErrorKind.InvalidValue, node, $"'{key}' must be a list, for example [a, b]");
            return [];
        }

        var result = new List<string>(sequence.Children.Count);
        foreach (var child in sequence.Children)
        {
            if (child is YamlScalarNode { Value: { Length: > 0 } value })
            {
                result.Add(value);
            }
            else
            {
                Error(PackErrorKind.InvalidValue, child, $"every entry of '{key}' must be a single non-empty value");
            }
        }

        return result;
    }

    /// <summary>Reads a {kk, ru, en} text. A missing language is a missing-translation error.</summary>
    public LocalizedText? Text(string key, bool required)
    {
        var node = Get(key);
        if (node is null)
        {
            if (required)
            {
                Error(PackErrorKind.MissingField, null, $"'{key}' is required (a text with kk, ru and en)");
            }

            return null;
        }

        if (node is not YamlMappingNode mapping)
        {
            Error(PackErrorKind.InvalidValue, node, $"'{key}' must be a text with kk, ru and en, for example {key}: {{kk: ..., ru: ..., en: ...}}");
            return null;
        }

        var reader = new YamlNodeReader(mapping, _file, _errors, Id);
        var kk = reader.Translation("kk", key);
        var ru = reader.Translation("ru", key);
        var en = reader.Translation("en", key);
        reader.RejectUnknownKeys();
        return new LocalizedText(kk, ru, en);
    }

    private string Translation(string language, string textKey)
    {
        var node = Get(language);
        if (node is null)
        {
            _errors.Add(new PackError(PackErrorKind.MissingTranslation, _file, Line, Id, $"'{textKey}' has no {LanguageName(language)} text ('{language}')"));
            return "";
        }

        if (node is YamlScalarNode { Value: { } value } && !string.IsNullOrWhiteSpace(value))
        {
            return value.Trim();
        }

        _errors.Add(new PackError(PackErrorKind.MissingTranslation, _file, LineOf(node), Id, $"'{textKey}' has an empty {LanguageName(language)} text ('{language}')"));
        return "";
    }

    private static string LanguageName(string code) => code switch
    {
        "kk" => "Kazakh",
        "ru" => "Russian",
        _ => "English",
    };

    public IReadOnlyList<YamlMappingNode> MappingList(string key, bool required = false)
    {
        var node = Get(key);
        if (node is null)
        {
            if (required)
            {
                Error(PackErrorKind.MissingField, null, $"'{key}' is required");
            }

            return [];
        }

        if (node is not YamlSequenceNode sequence)
        {
            Error(PackErrorKind.InvalidValue, node, $"'{key}' must be a list of entries");
            return [];
        }

        var result = new List<YamlMappingNode>();
        foreach (var child in sequence.Children)
        {
            if (child is YamlMappingNode mapping)
            {
                result.Add(mapping);
            }
            else
            {
                Error(PackErrorKind.InvalidValue, child, $"every entry of '{key}' must be a mapping (key: value lines)");
            }
        }

        return result;
    }

    public YamlMappingNode? Mapping(string key)
    {
        var node = Get(key);
        if (node is null or YamlMappingNode)
        {
            return node as YamlMappingNode;
        }

        Error(PackErrorKind.InvalidValue, node, $"'{key}' must be a mapping (key: value lines)");
        return null;
    }

    /// <summary>Reports every key that was not read as unknown, naming the keys that are allowed.</summary>
    public void RejectUnknownKeys()
    {
        foreach (var (key, _) in _node.Children)
        {
            var name = (key as YamlScalarNode)?.Value ?? "?";
            if (!_read.Contains(name))
            {
                var allowed = string.Join(", ", _read.Order(StringComparer.Ordinal));
                _errors.Add(new PackError(PackErrorKind.UnknownKey, _file, LineOf(key), Id, $"unknown key '{name}' (allowed here: {allowed})"));
            }
        }
    }
}
