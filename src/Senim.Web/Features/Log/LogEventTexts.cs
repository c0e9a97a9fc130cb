using Senim.Registry.Log;

namespace Senim.Web.Features.Log;

/// <summary>
/// What happened, as a reader says it, for each kind of log entry: a table (not keys built from codes), so a test can
/// check that every kind the register logs has words in kk, ru and en, and an unknown kind shows as words too.
/// </summary>
public static class LogEventTexts
{
    /// <summary>The text for a kind the table does not name (a log written by a newer version).</summary>
    public const string Other = "log.happened.other";

    /// <summary>Entry kind → text key (the status or event words where they say the same).</summary>
    public static IReadOnlyDictionary<string, string> Happened { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["publication"] = "log.happened.publication",
        ["registration"] = "status.registered",
        ["conditions"] = "status.registered-with-conditions",
        ["refusal"] = "log.happened.refusal",
        ["suspension"] = "status.suspended",
        ["reinstatement"] = "workflow-event.reinstate",
        ["withdrawal"] = "log.happened.withdrawal",
        ["removal"] = "log.happened.removal",
        [RegisterLogEntry.Reclassification] = "log.happened.reclassification",
        [RegisterLogEntry.RecordUpdate] = "log.happened.record-update",
        [RegisterLogEntry.Backfill] = "log.happened.backfill",
        [RegisterLogEntry.OrganisationVerification] = "log.happened.organisation-verification",
        [RegisterLogEntry.BinTransfer] = "log.happened.bin-transfer",
        [TrustedListEvent.Entry] = "log.happened.trusted-list-entry",
        [TrustedListEvent.Removal] = "log.happened.trusted-list-removal",
    }.Concat(RegisterLogEntry.DecisionKinds.Select(k => KeyValuePair.Create(k, Enforcement.EnforcementTexts.PublicKind.Key(k)))).ToDictionary(StringComparer.Ordinal);

    /// <summary>The text key for what an entry of <paramref name="kind"/> says happened.</summary>
    public static string KeyOf(string kind) => Happened.GetValueOrDefault(kind, Other);
}
