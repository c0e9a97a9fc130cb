namespace Senim.Web.Infrastructure.Signing;

/// <summary>
/// NCALayer, the signing application people in Kazakhstan have installed, listens on a local WebSocket. The pages that
/// offer it (the only pages with a script) let the browser connect there and nowhere else; without NCALayer or without
/// JavaScript the same page offers the challenge as a file and takes the signature as an upload or pasted Base64.
/// </summary>
public static class NcaLayer
{
    /// <summary>NCALayer's documented local address.</summary>
    public const string Address = "wss://127.0.0.1:13579";

    /// <summary>The module and method the script calls: a CAdES signature over Base64 data, detached.</summary>
    public const string Module = "kz.gov.pki.knca.commonUtils";

    /// <summary>Widens the page's Content-Security-Policy by one connection: the local NCALayer socket.</summary>
    public static void AllowOn(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Headers.ContentSecurityPolicy = "default-src 'self'; connect-src 'self' " + Address + "; img-src 'self' data:; style-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'";
    }
}
