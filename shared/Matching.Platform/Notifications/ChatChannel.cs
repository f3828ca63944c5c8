using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;

namespace Matching.Platform.Notifications;

/// <summary>
/// A messenger room the program's staff read (a Slack, Google Chat, Mattermost or Microsoft Teams channel), reached
/// through the incoming-webhook address its administrator created. Configuration section
/// <c>Matching:Chat:Rooms:{name}</c>: <c>Url</c>, <c>Format</c> (<c>slack</c>: <c>{"text": …}</c>, which Slack, Google
/// Chat, Mattermost and Rocket.Chat take; <c>teams</c>: an Adaptive Card for a Teams Workflows webhook) and
/// <c>Programs</c> (the programs whose staff notices it gets; none listed means every program).
/// </summary>
public sealed record ChatRoom(string Name, Uri Url, string Format, IReadOnlyList<string> Programs)
{
    public bool Hears(string program) => Programs.Count == 0 || Programs.Contains(program, StringComparer.Ordinal);
}

/// <summary>The rooms configured under <c>Matching:Chat:Rooms</c>; none unless an operator sets them.</summary>
public sealed class ChatRooms
{
    private readonly Dictionary<string, ChatRoom> rooms;

    public ChatRooms(IEnumerable<ChatRoom> rooms) => this.rooms = rooms.ToDictionary(r => r.Name, StringComparer.Ordinal);

    public bool Any => rooms.Count > 0;

    public ChatRoom? this[string name] => rooms.GetValueOrDefault(name);

    /// <summary>The rooms that get the staff notices of <paramref name="program"/>.</summary>
    public IEnumerable<ChatRoom> Of(string program) => rooms.Values.Where(r => r.Hears(program)).OrderBy(r => r.Name, StringComparer.Ordinal);

    /// <summary>Reads the rooms; a room with a missing or non-HTTP(S) address or an unknown format stops the start with its name.</summary>
    public static ChatRooms FromConfiguration(IConfiguration section)
    {
        var rooms = new List<ChatRoom>();
        foreach (var room in section.GetChildren())
        {
            if (!Uri.TryCreate(room["Url"], UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http"))
                throw new InvalidOperationException($"Matching:Chat:Rooms:{room.Key}:Url must be the room's absolute http(s) webhook address.");
            var format = (room["Format"] ?? ChatChannel.SlackFormat).Trim().ToLowerInvariant();
            if (format is not (ChatChannel.SlackFormat or ChatChannel.TeamsFormat))
                throw new InvalidOperationException($"Matching:Chat:Rooms:{room.Key}:Format is slack or teams, not '{format}'.");
            var programs = room.GetSection("Programs").GetChildren().Select(p => p.Value).OfType<string>().Where(p => p.Length > 0).ToList();
            rooms.Add(new ChatRoom(room.Key, url, format, programs));
        }
        return new ChatRooms(rooms);
    }
}

/// <summary>
/// The <c>chat</c> channel: posts a notification to the room its recipient names (<see cref="ChatRooms"/>). Registered
/// only when a room is configured, so the product posts nowhere it was not told to.
/// </summary>
public sealed class ChatChannel(ChatRooms rooms, HttpClient http) : INotificationChannel
{
    public const string ChannelName = "chat";
    public const string SlackFormat = "slack";
    public const string TeamsFormat = "teams";

    public string Name => ChannelName;

    public async Task SendAsync(QueuedNotification notification, CancellationToken ct)
    {
        // A room removed from the configuration after its notice was queued: nobody can ever be told through it.
        var room = rooms[notification.Recipient]
            ?? throw new NotificationRejectedException($"The chat room '{notification.Recipient}' is not configured (Matching:Chat:Rooms).");
        using var response = await http.PostAsJsonAsync(room.Url, Payload(room.Format, notification), ct);
        if (response.IsSuccessStatusCode)
            return;
        var status = (int)response.StatusCode;
        // A 4xx other than timeout and rate limit means the address or the message is wrong: retrying cannot help.
        if (status is >= 400 and < 500 && response.StatusCode is not (HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests))
            throw new NotificationRejectedException($"The chat room '{room.Name}' refused the message: {status}");
        throw new HttpRequestException($"The chat room '{room.Name}' answered {status}", null, response.StatusCode);
    }

    internal static JsonObject Payload(string format, QueuedNotification notification)
    {
        var text = notification.Link is null
            ? $"{notification.Subject}\n{notification.Body.TrimEnd()}"
            : $"{notification.Subject}\n{notification.Body.TrimEnd()}\n{notification.Link}";
        if (format != TeamsFormat)
            return new JsonObject { ["text"] = text };
        var body = new JsonArray
        {
            new JsonObject { ["type"] = "TextBlock", ["text"] = notification.Subject, ["weight"] = "Bolder", ["wrap"] = true },
            new JsonObject { ["type"] = "TextBlock", ["text"] = notification.Body.TrimEnd(), ["wrap"] = true },
        };
        var card = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = "1.4",
            ["body"] = body,
        };
        if (notification.Link is { } link)
            card["actions"] = new JsonArray { new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = "開く / Open", ["url"] = link } };
        return new JsonObject
        {
            ["type"] = "message",
            ["attachments"] = new JsonArray { new JsonObject { ["contentType"] = "application/vnd.microsoft.card.adaptive", ["content"] = card } },
        };
    }
}
