using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Senim.Web.Infrastructure;

/// <summary>The OpenAPI 3.1 document's metadata. Servers are left out so the committed copy does not depend on the host.</summary>
public static class OpenApiSetup
{
    public static void Configure(OpenApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "Senim API",
                Version = "v1",
                Description = "Classify AI systems under Kazakhstan's Law No. 230-VIII \"On Artificial Intelligence\" and the EU AI Act, with explained results. Errors are RFC 9457 problem details.",
                License = new OpenApiLicense { Name = "Apache-2.0" },
            };
            document.Servers = [];
            return Task.CompletedTask;
        });
    }
}
