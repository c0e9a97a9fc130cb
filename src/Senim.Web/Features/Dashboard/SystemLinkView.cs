namespace Senim.Web.Features.Dashboard;

/// <summary>A system's name as a link, with its status and tier badges (_SystemLink.cshtml).</summary>
public sealed record SystemLinkView(AiSystem System, string Href);
