using System.Net;
using System.Net.Sockets;

namespace Senim.Web.Infrastructure.Hosting;

/// <summary>
/// Who a request comes from, as the rate limits and the sign-in throttle count it: the client's address (the
/// forwarded one when the request came through a trusted proxy, <see cref="ProxyHosting"/>); an IPv6 client by its
/// /64 network, since one subscriber holds a whole /64 and could otherwise step round every limit.
/// </summary>
public static class ClientAddress
{
    /// <summary>The client's bucket: "192.0.2.7", "2001:db8:1:2::/64", or "unknown" when the server gave no address.</summary>
    public static string Key(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Key(context.Connection.RemoteIpAddress);
    }

    /// <inheritdoc cref="Key(HttpContext)"/>
    public static string Key(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
