using Microsoft.EntityFrameworkCore;
using Senim.Web.Tests.Support;
using static Senim.Web.Tests.Accounts.AccountTestKit;

namespace Senim.Web.Tests.Pages;

/// <summary>The demo data describes what it names, in Kazakh, Russian and English.</summary>
public sealed class DemoDataTests(SenimFactory factory) : IClassFixture<SenimFactory>
{
    [Fact]
    public async Task Every_demo_system_has_its_own_name_and_purpose_in_each_language()
    {
        var systems = await Db(factory, db => db.Systems.AsNoTracking().ToListAsync());
        Assert.Equal(13, systems.Count);
        foreach (var s in systems)
        {
            Assert.All(new[] { s.NameKk, s.NameRu, s.NameEn, s.PurposeKk, s.PurposeRu, s.PurposeEn, s.Description, s.DataAndModels }, text => Assert.False(string.IsNullOrWhiteSpace(text), s.NameEn + " lacks a text"));
        }

        // Borrowing another example's answers no longer borrows its words.
        Assert.Equal(systems.Count, systems.Select(s => s.PurposeEn).Distinct().Count());
        Assert.Equal(systems.Count, systems.Select(s => s.PurposeRu).Distinct().Count());
        Assert.Equal(systems.Count, systems.Select(s => s.PurposeKk).Distinct().Count());
        Assert.Equal(systems.Count, systems.Select(s => s.Description).Distinct().Count());
        Assert.Equal(systems.Count, systems.Select(s => s.DataAndModels).Distinct().Count());
    }

    [Theory]
    [InlineData("Patient mail triage", "пациент", "Пациент", "patient")]
    [InlineData("Loan advice chatbot", "несие", "кредит", "loan")]
    [InlineData("Hospital power load balancer", "аурухана", "больниц", "hospital")]
    [InlineData("Claim drafting assistant", "талап арыз", "исков", "claim")]
    public async Task A_system_that_borrows_an_example_describes_itself(string name, string kk, string ru, string en)
    {
        var s = await Db(factory, db => db.Systems.AsNoTracking().SingleAsync(x => x.NameEn == name));
        Assert.Contains(kk, s.PurposeKk!, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(ru, s.PurposeRu!, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(en, s.PurposeEn!, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("spam", s.Description!, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("delivery", s.Description!, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Demo_people_are_named_without_role_codes()
    {
        var names = await Db(factory, db => db.Users.AsNoTracking().Select(u => u.DisplayName).ToListAsync());
        Assert.All(names, n => Assert.DoesNotMatch(@"\((admin|supervisor|expert|owner|editor)\)", n));
    }
}
