using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Matching.Testing;

namespace Matching.Placements.Tests;

/// <summary>
/// After the hire: an overdue follow-up reaches its coordinator by mail once; the week's list comes as CSV and as a
/// calendar; grants are recorded with the placement; the firm's own system hears of its introduction's stages by webhook.
/// </summary>
public sealed class FollowUpTests
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(9));

    [Fact]
    public async Task An_overdue_follow_up_reaches_the_coordinator_once_and_the_list_comes_as_csv_and_calendar()
    {
        await using var smtp = await SmtpListener.StartedAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var product = await EmbeddedProduct.StartAsync(
            "--Matching:Mail:Host", "127.0.0.1", "--Matching:Mail:Port", smtp.Port.ToString(CultureInfo.InvariantCulture),
            "--Matching:Mail:From", "center@example.jp", "--Matching:Mail:Security", "none",
            "--Matching:Notifications:PollInterval", "00:00:00.200", "--Matching:Webhooks:PollInterval", "00:00:00.200",
            "--Matching:Placements:SweepInterval", "00:00:00.300");
        var flow = await HiringFlow.CreateAsync(product.Admin, product.Client, "overdue");
        await HiringFlow.EnsureAsync(await product.Client.PutAsJsonAsync("/api/me/notifications", new { email = "yamada@center.example.jp" }));
        var hook = await flow.Recruiter.PutAsJsonAsync($"/api/programs/{flow.Program}/firms/{flow.FirmId}/webhook", new { url = receiver.Url });
        await HiringFlow.EnsureAsync(hook);

        var company = await flow.CompanyAsync("株式会社紋別食品", "モンベツショクヒン", "012190");
        var need = await flow.NeedAsync(company, "工場長");
        await flow.ReferAndAcceptAsync(need);
        var introduction = await flow.IntroduceAsync(need, await flow.CandidateAsync());
        // Started 40 days ago: the 1-month follow-up is overdue.
        var made = await flow.PlaceAsync(introduction, Today.AddDays(-45), Today.AddDays(-40));
        var placement = made.GetProperty("id").GetGuid();

        await Poll.UntilAsync(() => Task.FromResult(smtp.Received.Any(m => (m.Subject ?? "").Contains("フォロー期限超過", StringComparison.Ordinal))),
            Slice.Eventually, "the overdue notice by mail");
        var notice = smtp.Received.Single(m => (m.Subject ?? "").Contains("フォロー期限超過", StringComparison.Ordinal));
        Assert.Equal("yamada@center.example.jp", notice.To.Mailboxes.Single().Address);
        Assert.Contains("株式会社紋別食品", notice.Subject, StringComparison.Ordinal);
        Assert.Contains("1 か月フォロー", notice.TextBody ?? "", StringComparison.Ordinal);
        // The sweep keeps running: the notice is not sent again.
        await Task.Delay(1_500);
        Assert.Single(smtp.Received, m => (m.Subject ?? "").Contains("フォロー期限超過", StringComparison.Ordinal));

        var due = await product.Client.GetFromJsonAsync<JsonElement>($"/api/programs/{flow.Program}/follow-ups/due");
        var overdue = Assert.Single(due.GetProperty("overdue").EnumerateArray());
        Assert.Equal(1, overdue.GetProperty("month").GetInt32());
        Assert.Equal("株式会社紋別食品", overdue.GetProperty("companyName").GetString());
        var from = Today.AddDays(-35).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var to = Today.AddDays(330).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var csv = await product.Client.GetStringAsync($"/api/programs/{flow.Program}/follow-ups/export.csv?from={from}&to={to}");
        Assert.Contains("\"予定日\",\"時期\",\"企業\",\"職種\",\"入社日\",\"担当\",\"状況\",\"実施日\",\"在籍\"", csv, StringComparison.Ordinal);
        Assert.Equal(4, csv.Split('\n').Count(l => l.Contains("株式会社紋別食品", StringComparison.Ordinal)));
        Assert.Contains("期限超過", csv, StringComparison.Ordinal);
        using var calendar = await product.Client.GetAsync($"/api/programs/{flow.Program}/follow-ups/calendar.ics");
        Assert.Equal("text/calendar", calendar.Content.Headers.ContentType?.MediaType);
        var ics = await calendar.Content.ReadAsStringAsync();
        Assert.StartsWith("BEGIN:VCALENDAR\r\n", ics, StringComparison.Ordinal);
        Assert.Equal(4, ics.Split("BEGIN:VEVENT").Length - 1);
        Assert.Contains("SUMMARY:1か月フォロー：株式会社紋別食品（工場長）", ics, StringComparison.Ordinal);
        Assert.DoesNotContain("鈴木", ics, StringComparison.Ordinal);

        // A grant with the placement.
        await HiringFlow.EnsureAsync(await product.Client.PostAsJsonAsync($"/api/programs/{flow.Program}/placements/{placement}/grants",
            new { kind = "reviCareer", status = "applied", amountYen = 1_000_000, appliedOn = Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) }));
        await Problem.ReadAsync(await product.Client.PostAsJsonAsync($"/api/programs/{flow.Program}/placements/{placement}/grants",
            new { kind = "lottery", status = "applied" }), HttpStatusCode.BadRequest);
        var details = await product.Client.GetFromJsonAsync<JsonElement>($"/api/programs/{flow.Program}/placements/{placement}");
        var grant = Assert.Single(details.GetProperty("grants").EnumerateArray());
        Assert.Equal("REVICareer 給付金", grant.GetProperty("kindLabel").GetString());
        Assert.Equal(1_000_000, grant.GetProperty("amountYen").GetInt64());

        // The firm's system heard of each step of its introduction, in order, and nothing names the person.
        static bool OfIntroduction(WebhookReceiver.Received r) => r.Body.Contains("\"type\":\"introduction.", StringComparison.Ordinal);
        await Poll.UntilAsync(() => Task.FromResult(receiver.Accepted.Count(OfIntroduction) >= 5), Slice.Eventually, "the introduction's webhooks");
        var types = receiver.Accepted.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("type").GetString()).ToList();
        Assert.Equal(["introduction.introduced", "introduction.interview", "introduction.offer", "introduction.offerAccepted", "introduction.placed"],
            types.Where(t => t!.StartsWith("introduction.", StringComparison.Ordinal)));
        Assert.All(receiver.Accepted, r => Assert.DoesNotContain("鈴木", r.Body, StringComparison.Ordinal));
    }
}
