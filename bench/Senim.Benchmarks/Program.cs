using BenchmarkDotNet.Running;
using Senim.Benchmarks;

if (args.Length > 0 && args[0] == "labels")
{
    return LabelThroughput.Run(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(ClassifyBenchmarks).Assembly).Run(args);
return 0;
