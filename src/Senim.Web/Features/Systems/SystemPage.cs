using Microsoft.AspNetCore.Authorization;
using Senim.Web.Infrastructure;

namespace Senim.Web.Features.Systems;

/// <summary>Base of the system pages: signed-in users only, with the labels for codes in the reader's language.</summary>
[Authorize]
public abstract class SystemPage : RegistryPage
{
    public SystemLabels Labels => new(Texts, Lang);
}
