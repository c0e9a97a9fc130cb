using Senim.Law.Packs;
using Senim.Law.Tests.Support;

namespace Senim.Law.Tests.Packs;

/// <summary>One test per documented error kind: each names the file, the line and the item id.</summary>
public class PackLoaderErrorTests
{
    private static PackError SingleError(string body, PackErrorKind kind, string? header = null)
    {
        var ex = Assert.Throws<PackLoadException>(() => MiniPack.Load(body, header));
        var error = Assert.Single(ex.Errors, e => e.Kind == kind);
        return error;
    }

    private static int LineOf(string text, string fragment)
    {
        var lines = text.Split('\n');
        var index = Array.FindIndex(lines, l => l.Contains(fragment, StringComparison.Ordinal));
        Assert.True(index >= 0, $"fragment '{fragment}' not found");
        return index + 1;
    }

    [Fact]
    public void The_mini_pack_itself_is_valid()
    {
        var library = MiniPack.Load();
        Assert.Equal("mini", Assert.Single(library.Packs).Pack.Id);
    }

    [Fact]
    public void Malformed_yaml_is_a_syntax_error_with_file_and_line()
    {
        var body = MiniPack.Body.Replace("    title: The act", "    title: \"The act", StringComparison.Ordinal);
        var error = SingleError(body, PackErrorKind.Syntax);
        Assert.Equal("mini/items.yaml", error.File);
        Assert.True(error.Line >= 2, error.ToString());
    }

