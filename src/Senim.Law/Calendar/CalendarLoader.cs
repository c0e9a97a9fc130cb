using System.Globalization;
using System.Text.RegularExpressions;
using Senim.Law.Packs;
using Senim.Law.Texts;

namespace Senim.Law.Calendar;

/// <summary>Reads calendar years from YAML, strictly, collecting every problem with file and line.</summary>
internal static partial class CalendarLoader
{
    [GeneratedRegex(@"(^|/)(?<year>\d{4})\.yaml$")]
    private static partial Regex YearFile();

    public static WorkingCalendar Load(IEnumerable<string> folders)
    {
        ArgumentNullException.ThrowIfNull(folders);
        var files = new List<(string, string)>();
        var errors = new List<PackError>();
        foreach (var folder in folders)
        {
            if (!Directory.Exists(folder))
            {
                errors.Add(new PackError(PackErrorKind.MissingField, folder, 0, null, "the calendar folder does not exist"));
                continue;
            }

            foreach (var path in Directory.EnumerateFiles(folder, "*.yaml", SearchOption.TopDirectoryOnly).Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(folder.TrimEnd('/', '\\')) + "/" + Path.GetFileName(path);
                if (new FileInfo(path).Length > PackLoader.MaxFileBytes)
                {
                    errors.Add(new PackError(PackErrorKind.Syntax, name, 1, null, "the file is too large for a calendar year"));
                    continue;
                }

                files.Add((name, File.ReadAllText(path)));
            }
        }

        if (errors.Count > 0)
        {
            throw new CalendarLoadException(errors);
        }

        return FromFiles(files);
    }

    public static WorkingCalendar FromFiles(IEnumerable<(string Path, string Text)> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var errors = new List<PackError>();
        var years = new Dictionary<int, CalendarYear>();
        foreach (var (path, text) in files)
        {
            var before = errors.Count;
            var year = Read(path.Replace('\\', '/'), text, errors);
            if (year is not null && errors.Count == before)
            {
                years[year.Year] = year;
            }
        }

        if (errors.Count > 0)
        {
            throw new CalendarLoadException(errors);
        }

        return new WorkingCalendar([.. years.Values]);
    }

    private static CalendarYear? Read(string path, string text, List<PackError> errors)
    {
        var match = YearFile().Match(path);
        if (!match.Success)
        {
            errors.Add(new PackError(PackErrorKind.InvalidValue, path, 0, null, "a calendar file is named after its year, for example 2027.yaml"));
            return null;
        }

        if (PackLoader.ReadSingleRoot(path, text, "calendar", "a calendar file has one root key, 'calendar'", errors) is not { } r)
        {
            return null;
        }

        var country = r.RequiredString("country");
        var yearNumber = r.RequiredNumber("year");
        var fileYear = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
        var year = (int)yearNumber;
        if (yearNumber != fileYear)
        {
            r.Error(PackErrorKind.InvalidValue, r.Get("year"), $"'year' is {yearNumber.ToString(CultureInfo.InvariantCulture)} but the file is named {fileYear}.yaml");
            year = fileYear;
        }

        r.Id = year.ToString(CultureInfo.InvariantCulture);
        var status = r.Status();
        var sources = r.StringList("sources", required: true);
        var seen = new Dictionary<DateOnly, string>();
        void Claim(YamlNodeReader at, string key, DateOnly date, string what)
        {
            if (date == default)
            {
                return;
            }

            if (date.Year != year)
            {
                at.Error(PackErrorKind.InvalidValue, at.Get(key), $"{what} {Iso(date)} is not in {year}");
            }

            if (!seen.TryAdd(date, what))
            {
                at.Error(PackErrorKind.DuplicateId, at.Get(key), $"{Iso(date)} is listed twice (as {seen[date]} and as {what})");
            }
        }

        var holidays = r.MappingList("holidays", required: true).Select(h =>
        {
            var hr = new YamlNodeReader(h, path, errors, r.Id);
            var date = hr.RequiredDate("date");
            hr.Id = Iso(date);
            Claim(hr, "date", date, "a holiday");
            var name = hr.Text("name", required: true) ?? LocalizedText.Invariant("");
            var kindText = hr.RequiredString("kind");
            var kind = kindText switch
            {
                "state" => HolidayKind.State,
                "religious" => HolidayKind.Religious,
                _ => PackLoader.Invalid(hr, "kind", kindText, "state or religious", HolidayKind.State),
            };
            var holiday = new Holiday(date, name, kind, hr.OptionalStatus() ?? status);
            hr.RejectUnknownKeys();
            return holiday;
        }).ToList();
        var transfers = r.MappingList("transfers").Select(t =>
        {
            var tr = new YamlNodeReader(t, path, errors, r.Id);
            var working = tr.RequiredDate("working");
            var off = tr.RequiredDate("day_off");
            Claim(tr, "working", working, "a worked weekend day");
            Claim(tr, "day_off", off, "a transferred day off");
            if (working != default && working.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                tr.Error(PackErrorKind.InvalidValue, tr.Get("working"), $"'working' must be a Saturday or Sunday made a working day; {Iso(working)} is a {working.DayOfWeek}");
            }

            if (off != default && off.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            {
                tr.Error(PackErrorKind.InvalidValue, tr.Get("day_off"), $"'day_off' must be a weekday made free; {Iso(off)} is a {off.DayOfWeek}");
            }

            var transfer = new DayTransfer(working, off, tr.Text("reason", required: true) ?? LocalizedText.Invariant(""));
            tr.RejectUnknownKeys();
            return transfer;
        }).ToList();
        var daysOff = r.MappingList("days_off").Select(d =>
        {
            var dr = new YamlNodeReader(d, path, errors, r.Id);
            var date = dr.RequiredDate("date");
            Claim(dr, "date", date, "a day off");
            var dayOff = new ExtraDayOff(date, dr.Text("reason", required: true) ?? LocalizedText.Invariant(""));
            dr.RejectUnknownKeys();
            return dayOff;
        }).ToList();
        r.RejectUnknownKeys();
        return new CalendarYear(year, country, holidays, transfers, daysOff, sources, status, path);
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>Thrown when a calendar folder or file does not load; carries every problem found.</summary>
public sealed class CalendarLoadException : Exception
{
    /// <summary>Creates the exception from the problems found.</summary>
    public CalendarLoadException(IReadOnlyList<PackError> errors)
        : base("The working-day calendar does not load:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  " + e))) =>
        Errors = errors;

    /// <summary>Required by convention; carries no errors.</summary>
    public CalendarLoadException()
        : this([])
    {
    }

    /// <summary>Required by convention; carries no errors.</summary>
    public CalendarLoadException(string message)
        : base(message) => Errors = [];

    /// <summary>Required by convention; carries no errors.</summary>
    public CalendarLoadException(string message, Exception inner)
        : base(message, inner) => Errors = [];

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<PackError> Errors { get; }
}
