using Microsoft.AspNetCore.Authorization;
using Senim.Web.Infrastructure;

namespace Senim.Web.Features.Systems;

/// <summary>Base of the system pages: signed-in users only.</summary>
[Authorize]
public abstract class SystemPage : RegistryPage;
