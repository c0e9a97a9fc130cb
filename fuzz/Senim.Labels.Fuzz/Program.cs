using SharpFuzz;
using Senim.Labels;
using Senim.Labels.Fuzz;
using Senim.Labels.Model;
using Senim.Labels.Trust;
using Senim.Labels.Validation;

if (args is ["--seed", var folder])
{
    Seeds.Write(folder);
    return;
}

// AFL++ drives this process through SharpFuzz: every input is validated as an asset (JPEG/PNG by content)
// and parsed as a sidecar store. A LabelException is an expected answer to bad input; any other exception,
// a hang or a crash is a finding. Instrumented code may only run inside Run, so the validator is made there.
LabelValidator? validator = null;
Fuzzer.OutOfProcess.Run(stream =>
{
    validator ??= new LabelValidator(TrustSettings.None);
    using var buffer = new MemoryStream();
    stream.CopyTo(buffer);
    var bytes = buffer.ToArray();
    validator.Validate(new MemoryStream(bytes));
    validator.ValidateSidecar(new MemoryStream(bytes), new MemoryStream(bytes));
    try
    {
        ManifestStore.Parse(bytes);
    }
    catch (LabelException)
    {
    }
});
