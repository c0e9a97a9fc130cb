using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Senim.Registry.Access;
using Senim.Registry.Data;
using Senim.Web.Tests.Review;
using Senim.Web.Tests.Support;

namespace Senim.Web.Tests.Notifications;

/// <summary>The notifications page and API: the reader's own and their organisations', newest first, marked read.</summary>
public class NotificationsTests(ReviewFactory factory) : IClassFixture<ReviewFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static async Task<JsonElement> JsonOf(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel)).RootElement;

    [Fact]
    public async Task The_page_lists_newest_first_and_marks_one_or_all_read()
    {
        var hospital = await Demo.BrowserAsync(factory, Demo.Hospital);
        var page = await Browser.Get(hospital, "/notifications");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Demo.AssertAccessible(page);
        var items = page.Document.QuerySelectorAll("li.notification");
        Assert.True(items.Length >= 2);
        Assert.All(items, i => Assert.Contains("unread", i.ClassList));
        var times = items.Select(i => DateTime.Parse(i.QuerySelector("time")!.GetAttribute("datetime")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(times.OrderByDescending(t => t), times);
        Assert.All(items.Where(i => i.GetAttribute("data-kind") == "notification.decided"), i => Assert.Contains("The supervisory body has decided", i.Text(), StringComparison.Ordinal));

        var first = items[0].GetAttribute("data-notification")!;
        var read = await Demo.SubmitAsync(hospital, page, $"li[data-notification='{first}'] form");
        Assert.Equal(HttpStatusCode.OK, read.Status);
        Assert.Contains("Notification marked as read.", read.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("unread", read.Document.QuerySelector($"li[data-notification='{first}']")!.ClassList);
        Assert.Equal($"Unread: {items.Length - 1}", read.Document.QuerySelector(".toolbar p").Text());

        // Another user cannot mark it (it is not theirs to see).
        var retail = await Demo.BrowserAsync(factory, Demo.Retail);
        var retailPage = await Browser.Get(retail, "/notifications");
        var other = await Demo.PostAsync(retail, retailPage, $"/notifications?handler=read&id={items[1].GetAttribute("data-notification")}", []);
        Assert.Equal(HttpStatusCode.NotFound, other.Status);

        var all = await Demo.SubmitAsync(hospital, read, "#read-all-form");
        Assert.Equal(HttpStatusCode.OK, all.Status);
        Assert.Contains($"Marked as read: {items.Length - 1}.", all.Text, StringComparison.Ordinal);
        Assert.Empty(all.Document.QuerySelectorAll("li.notification.unread"));
        var unreadOnly = await Browser.Get(hospital, "/notifications?unreadonly=true");
        Assert.Equal("No unread notifications", unreadOnly.Document.QuerySelector(".empty h2").Text());
        Assert.Equal(1, await Demo.RunAsync(factory, sp => sp.GetRequiredService<RegistryDb>().Notifications.CountAsync(n => n.Id == Guid.Parse(items[1].GetAttribute("data-notification")!) && n.ReadAt != null)));
    }

    [Fact]
    public async Task The_api_pages_filters_and_marks_notifications()
    {
        var expert = await Demo.ApiAsync(factory, Demo.Expert1, Scopes.Read, Scopes.Review);
        var list = await JsonOf(await expert.GetAsync(new Uri("/api/v1/notifications?page_size=1", UriKind.Relative), Cancel));
        Assert.Equal(1, list.GetProperty("items").GetArrayLength());
        var total = list.GetProperty("total").GetInt32();
        Assert.True(total >= 2);
        var first = list.GetProperty("items")[0];
        Assert.Equal("notification.assigned", first.GetProperty("kind").GetString());
        Assert.True(first.GetProperty("personal").GetBoolean());
        Assert.StartsWith("You have been assigned", first.GetProperty("text").GetString(), StringComparison.Ordinal);

        var id = first.GetProperty("id").GetGuid();
        var marked = await JsonOf(await expert.PostAsync(new Uri($"/api/v1/notifications/{id}/read", UriKind.Relative), null, Cancel));
        Assert.NotEqual(JsonValueKind.Null, marked.GetProperty("read_at").ValueKind);
        var unread = await JsonOf(await expert.GetAsync(new Uri("/api/v1/notifications?unread=true&page_size=100", UriKind.Relative), Cancel));
        Assert.Equal(total - 1, unread.GetProperty("total").GetInt32());
        Assert.DoesNotContain(unread.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == id);

        var owner = await Demo.ApiAsync(factory, Demo.BankOwner, Scopes.Read);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.PostAsync(new Uri($"/api/v1/notifications/{id}/read", UriKind.Relative), null, Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await expert.GetAsync(new Uri("/api/v1/notifications?page_size=1000", UriKind.Relative), Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await expert.GetAsync(new Uri("/api/v1/notifications?unread=perhaps", UriKind.Relative), Cancel)).StatusCode);
        var writeOnly = await Demo.ApiAsync(factory, Demo.Expert1, Scopes.Write);
        Assert.Equal(HttpStatusCode.Forbidden, (await writeOnly.GetAsync(new Uri("/api/v1/notifications", UriKind.Relative), Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient().GetAsync(new Uri("/api/v1/notifications", UriKind.Relative), Cancel)).StatusCode);

        var all = await JsonOf(await expert.PostAsync(new Uri("/api/v1/notifications/read-all", UriKind.Relative), null, Cancel));
        Assert.Equal(total - 1, all.GetProperty("marked").GetInt32());
        var none = await JsonOf(await expert.GetAsync(new Uri("/api/v1/notifications?unread=true", UriKind.Relative), Cancel));
        Assert.Equal(0, none.GetProperty("unread").GetInt32());
    }
}
