using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Matching.Testing;

namespace Matching.Coordinators.Tests.Referrals;

/// <summary>
/// 回答期限: a referral nobody answers expires after the program's business days — weekends and public holidays (here 昭和の日
/// and Golden Week) do not count — with time moved, not waited for. (The clock goes forward from today: a session cookie
/// set at a moment already past would be dropped by the client.)
/// </summary>
public sealed class ReferralDeadlineTests
{
    [Fact]
    public async Task A_referral_sent_on_the_friday_before_golden_week_expires_after_five_business_days()
    {
        // Friday 23 April 2027, 10:00 in Japan.
        var clock = new ShiftedClock(new DateTimeOffset(2027, 4, 23, 10, 0, 0, TimeSpan.FromHours(9)));
        await using var product = await EmbeddedProduct.StartAsync(clock, "--Matching:Referrals:SweepInterval", "00:00:00.200");
        const string program = "deadline";
        await product.Slice.CreateProgramAsync(program, "期限テスト人材センター");
        using var office = await TestUsers.MemberAsync(product.Admin, program, "office");
        HttpResponseMessage registered = null!;
        await Poll.UntilAsync(async () =>
        {
            registered = await office.PostAsJsonAsync($"/api/programs/{program}/firms", new { name = "株式会社期限", nameKana = "キゲン", licenceNumber = "01-ユ-000777" });
            return registered.StatusCode != HttpStatusCode.NotFound;
        }, Slice.Eventually, "the program to be known by Coordinators");
        var firm = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var company = await product.Slice.RegisterCompanyAsync(program);
        var opened = await product.Client.PostAsJsonAsync($"/api/programs/{program}/companies/{company}/needs", new { role = "工場長", employmentForm = "fullTime" });
        var need = (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        HttpResponseMessage referred = null!;
        await Poll.UntilAsync(async () =>
        {
            referred = await product.Client.PostAsJsonAsync($"/api/programs/{program}/referrals", new { needId = need, firmIds = new[] { firm } });
            return referred.StatusCode == HttpStatusCode.Created;
        }, Slice.Eventually, "the need to be known by Coordinators");
        var answer = await referred.Content.ReadFromJsonAsync<JsonElement>();
        var referral = answer.GetProperty("ids")[0].GetGuid();

        // 4/26, 4/27, 4/28, (4/29 昭和の日), 4/30, (5/1–5/5 weekend, 憲法記念日, みどりの日, こどもの日), 5/6.
        Assert.Equal("2027-05-06", answer.GetProperty("deadline").GetString());
        var view = await product.Client.GetFromJsonAsync<JsonElement>($"/api/programs/{program}/referrals/{referral}");
        Assert.Equal(5, view.GetProperty("businessDaysLeft").GetInt32());

        // The last evening of the deadline: still open.
        clock.AdvanceTo(new DateTimeOffset(2027, 5, 6, 23, 0, 0, TimeSpan.FromHours(9)));
        using var coordinator = await TestUsers.SignInAsync(product.Address, TestUsers.Staff);
        await Task.Delay(1000);
        view = await coordinator.GetFromJsonAsync<JsonElement>($"/api/programs/{program}/referrals/{referral}");
        Assert.Equal("sent", view.GetProperty("status").GetString());
        Assert.Equal(0, view.GetProperty("businessDaysLeft").GetInt32());

        // Just after midnight it expires, and the need is open again.
        clock.AdvanceTo(new DateTimeOffset(2027, 5, 7, 0, 5, 0, TimeSpan.FromHours(9)));
        await Poll.UntilAsync(async () =>
            (await coordinator.GetFromJsonAsync<JsonElement>($"/api/programs/{program}/referrals/{referral}")).GetProperty("status").GetString() == "expired",
            Slice.Eventually, "the referral to expire");
        Assert.Equal(1, product.Count("coordinators", "outbox_messages WHERE message_type LIKE '%ReferralExpired%'"));
        await Poll.UntilAsync(async () =>
            (await coordinator.GetFromJsonAsync<JsonElement>($"/api/programs/{program}/needs/{need}")).GetProperty("status").GetString() == "open",
            Slice.Eventually, "the need to be open again");
        await Problem.ReadAsync(await coordinator.PostAsJsonAsync($"/api/programs/{program}/referrals/{referral}/withdraw", new { version = 1 }), HttpStatusCode.Conflict);
    }
}
