using System.Net;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Senim.Web.Infrastructure.Pages;

/// <summary>Reading an element's attribute as text inside a tag helper, whether Razor gave it as a string or as HTML.</summary>
internal static class TagAttributes
{
    public static string? Text(TagHelperOutput output, string name) =>
        output.Attributes.TryGetAttribute(name, out var attribute) ? Text(attribute.Value) : null;

    public static string? Text(object? value)
    {
        switch (value)
        {
            case null:
                return null;
            case string text:
                return text;
            case IHtmlContent html:
                using (var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture))
                {
                    html.WriteTo(writer, HtmlEncoder.Default);
                    return WebUtility.HtmlDecode(writer.ToString());
                }

            default:
                return value.ToString();
        }
    }
}
