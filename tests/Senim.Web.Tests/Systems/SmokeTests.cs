using System.Net;
using Senim.Web.Tests.Support;

namespace Senim.Web.Tests.Systems;

public class SmokeTests(SystemsFactory factory) : IClassFixture<SystemsFactory>
{
    [Fact]
    public async Task Pages_render()
    {
        var client = await factory.BrowserAsync("owner@demo.senim.kz");
        var bank = await factory.OrganisationAsync("Demo Bank JSC");
        foreach (var url in new[] { "/systems", $"/organisations/{bank.Id}/systems/new", "/due" })
        {
            var page = await Browser.Get(client, url);
            Assert.True(page.Status == HttpStatusCode.OK, url + " " + page.Status + page.Text[..Math.Min(3000, page.Text.Length)]);
        }

        var list = await Browser.Get(client, "/systems");
        foreach (var link in list.Document.QuerySelectorAll("table.systems a").Select(a => a.GetAttribute("href")!).Take(20))
        {
            foreach (var sub in new[] { "", "/edit", "/classify", "/history", "/documents", "/history?from=1&to=3" })
            {
                var page = await Browser.Get(client, link + sub);
                Assert.True(page.Status is HttpStatusCode.OK or HttpStatusCode.Conflict or HttpStatusCode.Forbidden, link + sub + " " + page.Status + page.Text[..Math.Min(3000, page.Text.Length)]);
            }

            var docs = await Browser.Get(client, link + "/documents");
            foreach (var d in docs.Document.QuerySelectorAll("table.documents-table a").Select(a => a.GetAttribute("href")!))
            {
                var page = await Browser.Get(client, d);
                Assert.True(page.Status == HttpStatusCode.OK, d + " " + page.Status + page.Text[..Math.Min(3000, page.Text.Length)]);
            }
        }
    }
}
