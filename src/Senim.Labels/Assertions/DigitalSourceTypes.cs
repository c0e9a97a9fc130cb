namespace Senim.Labels.Assertions;

/// <summary>IPTC digital source type URIs (https://cv.iptc.org/newscodes/digitalsourcetype/) that Senim writes.</summary>
public static class DigitalSourceTypes
{
    /// <summary>Content created by a trained model (text-to-image and the like).</summary>
    public const string TrainedAlgorithmicMedia = "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia";

    /// <summary>Content that combines existing media with elements made by a trained model (AI edits).</summary>
    public const string CompositeWithTrainedAlgorithmicMedia = "http://cv.iptc.org/newscodes/digitalsourcetype/compositeWithTrainedAlgorithmicMedia";
}

/// <summary>Whether the labelled content was made by the AI system or is an existing asset it edited.</summary>
public enum ContentOrigin
{
    /// <summary>Generated from nothing: action c2pa.created, trainedAlgorithmicMedia.</summary>
    Created,

    /// <summary>An existing asset changed by the AI system: actions c2pa.opened (the asset as parentOf ingredient) and c2pa.edited, compositeWithTrainedAlgorithmicMedia.</summary>
    Edited,
}
