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

    /// <summary>Kind of an organisation's verification (by signature or by the supervisory body).</summary>
    public const string OrganisationVerification = OrganisationEvent.Verification;

    /// <summary>Kind of a BIN given by the supervisory body to another organisation after a dispute.</summary>
    public const string BinTransfer = OrganisationEvent.Transfer;

    /// <summary>The kinds of an enforcement case's public decisions (a fine, a warning, a suspension order, an appeal's outcome).</summary>
    public static IReadOnlyList<string> DecisionKinds { get; } =
        [EnforcementDecision.FineKind, EnforcementDecision.WarningKind, EnforcementDecision.SuspensionOrderKind, EnforcementDecision.AppealKind];

    /// <summary>Kinds of a system's entry on, and removal from, its sector's trusted list (Art. 19).</summary>
    public static IReadOnlyList<string> TrustedListKinds { get; } = [TrustedListEvent.Entry, TrustedListEvent.Removal];

    /// <summary>Every kind an entry can have: one per public workflow action, the three without an event, the organisations' two, the decisions' and the trusted lists'.</summary>
    public static IReadOnlyList<string> Kinds { get; } =
        [.. RegistrationWorkflow.All.Where(t => t.IsPublic).Select(t => KindOf(t.Code)), Reclassification, RecordUpdate, Backfill, OrganisationVerification, BinTransfer,
         .. DecisionKinds, .. TrustedListKinds];

    /// <summary>The kinds about organisations rather than systems.</summary>
    public static IReadOnlyList<string> OrganisationKinds { get; } = [OrganisationVerification, BinTransfer];

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

            // Only a signed act has the field, so the entries of unsigned events keep the bytes they always had.
            if (e.SignatureSha256 is { } signature)
            {
                w.WriteString("signature_sha256", signature);
            }

            w.WriteEndObject();
        });
    }

    /// <summary>
    /// The entry for an organisation's public event (a verification or a BIN transfer): the organisation's id, BIN and
    /// name, the method, the SHA-256 of the evidence and the published reason; no person is named. The system is null.
    /// </summary>
    public static byte[] ForOrganisation(OrganisationEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return BuildBeside(e.Kind, e.At, w =>
        {
            w.WriteString("id", e.OrganisationId);
            w.WriteString("bin", e.Bin);
            w.WriteString("name", e.Name);
        }, w =>
        {
            w.WriteString("id", e.Id);
            w.WriteString("method", e.Method);
            w.WriteStringOrNull("evidence_sha256", e.EvidenceSha256);
            w.WriteStringOrNull("reason", e.Reason);
            if (e.FromOrganisationId is { } from)
            {
                w.WriteString("from_organisation", from);
            }
        });
    }

    /// <summary>An entry about an organisation rather than a system: the system and record hash null, the organisation's and the event's members written by the callers.</summary>
    private static byte[] BuildBeside(string kind, DateTime at, Action<Utf8JsonWriter> writeOrganisation, Action<Utf8JsonWriter> writeEvent)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("format", Format);
            w.WriteString("kind", kind);
            w.WriteString("at", At(at));
            w.WriteNull("system");
            w.WriteStartObject("organisation");
            writeOrganisation(w);
            w.WriteEndObject();
            w.WriteStartObject("event");
            writeEvent(w);
            w.WriteEndObject();
            w.WriteNull("record_sha256");
            w.WriteEndObject();
        }

        return JsonCanonicalizer.Canonicalize(buffer.ToArray());
    }

    /// <summary>
    /// The entry for an enforcement case's public decision: the offender organisation by id (with BIN and name, both null
    /// for a natural person), and the decision — its case, the system and register number, the reasons, the fine in MCI and
    /// tenge with the MCI used, the suspension order, an appeal's outcome. No person is named. The system is null at the
    /// top level, so the entry never stands for a system's record.
    /// </summary>
    public static byte[] ForDecision(EnforcementDecision d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return BuildBeside(d.Kind, d.At, w =>
        {
            w.WriteString("id", d.OrganisationId);
            w.WriteStringOrNull("bin", d.Bin);
            w.WriteStringOrNull("name", d.OrganisationName);
            w.WriteBoolean("natural_person", d.NaturalPerson);
        }, w =>
        {
            w.WriteString("id", d.Id);
            w.WriteString("case", d.CaseId);
            w.WriteStringOrNull("system", d.SystemId?.ToString());
            w.WriteStringOrNull("register_number", d.RegisterNumber);
            w.WriteString("reason", d.Reasons);
            if (d.FineAmount is { } amount)
            {
                w.WriteStartObject("fine");
                w.WriteString("category", d.Category);
                w.WriteBoolean("repeat", d.Repeat);
                w.WriteString("units", Decimal(d.FineUnits ?? 0));
                w.WriteString("unit", "MCI");
                w.WriteNumber("unit_year", d.UnitYear ?? 0);
                w.WriteString("unit_value", Decimal(d.UnitValue ?? 0));
                w.WriteString("amount", Decimal(amount));
                w.WriteString("currency", "KZT");
                w.WriteEndObject();
            }
            else
            {
                w.WriteNull("fine");
            }

            w.WriteBoolean("suspension_ordered", d.SuspensionOrdered);
            w.WriteStringOrNull("appeal_outcome", d.AppealOutcome);
            w.WriteStringOrNull("appeal_of", d.AppealOf?.ToString());

            // Only a signed decision has the field, so the entries of unsigned ones keep the bytes they always had.
            if (d.SignatureSha256 is { } signature)
            {
                w.WriteString("signature_sha256", signature);
            }
        });
    }

    /// <summary>A decimal as an exact string (amounts are not JSON numbers: RFC 8785 would write them as doubles).</summary>
    private static string Decimal(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>
    /// The entry for a trusted list's event (an entry or a removal): the system, the sector, the passed audit it rests on and
    /// the published reason (a removal's); the record hash is the system's public record's at the time, which the event does
    /// not change. No person is named.
    /// </summary>
    public static byte[] ForTrustedList(TrustedListEvent e, string? recordHash)
    {
        ArgumentNullException.ThrowIfNull(e);
        return Build(e.Kind, e.SystemId, e.RegisterNumber, e.At, recordHash, w =>
        {
            w.WriteStartObject("event");
            w.WriteString("id", e.Id);
            w.WriteString("entry", e.EntryId);
            w.WriteString("sector", e.Sector);
            w.WriteString("audit", e.AuditId);
            w.WriteStringOrNull("reason", e.Reason);
            w.WriteEndObject();
        });
    }

    private static string At(DateTime at) => at.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

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
            w.WriteString("at", At(at));
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

    /// <summary>Reads the system (or organisation), event id and record hash back from entry bytes; null values when absent.</summary>
    public static LogEntryIds Describe(byte[] data)
    {
        using var json = JsonDocument.Parse(data);
        var root = json.RootElement;
        var eventId = root.GetProperty("event").ValueKind == JsonValueKind.Object ? root.GetProperty("event").GetProperty("id").GetGuid() : (Guid?)null;
        var system = root.GetProperty("system");
        Guid? systemId = system.ValueKind == JsonValueKind.Object ? system.GetProperty("id").GetGuid() : null;
        Guid? organisationId = root.TryGetProperty("organisation", out var organisation) && organisation.ValueKind == JsonValueKind.Object ? organisation.GetProperty("id").GetGuid() : null;
        if (systemId is null && organisationId is null)
        {
            throw new FormatException("The entry names neither a system nor an organisation.");
        }

        return new LogEntryIds(root.GetProperty("kind").GetString() ?? "", systemId, organisationId, eventId, root.GetProperty("record_sha256").GetString());
    }

    /// <summary>What an entry says a reader wants to see: when, the register number (or the organisation's BIN), and the published reason (null for record entries and events without one).</summary>
    public static LogEntrySummary Summarize(byte[] data)
    {
        using var json = JsonDocument.Parse(data);
        var root = json.RootElement;
        var at = DateTime.Parse(root.GetProperty("at").GetString() ?? "", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        var system = root.GetProperty("system");
        var number = system.ValueKind == JsonValueKind.Object ? system.GetProperty("register_number").GetString() : null;
        var bin = root.TryGetProperty("organisation", out var organisation) && organisation.ValueKind == JsonValueKind.Object ? organisation.GetProperty("bin").GetString() : null;
        var organisationName = bin is null ? null : organisation.GetProperty("name").GetString();
        var e = root.GetProperty("event");
        var reason = e.ValueKind == JsonValueKind.Object && e.TryGetProperty("reason", out var r) ? r.GetString() : null;
        var signature = e.ValueKind == JsonValueKind.Object && e.TryGetProperty("signature_sha256", out var s) ? s.GetString() : null;
        return new LogEntrySummary(at, number, reason) { Bin = bin, OrganisationName = organisationName, SignatureSha256 = signature };
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
public sealed record LogEntrySummary(DateTime At, string? RegisterNumber, string? Reason)
{
    /// <summary>The organisation's BIN, for an organisation's event.</summary>
    public string? Bin { get; init; }

    /// <summary>The organisation's name as logged, for an organisation's event.</summary>
    public string? OrganisationName { get; init; }

    /// <summary>SHA-256 of the signature over a signed act (a decision), when the event carries one.</summary>
    public string? SignatureSha256 { get; init; }
}

/// <summary>What an entry is about: its kind, the system or the organisation, the event and the record hash.</summary>
public sealed record LogEntryIds(string Kind, Guid? SystemId, Guid? OrganisationId, Guid? EventId, string? RecordHash);
