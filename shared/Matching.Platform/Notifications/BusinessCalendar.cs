using System.Collections.Concurrent;
using System.Collections.Frozen;
using PublicHoliday;

namespace Matching.Platform.Notifications;

/// <summary>
/// 営業日 — the days a program's office works: not a Saturday or Sunday, not a national holiday of Japan, not one of the
/// program's closed days (the year-end closure 12/29–1/3 by default, plus any date the program adds).
/// Deadlines such as "answer within 5 business days" are counted with it.
/// </summary>
public sealed class BusinessCalendar
{
    /// <summary>Japan's holidays and the usual year-end closure, no program-specific day.</summary>
    public static BusinessCalendar Default { get; } = new();

    private readonly FrozenSet<DateOnly> closedDays;
    private readonly bool yearEndClosure;

    /// <param name="closedDays">Days the program's office is closed besides weekends, holidays and the year-end closure.</param>
    /// <param name="yearEndClosure">12/29–1/3 are closed (年末年始), as in government offices (行政機関の休日に関する法律 第1条).</param>
    public BusinessCalendar(IEnumerable<DateOnly>? closedDays = null, bool yearEndClosure = true)
    {
        this.closedDays = (closedDays ?? []).ToFrozenSet();
        this.yearEndClosure = yearEndClosure;
    }

    /// <summary>This calendar with more closed days (a program's own).</summary>
    public BusinessCalendar WithClosedDays(IEnumerable<DateOnly> days) => new(closedDays.Concat(days), yearEndClosure);

    public bool IsBusinessDay(DateOnly day) =>
        day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)
        && !IsPublicHoliday(day)
        && !(yearEndClosure && IsYearEnd(day))
        && !closedDays.Contains(day);

    /// <summary>
    /// The day N business days after <paramref name="start"/>: the deadline of something sent on <paramref name="start"/>
    /// with N business days to answer. The start itself is not counted (sent on Friday with 1 day: due Monday).
    /// A negative N counts backwards; 0 gives the start.
    /// </summary>
    public DateOnly AddBusinessDays(DateOnly start, int days)
    {
        var step = Math.Sign(days);
        var day = start;
        for (var left = Math.Abs(days); left > 0;)
        {
            day = day.AddDays(step);
            if (IsBusinessDay(day))
                left--;
        }
        return day;
    }

    /// <summary>
    /// Business days after <paramref name="from"/> up to and including <paramref name="to"/> (negative when to is earlier),
    /// so <c>BusinessDaysBetween(d, AddBusinessDays(d, n)) == n</c>.
    /// </summary>
    public int BusinessDaysBetween(DateOnly from, DateOnly to)
    {
        if (to < from)
            return -BusinessDaysBetween(to, from);
        var count = 0;
        for (var day = from.AddDays(1); day <= to; day = day.AddDays(1))
        {
            if (IsBusinessDay(day))
                count++;
        }
        return count;
    }

    /// <summary>A national holiday (国民の祝日), a substitute holiday (振替休日) or a citizens' holiday (国民の休日).</summary>
    public static bool IsPublicHoliday(DateOnly day) => HolidaysOf(day.Year).Contains(day);

    private static bool IsYearEnd(DateOnly day) => day is { Month: 12, Day: >= 29 } or { Month: 1, Day: <= 3 };

    private static readonly ConcurrentDictionary<int, FrozenSet<DateOnly>> Years = new();

    private static FrozenSet<DateOnly> HolidaysOf(int year) => Years.GetOrAdd(year, static y =>
    {
        // The package moves a holiday that falls on a Sunday to its substitute day (振替休日) itself.
        var days = new JapanPublicHoliday().PublicHolidays(y).Select(DateOnly.FromDateTime).ToHashSet();
        if (Corrections.TryGetValue(y, out var correction))
        {
            days.ExceptWith(correction.Removed);
            days.UnionWith(correction.Added);
        }

        // 国民の休日 (国民の祝日に関する法律 第3条第3項): a day between two holidays is a holiday too. The package lacks this
        // rule (it misses e.g. 2026-09-22 between 敬老の日 and 秋分の日). The law asks for two 国民の祝日 around it, not a
        // 振替休日; with today's holidays a substitute day is never one of the two, so the package's list serves.
        var sandwiched = days.Where(d => days.Contains(d.AddDays(2)) && !days.Contains(d.AddDays(1))).Select(d => d.AddDays(1)).ToList();
        days.UnionWith(sandwiched);
        return days.ToFrozenSet();
    });

    private sealed record Correction(DateOnly[] Removed, DateOnly[] Added);

    /// <summary>
    /// Holidays set by one-off laws, which the package's rules cannot know (内閣府「国民の祝日について」).
    /// A holiday added by a future law is given to a program as a closed day until the package knows it.
    /// </summary>
    private static readonly Dictionary<int, Correction> Corrections = new()
    {
        // 天皇の即位の日 5/1 and 即位礼正殿の儀の行われる日 10/22 (平成30年法律第99号); 4/30 and 5/2 follow as 国民の休日.
        // No 天皇誕生日 that year: 12/23 ended with the abdication, 2/23 began in 2020.
        [2019] = new([new(2019, 12, 23)], [new(2019, 5, 1), new(2019, 10, 22)]),
        // Tokyo 2020 (平成30年法律第57号): 海の日 7/23, スポーツの日 7/24, 山の日 8/10.
        [2020] = new([new(2020, 7, 20), new(2020, 8, 11), new(2020, 10, 12)], [new(2020, 7, 23), new(2020, 7, 24), new(2020, 8, 10)]),
        // Postponed Games (令和2年法律第68号): 海の日 7/22, スポーツの日 7/23, 山の日 8/8 (a Sunday, so 8/9 too).
        [2021] = new([new(2021, 7, 19), new(2021, 8, 11), new(2021, 10, 11)], [new(2021, 7, 22), new(2021, 7, 23), new(2021, 8, 8), new(2021, 8, 9)]),
    };
}
