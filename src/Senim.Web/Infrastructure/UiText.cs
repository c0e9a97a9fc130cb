using System.Globalization;
using Senim.Law.Texts;
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
        using var stream = typeof(UiText).Assembly.GetManifestResourceStream("Senim.Web.ui-texts.yaml")
            ?? throw new InvalidOperationException("the embedded ui-texts.yaml is missing");
        using var reader = new StreamReader(stream);
        var yaml = new YamlStream();
        yaml.Load(reader);
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        _texts = new Dictionary<string, LocalizedText>(StringComparer.Ordinal);
        foreach (var (key, value) in root.Children)
        {
            var name = ((YamlScalarNode)key).Value!;
            var map = (YamlMappingNode)value;
            string Get(string language) => map.Children.TryGetValue(new YamlScalarNode(language), out var node) && node is YamlScalarNode { Value: { Length: > 0 } text }
                ? text.Trim()
                : throw new InvalidOperationException($"ui-texts.yaml: '{name}' has no '{language}' text");
            _texts.Add(name, new LocalizedText(Get("kk"), Get("ru"), Get("en")));
        }
    }

    public IReadOnlyCollection<string> Keys => _texts.Keys;

    public string Get(string key, Language language) =>
        _texts.TryGetValue(key, out var text) ? text[language] : throw new KeyNotFoundException($"ui-texts.yaml has no entry '{key}'");

    public string Format(string key, Language language, params object[] args) =>
        string.Format(CultureInfo.InvariantCulture, Get(key, language), args);
}
