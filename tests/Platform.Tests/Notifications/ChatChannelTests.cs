using System.Text.Json;
using Matching.Platform.Notifications;
using Matching.Testing;
using Microsoft.Extensions.Configuration;

namespace Matching.Platform.Tests.Notifications;

/// <summary>The chat channel: rooms from configuration only, each message in its room's format, to a real HTTP receiver.</summary>
public sealed class ChatChannelTests
{
    private static IConfiguration Rooms(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    private static QueuedNotification Notice(string room) => new()
    {
        Id = 1, NotificationId = Guid.NewGuid(), Program = "hokkaido", Channel = ChatChannel.ChannelName, Recipient = room,
        Subject = "【取次の回答】株式会社北海道キャリアが承諾しました：工場長", Body = "承諾しました。\n", Link = "https://matching.example.jp/p/hokkaido/referrals/1", Attempts = 0,
    };

    [Fact]
    public void No_room_is_configured_unless_an_operator_sets_one_and_a_bad_room_stops_the_start_with_its_name()
    {
        Assert.False(ChatRooms.FromConfiguration(Rooms()).Any);
        var missing = Assert.Throws<InvalidOperationException>(() => ChatRooms.FromConfiguration(Rooms(("office:Format", "slack"))));
        Assert.Contains("Matching:Chat:Rooms:office:Url", missing.Message);
        var ftp = Assert.Throws<InvalidOperationException>(() => ChatRooms.FromConfiguration(Rooms(("office:Url", "ftp://chat.example.jp/hook"))));
        Assert.Contains("office", ftp.Message);
        var format = Assert.Throws<InvalidOperationException>(() => ChatRooms.FromConfiguration(Rooms(("office:Url", "https://chat.example.jp/hook"), ("office:Format", "line"))));
        Assert.Contains("slack or teams", format.Message);

        var rooms = ChatRooms.FromConfiguration(Rooms(
            ("office:Url", "https://hooks.slack.example/T1"), ("office:Programs:0", "hokkaido"),
            ("all:Url", "https://chat.example.jp/all"), ("all:Format", "Teams")));
        Assert.Equal(["all", "office"], rooms.Of("hokkaido").Select(r => r.Name));
        Assert.Equal(["all"], rooms.Of("saitama").Select(r => r.Name));
        Assert.Equal("teams", rooms["all"]!.Format);
    }

    [Fact]
    public async Task Each_room_gets_its_format_and_a_refusing_or_unknown_room_is_a_permanent_failure()
    {
        await using var receiver = await HttpReceiver.StartAsync();
        var rooms = ChatRooms.FromConfiguration(Rooms(
            ("slack:Url", receiver.UrlOf("/slack")), ("teams:Url", receiver.UrlOf("/teams")), ("teams:Format", "teams")));
        using var http = new HttpClient();
        var channel = new ChatChannel(rooms, http);

        await channel.SendAsync(Notice("slack"), CancellationToken.None);
        await channel.SendAsync(Notice("teams"), CancellationToken.None);
        var posts = receiver.Requests.ToDictionary(r => r.Path);
        var slack = JsonDocument.Parse(posts["/slack"].Body).RootElement;
        Assert.Equal("【取次の回答】株式会社北海道キャリアが承諾しました：工場長\n承諾しました。\nhttps://matching.example.jp/p/hokkaido/referrals/1", slack.GetProperty("text").GetString());
        var teams = JsonDocument.Parse(posts["/teams"].Body).RootElement;
        Assert.Equal("message", teams.GetProperty("type").GetString());
        var card = teams.GetProperty("attachments")[0];
        Assert.Equal("application/vnd.microsoft.card.adaptive", card.GetProperty("contentType").GetString());
        Assert.Equal("AdaptiveCard", card.GetProperty("content").GetProperty("type").GetString());
        Assert.Equal("https://matching.example.jp/p/hokkaido/referrals/1", card.GetProperty("content").GetProperty("actions")[0].GetProperty("url").GetString());

        // A room taken out of the configuration after the notice was queued, and a room whose webhook was deleted (410):
        // retrying cannot help. A room that is briefly down (503) is tried again later.
        await Assert.ThrowsAsync<NotificationRejectedException>(() => channel.SendAsync(Notice("removed"), CancellationToken.None));
        receiver.AnswerStatus = 410;
        await Assert.ThrowsAsync<NotificationRejectedException>(() => channel.SendAsync(Notice("slack"), CancellationToken.None));
        receiver.AnswerStatus = 503;
        var later = await Assert.ThrowsAsync<HttpRequestException>(() => channel.SendAsync(Notice("slack"), CancellationToken.None));
        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, later.StatusCode);
    }
}
