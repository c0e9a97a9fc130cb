using System.Text.Encodings.Web;
using System.Text.Json;
using Senim.Labels;
using Senim.Labels.Validation;

namespace Senim.Cli;

/// <summary>How `senim label verify` prints its verdicts: text for people, one JSON object per line for scripts.</summary>
internal static class LabelReports
{
    public static void WriteText(CliContext context, List<(string File, ValidationReport? Report, LabelException? Error)> results)
    {
        foreach (var (file, report, error) in results)
        {
            if (error is not null)
            {
                context.Output.WriteLine($"{file}: Invalid");
                context.Output.WriteLine($"  error [{error.Code}]: {error.Message}");
                continue;
            }

            context.Output.WriteLine($"{file}: {report!.State}");
            if (report.Error is { } e)
            {
                context.Output.WriteLine($"  error [{e.Code()}]: {LabelCommands.FirstProblem(report)}");
            }

            if (report.Active is { } active)
            {
                if (active.Senim is { } senim)
                {
                    context.Output.WriteLine($"  AI system {senim.RegisterNumber} ({senim.Law}, Art. {senim.Article})");
                }

                if (active.Signer is { } signer)
                {
                    context.Output.WriteLine($"  signed by {signer.Subject} ({signer.Algorithm})");
                }

                foreach (var type in active.DigitalSourceTypes)
                {
                    context.Output.WriteLine($"  source {type}");
                }
            }

            foreach (var status in report.Statuses.Where(s => !s.Success))
            {
                context.Output.WriteLine($"  {status.Code}: {status.Explanation}");
            }

            foreach (var note in report.Notes)
            {
                context.Output.WriteLine($"  note: {note}");
            }
        }
    }

    public static void WriteJson(CliContext context, List<(string File, ValidationReport? Report, LabelException? Error)> results)
    {
        var options = new JsonWriterOptions { Indented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        foreach (var (file, report, error) in results)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer, options))
            {
                writer.WriteStartObject();
                writer.WriteString("file", file);
                writer.WriteString("state", report?.State.ToString() ?? "Invalid");
                writer.WritePropertyName("codes");
                writer.WriteStartArray();
                foreach (var code in report?.FailureCodes ?? [])
                {
                    writer.WriteStringValue(code);
                }

                writer.WriteEndArray();
                writer.WriteNumber("manifests", report?.ManifestCount ?? 0);
                if ((error?.Error ?? report?.Error) is { } e)
                {
                    writer.WriteString("error", e.Code());
                    writer.WriteString("message", error?.Message ?? (report is null ? null : LabelCommands.FirstProblem(report)));
                }

                if (report?.Active?.Senim is { } senim)
                {
                    writer.WriteString("register_number", senim.RegisterNumber);
                    writer.WriteString("article", senim.Article);
                }

                if (report?.Active?.Signer is { } signer)
                {
                    writer.WriteString("signer", signer.Subject);
                }

                writer.WriteEndObject();
            }

            context.Output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
        }
    }
}
