using System.Formats.Cbor;
using System.Text.RegularExpressions;
using Senim.Labels.Cbor;

namespace Senim.Labels.Assertions;

/// <summary>
/// The Senim assertion (label <c>kz.senim.label</c>): which registered AI system made the content and the
/// law article the label fulfils. Schema in docs/labels.md.
/// </summary>
public sealed partial record SenimAssertion
{
    /// <summary>The assertion label.</summary>
    public const string Label = "kz.senim.label";

    /// <summary>The register number, KZ-AI-YYYY-NNNNNN.</summary>
    public required string RegisterNumber { get; init; }

    /// <summary>The law the label fulfils; defaults to Kazakhstan's Law No. 230-VIII.</summary>
    public string Law { get; init; } = "KZ 230-VIII";

    /// <summary>The article, e.g. "21(2)" (synthetic results marked in machine-readable form).</summary>
    public string Article { get; init; } = "21(2)";

    /// <summary>The system's name as registered, optional.</summary>
    public string? SystemName { get; init; }

    /// <summary>The public register page of the system, optional.</summary>
    public Uri? RegisterUrl { get; init; }

    /// <summary>Throws <see cref="LabelError.InvalidSenimAssertion"/> when a field is not in its documented form.</summary>
    public void Validate()
    {
        if (!RegisterNumberForm().IsMatch(RegisterNumber ?? ""))
        {
            throw new LabelException(LabelError.InvalidSenimAssertion, $"'{RegisterNumber}' is not a register number of the form KZ-AI-YYYY-NNNNNN.");
        }

        if (string.IsNullOrWhiteSpace(Law) || Law.Length > 64 || string.IsNullOrWhiteSpace(Article) || Article.Length > 64)
        {
            throw new LabelException(LabelError.InvalidSenimAssertion, "The law and the article must be given, each at most 64 characters.");
        }

        if (SystemName is { Length: > 256 })
        {
            throw new LabelException(LabelError.InvalidSenimAssertion, "The system name is longer than 256 characters.");
        }
    }

    /// <summary>The assertion's CBOR.</summary>
    public byte[] ToCbor()
    {
        var writer = new CborWriter(CborConformanceMode.Lax);
        var count = 3 + (SystemName is null ? 0 : 1) + (RegisterUrl is null ? 0 : 1);
        writer.WriteStartMap(count);
        writer.WriteTextString("register_number");
        writer.WriteTextString(RegisterNumber);
        writer.WriteTextString("law");
        writer.WriteTextString(Law);
        writer.WriteTextString("article");
        writer.WriteTextString(Article);
        if (SystemName is not null)
        {
            writer.WriteTextString("system_name");
            writer.WriteTextString(SystemName);
        }

        if (RegisterUrl is not null)
        {
            writer.WriteTextString("register_url");
            writer.WriteTextString(RegisterUrl.ToString());
        }

        writer.WriteEndMap();
        return writer.Encode();
    }

    /// <summary>Reads the assertion; null when required fields are missing.</summary>
    public static SenimAssertion? From(CborNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (node["register_number"]?.AsText() is not { } number)
        {
            return null;
        }

        return new SenimAssertion
        {
            RegisterNumber = number,
            Law = node["law"]?.AsText() ?? "",
            Article = node["article"]?.AsText() ?? "",
            SystemName = node["system_name"]?.AsText(),
            RegisterUrl = Uri.TryCreate(node["register_url"]?.AsText(), UriKind.Absolute, out var url) ? url : null,
        };
    }

    [GeneratedRegex(@"^KZ-AI-\d{4}-\d{6}$", RegexOptions.CultureInvariant)]
    private static partial Regex RegisterNumberForm();
}
