using YamlDotNet.RepresentationModel;

namespace Senim.Web.Infrastructure;

/// <summary>
/// The web interface's own texts (page chrome, buttons, help), in kk, ru and en, read once from the
/// embedded Resources/ui-texts.yaml. A missing key or language fails at start-up, not on a page.
/// </summary>
public sealed class UiText
{
    private readonly Dictionary<string, LocalizedText> _texts;

    public UiText()
    {
        // Resources/ui-texts.yaml holds the shared texts; each feature folder may add its own texts.yaml.
        _texts = new Dictionary<string, LocalizedText>(StringComparer.Ordinal);
        var assembly = typeof(UiText).Assembly;
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.EndsWith("texts.yaml", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            var yaml = new YamlStream();
            yaml.Load(reader);
            if (yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is not YamlMappingNode root)
            {
                continue;
            }

            foreach (var (key, value) in root.Children)
            {
                var name = ((YamlScalarNode)key).Value!;
                var map = (YamlMappingNode)value;
                string Get(string language) => map.Children.TryGetValue(new YamlScalarNode(language), out var node) && node is YamlScalarNode { Value: { Length: > 0 } text }
                    ? text.Trim()
                    : throw new InvalidOperationException($"{resource}: '{name}' has no '{language}' text");
                if (!_texts.TryAdd(name, new LocalizedText(Get("kk"), Get("ru"), Get("en"))))
                {
                    throw new InvalidOperationException($"{resource}: the text key '{name}' is defined twice");
                }
            }
        }

        if (_texts.Count == 0)
        {
            throw new InvalidOperationException("no embedded UI texts found");
        }
    }

    public bool Has(string key) => _texts.ContainsKey(key);

    public IReadOnlyCollection<string> Keys => _texts.Keys;

    public string Get(string key, Language language) =>
        _texts.TryGetValue(key, out var text) ? text[language] : throw new KeyNotFoundException($"ui-texts.yaml has no entry '{key}'");

    /// <summary>A text with its placeholders filled: <c>{0:n}</c> and <c>{0:size}</c> in the reader's style (<see cref="ReaderFormat"/>), the rest invariantly.</summary>
    public string Format(string key, Language language, params object[] args) =>
        string.Format(new ReaderFormat.Provider(language), Get(key, language), args);
}
