namespace Senim.Ledger;

/// <summary>
/// One step a verifier took, with what went in and what came out, so that a page or a command can show the
/// whole recomputation. <see cref="Ok"/> is false for the step that failed (verification stops there).
/// </summary>
public sealed record VerificationStep(string Title, IReadOnlyList<StepValue> Inputs, IReadOnlyList<StepValue> Outputs, bool Ok);

/// <summary>A named value in a <see cref="VerificationStep"/> (hashes in hex, sizes in decimal).</summary>
public sealed record StepValue(string Name, string Value);
