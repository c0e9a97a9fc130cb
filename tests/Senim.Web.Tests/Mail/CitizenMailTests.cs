using Microsoft.Extensions.DependencyInjection;
using Senim.Registry.Mail;
using Senim.Registry.Model;
using Senim.Web.Tests.Support;

namespace Senim.Web.Tests.Mail;

/// <summary>The person's mails about their request (docs/citizens.md): in their language, with the tracking link, nothing else personal.</summary>
public sealed class CitizenMailTests(SenimFactory factory) : IClassFixture<SenimFactory>
{
    public static TheoryData<string, string> TemplatesAndLanguages()
    {
        var data = new TheoryData<string, string>();
        foreach (var template in MailTemplates.Citizen)
        {
            foreach (var language in new[] { "kk", "ru", "en" })
            {
                data.Add(template, language);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(TemplatesAndLanguages))]
    public void Each_step_is_written_in_the_persons_language_with_the_tracking_link(string template, string language)
    {
        const string code = "ABCD-EFGH-JKMN-PQRS-T";
        var message = new OutboxMessage { Id = Guid.NewGuid(), Template = template, ToAddress = "aigerim@mail.example", ToName = "Айгерім", Language = language, CreatedAt = DateTime.UtcNow };
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [MailTemplates.Values.Code] = code,
            [MailTemplates.Values.SystemName] = "Кредиттік скоринг",
            [MailTemplates.Values.Due] = "2026-12-17",
        };

        using var scope = factory.Services.CreateScope();
        var mail = scope.ServiceProvider.GetRequiredService<IMailComposer>().Compose(message, values);

        Assert.Contains("/track/" + code, mail.Text, StringComparison.Ordinal);
        Assert.Contains("/track/" + code, mail.Html, StringComparison.Ordinal);
        Assert.Contains("Айгерім", mail.Text, StringComparison.Ordinal);
        Assert.Contains("Кредиттік скоринг", mail.Text, StringComparison.Ordinal);
        Assert.Contains(code, mail.Subject, StringComparison.Ordinal);
        Assert.Contains("lang=\"" + language + "\"", mail.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("{", mail.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_three_languages_say_it_differently()
    {
        using var scope = factory.Services.CreateScope();
        var composer = scope.ServiceProvider.GetRequiredService<IMailComposer>();
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [MailTemplates.Values.Code] = "ABCD-EFGH-JKMN-PQRS-T",
            [MailTemplates.Values.SystemName] = "S",
            [MailTemplates.Values.Due] = "2026-12-17",
        };
        var subjects = new[] { "kk", "ru", "en" }
            .Select(l => composer.Compose(new OutboxMessage { Id = Guid.NewGuid(), Template = MailTemplates.CitizenReceived, ToAddress = "a@b.example", Language = l }, values).Subject)
            .ToHashSet(StringComparer.Ordinal);
        Assert.Equal(3, subjects.Count);
    }
}
