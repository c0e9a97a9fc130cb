using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.Routing;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.AspNetCore.WebUtilities;

namespace Senim.Web.Infrastructure.Pages;

/// <summary>
/// Puts a kept form (<see cref="KeptForms"/>) back: the form on the page that posts where the kept one was posted
/// takes its values, so the person finds what they typed before their session ended. Any page form works this way;
/// the pages themselves know nothing of it.
/// </summary>
[HtmlTargetElement("form")]
public sealed class KeptFormTagHelper(IHttpContextAccessor accessor, IUrlHelperFactory urls) : TagHelper
{
    /// <summary>
    /// (The framework's form tag helper binds <c>method</c>, so it is read from all the attributes, not the output's.)
    /// Before the framework's form tag helpers: one of them renders the form's content in its turn, and the controls
    /// must find the kept values by then. So the action is worked out here the way the framework writes it.
    /// </summary>
    public override int Order => -2000;

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    [HtmlAttributeName("asp-page")]
    public string? PageName { get; set; }

    [HtmlAttributeName("asp-page-handler")]
    public string? PageHandler { get; set; }

    [HtmlAttributeName("asp-all-route-data", DictionaryAttributePrefix = "asp-route-")]
    public IDictionary<string, string> RouteValues { get; set; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(output);
        if (accessor.HttpContext is not { } http || KeptFormState.Of(http)?.Form is not { } kept
            || !(context.AllAttributes.TryGetAttribute("method", out var method)
                && string.Equals(TagAttributes.Text(method.Value), "post", StringComparison.OrdinalIgnoreCase)))
        {
            return;
        }

        if (Target.Of(ActionOf(http, output)) == Target.Of(kept.Action))
        {
            kept.Restored = true;
            context.Items[typeof(KeptFormData)] = new KeptFieldCursor(kept);
        }
    }

    /// <summary>Where the form posts: its action, else the page and handler it names, else the page's own address.</summary>
    private string ActionOf(HttpContext http, TagHelperOutput output)
    {
        if (TagAttributes.Text(output, "action") is { Length: > 0 } written)
        {
            return written;
        }

        if (PageName is not null || PageHandler is not null || RouteValues.Count > 0)
        {
            var values = RouteValues.ToDictionary(v => v.Key, v => (object?)v.Value);
            return urls.GetUrlHelper(ViewContext).Page(PageName, PageHandler, values) ?? "";
        }

        return http.Request.Path + http.Request.QueryString;
    }

    /// <summary>An address compared as a form target: the path without case, the query as a set without the kept id.</summary>
    private readonly record struct Target(string Path, string Query)
    {
        public static Target Of(string address)
        {
            var question = address.IndexOf('?', StringComparison.Ordinal);
            var path = Uri.UnescapeDataString(question < 0 ? address : address[..question]).TrimEnd('/').ToUpperInvariant();
            IEnumerable<string> query = question < 0 ? [] : QueryHelpers.ParseQuery(address[question..])
                .Where(q => q.Key != KeptForms.Parameter)
                .SelectMany(q => q.Value.Select(v => q.Key.ToUpperInvariant() + "=" + v))
                .Order(StringComparer.Ordinal);
            return new Target(path, string.Join('&', query));
        }
    }
}

/// <summary>The kept form being put back into one page form: which value of a repeated name comes next.</summary>
internal sealed class KeptFieldCursor(KeptFormData form)
{
    private readonly Dictionary<string, int> _next = new(StringComparer.OrdinalIgnoreCase);

    public KeptFormData Form => form;

    /// <summary>The next kept value of a name that several text inputs share, in the order they were posted.</summary>
    public string? Next(string name)
    {
        var values = form.Values(name);
        var index = _next.GetValueOrDefault(name);
        _next[name] = index + 1;
        return index < values.Count ? values[index] : null;
    }
}

/// <summary>The controls of the form being put back take the kept values (passwords and files never do).</summary>
[HtmlTargetElement("input", Attributes = "name", TagStructure = TagStructure.WithoutEndTag)]
[HtmlTargetElement("textarea", Attributes = "name")]
[HtmlTargetElement("select", Attributes = "name")]
[HtmlTargetElement("option")]
public sealed class KeptFieldTagHelper : TagHelper
{
    private sealed class SelectValues(IReadOnlyList<string> values)
    {
        public IReadOnlyList<string> Values => values;
    }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(output);
        if (!context.Items.TryGetValue(typeof(KeptFormData), out var found) || found is not KeptFieldCursor cursor)
        {
            return;
        }

        var kept = cursor.Form;
        var name = TagAttributes.Text(output, "name") ?? "";
        switch (output.TagName)
        {
            case "input":
                var type = (TagAttributes.Text(output, "type") ?? "text").ToLowerInvariant();
                if (type is "password" or "file" or "submit" or "button" or "image" or "reset")
                {
                    return;
                }

                if (type is "checkbox" or "radio")
                {
                    Check(output, kept.Values(name).Contains(TagAttributes.Text(output, "value") ?? "on", StringComparer.Ordinal));
                }
                else if (cursor.Next(name) is { } value)
                {
                    output.Attributes.SetAttribute("value", value);
                }

                return;
            case "textarea":
                if (kept.Has(name))
                {
                    output.Content.SetContent(string.Join("\n", kept.Values(name)));
                }

                return;
            case "select":
                if (kept.Has(name))
                {
                    context.Items[typeof(SelectValues)] = new SelectValues(kept.Values(name));
                }

                return;
            default:
                if (context.Items.TryGetValue(typeof(SelectValues), out var select) && select is SelectValues chosen)
                {
                    // An option without a value attribute posts its text; the options here all carry one.
                    var optionValue = TagAttributes.Text(output, "value") ?? "";
                    if (chosen.Values.Contains(optionValue, StringComparer.Ordinal))
                    {
                        output.Attributes.SetAttribute("selected", "selected");
                    }
                    else
                    {
                        output.Attributes.RemoveAll("selected");
                    }
                }

                return;
        }
    }

    private static void Check(TagHelperOutput output, bool on)
    {
        if (on)
        {
            output.Attributes.SetAttribute("checked", "checked");
        }
        else
        {
            output.Attributes.RemoveAll("checked");
        }
    }
}
