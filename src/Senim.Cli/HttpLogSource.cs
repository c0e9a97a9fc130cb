using System.Net;
using Senim.Ledger;
using Senim.Ledger.Tiles;

namespace Senim.Cli;

/// <summary>A tiled log served over HTTP(S) under a URL prefix; reads are asynchronous, bounded and time out.</summary>
internal sealed class HttpLogSource(Uri prefix, HttpClient client) : ILogSource
{
    private readonly string _prefix = prefix.AbsoluteUri.TrimEnd('/') + "/";

    public async ValueTask<byte[]?> ReadAsync(string path, int maxBytes, CancellationToken cancellationToken = default)
    {
        var url = _prefix + path;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
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

            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            var buffer = new byte[maxBytes + 1];
            var total = 0;
            int read;
            while (total < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken)) > 0)
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
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new LedgerException(LedgerError.Missing, $"{url}: timed out.");
        }
        catch (IOException ex)
        {
            throw new LedgerException(LedgerError.Missing, $"{url}: {ex.Message}");
        }
    }
}
