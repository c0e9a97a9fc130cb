using System.Collections.Concurrent;
using Senim.Law.Calendar;
using Senim.Registry.Services;

namespace Senim.Registry.Citizens;

/// <summary>
/// The deadlines of the active law set on Kazakhstan's working-day calendar (ADR 0024): the host gives the calendar
/// (<see cref="WorkingCalendar"/> loaded from the law folder and the operator's own); the periods follow the active set.
/// </summary>
public sealed class CaseClock(LawCatalog catalog, WorkingCalendar calendar)
{
    private readonly ConcurrentDictionary<Guid, DeadlineClock> _clocks = new();

    /// <summary>The clock of the active law set.</summary>
    public DeadlineClock Current => _clocks.GetOrAdd(catalog.ActiveSetId, _ => new DeadlineClock(catalog.Active.Packs.Select(p => p.Pack), calendar));
}
