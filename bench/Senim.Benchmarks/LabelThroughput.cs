using System.Diagnostics;
using Senim.Labels.Assertions;
using Senim.Labels.Signing;
using Senim.Labels.Tests.Support;
using Senim.Labels.Trust;
using Senim.Labels.Validation;

namespace Senim.Benchmarks;

/// <summary>
/// Whole-file label throughput for bench/labels/run.sh, on one thread:
///   labels make DIR N              write N real JPEGs of about 4 KB (distinct content) into DIR
///   labels worker KEY CHAIN ROOT DIR   load DIR/*.jpg, print "ready N", then answer "round START COUNT" lines
///                                  (sign files START.. in memory, verify what was signed) with one JSON line
///                                  of timings, until "quit"; bench/labels/compare.mjs drives it round by round
///                                  beside c2pa-rs, so both sides see the same inputs and the same machine load
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
                    // 64 x 120 blocks of four bits plus headers: about 4 KB each, every one different.
                    File.WriteAllBytes(Path.Combine(args[1], $"img{i:00000}.jpg"), TinyImages.Jpeg(64, 120, i));
                }

                return 0;
            case "make-big":
                var side = (int)Math.Sqrt(int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) * 1024.0 * 1024.0 / 3);
                File.WriteAllBytes(args[1], TinyImages.Png(side, side, 1));
                return 0;
            case "worker":
                return Worker(args[1], args[2], args[3], args[4], Console.In, Console.Out);
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
                Console.Error.WriteLine("usage: labels make|make-big|worker|sign-big ...");
                return 2;
        }
    }

    /// <summary>
    /// Answers rounds until "quit". Files are read before "ready", so a round times only the library: bytes in
    /// memory to bytes in memory, as the c2pa-wasm side does. The first round after start is the cold one (JIT
    /// at tier 0, empty caches); the driver decides when later rounds have become steady.
    /// </summary>
    private static int Worker(string key, string chain, string root, string dir, TextReader commands, TextWriter answers)
    {
        var signer = new LabelSigner(SigningCredentials.FromPem(File.ReadAllText(key), File.ReadAllText(chain)));
        var validator = new LabelValidator(new TrustSettings(Pem.ReadCertificates(File.ReadAllText(root), root)));
        var files = Directory.GetFiles(dir, "*.jpg").Order(StringComparer.Ordinal).ToArray();
        var inputs = files.Select(File.ReadAllBytes).ToArray();
        var requests = files.Select(Request).ToArray();
        answers.WriteLine($"ready {files.Length}");
        answers.Flush();

        string? line;
        while ((line = commands.ReadLine()) is not null && line != "quit")
        {
            var parts = line.Split(' ');
            var start = int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
            var count = int.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture);
            var signed = new byte[count][];
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < count; i++)
            {
                var at = (start + i) % inputs.Length;
                using var output = new MemoryStream(inputs[at].Length + 4096);
                signer.SignEmbedded(new MemoryStream(inputs[at]), output, requests[at]);
                signed[i] = output.ToArray();
            }

            var signSeconds = watch.Elapsed.TotalSeconds;
            watch.Restart();
            var trusted = 0;
            foreach (var bytes in signed)
            {
                if (validator.Validate(new MemoryStream(bytes)).State == ValidationState.Trusted)
                {
                    trusted++;
                }
            }

            var verifySeconds = watch.Elapsed.TotalSeconds;
            answers.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{{\"sign_s\":{signSeconds:R},\"verify_s\":{verifySeconds:R},\"trusted\":{trusted}}}"));
            answers.Flush();
        }

        return 0;
    }

    private static LabelRequest Request(string file) => new()
    {
        Senim = new SenimAssertion { RegisterNumber = "KZ-AI-2026-000001" },
        Title = Path.GetFileName(file),
        MediaType = "image/jpeg",
    };
}
