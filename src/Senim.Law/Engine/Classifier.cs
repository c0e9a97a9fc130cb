using System.Numerics;
using Senim.Law.Packs;

namespace Senim.Law.Engine;

/// <summary>
/// Applies a compiled pack to a set of answers at a date. Pure and deterministic: the same pack,
/// answers and date always give the same result; missing answers give a partial result that names
/// the questions still open instead of guessing.
/// </summary>
public static class Classifier
{
    /// <summary>Classifies under one pack.</summary>
    /// <exception cref="ArgumentException">An answer has the wrong type for its question (validate answers first).</exception>
    public static PackResult Classify(CompiledPack pack, AnswerSet answers, DateOnly at)
    {
        ArgumentNullException.ThrowIfNull(pack);
        ArgumentNullException.ThrowIfNull(answers);
        var state = new EvalState(pack.NodeCount, pack.Pack.Rules.Count, at);
        var ignored = new List<Question>();

        foreach (var node in pack.Order)
        {
            if (node < pack.QuestionCount)
            {
                SetQuestion(pack, state, node, answers, ignored);
            }
            else
            {
                SetConclusion(pack, state, node);
            }
        }

        return BuildResult(pack, state, ignored);
    }

    /// <summary>Classifies under several packs at once; answers to questions of no pack applied are listed, not dropped.</summary>
    public static ClassificationResult Classify(IEnumerable<CompiledPack> packs, AnswerSet answers, DateOnly at)
    {
        ArgumentNullException.ThrowIfNull(packs);
        ArgumentNullException.ThrowIfNull(answers);
        var applied = packs.ToList();
        return ClassificationResult.Of(at, [.. applied.Select(p => Classify(p, answers, at))], () => OtherLawAnswers(applied, answers));
    }

    // Found when first read (most callers never do), and filtered before sorting: the answers left over are usually none.
    private static List<string> OtherLawAnswers(List<CompiledPack> applied, AnswerSet answers)
    {
        var other = new List<string>();
        foreach (var id in answers.Ids)
        {
            var known = false;
            for (var i = 0; i < applied.Count && !known; i++)
            {
                known = applied[i].FindQuestionOrAlias(id) is not null;
            }

            if (!known)
            {
                other.Add(id);
            }
        }

        other.Sort(StringComparer.Ordinal);
        return other;
    }

    private static void SetQuestion(CompiledPack pack, EvalState state, int node, AnswerSet answers, List<Question> ignored)
    {
        var question = pack.Pack.Questions[node];
        var ask = pack.AskIf[node]?.Eval(state) ?? Tri.True;
        var answer = answers[question.Id];
        for (var i = 0; answer is null && i < question.Aliases.Count; i++)
        {
            answer = answers[question.Aliases[i]];
        }

        var universe = pack.Universe[node];

        if (ask == Tri.False)
        {
            state.QuestionStates[node] = QuestionState.NotAsked;
            state.Possible[node] = EvalState.NotApplicable;
            if (answer is not null)
            {
                ignored.Add(question);
            }

            return;
        }

        if (answer is null)
        {
            state.QuestionStates[node] = ask == Tri.Unknown ? QuestionState.Pending : QuestionState.Unanswered;
            state.Possible[node] = ask == Tri.Unknown ? universe | EvalState.NotApplicable : universe;
            state.Maybe[node] = universe;
            return;
        }

        state.QuestionStates[node] = QuestionState.Answered;
        switch (question.Type, answer)
        {
            case (QuestionType.YesNo, YesNoAnswer yesNo):
                state.Possible[node] = yesNo.Value ? 0b10UL : 0b01UL;
                break;
            case (QuestionType.OneOf, OptionAnswer option):
                state.Possible[node] = 1UL << OptionIndex(question, option.Value);
                break;
            case (QuestionType.AnyOf, OptionsAnswer options):
                ulong mask = 0;
                foreach (var value in options.Values)
                {
                    mask |= 1UL << OptionIndex(question, value);
                }

                state.In[node] = mask;
                break;
            case (QuestionType.Date, DateAnswer date):
                state.Dates[node] = date.Value;
                break;
            default:
                throw new ArgumentException($"the answer to '{question.Id}' has the wrong type for a {question.Type} question", nameof(answers));
        }
    }

