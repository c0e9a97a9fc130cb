using System.Net;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace Senim.Web.Tests.Support;

/// <summary>A page as a browser without JavaScript sees it: parsed HTML, and forms submitted as plain posts.</summary>
public sealed class Page(HttpResponseMessage response, IDocument document)
{
    public HttpStatusCode Status => response.StatusCode;

    public IDocument Document => document;

    public string Text => document.Body?.TextContent ?? "";

    public IHtmlFormElement Form => document.QuerySelectorAll<IHtmlFormElement>("form").Last();

    public static async Task<Page> Load(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        var context = BrowsingContext.New(Configuration.Default);
        var address = response.RequestMessage?.RequestUri?.ToString() ?? "http://localhost/";
        var document = await context.OpenAsync(r => r.Content(html).Address(address));
        return new Page(response, document);
    }
}

/// <summary>Fills and submits forms the way a browser does: hidden fields, checked boxes, and the pressed button.</summary>
public static class Browser
{
    public static async Task<Page> Get(HttpClient client, string url) => await Page.Load(await client.GetAsync(url));

    /// <summary>Submits the page's last form to another URL (a download button's formaction) and returns the raw response.</summary>
    public static async Task<HttpResponseMessage> SubmitRaw(HttpClient client, Page page, string formAction)
    {
        var fields = page.Form.QuerySelectorAll<IHtmlInputElement>("input")
            .Where(i => !string.IsNullOrEmpty(i.Name) && (i.Type is not ("radio" or "checkbox") || i.IsChecked))
            .Select(i => new KeyValuePair<string, string>(i.Name!, i.Value));
        return await client.PostAsync(formAction, new FormUrlEncodedContent(fields));
    }

    /// <summary>
    /// Submits the page's last form. <paramref name="set"/> sets a field (radio/select/text) or, for
    /// checkbox groups, the ticked values (several entries with one name).
    /// </summary>
    public static async Task<Page> Submit(HttpClient client, Page page, string action, IEnumerable<KeyValuePair<string, string>>? set = null, string? formAction = null)
    {
        var form = page.Form;
        var overrides = (set ?? []).GroupBy(kv => kv.Key).ToDictionary(g => g.Key, g => g.Select(kv => kv.Value).ToList());
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var input in form.QuerySelectorAll<IHtmlInputElement>("input"))
        {
            var name = input.Name;
            if (string.IsNullOrEmpty(name) || overrides.ContainsKey(name))
            {
                continue;
            }

            switch (input.Type)
            {
                case "radio" or "checkbox":
                    if (input.IsChecked)
                    {
                        fields.Add(new(name, input.Value));
                    }

                    break;
                default:
                    fields.Add(new(name, input.Value));
                    break;
            }
        }

        foreach (var (name, values) in overrides)
        {
            fields.AddRange(values.Where(v => !string.IsNullOrEmpty(v)).Select(v => new KeyValuePair<string, string>(name, v)));
        }

        fields.Add(new("action", action));
        var target = formAction ?? (string.IsNullOrEmpty(form.GetAttribute("action")) ? page.Document.Url : form.GetAttribute("action")!);

        var response = await client.PostAsync(target, new FormUrlEncodedContent(fields));
        return await Page.Load(response);
    }
}
