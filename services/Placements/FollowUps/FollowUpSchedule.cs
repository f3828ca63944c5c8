using Matching.Platform.Data;
using Matching.Platform.Notifications;

namespace Matching.Placements.FollowUps;

/// <summary>定着 — the retention marks: still employed 6 and 12 months after the start.</summary>
internal static class Retention
{
    public static readonly int[] Marks = [6, 12];

    /// <summary>The day a mark is reached: the same day of the month, <paramref name="months"/> later (the month's last day if shorter).</summary>
    public static DateOnly MarkOf(DateOnly start, int months) => start.AddMonths(months);

    /// <summary>Whether every mark is decided by now: reached (the last one) or out of reach (the person left before it).</summary>
    public static bool Decided(DateOnly start, DateOnly? ended, DateOnly today) =>
        Marks.All(m => MarkOf(start, m) <= today || (ended is { } e && e < MarkOf(start, m)));
}

/// <summary>
/// アフターフォロー — the check-ins of a placement, scheduled when it is made: one for each of the program's months after the
/// start (default 1, 3, 6, 12), due on the first business day on or after that day, for the coordinator who follows the hire.
/// </summary>
internal static class FollowUpSchedule
{
    internal const string InsertSql = """
        INSERT INTO follow_ups (id, program, placement_id, month, due_on, coordinator_user_id, coordinator_name, status)
        VALUES (@id, @program, @placementId, @month, @dueOn, @coordinatorUserId, @coordinatorName, 'due')
        """;

    internal const string CancelAllSql = "UPDATE follow_ups SET status = 'cancelled' WHERE placement_id = @placementId AND status = 'due'";

    internal const string CancelAfterSql = "UPDATE follow_ups SET status = 'cancelled' WHERE placement_id = @placementId AND status = 'due' AND due_on > @after";

    public static DateOnly DueOn(DateOnly start, int month, BusinessCalendar calendar)
    {
        var day = start.AddMonths(month);
        while (!calendar.IsBusinessDay(day))
            day = day.AddDays(1);
        return day;
    }

    public static async Task ScheduleAsync(DatabaseTransaction tx, string program, Guid placementId, DateOnly start, IReadOnlyList<int> months,
        Guid? coordinatorUserId, string? coordinatorName, CancellationToken ct)
    {
        await tx.ExecuteAsync(InsertSql, months.Order().Select(month => new
        {
            id = Guid.CreateVersion7(), program, placementId, month, dueOn = DueOn(start, month, BusinessCalendar.Default), coordinatorUserId, coordinatorName,
        }).ToList(), ct);
    }

    /// <summary>Cancels the check-ins still due: all of them (a cancelled placement), or those due after the person left.</summary>
    public static Task CancelFromAsync(DatabaseTransaction tx, Guid placementId, DateOnly? after, CancellationToken ct) =>
        after is { } day
            ? tx.ExecuteAsync(CancelAfterSql, new { placementId, after = day }, ct)
            : tx.ExecuteAsync(CancelAllSql, new { placementId }, ct);
}
