using Senim.Registry.Organisations;

namespace Senim.Web.Features.Organisations;

/// <summary>The optional evidence file of a verification or a BIN dispute, as the register takes it (page and API alike).</summary>
internal static class EvidenceFile
{
    /// <summary>The upload of <paramref name="file"/> read from <paramref name="content"/> (its open stream), or null when no file was sent.</summary>
    public static Upload? Of(IFormFile? file, Stream? content) => file is null ? null : new Upload(file.FileName, file.Length, content!);
}
