using System.Globalization;
using System.Numerics;
using Senim.Law.Expressions;
using Senim.Law.Packs;

namespace Senim.Law.Engine;

/// <summary>One date an obligation applies from, with its key date (for texts) and its condition (null: always).</summary>
internal sealed record DatedCase(DateOnly Date, KeyDate? Key, Node? When);

/// <summary>
/// A validated law pack turned into an evaluation plan: conditions bound to question and conclusion
/// indices, dependencies sorted so that a rule can use another rule's outcome. Immutable and thread-safe.
/// </summary>
public sealed class CompiledPack
{
    private readonly Dictionary<string, Article> _articles;
    private readonly Dictionary<string, int> _nodeIndex;
    private readonly Dictionary<string, int> _aliases;
    private readonly Dictionary<string, Rule> _rules;
    private readonly Dictionary<string, Obligation> _obligations;

    private CompiledPack(LawPack pack, string contentHash)
    {
        Pack = pack;
        ContentHash = contentHash;
        _articles = pack.Articles.GroupBy(a => a.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        _rules = pack.Rules.GroupBy(r => r.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        _obligations = pack.Obligations.GroupBy(o => o.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        _nodeIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        _aliases = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < pack.Questions.Count; i++)
        {
            _nodeIndex.TryAdd(pack.Questions[i].Id, i);
            foreach (var alias in pack.Questions[i].Aliases)
            {
                _aliases.TryAdd(alias, i);
            }
        }

        for (var i = 0; i < pack.Conclusions.Count; i++)
        {
            _nodeIndex.TryAdd(pack.Conclusions[i].Id, pack.Questions.Count + i);
        }

        NodeCount = pack.Questions.Count + pack.Conclusions.Count;
        Universe = new ulong[NodeCount];
        MultiValued = new bool[NodeCount];
        for (var i = 0; i < pack.Questions.Count; i++)
        {
            var q = pack.Questions[i];
            Universe[i] = q.Type switch
            {
                QuestionType.YesNo => 0b11,
                QuestionType.OneOf or QuestionType.AnyOf => LowBits(q.Options.Count),
                _ => 0,
            };
            MultiValued[i] = q.Type == QuestionType.AnyOf;
        }

        for (var i = 0; i < pack.Conclusions.Count; i++)
        {
            var c = pack.Conclusions[i];
            Universe[QuestionCount + i] = c.Type == ConclusionType.Flag ? 0b11 : LowBits(c.Values.Count);
            MultiValued[QuestionCount + i] = c.Type == ConclusionType.Set;
        }

        RulesOfConclusion = new int[pack.Conclusions.Count][];
        RuleValue = new int[pack.Rules.Count];
        RuleConclusion = new int[pack.Rules.Count];
        RuleWhen = new Node[pack.Rules.Count];
        RuleRefs = new int[pack.Rules.Count][];
        AskIf = new Node?[pack.Questions.Count];
        ObligationWhen = new Node[pack.Obligations.Count];
        ObligationRefs = new int[pack.Obligations.Count][];
        ObligationCases = new DatedCase[pack.Obligations.Count][];
        RightWhen = new Node?[pack.Obligations.Count];
        ValueEffective = new DateOnly[pack.Conclusions.Count][];
        ValueDate = new KeyDate?[pack.Conclusions.Count][];
        DocumentWhen = new Node[pack.Documents.Count];
        DocumentRefs = new int[pack.Documents.Count][];
        NextStepWhen = new Node[pack.NextSteps.Count];
        NextStepRefs = new int[pack.NextSteps.Count][];
        Order = [];
        ScopeNode = TierNode = RolesNode = ProhibitionsNode = -1;
    }

    /// <summary>The pack as loaded.</summary>
    public LawPack Pack { get; }

    /// <summary>"sha256:" and the hex SHA-256 of the pack's canonical form (see PackWriter).</summary>
    public string ContentHash { get; }

    internal int QuestionCount => Pack.Questions.Count;

    internal int NodeCount { get; }

    internal ulong[] Universe { get; }

    internal bool[] MultiValued { get; }

    internal int[] Order { get; private set; }

    internal Node?[] AskIf { get; }

    internal int[][] RulesOfConclusion { get; }

    internal int[] RuleValue { get; }

    internal int[] RuleConclusion { get; }

    internal Node[] RuleWhen { get; }

    internal int[][] RuleRefs { get; }

    internal Node[] ObligationWhen { get; }

    internal int[][] ObligationRefs { get; }

    /// <summary>
    /// Per obligation of kind right: when the right exists for the people the system serves, whatever the answering
    /// organisation's role (tiers and condition, no roles); null for duties. Every role sees the rights (issue 12,
    /// Art. 16): owners and holders honour them, users hold them.
    /// </summary>
    internal Node?[] RightWhen { get; }

    /// <summary>Indices of the obligations of kind right, in pack order.</summary>
    internal int[] Rights { get; private set; } = [];

    /// <summary>Per obligation: the dates it applies from, each with its condition (null: always), never before the pack is in force.</summary>
    internal DatedCase[][] ObligationCases { get; }

    /// <summary>Per conclusion and value: the date from which the value can be concluded (MinValue: always).</summary>
    internal DateOnly[][] ValueEffective { get; }

    /// <summary>Per conclusion and value: the key date behind <see cref="ValueEffective"/>, when it is one.</summary>
    internal KeyDate?[][] ValueDate { get; }

    /// <summary>Per conclusion: true when any value has an effective date (only those need date checks).</summary>
    internal bool[] HasDatedValues { get; private set; } = [];

    internal Node[] DocumentWhen { get; }

    internal int[][] DocumentRefs { get; }

    internal Node[] NextStepWhen { get; }

    internal int[][] NextStepRefs { get; }

    internal int ScopeNode { get; private set; }

    internal int TierNode { get; private set; }

    internal int RolesNode { get; private set; }

    internal int ProhibitionsNode { get; private set; }

    internal int[] DefaultValue { get; private set; } = [];

    /// <summary>The article with the given id, or null.</summary>
    public Article? FindArticle(string id) => _articles.GetValueOrDefault(id);

    /// <summary>The rule with the given id, or null.</summary>
    public Rule? FindRule(string id) => _rules.GetValueOrDefault(id);

    /// <summary>The obligation with the given id, or null.</summary>
    public Obligation? FindObligation(string id) => _obligations.GetValueOrDefault(id);

    /// <summary>The question with the given id, or null.</summary>
    public Question? FindQuestion(string id) =>
        _nodeIndex.TryGetValue(id, out var i) && i < QuestionCount ? Pack.Questions[i] : null;

    /// <summary>The question with the given id or former id (alias), or null.</summary>
    public Question? FindQuestionOrAlias(string id) =>
        FindQuestion(id) ?? (_aliases.TryGetValue(id, out var i) ? Pack.Questions[i] : null);

    /// <summary>The conclusion with the given id, or null.</summary>
    public Conclusion? FindConclusion(string id) =>
        _nodeIndex.TryGetValue(id, out var i) && i >= QuestionCount ? Pack.Conclusions[i - QuestionCount] : null;

    internal int IndexOf(string id) => _nodeIndex.TryGetValue(id, out var i) ? i : -1;

    internal string NodeId(int node) => node < QuestionCount ? Pack.Questions[node].Id : Pack.Conclusions[node - QuestionCount].Id;

    private static ulong LowBits(int count) => count >= 63 ? (1UL << 63) - 1 : (1UL << count) - 1;

    /// <summary>Compiles a pack that passed structural validation. Returns null and adds errors when it does not bind.</summary>
    internal static CompiledPack? Compile(LawPack pack, string contentHash, List<PackError> errors)
    {
        var before = errors.Count;
        var compiled = new CompiledPack(pack, contentHash);
        compiled.Bind(errors);
        if (errors.Count == before)
        {
            compiled.SortDependencies(errors);
        }

        return errors.Count == before ? compiled : null;
    }

    private void Bind(List<PackError> errors)
    {
        var header = Pack.Header;
        ScopeNode = HeaderReference(header.ScopeConclusion, "scope", n => n >= QuestionCount && Pack.Conclusions[n - QuestionCount].Type == ConclusionType.Flag, "a flag conclusion", errors);
        TierNode = HeaderReference(header.TierConclusion, "tier", n => n >= QuestionCount && Pack.Conclusions[n - QuestionCount].Type == ConclusionType.Level, "a level conclusion", errors);
        RolesNode = HeaderReference(header.RolesQuestion, "roles", n => n < QuestionCount && Pack.Questions[n].Type == QuestionType.AnyOf, "an any-of question", errors);
        ProhibitionsNode = HeaderReference(header.ProhibitionsConclusion, "prohibitions", n => n >= QuestionCount && Pack.Conclusions[n - QuestionCount].Type == ConclusionType.Set, "a set conclusion", errors);

        for (var i = 0; i < Pack.Questions.Count; i++)
        {
            var q = Pack.Questions[i];
            if (q.AskIf is { } askIf)
            {
                AskIf[i] = BindCondition(askIf, q.Id, q.Location, "ask_if", errors);
            }
        }

        var defaults = new int[Pack.Conclusions.Count];
        for (var c = 0; c < Pack.Conclusions.Count; c++)
        {
            var conclusion = Pack.Conclusions[c];
            defaults[c] = -1;
            if (conclusion.Default is { } d)
            {
                defaults[c] = conclusion.Values.ToList().FindIndex(v => v.Id == d);
            }
        }

        DefaultValue = defaults;

        var rulesByConclusion = new List<int>[Pack.Conclusions.Count];
        for (var c = 0; c < rulesByConclusion.Length; c++)
        {
            rulesByConclusion[c] = [];
        }

        for (var r = 0; r < Pack.Rules.Count; r++)
        {
            var rule = Pack.Rules[r];
            RuleWhen[r] = BindCondition(rule.When, rule.Id, rule.Location, "when", errors);
            RuleRefs[r] = References(RuleWhen[r]);
            var node = IndexOf(rule.Conclusion);
            if (node < QuestionCount)
            {
                continue; // reported by the validator as a dangling reference
            }

            var c = node - QuestionCount;
            RuleConclusion[r] = c;
            rulesByConclusion[c].Add(r);
            var conclusion = Pack.Conclusions[c];
            RuleValue[r] = conclusion.Type == ConclusionType.Flag ? 1 : conclusion.Values.ToList().FindIndex(v => v.Id == rule.Value);
        }

        for (var c = 0; c < RulesOfConclusion.Length; c++)
        {
            RulesOfConclusion[c] = [.. rulesByConclusion[c]];
        }

        var dates = Pack.Dates.GroupBy(d => d.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var inForce = header.InForce;
        for (var o = 0; o < Pack.Obligations.Count; o++)
        {
            var obligation = Pack.Obligations[o];
            ObligationWhen[o] = Gate(obligation.Tiers, obligation.Roles, obligation.AppliesWhen, obligation.Id, obligation.Location, "applies_when", errors);
            if (obligation.Kind == "right")
            {
                RightWhen[o] = Gate(obligation.Tiers, [], obligation.AppliesWhen, obligation.Id, obligation.Location, "applies_when", []); // errors reported above
            }
            var cases = new DatedCase[obligation.Effective.Count];
            var refs = new SortedSet<int>(References(ObligationWhen[o]));
            for (var i = 0; i < cases.Length; i++)
            {
                var effective = obligation.Effective[i];
                var (date, keyDate) = ResolveDate(dates, effective.Date, obligation.Id, obligation.Location, "effective", errors);
                var when = effective.When is { } text ? BindCondition(text, obligation.Id, obligation.Location, "effective.when", errors) : null;
                when?.AddReferences(refs);

                // Nothing of a pack binds before the pack itself is in force.
                cases[i] = date < inForce ? new DatedCase(inForce, null, when) : new DatedCase(date, keyDate, when);
            }

            ObligationCases[o] = cases;
            ObligationRefs[o] = [.. refs];
        }

        Rights = [.. Enumerable.Range(0, Pack.Obligations.Count).Where(o => RightWhen[o] is not null)];

        var dated = new bool[Pack.Conclusions.Count];
        for (var c = 0; c < Pack.Conclusions.Count; c++)
        {
            var conclusion = Pack.Conclusions[c];
            var isProhibitions = ProhibitionsNode == QuestionCount + c;
            ValueEffective[c] = new DateOnly[conclusion.Values.Count];
            ValueDate[c] = new KeyDate?[conclusion.Values.Count];
            for (var v = 0; v < conclusion.Values.Count; v++)
            {
                var value = conclusion.Values[v];
                var (date, keyDate) = value.Effective is { } text
                    ? ResolveDate(dates, text, conclusion.Id, conclusion.Location, $"values[{value.Id}].effective", errors)
                    : (DateOnly.MinValue, null);

                // A prohibition cannot bind before its act is in force, whatever date it names.
                if (isProhibitions && date < inForce)
                {
                    (date, keyDate) = (inForce, null);
                }

                ValueEffective[c][v] = date;
                ValueDate[c][v] = keyDate;
                dated[c] |= date != DateOnly.MinValue;
            }
        }

        HasDatedValues = dated;

        for (var d = 0; d < Pack.Documents.Count; d++)
        {
            var document = Pack.Documents[d];
            DocumentWhen[d] = Gate(document.Tiers, [], document.RequiredWhen, document.Id, document.Location, "required_when", errors);
            DocumentRefs[d] = References(DocumentWhen[d]);
        }

        for (var n = 0; n < Pack.NextSteps.Count; n++)
        {
            var step = Pack.NextSteps[n];
            NextStepWhen[n] = BindCondition(step.When, step.Id, step.Location, "when", errors);
            NextStepRefs[n] = References(NextStepWhen[n]);
        }
    }

    private static (DateOnly Date, KeyDate? Key) ResolveDate(Dictionary<string, KeyDate> dates, string text, string id, SourceLocation location, string key, List<PackError> errors)
    {
        if (dates.TryGetValue(text, out var keyDate))
        {
            return (keyDate.Date, keyDate);
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var literal))
        {
            return (literal, null);
        }

        errors.Add(new PackError(PackErrorKind.DanglingReference, location.File, location.Line, id,
            $"'{key}' must be a date id from 'dates' or a date yyyy-mm-dd; '{text}' is neither"));
        return (DateOnly.MinValue, null);
    }

    private static int[] References(Node node)
    {
        var set = new SortedSet<int>();
        node.AddReferences(set);
        return [.. set];
    }

    private int HeaderReference(string? id, string key, Func<int, bool> fits, string expected, List<PackError> errors)
    {
        if (id is null)
        {
            return -1;
        }

        var node = IndexOf(id);
        if (node < 0 || !fits(node))
        {
            var location = Pack.Header.Location;
            errors.Add(new PackError(node < 0 ? PackErrorKind.DanglingReference : PackErrorKind.InvalidValue, location.File, location.Line, Pack.Id,
                node < 0 ? $"'{key}' names '{id}', which is not a question or conclusion of this pack" : $"'{key}' must name {expected}; '{id}' is not one"));
            return -1;
        }

        return node;
    }

    /// <summary>The implicit conditions of obligations and documents: in scope, tier in tiers, a role in roles.</summary>
    private Node Gate(IReadOnlyList<string> tiers, IReadOnlyList<string> roles, string? when, string id, SourceLocation location, string key, List<PackError> errors)
    {
        var parts = new List<Node>();
        if (ScopeNode >= 0)
        {
            parts.Add(new MaskInNode(ScopeNode, 0b10));
        }

        if (tiers.Count > 0)
        {
            if (TierNode < 0)
            {
                errors.Add(new PackError(PackErrorKind.InvalidValue, location.File, location.Line, id, "'tiers' is used, but the pack header names no 'tier' conclusion"));
            }
            else
            {
                var values = Pack.Conclusions[TierNode - QuestionCount].Values;
                parts.Add(new MaskInNode(TierNode, MaskOf(tiers, values.Select(v => v.Id).ToList(), id, location, "tiers", errors)));
            }
        }

        if (roles.Count > 0)
        {
            if (RolesNode < 0)
            {
                errors.Add(new PackError(PackErrorKind.InvalidValue, location.File, location.Line, id, "'roles' is used, but the pack header names no 'roles' question"));
            }
            else
            {
                var options = Pack.Questions[RolesNode].Options;
                parts.Add(new SetHasAnyNode(RolesNode, MaskOf(roles, options.Select(o => o.Id).ToList(), id, location, "roles", errors)));
            }
        }

        if (when is not null)
        {
            parts.Add(BindCondition(when, id, location, key, errors));
        }

        return parts.Count switch
        {
            0 => ConstantNode.True,
            1 => parts[0],
            _ => new AndNode([.. parts]),
        };
    }

    private static ulong MaskOf(IReadOnlyList<string> names, List<string> universe, string id, SourceLocation location, string key, List<PackError> errors)
    {
        ulong mask = 0;
        foreach (var name in names)
        {
            var index = universe.IndexOf(name);
            if (index < 0)
            {
                errors.Add(new PackError(PackErrorKind.DanglingReference, location.File, location.Line, id,
                    $"'{key}' names '{name}', which is not one of: {string.Join(", ", universe)}"));
            }
            else
            {
                mask |= 1UL << index;
            }
        }

        return mask;
    }

    private Node BindCondition(string text, string id, SourceLocation location, string key, List<PackError> errors)
    {
        if (text.Length == 0)
        {
            return ConstantNode.True; // a missing condition is already reported as a missing field
        }

        Syntax syntax;
        try
        {
            syntax = ExpressionParser.Parse(text);
        }
        catch (ExpressionException ex)
        {
            errors.Add(new PackError(PackErrorKind.Expression, location.File, location.Line, id, $"'{key}': {ex.Message}"));
            return ConstantNode.True;
        }

        return BindSyntax(syntax, id, location, key, errors);
    }

    private Node BindSyntax(Syntax syntax, string id, SourceLocation location, string key, List<PackError> errors)
    {
        switch (syntax)
        {
            case AndSyntax and:
                return new AndNode([BindSyntax(and.Left, id, location, key, errors), BindSyntax(and.Right, id, location, key, errors)]);
            case OrSyntax or:
                return new OrNode([BindSyntax(or.Left, id, location, key, errors), BindSyntax(or.Right, id, location, key, errors)]);
            case NotSyntax not:
                return new NotNode(BindSyntax(not.Inner, id, location, key, errors));
            case CompareSyntax compare:
                return BindComparison(compare, id, location, key, errors);
            default:
                throw new InvalidOperationException("unknown syntax node");
        }
    }

    private Node BindComparison(CompareSyntax compare, string id, SourceLocation location, string key, List<PackError> errors)
    {
        void Fail(PackErrorKind kind, string message) =>
            errors.Add(new PackError(kind, location.File, location.Line, id, $"'{key}': {message}"));

        var node = IndexOf(compare.Reference);
        if (node < 0)
        {
            Fail(PackErrorKind.DanglingReference, $"'{compare.Reference}' is not a question or conclusion of pack {Pack.Id}");
            return ConstantNode.True;
        }

        var (kind, names) = DescribeNode(node);
        var op = compare.Operator;

        if (node < QuestionCount && Pack.Questions[node].Type == QuestionType.Date)
        {
            if (op is CompareOperator.In or CompareOperator.Has or CompareOperator.HasAny or CompareOperator.HasNone or CompareOperator.HasAnyOf || compare.Operand is not DateOperand date)
            {
                Fail(PackErrorKind.Expression, $"'{compare.Reference}' is a date question: compare it with =, !=, <, <=, > or >= to a date yyyy-mm-dd or to 'at' / 'at - N days|months|years'");
                return ConstantNode.True;
            }

            return new DateCompareNode(node, op, date);
        }

        if (compare.Operand is DateOperand)
        {
            Fail(PackErrorKind.Expression, $"'{compare.Reference}' is {kind}, not a date question; it cannot be compared with a date");
            return ConstantNode.True;
        }

        ulong ValueMask(string value)
        {
            var index = names.IndexOf(value);
            if (index < 0)
            {
                Fail(PackErrorKind.DanglingReference, $"'{value}' is not a value of '{compare.Reference}' ({kind}; values: {string.Join(", ", names)})");
                return 0;
            }

            return 1UL << index;
        }

        ulong ListMask(OperandSyntax operand) => operand switch
        {
            NameOperand n => ValueMask(n.Name),
            ListOperand l => l.Names.Aggregate(0UL, (m, n) => m | ValueMask(n)),
            _ => 0,
        };

        var universe = Universe[node];
        if (MultiValued[node])
        {
            switch (op)
            {
                case CompareOperator.Has:
                case CompareOperator.HasAnyOf:
                    return new SetHasAnyNode(node, ListMask(compare.Operand));
                case CompareOperator.HasAny:
                    return new SetHasAnyNode(node, universe);
                case CompareOperator.HasNone:
                    return new NotNode(new SetHasAnyNode(node, universe));
                default:
                    Fail(PackErrorKind.Expression, $"'{compare.Reference}' is {kind}: use 'has VALUE', 'has any', 'has none' or 'has any [A, B]'");
                    return ConstantNode.True;
            }
        }

        var isLevel = node >= QuestionCount && Pack.Conclusions[node - QuestionCount].Type == ConclusionType.Level;
        switch (op)
        {
            case CompareOperator.Equal when compare.Operand is NameOperand:
                return new MaskInNode(node, ValueMask(((NameOperand)compare.Operand).Name));
            case CompareOperator.NotEqual when compare.Operand is NameOperand:
                return new MaskInNode(node, (universe & ~ValueMask(((NameOperand)compare.Operand).Name)) | EvalState.NotApplicable);
            case CompareOperator.In:
                return new MaskInNode(node, ListMask(compare.Operand));
            case CompareOperator.Less or CompareOperator.LessOrEqual or CompareOperator.Greater or CompareOperator.GreaterOrEqual when isLevel && compare.Operand is NameOperand n:
                var bit = ValueMask(n.Name);
                if (bit == 0)
                {
                    return ConstantNode.True;
                }

                var index = BitOperations.TrailingZeroCount(bit);
                var below = (1UL << index) - 1;
                var mask = op switch
                {
                    CompareOperator.Less => below,
                    CompareOperator.LessOrEqual => below | bit,
                    CompareOperator.Greater => universe & ~(below | bit),
                    _ => universe & ~below,
                };
                return new MaskInNode(node, mask);
            default:
                Fail(PackErrorKind.Expression, isLevel
                    ? $"'{compare.Reference}' is {kind}: use =, !=, in [..], <, <=, > or >= with one of its values"
                    : $"'{compare.Reference}' is {kind}: use = VALUE, != VALUE or in [A, B]");
                return ConstantNode.True;
        }
    }

    private (string Kind, List<string> Names) DescribeNode(int node)
    {
        if (node < QuestionCount)
        {
            var q = Pack.Questions[node];
            return q.Type switch
            {
                QuestionType.YesNo => ("a yes-no question", ["no", "yes"]),
                QuestionType.OneOf => ("a one-of question", q.Options.Select(o => o.Id).ToList()),
                QuestionType.AnyOf => ("an any-of question", q.Options.Select(o => o.Id).ToList()),
                _ => ("a date question", []),
            };
        }

        var c = Pack.Conclusions[node - QuestionCount];
        return c.Type switch
        {
            ConclusionType.Flag => ("a flag conclusion", ["no", "yes"]),
            ConclusionType.Level => ("a level conclusion", c.Values.Select(v => v.Id).ToList()),
            _ => ("a set conclusion", c.Values.Select(v => v.Id).ToList()),
        };
    }

    /// <summary>Orders questions and conclusions so that each comes after everything its conditions use.</summary>
    private void SortDependencies(List<PackError> errors)
    {
        // Edges: a question depends on its ask_if; a conclusion on its rules' conditions and on the scope.
        var edges = new List<(int To, string Via)>[NodeCount];
        for (var n = 0; n < NodeCount; n++)
        {
            edges[n] = [];
        }

        for (var q = 0; q < QuestionCount; q++)
        {
            if (AskIf[q] is { } askIf)
            {
                edges[q].AddRange(References(askIf).Select(r => (r, "ask_if of " + Pack.Questions[q].Id)));
            }
        }

        for (var r = 0; r < Pack.Rules.Count; r++)
        {
            var from = QuestionCount + RuleConclusion[r];
            edges[from].AddRange(RuleRefs[r].Select(to => (to, "rule " + Pack.Rules[r].Id)));
        }

        if (ScopeNode >= 0)
        {
            for (var c = QuestionCount; c < NodeCount; c++)
            {
                if (c != ScopeNode)
                {
                    edges[c].Add((ScopeNode, "the pack's scope"));
                }
            }
        }

        var state = new byte[NodeCount]; // 0 new, 1 on the stack, 2 done
        var order = new List<int>(NodeCount);
        var path = new List<(int Node, string Via)>();

        bool Visit(int node, string via)
        {
            if (state[node] == 2)
            {
                return true;
            }

            if (state[node] == 1)
            {
                var start = path.FindIndex(p => p.Node == node);
                var cycle = path.Skip(start + 1).Select(p => $"{p.Via} uses {NodeId(p.Node)}").Append($"{via} uses {NodeId(node)}");
                var item = node >= QuestionCount ? Pack.Conclusions[node - QuestionCount] : null;
                var location = item?.Location ?? Pack.Questions[Math.Min(node, QuestionCount - 1)].Location;
                errors.Add(new PackError(PackErrorKind.Cycle, location.File, location.Line, NodeId(node),
                    $"rules depend on each other in a circle: {string.Join("; ", cycle)}"));
                return false;
            }

            state[node] = 1;
            path.Add((node, via));
            foreach (var (to, edgeVia) in edges[node])
            {
                if (!Visit(to, edgeVia))
                {
                    return false;
                }
            }

            path.RemoveAt(path.Count - 1);
            state[node] = 2;
            order.Add(node);
            return true;
        }

        for (var n = 0; n < NodeCount; n++)
        {
            if (!Visit(n, "start"))
            {
                return;
            }
        }

        Order = [.. order];
    }
}
