using System.Text;

namespace Senim.Registry.Text;

/// <summary>
/// Search text in one form for every language: lowercase, ё folded to е, only letters and digits.
/// Kazakh letters (ә, ғ, қ, ң, ө, ұ, ү, һ, і) are kept as they are, so "қазақ" finds "Қазақ".
/// </summary>
public static class SearchText
{
    public const int MaxTerms = 8;

    /// <summary>A system's search text: its names and purposes, its organisation's names in every language given, its register number.</summary>
    public static string Of(Model.AiSystem system, Model.Organisation organisation)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(organisation);
        var named = OrganisationNames.Given(organisation.NameKk, organisation.NameRu, organisation.NameEn) > 0;
        return Normalize(system.NameKk, system.NameRu, system.NameEn, system.PurposeKk, system.PurposeRu, system.PurposeEn,
            named ? organisation.NameKk : organisation.Name, organisation.NameRu, organisation.NameEn, system.RegisterNumber);
    }

    public static string Normalize(params string?[] parts)
    {
        var sb = new StringBuilder();
        foreach (var part in parts)
        {
            if (string.IsNullOrWhiteSpace(part))
            {
                continue;
            }

            foreach (var word in Words(part))
            {
                if (sb.Length > 0)
                {
                    sb.Append(' ');
                }

                sb.Append(word);
            }
        }

        return sb.ToString();
    }

    /// <summary>The words of a query, normalized, at most <see cref="MaxTerms"/>, each at most 40 characters.</summary>
    public static IReadOnlyList<string> Terms(string? query) =>
        query is null ? [] : [.. Words(query).Where(w => w.Length > 0).Select(w => w.Length > 40 ? w[..40] : w).Distinct().Take(MaxTerms)];

    private static IEnumerable<string> Words(string text)
    {
        var word = new StringBuilder();
        foreach (var raw in text)
        {
            var c = char.ToLowerInvariant(raw);
            if (c == 'ё')
            {
                c = 'е';
            }

            if (char.IsLetterOrDigit(c))
            {
                word.Append(c);
            }
            else if (word.Length > 0)
            {
                yield return word.ToString();
                word.Clear();
            }
        }

        if (word.Length > 0)
        {
            yield return word.ToString();
        }
    }
}
