using BenchmarkDotNet.Attributes;
using Senim.Law.Engine;
using Senim.Law.Packs;
using Senim.Law.Systems;

namespace Senim.Benchmarks;

/// <summary>
/// Classifying a typical system in process (goal: at least 100,000 per second on one core).
/// The "typical system" is examples/credit-scoring.yaml: every KZ and EU question answered.
/// </summary>
[MemoryDiagnoser]
public class ClassifyBenchmarks
{
    private LawLibrary _library = null!;
    private IReadOnlyList<CompiledPack> _kz = null!;
    private AnswerSet _answers = null!;
    private DateOnly _at;

    [GlobalSetup]
    public void Setup()
    {
        _library = LawLibrary.Load(BenchPaths.Law);
        _kz = _library.Select("kz");
        _at = new DateOnly(2026, 11, 25);
        var example = Path.Combine(Path.GetDirectoryName(BenchPaths.Law)!, "examples", "credit-scoring.yaml");
        _answers = SystemDescriptions.Read(example, File.ReadAllBytes(example), _library, _at).Answers;
    }

    [Benchmark(Description = "classify under Law 230-VIII (kz)")]
    public ClassificationResult ClassifyKz() => Classifier.Classify(_kz, _answers, _at);

    [Benchmark(Description = "classify under both packs (kz + eu)")]
    public ClassificationResult ClassifyAll() => Classifier.Classify(_library.Packs, _answers, _at);
}

/// <summary>Loading and validating every pack and crosswalk (goal: under 200 ms).</summary>
[MemoryDiagnoser]
public class LoadBenchmarks
{
    [Benchmark(Description = "load and validate all packs")]
    public LawLibrary LoadAll() => LawLibrary.Load(BenchPaths.Law);
}
