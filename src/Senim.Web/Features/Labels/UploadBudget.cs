namespace Senim.Web.Features.Labels;

/// <summary>
/// The bytes of label uploads a node holds in temporary files at once (Senim:Labels:MaxBytesInFlight). Anonymous
/// verification takes two files of up to the upload limit per request: without a bound, a few hundred parallel
/// requests fill the disk. An upload reserves its declared length before reading (or each chunk as it comes when the
/// length is not declared) and gives it back when disposed; past the budget the answer is 503 with Retry-After.
/// </summary>
public sealed class UploadBudget(long capacity)
{
    /// <summary>Seconds a refused client is asked to wait.</summary>
    public const int RetrySeconds = 30;

    private long _inFlight;

    public long Capacity { get; } = capacity;

    /// <summary>Bytes reserved now.</summary>
    public long InFlight => Interlocked.Read(ref _inFlight);

    /// <summary>Reserves <paramref name="bytes"/> when they fit the budget; false (and nothing reserved) when they do not.</summary>
    public bool TryReserve(long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        while (true)
        {
            var current = Interlocked.Read(ref _inFlight);
            if (current + bytes > Capacity)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _inFlight, current + bytes, current) == current)
            {
                return true;
            }
        }
    }

    public void Release(long bytes) => Interlocked.Add(ref _inFlight, -bytes);

    /// <summary>The 503 an upload gets when the budget is full; the caller's response carries Retry-After.</summary>
    internal BadHttpRequestException Full(HttpResponse response)
    {
        response.Headers.RetryAfter = RetrySeconds.ToString(CultureInfo.InvariantCulture);
        var full = new BadHttpRequestException(
            string.Create(CultureInfo.InvariantCulture, $"Senim is receiving as many files as it holds at once ({LabelUpload.Size(Capacity)}): try again in {RetrySeconds} seconds."),
            StatusCodes.Status503ServiceUnavailable);
        full.Data[Infrastructure.ProblemDetailsSetup.RetryAfterKey] = RetrySeconds;
        return full;
    }
}
