using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Matching.Testing;

namespace Matching.Coordinators.Tests.Referrals;

/// <summary>
/// The coordinator is told of every answer and expiry: by e-mail to the address they set on their account (through a
/// real SMTP listener) and in the program's chat room (a real HTTP receiver standing in for a Slack incoming webhook),
/// configured only; the referral code names neither.
/// </summary>
public sealed class ReferralAnswerNoticeTests
{
    [Fact]
    public async Task The_coordinator_hears_of_an_acceptance_a_decline_and_an_expiry_once_each_by_mail_and_in_the_chat_room()
    {
        // Monday 7 June 2027, 10:00 in Japan.
        var clock = new ShiftedClock(new DateTimeOffset(2027, 6, 7, 10, 0, 0, TimeSpan.FromHours(9)));
        await using var smtp = await SmtpListener.StartedAsync();
        await using var room = await HttpReceiver.StartAsync();
        const string program = "notices";
        await using var product = await EmbeddedProduct.StartAsync(clock,
            "--Matching:Mail:Host", "127.0.0.1", "--Matching:Mail:Port", smtp.Port.ToString(CultureInfo.InvariantCulture),
            "--Matching:Mail:From", "center@example.jp", "--Matching:Mail:Security", "none",
            "--Matching:Chat:Rooms:office:Url", room.UrlOf("/hooks/office"), "--Matching:Chat:Rooms:office:Programs:0", program,
            "--Matching:Chat:Rooms:elsewhere:Url", room.UrlOf("/hooks/elsewhere"),
            "--Matching:Chat:Rooms:elsewhere:Programs:0", "another-program",
            "--Matching:Notifications:PollInterval", "00:00:00.200", "--Matching:Referrals:SweepInterval", "00:00:00.200",
            "--Matching:Referrals:PublicAddress", "https://matching.example.jp/");
        await product.Slice.CreateProgramAsync(program, "通知テスト人材センター");
        using var office = await TestUsers.MemberAsync(product.Admin, program, "office");
        using var coordinator = await TestUsers.MemberAsync(product.Admin, program, "coordinator", level: "main");

        // The coordinator's own address; a malformed one is refused with the field named, in Japanese.
        var refused = await Problem.ReadAsync(await coordinator.PutAsJsonAsync("/api/me/notifications", new { email = "sato at example.jp" }), HttpStatusCode.BadRequest);
        Assert.Contains("メールアドレスの形式が正しくありません", refused.Errors["email"][0]);
        (await coordinator.PutAsJsonAsync("/api/me/notifications", new { email = "sato@center.example.jp" })).EnsureSuccessStatusCode();
        Assert.Equal("sato@center.example.jp", (await coordinator.GetFromJsonAsync<JsonElement>("/api/me/notifications")).GetProperty("email").GetString());

        var firms = new List<Guid>();
        foreach (var (name, kana, licence) in new[] { ("株式会社承諾", "ショウダク", "01-ユ-100001"), ("株式会社辞退", "ジタイ", "01-ユ-100002"), ("株式会社期限", "キゲン", "01-ユ-100003") })
        {
            HttpResponseMessage registered = null!;
            await Poll.UntilAsync(async () =>
            {
                registered = await office.PostAsJsonAsync($"/api/programs/{program}/firms", new { name, nameKana = kana, licenceNumber = licence });
                return registered.StatusCode != HttpStatusCode.NotFound;
            }, Slice.Eventually, "the program to be known by Coordinators");
            Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
            firms.Add((await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        }
        var company = await product.Slice.RegisterCompanyAsync(program);
        var opened = await coordinator.PostAsJsonAsync($"/api/programs/{program}/companies/{company}/needs", new { role = "品質保証責任者", employmentForm = "fullTime" });
        var need = (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        HttpResponseMessage referred = null!;
        await Poll.UntilAsync(async () =>
        {
            referred = await coordinator.PostAsJsonAsync($"/api/programs/{program}/referrals", new { needId = need, firmIds = firms });
            return referred.StatusCode == HttpStatusCode.Created;
        }, Slice.Eventually, "the need to be known by Coordinators");
        var referrals = (await referred.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ids").EnumerateArray().Select(e => e.GetGuid()).ToList();

        using var accepting = await TestUsers.MemberAsync(product.Admin, program, "recruiter", firm: firms[0].ToString());
        using var declining = await TestUsers.MemberAsync(product.Admin, program, "recruiter", firm: firms[1].ToString());
        (await accepting.PostAsJsonAsync($"/api/programs/{program}/referrals/{referrals[0]}/accept", new { version = 1 })).EnsureSuccessStatusCode();
        (await declining.PostAsJsonAsync($"/api/programs/{program}/referrals/{referrals[1]}/decline",
            new { version = 1, reason = "outOfArea", text = "道東は対応外です" })).EnsureSuccessStatusCode();
        await Poll.UntilAsync(() => Task.FromResult(smtp.Received.Count(m => (m.Subject ?? "").StartsWith("【取次の回答】", StringComparison.Ordinal)) >= 2),
            Slice.Eventually, "the two answers by mail");

        // Nobody answers the third: five business days later it expires (Monday 14 June 2027 is its last day).
        clock.AdvanceTo(new DateTimeOffset(2027, 6, 15, 0, 5, 0, TimeSpan.FromHours(9)));
        await Poll.UntilAsync(() => Task.FromResult(smtp.Received.Count(m => (m.Subject ?? "").StartsWith("【取次の", StringComparison.Ordinal)) >= 3 && room.Requests.Count >= 3),
            Slice.Eventually, "the expiry by mail and all three in the room");
        await Task.Delay(1500); // a repeat would have come by now: the dispatcher polls every 200 ms

        var told = smtp.Received.Where(m => (m.Subject ?? "").StartsWith("【取次の", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, told.Count);
        Assert.All(told, m => Assert.Equal("sato@center.example.jp", Assert.Single(m.To.Mailboxes).Address));
        var accepted = Assert.Single(told, m => (m.Subject ?? "") == "【取次の回答】株式会社承諾が承諾しました：品質保証責任者");
        Assert.Contains($"https://matching.example.jp/p/{program}/referrals/{referrals[0]}", accepted.TextBody);
        var declined = Assert.Single(told, m => (m.Subject ?? "") == "【取次の回答】株式会社辞退が辞退しました：品質保証責任者");
        Assert.Contains("辞退の理由: 対応地域外（道東は対応外です）", declined.TextBody);
        var expired = Assert.Single(told, m => (m.Subject ?? "") == "【取次の期限切れ】株式会社期限から回答がありませんでした：品質保証責任者");
        Assert.Contains("2027年6月7日の取次", expired.TextBody);

        // The room of this program got each notice once, as Slack's {"text": …}; the other program's room got nothing.
        var posts = room.Requests.ToList();
        Assert.Equal(3, posts.Count);
        Assert.All(posts, p => Assert.Equal("/hooks/office", p.Path));
        Assert.All(posts, p => Assert.StartsWith("application/json", p.ContentType));
        var texts = posts.Select(p => JsonDocument.Parse(p.Body).RootElement.GetProperty("text").GetString()!).ToList();
        Assert.Single(texts, t => t.StartsWith("【取次の回答】株式会社承諾が承諾しました", StringComparison.Ordinal));
        Assert.Single(texts, t => t.StartsWith("【取次の回答】株式会社辞退が辞退しました", StringComparison.Ordinal));
        Assert.Single(texts, t => t.StartsWith("【取次の期限切れ】株式会社期限", StringComparison.Ordinal) && t.Contains($"/referrals/{referrals[2]}", StringComparison.Ordinal));
        Assert.Equal(6, product.Count("programs", $"notifications WHERE program = '{program}' AND status = 'Sent'"));
    }
}
