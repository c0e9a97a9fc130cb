using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Senim.Web.Infrastructure.Pages;

/// <summary>
/// Tables that stay readable on a phone: every body cell of a <c>table.table</c> gets its column's heading as
/// <c>data-label</c>, so that below 40rem site.css shows each row as a card of "heading: value" lines instead of
/// columns pushed off the screen. The pages write ordinary tables; a cell that sets its own data-label keeps it.
/// </summary>
[HtmlTargetElement("table")]
public sealed partial class TableLabelsTagHelper : TagHelper
{
    public override int Order => -100;

    public override void Init(TagHelperContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.AllAttributes.TryGetAttribute("class", out var css) && HasClass(css.Value?.ToString(), "table"))
        {
            context.Items[typeof(Headings)] = new Headings();
        }
        else
        {
            // A table inside a labelled table's cell has headings of its own (or none).
            context.Items.Remove(typeof(Headings));
        }
    }

    internal static bool HasClass(string? classes, string name) =>
        classes is not null && classes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(name, StringComparer.Ordinal);

    /// <summary>The text of a heading cell as a screen would read it: tags dropped, entities decoded, spaces collapsed.</summary>
    internal static string TextOf(string html) => Spaces().Replace(WebUtility.HtmlDecode(Tags().Replace(html, " ")), " ").Trim();

    internal static int Span(TagHelperContext context) =>
        context.AllAttributes.TryGetAttribute("colspan", out var span) && int.TryParse(span.Value?.ToString(), out var n) && n > 1 ? n : 1;

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    /// <summary>The column headings of one table, in order (a heading spanning columns fills each).</summary>
    internal sealed class Headings : List<string>;

    /// <summary>Where the next cell of a row is.</summary>
    internal sealed class Cursor
    {
        public int Column { get; set; }
    }

    /// <summary>Marks the cells inside thead as headings.</summary>
    internal sealed class InHead;
}

/// <summary>Inside a thead, heading cells name the columns.</summary>
[HtmlTargetElement("thead")]
public sealed class TableHeadTagHelper : TagHelper
{
    public override void Init(TagHelperContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Items[typeof(TableLabelsTagHelper.InHead)] = true;
    }
}

/// <summary>A row starts counting columns from the first.</summary>
[HtmlTargetElement("tr")]
public sealed class TableRowTagHelper : TagHelper
{
    public override void Init(TagHelperContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Items[typeof(TableLabelsTagHelper.Cursor)] = new TableLabelsTagHelper.Cursor();
    }
}

/// <summary>A heading cell: in thead it names its column; in a body row (scope="row") it is a cell like the others.</summary>
[HtmlTargetElement("th")]
[HtmlTargetElement("td")]
public sealed class TableCellTagHelper : TagHelper
{
    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(output);
        if (context.Items.TryGetValue(typeof(TableLabelsTagHelper.Headings), out var found) is false || found is not TableLabelsTagHelper.Headings headings)
        {
            return;
        }

        var span = TableLabelsTagHelper.Span(context);
        if (context.Items.ContainsKey(typeof(TableLabelsTagHelper.InHead)))
        {
            var text = TableLabelsTagHelper.TextOf((await output.GetChildContentAsync()).GetContent());
            headings.AddRange(Enumerable.Repeat(text, span));
            return;
        }

        if (context.Items.TryGetValue(typeof(TableLabelsTagHelper.Cursor), out var c) && c is TableLabelsTagHelper.Cursor cursor)
        {
            var column = cursor.Column;
            cursor.Column += span;
            if (column < headings.Count && headings[column].Length > 0 && !output.Attributes.ContainsName("data-label"))
            {
                output.Attributes.Add("data-label", headings[column]);
            }
        }
    }
}
