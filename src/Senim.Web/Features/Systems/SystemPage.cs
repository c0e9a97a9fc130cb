namespace Senim.Web.Features.Systems;

/// <summary>Base of the system pages: signed-in users only.</summary>
[Authorize]
public abstract class SystemPage : RegistryPage;
