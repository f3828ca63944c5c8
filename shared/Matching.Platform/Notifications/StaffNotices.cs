using Matching.Platform.Data;

namespace Matching.Platform.Notifications;

/// <summary>
/// Tells a program's staff of a change, in the change's transaction: an e-mail to each given address and a post to every
/// chat room configured for the program (<see cref="ChatRooms"/>). Code that tells staff calls this, so a messenger is
/// added by configuration, never by touching that code.
/// </summary>
public sealed class StaffNotices(ChatRooms rooms)
{
    /// <param name="occasion">Names the change (e.g. <c>referral-answer:{id}</c>): each recipient is told of it once.</param>
    /// <returns>How many notifications were queued now.</returns>
    public async Task<int> QueueAsync(DatabaseTransaction tx, string program, IEnumerable<string> emails, string subject, string body, Uri? link,
        string occasion, CancellationToken ct)
    {
        var queued = 0;
        foreach (var email in emails.Where(e => !string.IsNullOrWhiteSpace(e)).Select(e => e.Trim()).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (await tx.QueueNotificationAsync(new Notification(program, EmailChannel.ChannelName, email, subject, body, link,
                    $"{occasion}:{email.ToLowerInvariant()}"), ct))
                queued++;
        }
        foreach (var room in rooms.Of(program))
        {
            if (await tx.QueueNotificationAsync(new Notification(program, ChatChannel.ChannelName, room.Name, subject, body, link,
                    $"{occasion}:chat:{room.Name}"), ct))
                queued++;
        }
        return queued;
    }
}
