using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Senim.Benchmarks.ClassifyBenchmarks).Assembly).Run(args);
