using Senim.Law.Packs;
using Senim.Registry.Citizens;
using Senim.Registry.Model;
using Senim.Registry.Tests.Support;

namespace Senim.Registry.Tests.Citizens;

/// <summary>The forms the public entry page offers for the people's rights: each names a right the Kazakh pack really has.</summary>
public sealed class RightRequestTests
{
    private static readonly LawLibrary Law = LawLibrary.Load(Path.Combine(TestRegistry.RepoRoot, "law"));

    [Fact]
    public void Every_request_kind_but_the_content_complaint_serves_a_right_of_the_kazakh_pack()
    {
        var kz = Law.Find("kz-230")!;
        var rights = kz.Pack.Obligations.Where(o => o.Kind == "right").ToList();
        var served = rights.Select(r => (r.Id, Kind: CitizenCodes.ForRight(r.Id))).Where(r => r.Kind is not null).ToList();

        Assert.Equal(
            [CitizenRequestKind.Objection, CitizenRequestKind.ExplanationRequest, CitizenRequestKind.DataRequest, CitizenRequestKind.InteractionRefusal],
            served.Select(s => s.Kind!.Value).Order());
        Assert.Equal(4, served.Select(s => s.Id).Distinct().Count());
    }

    [Theory]
    [InlineData("kz.o.risk_management")]
    [InlineData("kz.right.agreement")]
    [InlineData("")]
    public void A_duty_or_a_right_without_a_form_has_no_request(string id) => Assert.Null(CitizenCodes.ForRight(id));
}
