using Senim.Labels.Assertions;

namespace Senim.Labels.Signing;

/// <summary>What to say in a new label: the Senim assertion, whether the content was created or edited, and its title and media type.</summary>
public sealed record LabelRequest
{
    /// <summary>The registered system and the law article.</summary>
    public required SenimAssertion Senim { get; init; }

    /// <summary>Created (default) or Edited.</summary>
    public ContentOrigin Origin { get; init; } = ContentOrigin.Created;

    /// <summary>dc:title of the claim, usually the file name.</summary>
    public string Title { get; init; } = "asset";

    /// <summary>The media type of the asset, e.g. image/jpeg; used for an edited asset's ingredient.</summary>
    public string MediaType { get; init; } = "application/octet-stream";

    /// <summary>The claim generator's name.</summary>
    public string GeneratorName { get; init; } = "Senim";

    /// <summary>The claim generator's version.</summary>
    public string GeneratorVersion { get; init; } = typeof(LabelRequest).Assembly.GetName().Version?.ToString(3) ?? "1.0.0";
}

/// <summary>What signing produced: the manifest's label and the store's size.</summary>
public sealed record SignResult(string ManifestLabel, int StoreLength, IReadOnlyList<string> Notes);
