namespace Matching.Testing;

/// <summary>
/// The system clock moved to another moment, and moved on by the test (<see cref="Advance"/>): deadlines counted in
/// days are tested without waiting for them. Timers and delays run on real time, so background services keep working.
/// </summary>
public sealed class ShiftedClock(DateTimeOffset start) : TimeProvider
{
    private long offsetTicks = (start - DateTimeOffset.UtcNow).Ticks;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref offsetTicks, by.Ticks);

    /// <summary>Moves the clock to <paramref name="moment"/> (never backwards).</summary>
    public void AdvanceTo(DateTimeOffset moment)
    {
        var by = moment - GetUtcNow();
        if (by > TimeSpan.Zero)
            Advance(by);
    }
}
