using Senim.Web.Tests.Support;

namespace Senim.Web.Tests.Pages;

/// <summary>
/// The remark that registering in Senim is platform policy, not a statutory duty, is the operator's text
/// (Senim:RegistrationPolicyNote), shown beside the next step that sends a system to the register.
/// </summary>
public sealed class RegistrationPolicyTests(SenimFactory shipped, RegistrationPolicyTests.OperatorFactory configured)
    : IClassFixture<SenimFactory>, IClassFixture<RegistrationPolicyTests.OperatorFactory>
{
    private static readonly Dictionary<string, string> Chatbot = new()
    {
        ["kz.scope.informatization_object"] = "yes",
        ["kz.scope.model"] = "yes",
        ["kz.scope.features"] = "nlp,generation",
        ["kz.role"] = "owner",
        ["kz.risk.efficiency"] = "yes",
        ["kz.autonomy.control"] = "human_can_override",
        ["kz.mode.access"] = "closed",
        ["kz.t.users"] = "yes",
        ["kz.gov.risk_review_done"] = "yes",
        ["kz.gov.last_risk_review"] = "2026-03-01",
    };

    /// <summary>The host with an operator's own remark in Russian only.</summary>
    public sealed class OperatorFactory : SenimFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
            [new("Senim:RegistrationPolicyNote:Ru", "Регистрация обязательна по приказу Министерства № 1 (пример оператора).")];
    }

    [Theory]
    [InlineData("en", "Registration and publication are Senim's platform policy, not a statutory duty.")]
    [InlineData("ru", "Регистрация и публикация — правило платформы Senim, а не обязанность по закону.")]
    [InlineData("kk", "Тіркеу және жариялау — Senim платформасының қағидасы, заң бойынша міндет емес.")]
    public async Task The_shipped_remark_stands_beside_the_publish_step_once(string lang, string remark)
    {
        var page = await Wizard.Run(Client(shipped, lang), "kz", Chatbot);
        var step = page.Document.QuerySelector(".next-steps [data-id='kz.n.publish']");
        Assert.NotNull(step);
        Assert.Equal(remark, step.QuerySelector(".policy-note")?.TextContent.Trim());
        Assert.Single(page.Document.QuerySelectorAll(".policy-note"));
        // The law pack's own text no longer carries the operator's statement.
        Assert.DoesNotContain("platform policy", step.TextContent.Replace(remark, "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_operators_remark_replaces_the_shipped_one_in_its_language_only()
    {
        var ru = await Wizard.Run(Client(configured, "ru"), "kz", Chatbot);
        Assert.Equal("Регистрация обязательна по приказу Министерства № 1 (пример оператора).", ru.Document.QuerySelector("[data-id='kz.n.publish'] .policy-note")?.TextContent.Trim());
        var en = await Wizard.Run(Client(configured, "en"), "kz", Chatbot);
        Assert.Equal("Registration and publication are Senim's platform policy, not a statutory duty.", en.Document.QuerySelector("[data-id='kz.n.publish'] .policy-note")?.TextContent.Trim());
    }

    private static HttpClient Client(SenimFactory factory, string lang)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("Cookie", "senim-lang=" + lang);
        return client;
    }
}
