using Senim.Registry.Access;
using Senim.Registry.Mail;

namespace Senim.Registry.Tests.Mail;

/// <summary>Addresses people type: international domains are kept, invisible and direction-changing characters are refused by name.</summary>
public sealed class EmailAddressesTests
{
    [Theory]
    [InlineData("dana@example.kz", "dana@example.kz")]
    [InlineData("  Dana.Omarova+senim@Example.KZ ", "Dana.Omarova+senim@example.kz")]
    [InlineData("info@пример.қаз", "info@пример.қаз")]
    [InlineData("info@ПРИМЕР.ҚАЗ", "info@пример.қаз")]
    [InlineData("info@xn--e1afmkfd.xn--80ao21a", "info@пример.қаз")]
    [InlineData("info@مثال.السعودية", "info@مثال.السعودية")]
    [InlineData("o'brien@example.ie", "o'brien@example.ie")]
    public void A_good_address_is_kept_in_its_normal_form(string typed, string normal)
    {
        var errors = new FieldErrors();
        Assert.Equal(normal, EmailAddresses.Check(typed, errors));
        Assert.False(errors.Any);
    }

    [Theory]
    [InlineData("dana\u200B@example.kz", "email-invisible", "U+200B")] // zero-width space
    [InlineData("dana@exam\u200Dple.kz", "email-invisible", "U+200D")] // zero-width joiner
    [InlineData("\u202Edana@example.kz", "email-invisible", "U+202E")] // right-to-left override
    [InlineData("dana@example.kz\u2066", "email-invisible", "U+2066")] // left-to-right isolate
    [InlineData("\uFEFFdana@example.kz", "email-invisible", "U+FEFF")] // byte-order mark
    [InlineData("dana@exa\u00A0mple.kz", "email-invisible", "U+00A0")] // no-break space
    [InlineData("dana\u0000@example.kz", "email-invisible", "U+0000")]
    [InlineData("дана@example.kz", "email-local-ascii", null)]
    [InlineData("dana@example", "email-domain", null)]
    [InlineData("dana@-example.kz", "email-domain", null)]
    [InlineData("dana@example..kz", "email-domain", null)]
    [InlineData("dana@1.2.3.4", "email-domain", null)]
    [InlineData("dana@exa_mple.kz", "email-domain", null)]
    [InlineData("dana example@example.kz", "email-invalid", null)]
    [InlineData("Dana <dana@example.kz>", "email-invalid", null)]
    [InlineData("\"dana\"@example.kz", "email-invalid", null)]
    [InlineData("dana..omarova@example.kz", "email-invalid", null)]
    [InlineData(".dana@example.kz", "email-invalid", null)]
    [InlineData("dana@", "email-invalid", null)]
    [InlineData("@example.kz", "email-invalid", null)]
    [InlineData("dana@@example.kz", "email-invalid", null)]
    [InlineData("dana", "email-invalid", null)]
    [InlineData("", "required", null)]
    public void An_odd_address_is_refused_with_its_own_reason(string typed, string key, string? named)
    {
        var errors = new FieldErrors();
        Assert.Null(EmailAddresses.Check(typed, errors, "email"));
        var error = Assert.Single(errors.All);
        Assert.Equal(("email", key), (error.Field, error.Key));
        if (named is not null)
        {
            Assert.Contains(named, error.Message, StringComparison.Ordinal);
            Assert.Equal([named], error.Args);
        }
    }

    [Fact]
    public void An_address_over_254_characters_is_too_long()
    {
        var errors = new FieldErrors();
        Assert.Null(EmailAddresses.Check("a@" + string.Join('.', Enumerable.Repeat(new string('b', 60), 5)) + ".kz", errors));
        Assert.Equal("too-long", Assert.Single(errors.All).Key);
    }

    [Fact]
    public void Mail_goes_to_the_ascii_form_of_an_international_domain()
    {
        Assert.Equal("info@xn--e1afmkfd.xn--80ao21a", EmailAddresses.ToAscii("info@пример.қаз"));
        Assert.Equal("dana@example.kz", EmailAddresses.ToAscii("dana@example.kz"));
        Assert.Equal("INFO@ПРИМЕР.ҚАЗ", EmailAddresses.Key("info@пример.қаз"));
    }
}
