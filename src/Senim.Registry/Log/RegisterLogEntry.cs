using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Senim.Ledger.Json;
using Senim.Registry.Workflow;

namespace Senim.Registry.Log;

/// <summary>
/// The bytes of a register log entry (format senim.log/1, docs/register-formats.md): the RFC 8785 canonical JSON of
/// what the register publishes about one public event — the event's public fields, the system's id and register
/// number, and the SHA-256 of the system's canonical public record after the change (null once it is no longer
/// listed). The integrity job rebuilds these bytes from the register and compares.
/// </summary>
public static class RegisterLogEntry
{
    public const string Format = "senim.log/1";

    private static readonly JsonSerializerOptions PrettyOptions = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The entry kind for a workflow action: what the public sees happened.</summary>
    public static string KindOf(string action) => action switch
    {
        RegistrationWorkflow.Publish => "publication",
        RegistrationWorkflow.Register => "registration",
        RegistrationWorkflow.RegisterWithConditions => "conditions",
        RegistrationWorkflow.Refuse => "refusal",
        RegistrationWorkflow.Suspend => "suspension",
        RegistrationWorkflow.Reinstate => "reinstatement",
        RegistrationWorkflow.Withdraw => "withdrawal",
        RegistrationWorkflow.Remove => "removal",
        _ => action,
    };

    /// <summary>Kind of a change to a listed record that has no workflow event of its own.</summary>
    public const string Reclassification = "reclassification";

    /// <summary>Kind of an edit of a listed record (name, purpose, documentation) without a workflow event.</summary>
    public const string RecordUpdate = "record-update";

    /// <summary>Kind of the entry that logs a record listed before the log existed.</summary>
    public const string Backfill = "backfill";

    /// <summary>Every kind an entry can have: one per public workflow action, and the three without an event.</summary>
    public static IReadOnlyList<string> Kinds { get; } =
        [.. RegistrationWorkflow.All.Where(t => t.IsPublic).Select(t => KindOf(t.Code)), Reclassification, RecordUpdate, Backfill];

    /// <summary>Lowercase hex SHA-256 of the canonical form of a stored public record.</summary>
    public static string? RecordHash(string? publicJson) =>
        publicJson is null ? null : Convert.ToHexStringLower(SHA256.HashData(JsonCanonicalizer.Canonicalize(publicJson)));

    /// <summary>The entry for a public workflow event.</summary>
    public static byte[] ForEvent(WorkflowEvent e, string? registerNumber, string? recordHash)
    {
        ArgumentNullException.ThrowIfNull(e);
        return Build(KindOf(e.Action), e.SystemId, registerNumber, e.At, recordHash, w =>
        {
            w.WriteStartObject("event");
            w.WriteString("id", e.Id);
            w.WriteNumber("sequence", e.Sequence);
            w.WriteString("action", e.Action);
            w.WriteString("from", e.From.Code());
            w.WriteString("to", e.To.Code());
            if (e.Reason is null)
            {
                w.WriteNull("reason");
            }
            else
            {
                w.WriteString("reason", e.Reason);
            }

            w.WriteEndObject();
        });
    }

    /// <summary>The entry for a change of a listed record without a workflow event.</summary>
    public static byte[] ForRecord(string kind, Guid systemId, string? registerNumber, DateTime at, string? recordHash) =>
        Build(kind, systemId, registerNumber, at, recordHash, w => w.WriteNull("event"));

    private static byte[] Build(string kind, Guid systemId, string? registerNumber, DateTime at, string? recordHash, Action<Utf8JsonWriter> writeEvent)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("format", Format);
            w.WriteString("kind", kind);
            w.WriteString("at", at.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
            w.WriteStartObject("system");
            w.WriteString("id", systemId);
            if (registerNumber is null)
            {
                w.WriteNull("register_number");
            }
            else
            {
                w.WriteString("register_number", registerNumber);
            }

            w.WriteEndObject();
            writeEvent(w);
            if (recordHash is null)
            {
                w.WriteNull("record_sha256");
            }
            else
            {
                w.WriteString("record_sha256", recordHash);
            }

            w.WriteEndObject();
        }

        return JsonCanonicalizer.Canonicalize(buffer.ToArray());
    }

    /// <summary>Reads the record hash and event id back from entry bytes (for display); null values when absent.</summary>
    public static (string Kind, Guid SystemId, Guid? EventId, string? RecordHash) Describe(byte[] data)
    {
        using var json = JsonDocument.Parse(data);
        var root = json.RootElement;
        var eventId = root.GetProperty("event").ValueKind == JsonValueKind.Object ? root.GetProperty("event").GetProperty("id").GetGuid() : (Guid?)null;
        return (root.GetProperty("kind").GetString() ?? "", root.GetProperty("system").GetProperty("id").GetGuid(), eventId, root.GetProperty("record_sha256").GetString());
    }

    /// <summary>What an entry says a reader wants to see: when, the register number, and the published reason (null for record entries and events without one).</summary>
    public static LogEntrySummary Summarize(byte[] data)
    {
        using var json = JsonDocument.Parse(data);
        var root = json.RootElement;
        var at = DateTime.Parse(root.GetProperty("at").GetString() ?? "", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        var number = root.GetProperty("system").GetProperty("register_number").GetString();
        var e = root.GetProperty("event");
        var reason = e.ValueKind == JsonValueKind.Object ? e.GetProperty("reason").GetString() : null;
        return new LogEntrySummary(at, number, reason);
    }

    /// <summary>The entry as indented text, for pages.</summary>
    public static string Pretty(byte[] data)
    {
        using var json = JsonDocument.Parse(data);
        return JsonSerializer.Serialize(json.RootElement, PrettyOptions);
    }

    internal static string Text(byte[] data) => Encoding.UTF8.GetString(data);
}

/// <summary>The readable part of an entry: when it happened (UTC), the system's register number then, and the published reason.</summary>
public sealed record LogEntrySummary(DateTime At, string? RegisterNumber, string? Reason);
