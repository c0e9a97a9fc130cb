using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Senim.Web.Infrastructure.Pages;

/// <summary>
/// Where each field of the page is: the id of the first control posted under a name (and its label's text), or the
/// id of its error message, collected while the page renders. Field names are matched without regard to case or to
/// "-" and "_", so the register's field (display_name) finds the page's control (DisplayName, display-name).
/// </summary>
public sealed class FieldAnchors
{
    private readonly Dictionary<string, string> _controls = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _errors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _labels = new(StringComparer.Ordinal);
    private readonly HashSet<string> _options = new(StringComparer.Ordinal);

    public static FieldAnchors Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Items[typeof(FieldAnchors)] is not FieldAnchors anchors)
        {
            anchors = new FieldAnchors();
            context.Items[typeof(FieldAnchors)] = anchors;
        }

        return anchors;
    }

    /// <summary>A control; an <paramref name="option"/> (radio button, check box) is labelled by its choice, not by the field.</summary>
    public void Control(string name, string id, bool option = false)
    {
        if (_controls.TryAdd(Key(name), id) && option)
        {
            _options.Add(id);
        }
    }

    /// <summary>An error message element "f-display-name-error" or "reasons-error" stands for its field.</summary>
    public void Error(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (id.EndsWith("-error", StringComparison.Ordinal))
        {
            var field = id[..^"-error".Length];
            _errors.TryAdd(Key(field.StartsWith("f-", StringComparison.Ordinal) ? field[2..] : field), id);
        }
    }

    public void Label(string forId, string text) => _labels.TryAdd(forId, text);

    /// <summary>The element to link a field's error to, and the field's label when it has one.</summary>
    public (string? Id, string? Label) Find(string field)
    {
        var key = Key(field);
        if (_controls.TryGetValue(key, out var control))
        {
            return (control, _options.Contains(control) ? null : _labels.GetValueOrDefault(control));
        }

        return (_errors.GetValueOrDefault(key), null);
    }

    private static string Key(string name) => name.Replace('-', '_').ToLowerInvariant();
}

/// <summary>
/// The list of a page's field errors, each linking to its field. It is written when the page is sent, after every
/// form control has rendered, so it can sit at the top of the page and still know where each field is.
/// </summary>
public sealed class ErrorSummary(IReadOnlyDictionary<string, string> errors, FieldAnchors anchors) : IHtmlContent
{
    public void WriteTo(TextWriter writer, HtmlEncoder encoder)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(encoder);
        writer.Write("<ul class=\"error-summary\">");
        foreach (var (field, message) in errors)
        {
            var (id, label) = anchors.Find(field);
            var text = label is null ? message : label + ": " + message;
            writer.Write("<li>");
            if (id is null)
            {
                encoder.Encode(writer, text);
            }
            else
            {
                writer.Write("<a href=\"#");
                encoder.Encode(writer, id);
                writer.Write("\">");
                encoder.Encode(writer, text);
                writer.Write("</a>");
            }

            writer.Write("</li>");
        }

        writer.Write("</ul>");
    }
}

/// <summary>Records where form controls are (see <see cref="FieldAnchors"/>).</summary>
[HtmlTargetElement("input", Attributes = "name,id", TagStructure = TagStructure.WithoutEndTag)]
[HtmlTargetElement("textarea", Attributes = "name,id")]
[HtmlTargetElement("select", Attributes = "name,id")]
public sealed class FieldAnchorTagHelper(IHttpContextAccessor accessor) : TagHelper
{
    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(output);
        if (accessor.HttpContext is not { } http || Value(output, "type") == "hidden" || Value(output, "name") is not { Length: > 0 } name || Value(output, "id") is not { Length: > 0 } id)
        {
            return;
        }

        FieldAnchors.Of(http).Control(name, id, Value(output, "type") is "radio" or "checkbox");
    }

    internal static string? Value(TagHelperOutput output, string attribute) => TagAttributes.Text(output, attribute);
}

/// <summary>Records error messages (p.field-error with an id) and the text of labels.</summary>
[HtmlTargetElement("p", Attributes = "id,[class=field-error]")]
[HtmlTargetElement("label", Attributes = "for")]
public sealed partial class FieldLabelTagHelper(IHttpContextAccessor accessor) : TagHelper
{
    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(output);
        if (accessor.HttpContext is not { } http)
        {
            return;
        }

        var anchors = FieldAnchors.Of(http);
        if (output.TagName == "p")
        {
            anchors.Error(FieldAnchorTagHelper.Value(output, "id") ?? "");
            return;
        }

        if (FieldAnchorTagHelper.Value(output, "for") is { Length: > 0 } forId)
        {
            // The label as it reads, without the required-field marker.
            var html = Marker().Replace((await output.GetChildContentAsync()).GetContent(), "");
            anchors.Label(forId, TableLabelsTagHelper.TextOf(html));
        }
    }

    [GeneratedRegex("<span class=\"required\"[^>]*>.*?</span>", RegexOptions.Singleline)]
    private static partial Regex Marker();
}