    private static int OptionIndex(Question question, string option)
    {
        for (var i = 0; i < question.Options.Count; i++)
        {
            if (question.Options[i].Id == option)
            {
                return i;
            }
        }

        throw new ArgumentException($"'{option}' is not an option of '{question.Id}'", nameof(option));
    }

    private static void SetConclusion(CompiledPack pack, EvalState state, int node)
    {
        var c = node - pack.QuestionCount;
        var conclusion = pack.Pack.Conclusions[c];
        var universe = pack.Universe[node];
        var rules = pack.RulesOfConclusion[c];

        var scope = Tri.True;
        if (pack.ScopeNode >= 0 && node != pack.ScopeNode)
        {
            var scopePossible = state.Possible[pack.ScopeNode];
            scope = scopePossible == 0b10 ? Tri.True : (scopePossible & 0b10) == 0 ? Tri.False : Tri.Unknown;
        }

        if (scope == Tri.False)
        {
            state.Possible[node] = EvalState.NotApplicable;
            return;
        }

        ulong fired = 0;
        ulong unknown = 0;
        var highestFired = -1;
        foreach (var r in rules)
        {
            var result = pack.RuleWhen[r].Eval(state);
            state.RuleResults[r] = result;
            var bit = 1UL << pack.RuleValue[r];
            if (result == Tri.True)
            {
                fired |= bit;
                highestFired = Math.Max(highestFired, pack.RuleValue[r]);
            }
            else if (result == Tri.Unknown)
            {
                unknown |= bit;
            }
        }

        // Values whose effective date is after the classification date are kept apart: they say what
        // will apply and from when, but no condition (and no exit code) treats them as concluded yet.
        var upcoming = conclusion.Type == ConclusionType.Set && pack.HasDatedValues[c] ? UpcomingMask(pack, c, state.At) : 0UL;
        if (scope == Tri.Unknown)
        {
            state.Possible[node] = universe | EvalState.NotApplicable;
            state.In[node] = 0;
            state.Maybe[node] = universe & ~upcoming;
            state.UpcomingMaybe[node] = universe & upcoming;
            return;
        }

        switch (conclusion.Type)
        {
            case ConclusionType.Flag:
                state.Possible[node] = fired != 0 ? 0b10UL : unknown != 0 ? 0b11UL : 0b01UL;
                break;
            case ConclusionType.Level:
                var higherUnknown = highestFired < 0 ? unknown : unknown & ~((2UL << highestFired) - 1);
                var fallback = pack.DefaultValue[c] >= 0 ? 1UL << pack.DefaultValue[c] : EvalState.NotApplicable;
                state.Possible[node] = highestFired >= 0 ? (1UL << highestFired) | higherUnknown : higherUnknown | fallback;
                break;
            default:
                state.In[node] = fired & ~upcoming;
                state.Maybe[node] = unknown & ~fired & ~upcoming;
                state.UpcomingIn[node] = fired & upcoming;
                state.UpcomingMaybe[node] = unknown & ~fired & upcoming;
                break;
        }
    }

    private static ulong UpcomingMask(CompiledPack pack, int c, DateOnly at)
    {
        var dates = pack.ValueEffective[c];
        ulong mask = 0;
        for (var v = 0; v < dates.Length; v++)
        {
            if (dates[v] > at)
            {
                mask |= 1UL << v;
            }
        }

        return mask;
    }

