namespace Matching.Contracts;

/// <summary>日本時間: the product's days are Japan's (JST, UTC+9, no daylight saving), whatever the server's zone.</summary>
public static class JapanTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(9);

    /// <summary>The day in Japan at <paramref name="at"/>.</summary>
    public static DateOnly DayOf(DateTimeOffset at) => DateOnly.FromDateTime(at.ToOffset(Offset).DateTime);

    /// <summary>Today in Japan by <paramref name="clock"/>.</summary>
    public static DateOnly Today(TimeProvider clock) => DayOf(clock.GetUtcNow());
}
