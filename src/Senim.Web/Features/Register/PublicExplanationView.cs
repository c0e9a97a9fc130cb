namespace Senim.Web.Features.Register;

/// <summary>What the public explanation partial renders: the stored outcome, and the law set that gives it words.</summary>
public sealed record PublicExplanationView(PublicClassification Classification, LawLibrary Law);
