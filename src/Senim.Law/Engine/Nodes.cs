using Senim.Law.Expressions;

namespace Senim.Law.Engine;

/// <summary>Kleene three-valued truth: a condition over missing answers is Unknown, never guessed.</summary>
internal enum Tri : byte
{
    False = 0,
    True = 1,
    Unknown = 2,
}

/// <summary>What the engine knows of each question and conclusion during one classification.</summary>
internal sealed class EvalState
{
    /// <summary>The bit that stands for "not applicable" in a single-valued node's possible values.</summary>
    public const ulong NotApplicable = 1UL << 63;

    public EvalState(int nodes, int rules, DateOnly at)
    {
        At = at;
        Possible = new ulong[nodes];
        In = new ulong[nodes];
        Maybe = new ulong[nodes];
        UpcomingIn = new ulong[nodes];
        UpcomingMaybe = new ulong[nodes];
        Dates = new DateOnly[nodes];
        QuestionStates = new QuestionState[nodes];
        RuleResults = new Tri[rules];
    }

    public DateOnly At { get; }

    /// <summary>Single-valued nodes: the values still possible (one bit when determined).</summary>
    public ulong[] Possible { get; }

    /// <summary>Multi-valued nodes: values certainly in the set.</summary>
    public ulong[] In { get; }

    /// <summary>Multi-valued nodes: values that may yet be in the set.</summary>
    public ulong[] Maybe { get; }

    /// <summary>Set conclusions: values whose rule holds but whose effective date is after <see cref="At"/>.</summary>
    public ulong[] UpcomingIn { get; }

    /// <summary>Set conclusions: values after <see cref="At"/> whose rule is still unknown.</summary>
    public ulong[] UpcomingMaybe { get; }

    public DateOnly[] Dates { get; }

    public QuestionState[] QuestionStates { get; }

    public Tri[] RuleResults { get; }
}

internal enum QuestionState : byte
{
    Unanswered,
    Answered,
    NotAsked,
    Pending,
}

/// <summary>A compiled condition: evaluates without allocating, and can say which answers it still lacks.</summary>
internal abstract class Node
{
    public abstract Tri Eval(EvalState state);

    /// <summary>Called only when <see cref="Eval"/> gave Unknown: reports the leaves that made it so.</summary>
    public abstract void CollectUnknown(EvalState state, IUnknownCollector collector);

    public abstract void AddReferences(ICollection<int> nodes);
}

internal interface IUnknownCollector
{
    void Leaf(int node);
}

/// <summary>and / or over several conditions; only the combining rule differs.</summary>
internal abstract class CompositeNode(Node[] children) : Node
{
    /// <summary>The value that decides the whole at once (False for and, True for or).</summary>
    protected abstract Tri Decisive { get; }

    public override Tri Eval(EvalState state)
    {
        var result = Decisive == Tri.False ? Tri.True : Tri.False;
        foreach (var child in children)
        {
            var value = child.Eval(state);
            if (value == Decisive)
            {
                return Decisive;
            }

            if (value == Tri.Unknown)
            {
                result = Tri.Unknown;
            }
        }

        return result;
    }

    public override void CollectUnknown(EvalState state, IUnknownCollector collector)
    {
        foreach (var child in children)
        {
            if (child.Eval(state) == Tri.Unknown)
            {
                child.CollectUnknown(state, collector);
            }
        }
    }

    public override void AddReferences(ICollection<int> nodes)
    {
        foreach (var child in children)
        {
            child.AddReferences(nodes);
        }
    }
}

internal sealed class AndNode(Node[] children) : CompositeNode(children)
{
    protected override Tri Decisive => Tri.False;
}

internal sealed class OrNode(Node[] children) : CompositeNode(children)
{
    protected override Tri Decisive => Tri.True;
}

internal sealed class NotNode(Node inner) : Node
{
    public override Tri Eval(EvalState state) => inner.Eval(state) switch
    {
        Tri.True => Tri.False,
        Tri.False => Tri.True,
        _ => Tri.Unknown,
    };

    public override void CollectUnknown(EvalState state, IUnknownCollector collector) => inner.CollectUnknown(state, collector);

    public override void AddReferences(ICollection<int> nodes) => inner.AddReferences(nodes);
}

/// <summary>True when the node's value is certainly in the mask, False when certainly not.</summary>
internal sealed class MaskInNode(int node, ulong mask) : Node
{
    public int NodeIndex { get; } = node;

    public override Tri Eval(EvalState state)
    {
        var possible = state.Possible[NodeIndex];
        if ((possible & ~mask) == 0)
        {
            return Tri.True;
        }

        return (possible & mask) == 0 ? Tri.False : Tri.Unknown;
    }

    public override void CollectUnknown(EvalState state, IUnknownCollector collector) => collector.Leaf(NodeIndex);

    public override void AddReferences(ICollection<int> nodes) => nodes.Add(NodeIndex);
}

/// <summary>True when the set certainly holds a value of the mask, False when it certainly holds none.</summary>
internal sealed class SetHasAnyNode(int node, ulong mask) : Node
{
    public override Tri Eval(EvalState state)
    {
        if ((state.In[node] & mask) != 0)
        {
            return Tri.True;
        }

        return (state.Maybe[node] & mask) != 0 ? Tri.Unknown : Tri.False;
    }

    public override void CollectUnknown(EvalState state, IUnknownCollector collector) => collector.Leaf(node);

    public override void AddReferences(ICollection<int> nodes) => nodes.Add(node);
}

internal sealed class DateCompareNode(int node, CompareOperator op, DateOperand operand) : Node
{
    public override Tri Eval(EvalState state)
    {
        switch (state.QuestionStates[node])
        {
            case QuestionState.Answered:
                var left = state.Dates[node];
                var right = operand.Resolve(state.At);
                var holds = op switch
                {
                    CompareOperator.Equal => left == right,
                    CompareOperator.NotEqual => left != right,
                    CompareOperator.Less => left < right,
                    CompareOperator.LessOrEqual => left <= right,
                    CompareOperator.Greater => left > right,
                    _ => left >= right,
                };
                return holds ? Tri.True : Tri.False;
            case QuestionState.NotAsked:
                return op == CompareOperator.NotEqual ? Tri.True : Tri.False;
            default:
                return Tri.Unknown;
        }
    }

    public override void CollectUnknown(EvalState state, IUnknownCollector collector) => collector.Leaf(node);

    public override void AddReferences(ICollection<int> nodes) => nodes.Add(node);
}

internal sealed class ConstantNode(Tri value) : Node
{
    public static ConstantNode True { get; } = new(Tri.True);

    public override Tri Eval(EvalState state) => value;

    public override void CollectUnknown(EvalState state, IUnknownCollector collector)
    {
    }

    public override void AddReferences(ICollection<int> nodes)
    {
    }
}
