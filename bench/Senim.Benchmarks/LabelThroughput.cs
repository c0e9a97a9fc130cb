using System.Diagnostics;
using Senim.Labels.Assertions;
using Senim.Labels.Signing;
using Senim.Labels.Tests.Support;
using Senim.Labels.Trust;
using Senim.Labels.Validation;

namespace Senim.Benchmarks;

/// <summary>
/// Whole-file label throughput for bench/labels/run.sh, on one thread:
///   labels make DIR N              write N real 4 KB JPEGs (distinct content) into DIR
///   labels sign-verify KEY CHAIN ROOT DIR OUT   sign every DIR/*.jpg into OUT, then verify OUT; prints files/s
///   labels make-big FILE MB        write a PNG of about MB megabytes of random pixels
///   labels sign-big KEY CHAIN FILE OUT         sign one big file (run under /usr/bin/time for peak memory)
/// </summary>
internal static class LabelThroughput
{
    public static int Run(string[] args)
    {
        switch (args[0])
        {
            case "make":
                Directory.CreateDirectory(args[1]);
                for (var i = 0; i < int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture); i++)
                {
                    // 64 x 100 blocks of four bits plus headers: about 4 KB each.
                    File.WriteAllBytes(Path.Combine(args[1], $"img{i:000}.jpg"), TinyImages.Jpeg(64, 120, i));
                }

                return 0;
            case "make-big":
                var side = (int)Math.Sqrt(int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) * 1024.0 * 1024.0 / 3);
                File.WriteAllBytes(args[1], TinyImages.Png(side, side, 1));
                return 0;
            case "sign-verify":
                return SignVerify(args[1], args[2], args[3], args[4], args[5]);
            case "sign-big":
                var signer = new LabelSigner(SigningCredentials.FromPem(File.ReadAllText(args[1]), File.ReadAllText(args[2])));
                using (var input = File.OpenRead(args[3]))
                using (var output = File.Create(args[4]))
                {
                    signer.SignEmbedded(input, output, Request(args[3]));
                }

                Console.WriteLine($"signed {new FileInfo(args[3]).Length / 1048576.0:F1} MB; managed peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F1} MB");
                return 0;
            default:
                Console.Error.WriteLine("usage: labels make|make-big|sign-verify|sign-big ...");
                return 2;
        }
    }

    private static int SignVerify(string key, string chain, string root, string dir, string outDir)
    {
        Directory.CreateDirectory(outDir);
        var signer = new LabelSigner(SigningCredentials.FromPem(File.ReadAllText(key), File.ReadAllText(chain)));
        var validator = new LabelValidator(new TrustSettings(Pem.ReadCertificates(File.ReadAllText(root), root)));
        var files = Directory.GetFiles(dir, "*.jpg").Order().ToArray();
        var inputs = files.Select(File.ReadAllBytes).ToArray();

        // Warm-up: JIT and certificate caches, not counted.
        for (var i = 0; i < 20; i++)
        {
            using var output = new MemoryStream();
            signer.SignEmbedded(new MemoryStream(inputs[i % inputs.Length]), output, Request(files[0]));
            validator.Validate(new MemoryStream(output.ToArray()));
        }

        // Both sides sign from bytes in memory to bytes in memory and verify bytes in memory, so the rates
        // compare the libraries, not the file system; five rounds, the median is reported.
        var signed = new byte[files.Length][];
        var signRates = new List<double>();
        var verifyRates = new List<double>();
        var trusted = 0;
        for (var round = 0; round < 5; round++)
        {
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < files.Length; i++)
            {
                using var output = new MemoryStream(inputs[i].Length + 4096);
                signer.SignEmbedded(new MemoryStream(inputs[i]), output, Request(files[i]));
                signed[i] = output.ToArray();
            }

            signRates.Add(files.Length / watch.Elapsed.TotalSeconds);
            watch.Restart();
            trusted = 0;
            foreach (var bytes in signed)
            {
                if (validator.Validate(new MemoryStream(bytes)).State == ValidationState.Trusted)
                {
                    trusted++;
                }
            }

            verifyRates.Add(files.Length / watch.Elapsed.TotalSeconds);
        }

        for (var i = 0; i < files.Length; i++)
        {
            File.WriteAllBytes(Path.Combine(outDir, Path.GetFileName(files[i])), signed[i]);
        }

        var signRate = Median(signRates);
        var verifyRate = Median(verifyRates);
        Console.WriteLine($"senim:     sign+embed {signRate,7:F0} files/s   verify {verifyRate,7:F0} files/s   (median of 5 rounds of {files.Length}; rounds {string.Join(" ", signRates.Select(r => r.ToString("F0", System.Globalization.CultureInfo.InvariantCulture)))} / {string.Join(" ", verifyRates.Select(r => r.ToString("F0", System.Globalization.CultureInfo.InvariantCulture)))}; {trusted} trusted)");
        return trusted == files.Length ? 0 : 1;
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }

    private static LabelRequest Request(string file) => new()
    {
        Senim = new SenimAssertion { RegisterNumber = "KZ-AI-2026-000001" },
        Title = Path.GetFileName(file),
        MediaType = "image/jpeg",
    };
}
