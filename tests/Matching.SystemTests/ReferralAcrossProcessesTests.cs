using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Matching.Testing;

namespace Matching.SystemTests;

/// <summary>取次 across separate processes on RabbitMQ: three firms, three answers (one by the deadline passing), handoffs counted once each way.</summary>
public sealed class ReferralAcrossProcessesTests
{
    [Fact]
    public async Task A_need_referred_to_three_firms_is_accepted_declined_and_expired_and_counted_once_each_way()
    {
        await using var product = await DistributedProduct.StartAsync();
        const string program = "tokachi";
        await product.Slice.CreateProgramAsync(program, "十勝プロフェッショナル人材センター");
        using var office = await TestUsers.MemberAsync(product.Admin, program, "office");
        foreach (var (code, kind) in new[] { ("handoffs", "handoff"), ("referred-needs", "handoff-need") })
        {
            (await office.PostAsJsonAsync($"/api/programs/{program}/kpis", new
            {
                code, name = "民間人材ビジネス事業者への取次件数", unit = "件", direction = "increase", source = "counted", countedKind = kind,
                targets = new[] { new { kind = "yearly", fiscalYear = 2026, value = 40 } },
            })).EnsureSuccessStatusCode();
        }
        var firms = new List<Guid>();
        var recruiters = new List<HttpClient>();
        foreach (var name in new[] { "株式会社帯広キャリア", "十勝人材サービス株式会社", "株式会社北海道エグゼクティブ" })
        {
            HttpResponseMessage registered = null!;
            await Poll.UntilAsync(async () =>
            {
                registered = await office.PostAsJsonAsync($"/api/programs/{program}/firms", new
                {
                    name, nameKana = "カブシキガイシャ", licenceNumber = $"01-ユ-{Random.Shared.Next(0, 999_999):000000}", areas = new[] { "01" },
                });
                return registered.StatusCode != HttpStatusCode.NotFound;
            }, Slice.Eventually, "the program to be known by Coordinators");
            var firm = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            firms.Add(firm);
            recruiters.Add(await TestUsers.MemberAsync(product.Admin, program, "recruiter", firm: firm.ToString()));
        }
        var company = await product.Slice.RegisterCompanyAsync(program, "株式会社十勝フーズ", "トカチフーズ");
        var opened = await product.Client.PostAsJsonAsync($"/api/programs/{program}/companies/{company}/needs", new { role = "工場長", employmentForm = "fullTime" });
        var need = (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        HttpResponseMessage referred = null!;
        await Poll.UntilAsync(async () =>
        {
            referred = await product.Client.PostAsJsonAsync($"/api/programs/{program}/referrals", new { needId = need, firmIds = firms });
            return referred.StatusCode == HttpStatusCode.Created;
        }, Slice.Eventually, "the need to be known by Coordinators");
        var ids = (await referred.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ids").EnumerateArray().Select(i => i.GetGuid()).ToList();

        // Each firm's inbox holds its own referral, and only that.
        for (var i = 0; i < 3; i++)
        {
            var inbox = await recruiters[i].GetFromJsonAsync<JsonElement>($"/api/programs/{program}/referrals");
            Assert.Equal([ids[i]], inbox.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetGuid()));
        }
        (await recruiters[0].PostAsJsonAsync($"/api/programs/{program}/referrals/{ids[0]}/accept", new { version = 1 })).EnsureSuccessStatusCode();
        (await recruiters[1].PostAsJsonAsync($"/api/programs/{program}/referrals/{ids[1]}/decline", new { reason = "noCapacity", version = 1 })).EnsureSuccessStatusCode();

        // Coordinators' clock moves past the deadline (five business days, whatever the weekends and holidays): the third expires.
        var coordinators = product.Coordinators[0];
        await coordinators.KillAsync();
        await coordinators.StartAgainAsync(product.ServiceSettings("coordinators", "--Matching:Clock:Offset", "21.00:00:00", "--Matching:Referrals:SweepInterval", "00:00:00.500"));
        await Poll.UntilAsync(async () =>
        {
            var all = await product.Client.GetFromJsonAsync<JsonElement>($"/api/programs/{program}/referrals?needId={need}");
            return all.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("status").GetString()).Order().SequenceEqual(["accepted", "declined", "expired"]);
        }, Slice.Eventually, "the coordinator to see accepted, declined and expired");

        async Task<(decimal?, decimal?)> CountsAsync()
        {
            var progress = await office.GetFromJsonAsync<JsonElement>($"/api/programs/{program}/kpis/progress?fiscalYear=2026");
            decimal? Actual(string code) => progress.GetProperty("kpis").EnumerateArray().First(k => k.GetProperty("code").GetString() == code)
                .GetProperty("lines")[0].GetProperty("actual") is { ValueKind: JsonValueKind.Number } a ? a.GetDecimal() : null;
            return (Actual("handoffs"), Actual("referred-needs"));
        }
        await Poll.UntilAsync(async () => await CountsAsync() == (3m, 1m), Slice.Eventually, "three handoffs of one need");

        // Every event delivered again (Programs asks for the whole history): nothing counts twice.
        await HostCommand.RunAsync(product.Folder, ["catch-up", "--service", "programs", .. product.ServiceSettings("programs").Skip(2)]);
        await Poll.UntilAsync(() => Task.FromResult(product.Scalar("programs", "SELECT COALESCE(SUM(duplicates), 0) FROM inbox_messages WHERE consumer = 'NeedReferredConsumer'") >= 3),
            Slice.Eventually, "the referrals to be delivered a second time");
        Assert.Equal((3m, 1m), await CountsAsync());
        Assert.Equal(3, product.Scalar("programs", "SELECT COUNT(*) FROM counted_events WHERE kind = 'handoff'"));
        Assert.Equal(1, product.Scalar("programs", "SELECT COUNT(*) FROM counted_events WHERE kind = 'handoff-need'"));
        // One referral stays accepted: the need stays 取次済.
        var needNow = await product.Client.GetFromJsonAsync<JsonElement>($"/api/programs/{program}/needs/{need}");
        Assert.Equal("referred", needNow.GetProperty("status").GetString());
        foreach (var recruiter in recruiters)
            recruiter.Dispose();
    }
}
