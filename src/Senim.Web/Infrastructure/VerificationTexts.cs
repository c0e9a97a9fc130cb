namespace Senim.Web.Infrastructure;

/// <summary>The words of an organisation's verification state and of a BIN dispute's state (texts in this folder's texts.yaml).</summary>
public static class VerificationTexts
{
    /// <summary>Unverified, verified by signature, verified by the supervisory body; <c>help</c> says what it means.</summary>
    public static TextTable<VerificationState> State { get; } = new("verification-state", VerificationStates.All, s => s.Code(), "help");

    public static TextTable<DisputeState> Dispute { get; } = TextTable.Of<DisputeState>("dispute-state");
}
