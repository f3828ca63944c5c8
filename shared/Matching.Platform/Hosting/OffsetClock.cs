namespace Matching.Platform.Hosting;

/// <summary>
/// The system clock run ahead by <c>Matching:Clock:Offset</c>: for a rehearsal (a training environment at the start of
/// next fiscal year) and for tests of deadlines across processes. Never set in production.
/// </summary>
public sealed class OffsetClock(TimeSpan offset) : TimeProvider
{
    public TimeSpan Offset { get; } = offset;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;
}
