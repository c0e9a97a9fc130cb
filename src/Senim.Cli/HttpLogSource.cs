using System.Net;
using Senim.Ledger;
using Senim.Ledger.Tiles;

namespace Senim.Cli;

/// <summary>A tiled log served over HTTP(S) under a URL prefix; reads are bounded and time out.</summary>
internal sealed class HttpLogSource(Uri prefix, HttpClient client) : ILogSource
{
    private readonly string _prefix = prefix.AbsoluteUri.TrimEnd('/') + "/";

    public byte[]? Read(string path, int maxBytes)
    {
        var url = _prefix + path;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            using var response = client.Send(request, HttpCompletionOption.ResponseHeadersRead);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new LedgerException(LedgerError.Missing, $"{url}: HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
            }

            if (response.Content.Headers.ContentLength > maxBytes)
            {
                throw new LedgerException(LedgerError.Malformed, $"{url}: {response.Content.Headers.ContentLength} bytes, oversize: larger than the {maxBytes} allowed.");
            }

            using var stream = response.Content.ReadAsStream();
            var buffer = new byte[maxBytes + 1];
            var total = 0;
            int read;
            while (total < buffer.Length && (read = stream.Read(buffer, total, buffer.Length - total)) > 0)
            {
                total += read;
            }

            if (total > maxBytes)
            {
                throw new LedgerException(LedgerError.Malformed, $"{url}: oversize: more than the {maxBytes} bytes allowed.");
            }

            return buffer[..total];
        }
        catch (HttpRequestException ex)
        {
            throw new LedgerException(LedgerError.Missing, $"{url}: {ex.Message}");
        }
        catch (TaskCanceledException)
        {
            throw new LedgerException(LedgerError.Missing, $"{url}: timed out.");
        }
        catch (IOException ex)
        {
            throw new LedgerException(LedgerError.Missing, $"{url}: {ex.Message}");
        }
    }
}