    private static PackResult BuildResult(CompiledPack pack, EvalState state, List<Question> ignored)
    {
        var collector = new OpenQuestionCollector(pack, state);
        var conclusions = new ConclusionOutcome[pack.Pack.Conclusions.Count];
        for (var c = 0; c < conclusions.Length; c++)
        {
            var node = pack.QuestionCount + c;
            conclusions[c] = Outcome(pack, state, c);
            if (!conclusions[c].IsDetermined)
            {
                collector.Leaf(node);
            }
        }

        var obligations = new List<ObligationOutcome>();
        for (var o = 0; o < pack.Pack.Obligations.Count; o++)
        {
            var applies = pack.ObligationWhen[o].Eval(state);
            if (applies == Tri.False)
            {
                continue;
            }

            if (applies == Tri.Unknown)
            {
                pack.ObligationWhen[o].CollectUnknown(state, collector);
            }

            var (applicability, effective, keyDate) = Dates(pack.ObligationCases[o], applies, state, collector);
            obligations.Add(new ObligationOutcome(pack.Pack.Obligations[o], applicability, effective, keyDate, Inputs(pack, state, pack.ObligationRefs[o])));
        }

        var rights = Rights(pack, state);
        var documents = new List<DocumentOutcome>();
        for (var d = 0; d < pack.Pack.Documents.Count; d++)
        {
            var required = pack.DocumentWhen[d].Eval(state);
            if (required == Tri.False)
            {
                continue;
            }

            if (required == Tri.Unknown)
            {
                pack.DocumentWhen[d].CollectUnknown(state, collector);
            }

            documents.Add(new DocumentOutcome(pack.Pack.Documents[d], required == Tri.True ? Applicability.Applies : Applicability.Undetermined, Inputs(pack, state, pack.DocumentRefs[d])));
        }

        var nextSteps = new List<NextStepOutcome>();
        for (var n = 0; n < pack.Pack.NextSteps.Count; n++)
        {
            var holds = pack.NextStepWhen[n].Eval(state);
            if (holds == Tri.False)
            {
                continue;
            }

            if (holds == Tri.Unknown)
            {
                pack.NextStepWhen[n].CollectUnknown(state, collector);
            }

            nextSteps.Add(new NextStepOutcome(pack.Pack.NextSteps[n], holds == Tri.True ? Applicability.Applies : Applicability.Undetermined, Inputs(pack, state, pack.NextStepRefs[n])));
        }

        var open = new List<Question>();
        for (var q = 0; q < pack.QuestionCount; q++)
        {
            if (collector.Wanted[q])
            {
                open.Add(pack.Pack.Questions[q]);
            }
        }

        return new PackResult(pack, state.At, conclusions, obligations, documents, nextSteps, open, ignored, state.QuestionStates) { Rights = rights };
    }

    // The rights of the people a system serves hold whatever the answering organisation's role; reading them asks no
    // question of its own (a collector of their own keeps the open questions those of the duties).
    private static List<ObligationOutcome> Rights(CompiledPack pack, EvalState state)
    {
        var rights = new List<ObligationOutcome>(pack.Rights.Length);
        if (pack.Rights.Length == 0)
        {
            return rights;
        }

        var quiet = new OpenQuestionCollector(pack, state);
        foreach (var o in pack.Rights)
        {
            var holds = pack.RightWhen[o]!.Eval(state);
            if (holds == Tri.False)
            {
                continue;
            }

            var (applicability, effective, keyDate) = Dates(pack.ObligationCases[o], holds, state, quiet);
            rights.Add(new ObligationOutcome(pack.Pack.Obligations[o], applicability, effective, keyDate, Inputs(pack, state, pack.ObligationRefs[o])));
        }

        return rights;
    }

    /// <summary>
    /// When an obligation applies: from the earliest date whose condition holds (when none holds, the
    /// latest date listed, so that nothing is said to apply early). The state is undetermined only when
    /// an unanswered condition could move the date across the classification date.
    /// </summary>
    private static (Applicability State, DateOnly Effective, KeyDate? Key) Dates(DatedCase[] cases, Tri applies, EvalState state, OpenQuestionCollector collector)
    {
        DatedCase? chosen = null;
        foreach (var c in cases)
        {
            if ((c.When?.Eval(state) ?? Tri.True) == Tri.True && (chosen is null || c.Date < chosen.Date))
            {
                chosen = c;
            }
        }

        var fallback = chosen is null;
        chosen ??= cases.MaxBy(c => c.Date)!;
        var determined = true;
        foreach (var c in cases)
        {
            // An unknown case matters only if it would apply earlier and flip the state at this date.
            if (c.When is { } when && when.Eval(state) == Tri.Unknown && (fallback || c.Date < chosen.Date)
                && (c.Date <= state.At) != (chosen.Date <= state.At))
            {
                when.CollectUnknown(state, collector);
                determined = false;
            }
        }

        var applicability = applies == Tri.Unknown || !determined ? Applicability.Undetermined
            : chosen.Date > state.At ? Applicability.Upcoming : Applicability.Applies;
        return (applicability, chosen.Date, chosen.Key);
    }