    [Fact]
    public void An_unknown_key_names_the_key_its_line_and_the_allowed_keys()
    {
        var body = MiniPack.Body.Replace("    when: q.severe = yes", "    wen: q.severe = yes\n    when: q.severe = yes", StringComparison.Ordinal);
        var error = SingleError(body, PackErrorKind.UnknownKey);
        Assert.Equal("r.high", error.Id);
        Assert.Equal(LineOf(body, "wen:"), error.Line);
        Assert.Contains("'wen'", error.Message, StringComparison.Ordinal);
        Assert.Contains("when", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_required_field_is_reported_on_its_item()
    {
        var body = MiniPack.Body.Replace("    conclusion: mini.tier\n    value: high\n", "    value: high\n", StringComparison.Ordinal);
        var ex = Assert.Throws<PackLoadException>(() => MiniPack.Load(body));
        var error = Assert.Single(ex.Errors, e => e.Kind == PackErrorKind.MissingField);
        Assert.Equal("r.high", error.Id);
        Assert.Contains("'conclusion' is required", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_status_outside_T_S_U_is_an_invalid_value()
    {
        var body = MiniPack.Body.Replace("    value: high\n    because: {kk: Ауыр, ru: Тяжело, en: Severe}\n    articles: [a2]\n    status: T", "    value: high\n    because: {kk: Ауыр, ru: Тяжело, en: Severe}\n    articles: [a2]\n    status: X", StringComparison.Ordinal);
        var error = SingleError(body, PackErrorKind.InvalidValue);
        Assert.Equal("r.high", error.Id);
        Assert.Contains("T, S or U", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_items_with_one_id_are_a_duplicate_with_both_places()
    {
        var body = MiniPack.Body.Replace("  - id: q.moderate", "  - id: q.severe", StringComparison.Ordinal).Replace("when: q.moderate = yes", "when: q.severe = yes", StringComparison.Ordinal);
        var error = SingleError(body, PackErrorKind.DuplicateId);
        Assert.Equal("q.severe", error.Id);
        var second = body.IndexOf("  - id: q.severe", body.IndexOf("  - id: q.severe", StringComparison.Ordinal) + 1, StringComparison.Ordinal);
        Assert.Equal(body[..second].Count(c => c == '\n') + 1, error.Line);
        Assert.Contains("already used at mini/items.yaml:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Citing_an_article_that_does_not_exist_is_a_dangling_reference()
    {
        var body = MiniPack.Body.Replace("    because: {kk: Орта, ru: Средне, en: Moderate}\n    articles: [a2]", "    because: {kk: Орта, ru: Средне, en: Moderate}\n    articles: [a99]", StringComparison.Ordinal);
        var error = SingleError(body, PackErrorKind.DanglingReference);
        Assert.Equal("r.medium", error.Id);
        Assert.Contains("'a99'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_condition_naming_an_unknown_option_is_a_dangling_reference()
    {
        var body = MiniPack.Body.Replace("when: q.bad has b2", "when: q.bad has b3", StringComparison.Ordinal);
        var error = SingleError(body, PackErrorKind.DanglingReference);
        Assert.Equal("r.b2", error.Id);
        Assert.Contains("'b3' is not a value of 'q.bad'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_text_without_kazakh_is_a_missing_translation()
    {
        var body = MiniPack.Body.Replace("text: {kk: Ауыр ма?, ru: Тяжело?, en: Severe?}", "text: {ru: Тяжело?, en: Severe?}", StringComparison.Ordinal);
        var error = SingleError(body, PackErrorKind.MissingTranslation);
        Assert.Equal("q.severe", error.Id);
        Assert.Equal(LineOf(body, "text: {ru: Тяжело?"), error.Line);
        Assert.Contains("Kazakh", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_russian_text_is_a_missing_translation()
    {
        var body = MiniPack.Body.Replace("because: {kk: Кеш, ru: Поздно, en: Late}", "because: {kk: Кеш, ru: \"\", en: Late}", StringComparison.Ordinal);
        var error = SingleError(body, PackErrorKind.MissingTranslation);
        Assert.Equal("r.overdue", error.Id);
        Assert.Contains("Russian", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_obligation_without_articles_is_a_missing_article()
    {
        var body = MiniPack.Body.Replace("    effective: 2027-01-01\n    articles: [a2]\n", "    effective: 2027-01-01\n", StringComparison.Ordinal);
        var error = SingleError(body, PackErrorKind.MissingArticle);
        Assert.Equal("o.high", error.Id);
    }

    [Theory]
    [InlineData("q.severe == yes", "expected a value")]
    [InlineData("q.severe = yes and", "expected a question or conclusion id")]
    [InlineData("(q.severe = yes", "expected ')'")]
    [InlineData("q.severe has yes", "use = VALUE")]
    [InlineData("mini.tier > 2026-01-01", "cannot be compared with a date")]
    [InlineData("q.bad = b1", "use 'has VALUE'")]
    [InlineData("q.review has any", "is a date question")]
    [InlineData("q.severe = yes & q.moderate = yes", "unexpected character '&'")]
    public void A_malformed_condition_is_an_expression_error(string condition, string expected)
    {
        var body = MiniPack.Body.Replace("when: q.severe = yes", "when: " + condition, StringComparison.Ordinal);
        var ex = Assert.Throws<PackLoadException>(() => MiniPack.Load(body));
        var error = Assert.Single(ex.Errors);
        Assert.Equal("r.high", error.Id);
        Assert.True(error.Kind is PackErrorKind.Expression, error.ToString());
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rules_that_depend_on_each_other_in_a_circle_are_a_cycle()
    {
        var body = MiniPack.Body
            .Replace("when: q.ai = yes\n    conclusion: mini.in_scope", "when: mini.overdue = no\n    conclusion: mini.in_scope", StringComparison.Ordinal);
        var ex = Assert.Throws<PackLoadException>(() => MiniPack.Load(body));
        var error = Assert.Single(ex.Errors, e => e.Kind == PackErrorKind.Cycle);
        Assert.Contains("rule r.scope uses mini.overdue", error.Message, StringComparison.Ordinal);
        Assert.Contains("the pack's scope uses mini.in_scope", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Anchors_and_aliases_are_refused()
    {
        var body = MiniPack.Body.Replace("    cite: {kk: 1-бап, ru: ст. 1, en: Art. 1}", "    cite: &c {kk: 1-бап, ru: ст. 1, en: Art. 1}", StringComparison.Ordinal)
            .Replace("    cite: {kk: 2-бап, ru: ст. 2, en: Art. 2}", "    cite: *c", StringComparison.Ordinal);
        var error = SingleError(body, PackErrorKind.Syntax);
        Assert.Contains("anchors and aliases", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void All_errors_are_reported_at_once_in_file_and_line_order()
    {
        var body = MiniPack.Body
            .Replace("text: {kk: ЖИ ме?, ru: ИИ?, en: Is it AI?}", "text: {kk: ЖИ ме?, en: Is it AI?}", StringComparison.Ordinal)
            .Replace("when: q.bad has b2", "when: q.bad has b9", StringComparison.Ordinal);
        var ex = Assert.Throws<PackLoadException>(() => MiniPack.Load(body));
        Assert.Equal(2, ex.Errors.Count);
        Assert.True(ex.Errors[0].Line < ex.Errors[1].Line);
        Assert.Contains("2 errors", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pack_file_over_four_megabytes_is_refused_before_parsing()
    {
        var dir = Directory.CreateTempSubdirectory("senim-big-");
        try
        {
            var pack = Directory.CreateDirectory(Path.Combine(dir.FullName, "mini"));
            File.WriteAllText(Path.Combine(pack.FullName, "pack.yaml"), MiniPack.Header);
            File.WriteAllText(Path.Combine(pack.FullName, "items.yaml"), "# " + new string('x', 5 * 1024 * 1024));
            var ex = Assert.Throws<PackLoadException>(() => LawLibrary.Load(dir.FullName));
            var error = Assert.Single(ex.Errors);
            Assert.Equal(PackErrorKind.Syntax, error.Kind);
            Assert.Equal("mini/items.yaml", error.File);
            Assert.Contains("limited to 4 MB", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_folder_without_pack_yaml_is_named()
    {
        var ex = Assert.Throws<PackLoadException>(() => LawLibrary.FromFiles([("stray/notes.yaml", "x: 1")]));
        Assert.Contains("'stray' is neither a pack", Assert.Single(ex.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_header_naming_a_missing_conclusion_is_a_dangling_reference()
    {
        var header = MiniPack.Header.Replace("tier: mini.tier", "tier: mini.level", StringComparison.Ordinal);
        var error = SingleError(MiniPack.Body, PackErrorKind.DanglingReference, header);
        Assert.Equal("mini", error.Id);
        Assert.Contains("'tier' names 'mini.level'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_effective_date_on_a_value_of_a_level_conclusion_is_an_invalid_value()
    {
        var body = MiniPack.Body.Replace("      - {id: low, text: {kk: Төмен, ru: Низкий, en: Low}}", "      - {id: low, text: {kk: Төмен, ru: Низкий, en: Low}, effective: 2027-01-01}", StringComparison.Ordinal);
        var error = SingleError(body, PackErrorKind.InvalidValue);
        Assert.Equal("mini.tier", error.Id);
        Assert.Contains("only values of set conclusions have an 'effective' date", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_date_that_is_neither_a_date_nor_a_date_id_is_a_dangling_reference()
    {
        var body = MiniPack.Body.Replace("      - {id: B2, text: {kk: Б2, ru: Б2, en: B2}}", "      - {id: B2, text: {kk: Б2, ru: Б2, en: B2}, effective: soon}", StringComparison.Ordinal);
        var error = SingleError(body, PackErrorKind.DanglingReference);
        Assert.Equal("mini.banned", error.Id);
        Assert.Contains("'values[B2].effective'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dated_cases_of_an_obligation_are_checked_like_any_date_and_condition()
    {
        const string cases = "    effective:\n      - date: nope\n        when: q.severe = yes\n      - date: 2027-01-01\n        when: q.severe = maybe\n";
        var body = MiniPack.Body.Replace("    effective: 2027-01-01\n", cases, StringComparison.Ordinal);
        var ex = Assert.Throws<PackLoadException>(() => MiniPack.Load(body));
        Assert.Contains(ex.Errors, e => e.Kind == PackErrorKind.DanglingReference && e.Id == "o.high" && e.Message.Contains("'nope' is neither", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.Id == "o.high" && e.Message.Contains("'effective.when'", StringComparison.Ordinal) && e.Message.Contains("'maybe'", StringComparison.Ordinal));
    }

    [Fact]
    public void An_empty_list_of_dates_is_a_missing_field_and_an_unknown_case_key_is_named()
    {
        var empty = SingleError(MiniPack.Body.Replace("    effective: 2027-01-01\n", "    effective: []\n", StringComparison.Ordinal), PackErrorKind.MissingField);
        Assert.Equal("o.high", empty.Id);
        var unknown = SingleError(MiniPack.Body.Replace("    effective: 2027-01-01\n", "    effective:\n      - date: 2027-01-01\n        if: q.severe = yes\n", StringComparison.Ordinal), PackErrorKind.UnknownKey);
        Assert.Contains("'if'", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_former_id_that_is_another_items_id_is_a_duplicate()
    {
        var body = MiniPack.Body.Replace("    tags: [harm]\n    articles: [a2]\n    status: T\n  - id: q.moderate", "    tags: [harm]\n    aliases: [q.moderate]\n    articles: [a2]\n    status: T\n  - id: q.moderate", StringComparison.Ordinal);
        var error = SingleError(body, PackErrorKind.DuplicateId);
        Assert.Equal("q.moderate", error.Id);
    }
}
