using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Matching.Platform.Webhooks;
using Matching.Testing;

namespace Matching.Coordinators.Tests.Referrals;

/// <summary>
/// A referral reaches the firm outside the product too: an e-mail to each contact through a real SMTP listener, and a
/// signed webhook to a real HTTP receiver of the firm's own system, verifiable with its secret, also across a rotation.
/// </summary>
public sealed class ReferralDeliveryTests
{
    [Fact]
    public async Task The_firm_gets_the_referral_by_mail_once_per_contact_and_by_signed_webhook_in_order()
    {
        await using var smtp = await SmtpListener.StartedAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var product = await EmbeddedProduct.StartAsync(
            "--Matching:Mail:Host", "127.0.0.1", "--Matching:Mail:Port", smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--Matching:Mail:From", "center@example.jp", "--Matching:Mail:FromName", "北海道プロフェッショナル人材センター", "--Matching:Mail:Security", "none",
            "--Matching:Notifications:PollInterval", "00:00:00.200", "--Matching:Webhooks:PollInterval", "00:00:00.200",
            "--Matching:Referrals:PublicAddress", "https://matching.example.jp/");
        var slice = product.Slice;
        const string program = "hokkaido";
        await slice.CreateProgramAsync(program, "北海道プロフェッショナル人材センター");
        using var office = await TestUsers.MemberAsync(product.Admin, program, "office");
        HttpResponseMessage registered = null!;
        await Poll.UntilAsync(async () =>
        {
            registered = await office.PostAsJsonAsync($"/api/programs/{program}/firms", new
            {
                name = "株式会社北海道キャリア", nameKana = "ホッカイドウキャリア", licenceNumber = "01-ユ-300123", areas = new[] { "01" },
                contacts = new[] { new { name = "佐藤", email = "sato@career.example.jp" }, new { name = "高橋", email = "takahashi@career.example.jp" } },
            });
            return registered.StatusCode != HttpStatusCode.NotFound;
        }, Slice.Eventually, "the program to be known by Coordinators");
        var firm = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        using var recruiter = await TestUsers.MemberAsync(product.Admin, program, "recruiter", firm: firm.ToString());
        using var stranger = await TestUsers.MemberAsync(product.Admin, program, "recruiter", firm: "よその人材株式会社");
        var hook = await recruiter.PutAsJsonAsync($"/api/programs/{program}/firms/{firm}/webhook", new { url = receiver.Url });
        Assert.Equal(HttpStatusCode.OK, hook.StatusCode);
        var secret = (await hook.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!;
        Assert.StartsWith("whsec_", secret);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/programs/{program}/firms/{firm}/webhook/deliveries")).StatusCode);
        await Problem.ReadAsync(await recruiter.PutAsJsonAsync($"/api/programs/{program}/firms/{firm}/webhook", new { url = "http://192.0.2.1/hooks" }), HttpStatusCode.BadRequest);

        var company = await slice.RegisterCompanyAsync(program, "株式会社北見精機", "キタミセイキ");
        var opened = await product.Client.PostAsJsonAsync($"/api/programs/{program}/companies/{company}/needs", new { role = "生産技術エンジニア", employmentForm = "fullTime" });
        var need = (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        HttpResponseMessage referred = null!;
        await Poll.UntilAsync(async () =>
        {
            referred = await product.Client.PostAsJsonAsync($"/api/programs/{program}/referrals", new { needId = need, firmIds = new[] { firm } });
            return referred.StatusCode == HttpStatusCode.Created;
        }, Slice.Eventually, "the need to be known by Coordinators");
        var referral = (await referred.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ids")[0].GetGuid();

        await Poll.UntilAsync(() => Task.FromResult(smtp.Received.Count >= 2 && receiver.Accepted.Count >= 1), Slice.Eventually, "the mail and the webhook");
        Assert.Equal(["sato@career.example.jp", "takahashi@career.example.jp"], smtp.Received.SelectMany(m => m.To.Mailboxes.Select(b => b.Address)).Order());
        var mail = smtp.Received.First();
        Assert.StartsWith("【取次のご依頼】生産技術エンジニア", mail.Subject);
        Assert.Contains($"https://matching.example.jp/p/{program}/referrals/{referral}", mail.TextBody);
        Assert.Contains("企業名は、承諾いただいた後に表示されます。", mail.TextBody);
        Assert.DoesNotContain("北見精機", mail.TextBody);
        var sent = receiver.Accepted[0];
        Assert.True(WebhookSignature.Verify(secret, sent.Id, sent.Timestamp, sent.Signature, sent.Body, DateTimeOffset.UtcNow));
        Assert.False(WebhookSignature.Verify(WebhookSignature.NewSecret(), sent.Id, sent.Timestamp, sent.Signature, sent.Body, DateTimeOffset.UtcNow));
        using (var body = JsonDocument.Parse(sent.Body))
        {
            Assert.Equal("referral.sent", body.RootElement.GetProperty("type").GetString());
            Assert.Equal(JsonValueKind.Null, body.RootElement.GetProperty("data").GetProperty("companyName").ValueKind);
        }

        // A new secret; the old one still signs during the overlap, so the firm's system can switch over without a gap.
        var rotated = await recruiter.PostAsJsonAsync($"/api/programs/{program}/firms/{firm}/webhook/rotate", new { overlapHours = 24 });
        var newSecret = (await rotated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!;
        (await recruiter.PostAsJsonAsync($"/api/programs/{program}/referrals/{referral}/accept", new { version = 1 })).EnsureSuccessStatusCode();
        await Poll.UntilAsync(() => Task.FromResult(receiver.Accepted.Count >= 2), Slice.Eventually, "the acceptance's webhook");
        var accepted = receiver.Accepted[1];
        Assert.True(WebhookSignature.Verify(newSecret, accepted.Id, accepted.Timestamp, accepted.Signature, accepted.Body, DateTimeOffset.UtcNow));
        Assert.True(WebhookSignature.Verify(secret, accepted.Id, accepted.Timestamp, accepted.Signature, accepted.Body, DateTimeOffset.UtcNow));
        using (var body = JsonDocument.Parse(accepted.Body))
        {
            Assert.Equal("referral.accepted", body.RootElement.GetProperty("type").GetString());
            Assert.Equal("株式会社北見精機", body.RootElement.GetProperty("data").GetProperty("companyName").GetString());
        }
        var log = await recruiter.GetFromJsonAsync<JsonElement>($"/api/programs/{program}/firms/{firm}/webhook/deliveries");
        Assert.Equal(2, log.GetProperty("total").GetInt32());
        Assert.Equal(2, smtp.Received.Count);
        Assert.Equal(0, receiver.Repeats);
    }
}