    private static ConclusionOutcome Outcome(CompiledPack pack, EvalState state, int c)
    {
        var conclusion = pack.Pack.Conclusions[c];
        var node = pack.QuestionCount + c;
        var possible = state.Possible[node];
        var notApplicable = possible == EvalState.NotApplicable && conclusion.Type != ConclusionType.Set
            || (conclusion.Type == ConclusionType.Set && pack.ScopeNode >= 0 && node != pack.ScopeNode && state.Possible[pack.ScopeNode] == 0b01);

        var fired = new List<RuleFiring>();
        var upcomingFired = new List<(int Value, RuleFiring Firing)>();
        foreach (var r in pack.RulesOfConclusion[c])
        {
            if (state.RuleResults[r] == Tri.True && !notApplicable)
            {
                var rule = pack.Pack.Rules[r];
                var firing = new RuleFiring(rule, rule.Value, Inputs(pack, state, pack.RuleRefs[r]));
                if ((state.UpcomingIn[node] & (1UL << pack.RuleValue[r])) != 0)
                {
                    upcomingFired.Add((pack.RuleValue[r], firing));
                }
                else
                {
                    fired.Add(firing);
                }
            }
        }

        List<ConclusionValue> ValuesOf(ulong mask)
        {
            var list = new List<ConclusionValue>(BitOperations.PopCount(mask & ~EvalState.NotApplicable));
            for (var i = 0; i < conclusion.Values.Count; i++)
            {
                if ((mask & (1UL << i)) != 0)
                {
                    list.Add(conclusion.Values[i]);
                }
            }

            return list;
        }

        switch (conclusion.Type)
        {
            case ConclusionType.Flag:
            {
                var determined = BitOperations.PopCount(possible) == 1;
                bool? flag = possible == 0b10 ? true : possible == 0b01 ? false : null;
                return new ConclusionOutcome(conclusion, determined, notApplicable, flag, [], [], fired, determined && !notApplicable && fired.Count == 0);
            }

            case ConclusionType.Level:
            {
                var determined = BitOperations.PopCount(possible) == 1;
                return determined
                    ? new ConclusionOutcome(conclusion, true, notApplicable, null, ValuesOf(possible), [], fired, !notApplicable && fired.Count == 0)
                    : new ConclusionOutcome(conclusion, false, false, null, [], ValuesOf(possible), fired, false);
            }

            default:
            {
                var determined = state.Maybe[node] == 0 && state.UpcomingMaybe[node] == 0;
                return new ConclusionOutcome(conclusion, determined, notApplicable, null, ValuesOf(state.In[node]), ValuesOf(state.Maybe[node]), fired, false)
                {
                    Upcoming = notApplicable ? [] : UpcomingOf(pack, c, state.UpcomingIn[node], upcomingFired),
                    UpcomingPossible = notApplicable ? [] : UpcomingOf(pack, c, state.UpcomingMaybe[node], []),
                };
            }
        }
    }

    private static List<UpcomingValue> UpcomingOf(CompiledPack pack, int c, ulong mask, List<(int Value, RuleFiring Firing)> fired)
    {
        var list = new List<UpcomingValue>();
        var values = pack.Pack.Conclusions[c].Values;
        for (var v = 0; v < values.Count; v++)
        {
            if ((mask & (1UL << v)) != 0)
            {
                list.Add(new UpcomingValue(values[v], pack.ValueEffective[c][v], pack.ValueDate[c][v], [.. fired.Where(f => f.Value == v).Select(f => f.Firing)]));
            }
        }

        return list;
    }

    // Traces are built only when someone reads them: most callers (the benchmark, the register's
    // re-evaluation) never do, and building them eagerly was most of a classification's allocations.
    private static LazyTraceInputs Inputs(CompiledPack pack, EvalState state, int[] nodes) =>
        new(pack, state, nodes);

    private sealed class LazyTraceInputs(CompiledPack pack, EvalState state, int[] nodes) : IReadOnlyList<TraceInput>
    {
        private TraceInput[]? _inputs;

