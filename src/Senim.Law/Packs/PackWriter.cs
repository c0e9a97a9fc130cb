using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Senim.Law.Texts;

namespace Senim.Law.Packs;

/// <summary>
/// Writes a pack back to YAML in one canonical layout (one file per section, fixed key order).
/// The canonical text is what the content hash is computed over, so formatting and comments in
/// the hand-written files do not change a pack's identity; only its content does.
/// </summary>
public static partial class PackWriter
{
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_./-]*$")]
    private static partial Regex PlainScalar();

    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "yes", "no", "true", "false", "null", "on", "off", "y", "n", "~",
    };

    /// <summary>The pack as files: (file name, YAML text), pack.yaml first.</summary>
    public static IReadOnlyList<(string FileName, string Text)> Write(LawPack pack)
    {
        ArgumentNullException.ThrowIfNull(pack);
        var files = new List<(string, string)> { ("pack.yaml", Header(pack.Header)) };
        void Section<T>(string key, IReadOnlyList<T> items, Action<YamlText, T> write)
        {
            if (items.Count == 0)
            {
                return;
            }

            var y = new YamlText();
            y.Line(0, key + ":");
            foreach (var item in items)
            {
                y.ListItem();
                write(y, item);
            }

            files.Add((key + ".yaml", y.ToString()));
        }

        Section("sources", pack.Sources, (y, s) =>
        {
            y.Key(2, "id", s.Id);
            y.Key(2, "title", s.Title);
            y.Key(2, "url", s.Url);
        });
        Section("articles", pack.Articles, (y, a) =>
        {
            y.Key(2, "id", a.Id);
            y.Text(2, "cite", a.Cite);
            y.Text(2, "title", a.Title);
            y.Key(2, "status", a.Status.Code());
            y.List(2, "sources", a.Sources);
        });
        Section("steps", pack.Steps, (y, s) =>
        {
            y.Key(2, "id", s.Id);
            y.Text(2, "title", s.Title);
            y.Text(2, "intro", s.Intro);
        });
        Section("questions", pack.Questions, (y, q) =>
        {
            y.Key(2, "id", q.Id);
            y.Key(2, "step", q.Step);
            y.Key(2, "type", q.Type.Code());
            y.Text(2, "text", q.Text);
            y.Text(2, "help", q.Help);
            if (q.Options.Count > 0)
            {
                y.Line(2, "options:");
                foreach (var o in q.Options)
                {
                    y.ListItem(2);
                    y.Key(4, "id", o.Id);
                    y.Text(4, "text", o.Text);
                    y.Text(4, "help", o.Help);
                }
            }

            y.Key(2, "ask_if", q.AskIf);
            y.Key(2, "min", q.Min?.ToString());
            y.Key(2, "max", q.Max?.ToString());
            y.List(2, "tags", q.Tags);
            y.List(2, "aliases", q.Aliases);
            y.List(2, "articles", q.Articles);
            y.Key(2, "status", q.Status.Code());
        });
        Section("conclusions", pack.Conclusions, (y, c) =>
        {
            y.Key(2, "id", c.Id);
            y.Key(2, "type", c.Type.ToString().ToLowerInvariant());
            y.Text(2, "title", c.Title);
            if (c.Values.Count > 0)
            {
                y.Line(2, "values:");
                foreach (var v in c.Values)
                {
                    y.ListItem(2);
                    y.Key(4, "id", v.Id);
                    y.Text(4, "text", v.Text);
                    y.Text(4, "note", v.Note);
                    y.Text(4, "exception", v.Exception);
                    y.List(4, "articles", v.Articles);
                    y.Key(4, "status", v.Status?.Code());
                    y.Key(4, "effective", v.Effective);
                }
            }

            y.Key(2, "default", c.Default);
            y.List(2, "articles", c.Articles);
            y.Key(2, "status", c.Status.Code());
        });
        Section("rules", pack.Rules, (y, r) =>
        {
            y.Key(2, "id", r.Id);
            y.Key(2, "when", r.When);
            y.Key(2, "conclusion", r.Conclusion);
            y.Key(2, "value", r.Value);
            y.Text(2, "because", r.Because);
            y.List(2, "articles", r.Articles);
            y.Key(2, "status", r.Status.Code());
        });
        Section("obligations", pack.Obligations, (y, o) =>
        {
            y.Key(2, "id", o.Id);
            y.Key(2, "kind", o.Kind);
            y.Text(2, "title", o.Title);
            y.Text(2, "text", o.Text);
            y.List(2, "roles", o.Roles);
            y.List(2, "tiers", o.Tiers);
            y.Key(2, "applies_when", o.AppliesWhen);
            if (o.Effective is [{ When: null } single])
            {
                y.Key(2, "effective", single.Date);
            }
            else
            {
                y.Line(2, "effective:");
                foreach (var e in o.Effective)
                {
                    y.ListItem(2);
                    y.Key(4, "date", e.Date);
                    y.Key(4, "when", e.When);
                }
            }

            y.Key(2, "field_set", o.FieldSet);
            y.List(2, "articles", o.Articles);
            y.Key(2, "status", o.Status.Code());
        });
        Section("documents", pack.Documents, (y, d) =>
        {
            y.Key(2, "id", d.Id);
            y.Text(2, "title", d.Title);
            y.Text(2, "purpose", d.Purpose);
            y.List(2, "tiers", d.Tiers);
            y.Key(2, "required_when", d.RequiredWhen);
            y.Line(2, "sections:");
            foreach (var s in d.Sections)
            {
                y.ListItem(2);
                y.Key(4, "id", s.Id);
                y.Text(4, "title", s.Title);
                y.Text(4, "help", s.Help);
                y.Key(4, "required", s.Required ? "true" : "false");
            }

            y.List(2, "articles", d.Articles);
            y.Key(2, "status", d.Status.Code());
        });
        Section("next_steps", pack.NextSteps, (y, n) =>
        {
            y.Key(2, "id", n.Id);
            y.Key(2, "when", n.When);
            y.Text(2, "text", n.Text);
            y.List(2, "articles", n.Articles);
            y.Key(2, "status", n.Status.Code());
        });
        Section("dates", pack.Dates, (y, d) =>
        {
            y.Key(2, "id", d.Id);
            y.Key(2, "date", Iso(d.Date));
            y.Text(2, "text", d.Text);
            if (d.Proposed is { } p)
            {
                y.Line(2, "proposed:");
                y.Key(4, "date", Iso(p.Date));
                y.Text(4, "text", p.Text);
                y.Key(4, "status", p.Status.Code());
                y.List(4, "sources", p.Sources);
            }

            y.List(2, "articles", d.Articles);
            y.Key(2, "status", d.Status.Code());
        });
        Section("fines", pack.Fines, (y, f) =>
        {
            y.Key(2, "id", f.Id);
            y.Text(2, "title", f.Title);
            y.Key(2, "unit", f.Unit);
            if (f.UnitValues.Count > 0)
            {
                y.Line(2, "unit_values:");
                foreach (var u in f.UnitValues)
                {
                    y.ListItem(2);
                    y.Key(4, "year", u.Year.ToString(CultureInfo.InvariantCulture));
                    y.Key(4, "amount", u.Amount.ToString(CultureInfo.InvariantCulture));
                    y.Key(4, "currency", u.Currency);
                    y.Key(4, "status", u.Status.Code());
                }
            }

            y.Line(2, "rows:");
            foreach (var r in f.Rows)
            {
                y.ListItem(2);
                y.Key(4, "id", r.Id);
                y.Text(4, "offender", r.Offender);
                y.Key(4, "first", r.First.ToString(CultureInfo.InvariantCulture));
                y.Key(4, "repeat", r.Repeat.ToString(CultureInfo.InvariantCulture));
                y.Text(4, "repeat_note", r.RepeatNote);
            }

            y.List(2, "articles", f.Articles);
            y.Key(2, "status", f.Status.Code());
        });
        Section("process", pack.Process, (y, p) =>
        {
            y.Key(2, "id", p.Id);
            y.Text(2, "title", p.Title);
            y.Text(2, "text", p.Text);
            y.Key(2, "basis", Basis(p.Basis));
            y.List(2, "sources", p.Sources);
            y.List(2, "articles", p.Articles);
            y.Key(2, "status", p.Status.Code());
        });
        Section("field_sets", pack.FieldSets, (y, f) =>
        {
            y.Key(2, "id", f.Id);
            y.Text(2, "title", f.Title);
            y.Line(2, "fields:");
            foreach (var field in f.Fields)
            {
                y.ListItem(2);
                y.Key(4, "id", field.Id);
                y.Text(4, "text", field.Text);
            }

            y.List(2, "articles", f.Articles);
            y.Key(2, "status", f.Status.Code());
        });
        Section("checklists", pack.Checklists, (y, c) =>
        {
            y.Key(2, "id", c.Id);
            y.Text(2, "title", c.Title);
            y.Line(2, "items:");
            foreach (var item in c.Items)
            {
                y.ListItem(2);
                y.Key(4, "id", item.Id);
                y.Text(4, "text", item.Text);
                y.List(4, "articles", item.Articles);
            }

            y.List(2, "articles", c.Articles);
            y.Key(2, "status", c.Status.Code());
        });
        Section("deadlines", pack.Deadlines, (y, d) =>
        {
            y.Key(2, "id", d.Id);
            y.Text(2, "title", d.Title);
            y.Key(2, "length", d.Length.ToString(CultureInfo.InvariantCulture));
            y.Key(2, "unit", d.Unit.Code());
            y.Text(2, "starts", d.Starts);
            y.Text(2, "text", d.Text);
            y.Key(2, "basis", Basis(d.Basis));
            y.List(2, "sources", d.Sources);
            y.List(2, "articles", d.Articles);
            y.Key(2, "status", d.Status.Code());
        });
        return files;
    }

    /// <summary>The whole pack as one canonical text (every file, in order).</summary>
    public static string Canonical(LawPack pack) =>
        string.Concat(Write(pack).Select(f => "# " + f.FileName + "\n" + f.Text));

    /// <summary>"sha256:" followed by the lowercase hex SHA-256 of <see cref="Canonical"/>.</summary>
    public static string ContentHash(LawPack pack) =>
        "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Canonical(pack))));

    /// <summary>A crosswalk as canonical YAML.</summary>
    public static string Write(Crosswalk crosswalk)
    {
        ArgumentNullException.ThrowIfNull(crosswalk);
        var y = new YamlText();
        y.Line(0, "crosswalk:");
        y.Key(2, "id", crosswalk.Id);
        y.Key(2, "version", crosswalk.Version);
        y.Key(2, "from", crosswalk.From);
        y.Key(2, "to", crosswalk.To);
        y.Text(2, "title", crosswalk.Title);
        y.Line(2, "entries:");
        foreach (var e in crosswalk.Entries)
        {
            y.ListItem(2);
            y.Key(4, "from", e.From);
            y.List(4, "to", e.To, always: true);
            y.Key(4, "relation", e.Relation.ToString().ToLowerInvariant());
            y.Text(4, "difference", e.Difference);
            y.Key(4, "status", e.Status.Code());
        }

        return y.ToString();
    }

    private static string Header(PackHeader h)
    {
        var y = new YamlText();
        y.Line(0, "pack:");
        y.Key(2, "id", h.Id);
        y.Key(2, "version", h.Version);
        y.Key(2, "jurisdiction", h.Jurisdiction);
        y.Text(2, "title", h.Title);
        y.Text(2, "act", h.Act);
        y.Key(2, "in_force", Iso(h.InForce));
        y.Key(2, "tier", h.TierConclusion);
        y.Key(2, "roles", h.RolesQuestion);
        y.Key(2, "prohibitions", h.ProhibitionsConclusion);
        y.Key(2, "scope", h.ScopeConclusion);
        return y.ToString();
    }

    private static string Basis(ProcessBasis basis) => basis == ProcessBasis.Statutory ? "statutory" : "policy";

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    internal static string Scalar(string value)
    {
        if (PlainScalar().IsMatch(value) && !Reserved.Contains(value))
        {
            return value;
        }

        var sb = new StringBuilder(value.Length + 2);
        sb.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (char.IsControl(c))
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        return sb.Append('"').ToString();
    }

    /// <summary>A minimal block-style YAML builder; list items open with "- " and carry their first key.</summary>
    private sealed class YamlText
    {
        private readonly StringBuilder _sb = new();
        private bool _pendingDash;
        private int _dashIndent;

        public void ListItem(int indent = 0)
        {
            _pendingDash = true;
            _dashIndent = indent;
        }

        public void Line(int indent, string text)
        {
            if (_pendingDash)
            {
                _sb.Append(' ', _dashIndent).Append("- ").Append(text).Append('\n');
                _pendingDash = false;
                return;
            }

            _sb.Append(' ', indent).Append(text).Append('\n');
        }

        public void Key(int indent, string key, string? value)
        {
            if (value is not null)
            {
                Line(indent, key + ": " + Scalar(value));
            }
        }

        public void Text(int indent, string key, LocalizedText? text)
        {
            if (text is null)
            {
                return;
            }

            Line(indent, key + ":");
            Line(indent + 2, "kk: " + Scalar(text.Kk));
            Line(indent + 2, "ru: " + Scalar(text.Ru));
            Line(indent + 2, "en: " + Scalar(text.En));
        }

        public void List(int indent, string key, IReadOnlyList<string> values, bool always = false)
        {
            if (values.Count == 0 && !always)
            {
                return;
            }

            Line(indent, key + ": [" + string.Join(", ", values.Select(Scalar)) + "]");
        }

        public override string ToString() => _sb.ToString();
    }
}
