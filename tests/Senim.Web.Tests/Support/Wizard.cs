using AngleSharp.Dom;

namespace Senim.Web.Tests.Support;

/// <summary>Drives the classification wizard with plain form posts, as a browser with JavaScript off does.</summary>
public static class Wizard
{
    /// <summary>
    /// Answers every page until the result: a question in <paramref name="answers"/> gets that answer
    /// (comma-separated for any-of, "" to leave unanswered); other yes-no questions get "no", one-of
    /// questions their first option, any-of questions none.
    /// </summary>
    public static async Task<Page> Run(HttpClient client, string law, IReadOnlyDictionary<string, string> answers, string name = "Test system", string at = "2026-11-25")
    {
        var page = await Browser.Get(client, "/classify");
        page = await Browser.Submit(client, page, "start", [new("law", law), new("name", name), new("at", at)]);
        for (var guard = 0; guard < 40 && page.Document.QuerySelector("fieldset.question") is not null; guard++)
        {
            page = await Browser.Submit(client, page, "next", AnswersFor(page, answers));
        }

        return page;
    }

    public static List<KeyValuePair<string, string>> AnswersFor(Page page, IReadOnlyDictionary<string, string> answers)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var fieldset in page.Document.QuerySelectorAll("fieldset.question"))
        {
            var inputs = fieldset.QuerySelectorAll("input[name^='a:']").ToList();
            if (inputs.Count == 0)
            {
                continue;
            }

            var name = inputs[0].GetAttribute("name")!;
            var id = name[2..];
            var type = inputs[0].GetAttribute("type");
            if (answers.TryGetValue(id, out var given))
            {
                if (type == "checkbox")
                {
                    fields.Add(new(name, ""));
                    fields.AddRange(given.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(v => new KeyValuePair<string, string>(name, v)));
                }
                else
                {
                    fields.Add(new(name, given));
                }

                continue;
            }

            switch (type)
            {
                case "radio":
                    var values = inputs.Select(i => i.GetAttribute("value")!).ToList();
                    fields.Add(new(name, values.Contains("no") ? "no" : values[0]));
                    break;
                case "checkbox":
                    fields.Add(new(name, "")); // none ticked
                    break;
                default:
                    fields.Add(new(name, ""));
                    break;
            }
        }

        return fields;
    }

    public static IElement? Conclusion(Page page, string id) => page.Document.QuerySelector($"[data-id='{id}']");
}
