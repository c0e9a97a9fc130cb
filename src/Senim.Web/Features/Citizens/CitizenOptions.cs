using Senim.Registry.Citizens;

namespace Senim.Web.Features.Citizens;

/// <summary>
/// Senim:Citizens — citizens' requests (docs/citizens.md): the register's rules (<see cref="CitizenSettings"/>: retention,
/// the per-address limit), the background job's interval, and the public form's flood protection (ADR 0025).
/// </summary>
public sealed class CitizenOptions
{
    /// <summary>Days after closing until a kind's personal data is erased, by kind code (objection, data-request, ...); a kind left out keeps the default.</summary>
    public Dictionary<string, int> RetentionDays { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Open requests one e-mail address may have filed in the last 24 hours.</summary>
    public int MaxOpenPerEmailPerDay { get; set; } = new CitizenSettings().MaxOpenPerEmailPerDay;

    /// <summary>Minutes between runs of the job that escalates overdue requests and erases expired personal data (0: off on this node).</summary>
    public int JobMinutes { get; set; } = 5;

    /// <summary>A form sent sooner than this many seconds after it was shown is refused (people read before they write).</summary>
    public int MinFormSeconds { get; set; } = 3;

    /// <summary>A form older than this many hours is refused (its text is kept on the page to send again).</summary>
    public int MaxFormHours { get; set; } = 12;

    /// <summary>Leading zero bits the proof-of-work stamp's SHA-256 must have (0: no proof of work asked).</summary>
    public int ProofOfWorkBits { get; set; } = 16;

    /// <summary>Requests one client may file per hour without a proof-of-work stamp (a browser with JavaScript off).</summary>
    public int PlainPerHour { get; set; } = 5;

    /// <summary>The register's settings these options give.</summary>
    public CitizenSettings Register()
    {
        var defaults = new CitizenSettings();
        var retention = new Dictionary<Registry.Model.CitizenRequestKind, int>(defaults.RetentionDays);
        foreach (var (code, days) in RetentionDays)
        {
            if (CitizenCodes.ParseKind(code) is { } kind)
            {
                retention[kind] = days;
            }
        }

        return new CitizenSettings { RetentionDays = retention, MaxOpenPerEmailPerDay = MaxOpenPerEmailPerDay };
    }

    /// <summary>Adds a line for every wrong value to <paramref name="problems"/> (the host does not start).</summary>
    public static void Check(CitizenOptions options, List<string> problems, Action<string, long, long, long> range)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(problems);
        ArgumentNullException.ThrowIfNull(range);
        foreach (var (code, days) in options.RetentionDays)
        {
            if (CitizenCodes.ParseKind(code) is null)
            {
                problems.Add($"Senim:Citizens:RetentionDays:{code} names no kind of request (use {string.Join(", ", CitizenCodes.Kinds.Select(k => k.Code()))}).");
            }
            else
            {
                range("Citizens:RetentionDays:" + code, days, 1, 3650);
            }
        }

        range("Citizens:MaxOpenPerEmailPerDay", options.MaxOpenPerEmailPerDay, 1, 1000);
        range("Citizens:JobMinutes", options.JobMinutes, 0, 24 * 60);
        range("Citizens:MinFormSeconds", options.MinFormSeconds, 0, 600);
        range("Citizens:MaxFormHours", options.MaxFormHours, 1, 7 * 24);
        range("Citizens:ProofOfWorkBits", options.ProofOfWorkBits, 0, 28);
        range("Citizens:PlainPerHour", options.PlainPerHour, 1, 1_000_000);
    }
}
