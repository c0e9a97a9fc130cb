using Senim.Law.Packs;

namespace Senim.Law.Engine;

/// <summary>What the engine concluded for one conclusion of a pack, with the rules that led there.</summary>
public sealed class ConclusionOutcome
{
    internal ConclusionOutcome(Conclusion conclusion, bool determined, bool notApplicable, bool? flag,
        IReadOnlyList<ConclusionValue> values, IReadOnlyList<ConclusionValue> possible, IReadOnlyList<RuleFiring> fired, bool byDefault)
    {
        Conclusion = conclusion;
        IsDetermined = determined;
        IsNotApplicable = notApplicable;
        Flag = flag;
        Values = values;
        Possible = possible;
        Fired = fired;
        ByDefault = byDefault;
    }

    /// <summary>The conclusion this is about.</summary>
    public Conclusion Conclusion { get; }

    /// <summary>False when answers are missing; then <see cref="Values"/> holds only what is already certain.</summary>
    public bool IsDetermined { get; }

    /// <summary>True when the conclusion does not apply (the system is out of the pack's scope).</summary>
    public bool IsNotApplicable { get; }

    /// <summary>For flag conclusions: yes (true) or no (false); null while undetermined or not applicable.</summary>
    public bool? Flag { get; }

    /// <summary>Level: the one value. Set: the members certainly in the set. Empty for flags.</summary>
    public IReadOnlyList<ConclusionValue> Values { get; }

    /// <summary>While undetermined: the values still possible (level) or that may yet join the set.</summary>
    public IReadOnlyList<ConclusionValue> Possible { get; }

    /// <summary>The rules whose conditions held, each with the inputs it read.</summary>
    public IReadOnlyList<RuleFiring> Fired { get; }

    /// <summary>True when no rule fired and the conclusion's default was taken.</summary>
    public bool ByDefault { get; }

    /// <summary>
    /// Set conclusions: values whose rules hold but whose effective date is after the classification
    /// date. They are not in <see cref="Values"/>: they say what will apply, and from when.
    /// </summary>
    public IReadOnlyList<UpcomingValue> Upcoming { get; init; } = [];

    /// <summary>Set conclusions: values with a later effective date whose rules still lack answers.</summary>
    public IReadOnlyList<UpcomingValue> UpcomingPossible { get; init; } = [];
}

/// <summary>A value that will be concluded from a later date (for example a prohibition not yet applicable).</summary>
/// <param name="From">The date from which the value applies.</param>
/// <param name="FromDate">The pack's key date behind <paramref name="From"/>, when there is one.</param>
/// <param name="Fired">The rules that hold for it (empty while answers are missing).</param>
public sealed record UpcomingValue(ConclusionValue Value, DateOnly From, KeyDate? FromDate, IReadOnlyList<RuleFiring> Fired);

/// <summary>An input a rule or obligation read: a question's answer or another conclusion's outcome.</summary>
/// <param name="Id">The question or conclusion id.</param>
/// <param name="IsQuestion">True for a question, false for a conclusion.</param>
/// <param name="Value">The answer or outcome as text (yes, high, [KZ-P1]); null when unanswered or undetermined.</param>
public sealed record TraceInput(string Id, bool IsQuestion, string? Value);

/// <summary>One rule that fired: the trace from answers through the rule to its articles.</summary>
public sealed record RuleFiring(Rule Rule, string? Value, IReadOnlyList<TraceInput> Inputs);

/// <summary>Whether an obligation, document or step applies.</summary>
public enum Applicability
{
    /// <summary>It applies now.</summary>
    Applies,

    /// <summary>It will apply from its effective date, which is after the classification date.</summary>
    Upcoming,

    /// <summary>Answers are missing to tell.</summary>
    Undetermined,
}

/// <summary>An obligation that applies (or may), with when and why.</summary>
public sealed record ObligationOutcome(Obligation Obligation, Applicability State, DateOnly Effective, KeyDate? EffectiveDate, IReadOnlyList<TraceInput> Because);

/// <summary>A document that must be kept (or may have to be), with why.</summary>
public sealed record DocumentOutcome(DocumentRequirement Document, Applicability State, IReadOnlyList<TraceInput> Because);

/// <summary>A next step whose condition holds (or may hold).</summary>
public sealed record NextStepOutcome(NextStep Step, Applicability State, IReadOnlyList<TraceInput> Because);

/// <summary>The result of classifying a system under one pack.</summary>
public sealed class PackResult
{
    internal PackResult(CompiledPack pack, DateOnly at, IReadOnlyList<ConclusionOutcome> conclusions,
        IReadOnlyList<ObligationOutcome> obligations, IReadOnlyList<DocumentOutcome> documents,
        IReadOnlyList<NextStepOutcome> nextSteps, IReadOnlyList<Question> openQuestions, IReadOnlyList<Question> ignoredAnswers,
        QuestionState[] questionStates)
    {
        _questionStates = questionStates;
        Pack = pack;
        At = at;
        Conclusions = conclusions;
        Obligations = obligations;
        Documents = documents;
        NextSteps = nextSteps;
        OpenQuestions = openQuestions;
        IgnoredAnswers = ignoredAnswers;
    }

    private readonly QuestionState[] _questionStates;