        public int Count => nodes.Length;

        public TraceInput this[int index] => Materialize()[index];

        public IEnumerator<TraceInput> GetEnumerator() => ((IEnumerable<TraceInput>)Materialize()).GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        private TraceInput[] Materialize()
        {
            if (_inputs is { } built)
            {
                return built;
            }

            var inputs = new TraceInput[nodes.Length];
            for (var i = 0; i < nodes.Length; i++)
            {
                var node = nodes[i];
                inputs[i] = new TraceInput(pack.NodeId(node), node < pack.QuestionCount, Display(pack, state, node));
            }

            return _inputs = inputs;
        }
    }

    internal static string? Display(CompiledPack pack, EvalState state, int node)
    {
        if (node < pack.QuestionCount)
        {
            var question = pack.Pack.Questions[node];
            if (state.QuestionStates[node] == QuestionState.NotAsked)
            {
                return "n/a";
            }

            if (state.QuestionStates[node] != QuestionState.Answered)
            {
                return null;
            }

            return question.Type switch
            {
                QuestionType.YesNo => state.Possible[node] == 0b10 ? "yes" : "no",
                QuestionType.OneOf => question.Options[BitOperations.TrailingZeroCount(state.Possible[node])].Id,
                QuestionType.AnyOf => "[" + string.Join(", ", Members(state.In[node], question.Options.Count).Select(i => question.Options[i].Id)) + "]",
                _ => state.Dates[node].ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            };
        }

        var conclusion = pack.Pack.Conclusions[node - pack.QuestionCount];
        var possible = state.Possible[node];
        switch (conclusion.Type)
        {
            case ConclusionType.Set:
                return state.Maybe[node] != 0 ? null : "[" + string.Join(", ", Members(state.In[node], conclusion.Values.Count).Select(i => conclusion.Values[i].Id)) + "]";
            default:
                if (possible == EvalState.NotApplicable)
                {
                    return "n/a";
                }

                if (BitOperations.PopCount(possible) != 1)
                {
                    return null;
                }

                return conclusion.Type == ConclusionType.Flag
                    ? possible == 0b10 ? "yes" : "no"
                    : conclusion.Values[BitOperations.TrailingZeroCount(possible)].Id;
        }
    }

    private static IEnumerable<int> Members(ulong mask, int count)
    {
        for (var i = 0; i < count; i++)
        {
            if ((mask & (1UL << i)) != 0)
            {
                yield return i;
            }
        }
    }

    /// <summary>Walks back from an undetermined outcome to the unanswered questions that keep it open.</summary>
    private sealed class OpenQuestionCollector(CompiledPack pack, EvalState state) : IUnknownCollector
    {
        private readonly bool[] _visited = new bool[pack.NodeCount];

        public bool[] Wanted { get; } = new bool[pack.QuestionCount];

        public void Leaf(int node)
        {
            if (_visited[node])
            {
                return;
            }

            _visited[node] = true;
            if (node < pack.QuestionCount)
            {
                switch (state.QuestionStates[node])
                {
                    case QuestionState.Unanswered:
                        Wanted[node] = true;
                        break;
                    case QuestionState.Pending:
                        pack.AskIf[node]!.CollectUnknown(state, this);
                        break;
                }

                return;
            }

            if (pack.ScopeNode >= 0 && node != pack.ScopeNode && (state.Possible[pack.ScopeNode] & 0b11) == 0b11)
            {
                Leaf(pack.ScopeNode);
                return;
            }

            var c = node - pack.QuestionCount;
            var conclusion = pack.Pack.Conclusions[c];
            var possible = state.Possible[node];
            foreach (var r in pack.RulesOfConclusion[c])
            {
                if (state.RuleResults[r] != Tri.Unknown)
                {
                    continue;
                }

                var bit = 1UL << pack.RuleValue[r];
                var relevant = conclusion.Type switch
                {
                    ConclusionType.Set => ((state.In[node] | state.UpcomingIn[node]) & bit) == 0,
                    ConclusionType.Level => (possible & bit) != 0,
                    _ => true,
                };
                if (relevant)
                {
                    pack.RuleWhen[r].CollectUnknown(state, this);
                }
            }
        }
    }
}