    /// <summary>The pack used: its id, version and content hash identify the rules applied.</summary>
    public CompiledPack Pack { get; }

    /// <summary>The date the law was applied at.</summary>
    public DateOnly At { get; }

    /// <summary>Every conclusion of the pack, in pack order.</summary>
    public IReadOnlyList<ConclusionOutcome> Conclusions { get; }

    /// <summary>Obligations that apply, will apply, or may apply once questions are answered.</summary>
    public IReadOnlyList<ObligationOutcome> Obligations { get; }

    /// <summary>
    /// The rights (obligations of kind right) of the people the system serves or decides about, whatever the role of
    /// the organisation that answered: owners and holders honour them (they are among <see cref="Obligations"/> too),
    /// users hold them. Issue 12, Art. 16.
    /// </summary>
    public IReadOnlyList<ObligationOutcome> Rights { get; internal init; } = [];

    /// <summary>Documents required (or possibly required).</summary>
    public IReadOnlyList<DocumentOutcome> Documents { get; }

    /// <summary>Next steps, in pack order.</summary>
    public IReadOnlyList<NextStepOutcome> NextSteps { get; }

    /// <summary>Questions whose answers are still needed, in pack order. Empty when complete.</summary>
    public IReadOnlyList<Question> OpenQuestions { get; }

    /// <summary>Questions answered although they do not apply to this system; their answers were not used.</summary>
    public IReadOnlyList<Question> IgnoredAnswers { get; }

    /// <summary>True when every conclusion, obligation, document and step is determined.</summary>
    public bool IsComplete => OpenQuestions.Count == 0
        && Conclusions.All(c => c.IsDetermined)
        && Obligations.All(o => o.State != Applicability.Undetermined)
        && Documents.All(d => d.State != Applicability.Undetermined)
        && NextSteps.All(n => n.State != Applicability.Undetermined);

    /// <summary>Whether a question applies to this system: true, false (its ask_if is false), or null while that is unknown.</summary>
    public bool? Applies(string questionId)
    {
        var index = Pack.IndexOf(questionId);
        if (index < 0 || index >= Pack.QuestionCount)
        {
            return null;
        }

        return _questionStates[index] switch
        {
            QuestionState.NotAsked => false,
            QuestionState.Pending => null,
            _ => true,
        };
    }

    /// <summary>The outcome of the conclusion with the given id.</summary>
    public ConclusionOutcome? Find(string conclusionId) => Conclusions.FirstOrDefault(c => c.Conclusion.Id == conclusionId);

    /// <summary>The outcome of the pack's scope conclusion (is it in scope?), if the pack has one.</summary>
    public ConclusionOutcome? Scope => Pack.Pack.Header.ScopeConclusion is { } id ? Find(id) : null;

    /// <summary>The outcome of the pack's tier conclusion, if the pack has one.</summary>
    public ConclusionOutcome? Tier => Pack.Pack.Header.TierConclusion is { } id ? Find(id) : null;

    /// <summary>The prohibited capabilities or practices certainly present and prohibited at <see cref="At"/>.</summary>
    public IReadOnlyList<ConclusionValue> Prohibited =>
        Pack.Pack.Header.ProhibitionsConclusion is { } id && Find(id) is { } outcome ? outcome.Values : [];

    /// <summary>Capabilities or practices certainly present whose prohibition applies only from a later date.</summary>
    public IReadOnlyList<UpcomingValue> UpcomingProhibited =>
        Pack.Pack.Header.ProhibitionsConclusion is { } id && Find(id) is { } outcome ? outcome.Upcoming : [];

    /// <summary>The date the pack's act is in force from.</summary>
    public DateOnly InForceFrom => Pack.Pack.Header.InForce;

    /// <summary>False when the classification date is before the act is in force: then nothing of it binds yet.</summary>
    public bool InForce => At >= InForceFrom;
}

/// <summary>The result of classifying one system under one or more packs.</summary>
public sealed record ClassificationResult(DateOnly At, IReadOnlyList<PackResult> Packs)
{
    /// <summary>True when every pack's result is complete.</summary>
    public bool IsComplete => Packs.All(p => p.IsComplete);

    /// <summary>True when any pack found a prohibited capability or practice that is prohibited at <see cref="At"/>.</summary>
    public bool HasProhibited => Packs.Any(p => p.Prohibited.Count > 0);

    /// <summary>
    /// Answers to questions of packs that were not applied (for example EU answers under --law kz),
    /// by id, in id order: they were not used, and are listed so that nothing is dropped silently.
    /// </summary>
    public IReadOnlyList<string> OtherLawAnswers
    {
        get => _otherLawAnswers ??= _findOtherLawAnswers?.Invoke() ?? [];
        init => _otherLawAnswers = value;
    }

    // Found when first read: sorting and looking up every answer cost more than the classification itself, and most
    // callers (the register's re-evaluation, the benchmark) never read it.
    private IReadOnlyList<string>? _otherLawAnswers;
    private Func<IReadOnlyList<string>>? _findOtherLawAnswers;

    internal static ClassificationResult Of(DateOnly at, IReadOnlyList<PackResult> packs, Func<IReadOnlyList<string>> otherLawAnswers) =>
        new(at, packs) { _findOtherLawAnswers = otherLawAnswers };
}
