using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Matching.Testing;

namespace Matching.Candidates.Tests.Retention;

/// <summary>保存期間: what the data bank stops keeping when its time is up, with the program's clock moved on by years.</summary>
public sealed class RetentionSweepTests
{
    [Fact]
    public async Task Provisions_go_after_three_years_idle_candidates_after_the_programs_period_and_unconfirmed_self_registrations_after_their_link()
    {
        var start = new DateTimeOffset(2027, 4, 1, 10, 0, 0, TimeSpan.FromHours(9));
        var clock = new ShiftedClock(start);
        await using var product = await EmbeddedProduct.StartAsync(clock, "--Matching:Candidates:SweepInterval", "00:00:00.200");
        var bank = await DataBank.CreateAsync(product, "retain");
        string Where(string table, string condition) => $"{table} WHERE program = '{bank.Program}' AND {condition}";
        var (_, recruiter) = await bank.FirmAsync();
        var defaults = await bank.GetAsync("/candidates/retention", bank.Office);
        var refused = await bank.Office.PutAsJsonAsync($"/api/programs/{bank.Program}/candidates/retention", new { candidateYears = 0, version = 0 });
        var set = await bank.Office.PutAsJsonAsync($"/api/programs/{bank.Program}/candidates/retention", new { candidateYears = 2, version = 0 });
        var idle = await bank.RegisterAsync(DataBank.Profile("眠田 一郎", "ネムタ イチロウ", "idle@retain.example.jp"));
        var active = await bank.RegisterAsync(DataBank.Profile("活田 花子", "イクタ ハナコ", "active@retain.example.jp"));
        await bank.ConsentAsync(active, "registeredFirms");
        await Poll.UntilAsync(async () => !(await recruiter.GetFromJsonAsync<JsonElement>($"/api/programs/{bank.Program}/candidates/{active}/shared"))
            .GetProperty("anonymised").GetBoolean(), Slice.Eventually, "the firm to read the consented profile");
        var waiting = DataBank.Profile("未確認 太郎", "ミカクニン タロウ", "waiting@retain.example.jp");
        waiting["consentTextVersion"] = "self-2026-04";
        waiting["consentToProgram"] = true;
        var self = await bank.PostAsync("/candidates/self-registrations", waiting, client: product.Anonymous);

        Assert.Equal(JsonValueKind.Null, defaults.GetProperty("candidateYears").ValueKind);
        Assert.Equal(3, defaults.GetProperty("provisionYears").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, self.StatusCode);
        Assert.Equal(1, product.Count("candidates", "notifications WHERE recipient = 'waiting@retain.example.jp'"));

        // Its link was valid for a day: two days on, the waiting registration and its mail are gone; nobody else is.
        clock.Advance(TimeSpan.FromDays(2));
        await Poll.UntilAsync(() => Task.FromResult(product.Count("candidates", Where("self_registrations", "confirmed_at IS NULL")) == 0),
            Slice.Eventually, "the expired self-registration to go");
        Assert.Equal(0, product.Count("candidates", "notifications WHERE recipient = 'waiting@retain.example.jp'"));
        Assert.Equal(2, product.Count("candidates", Where("candidates", "1 = 1")));

        // A correction a year on is activity: the period starts again for that person only.
        clock.Advance(TimeSpan.FromDays(365));
        using var coordinator = await TestUsers.SignInAsync(product.Address, TestUsers.Staff);
        var current = await bank.GetAsync($"/candidates/{active}", coordinator);
        var update = DataBank.Profile("活田 花子", "イクタ ハナコ", "active@retain.example.jp");
        update["status"] = "paused";
        update["version"] = current.GetProperty("version").GetInt32();
        Assert.Equal(HttpStatusCode.OK, (await coordinator.PutAsync($"/api/programs/{bank.Program}/candidates/{active}", DataBank.Json(update))).StatusCode);

        clock.AdvanceTo(start.AddYears(2).AddDays(3));
        await Poll.UntilAsync(() => Task.FromResult(product.Count("candidates", Where("candidates", $"id = '{idle}'")) == 0),
            Slice.Eventually, "the idle candidate to be erased");
        Assert.Equal(1, product.Count("candidates", Where("erasures", $"candidate_id = '{idle}' AND reason = 'retention'")));
        Assert.Equal(1, product.Count("candidates", $"audit_log WHERE action = 'personal-data-erased' AND target = 'candidate:{idle}' AND detail = 'retention'"));
        Assert.Equal(1, product.Count("candidates", "outbox_messages WHERE message_type LIKE '%CandidateErased%'"));
        Assert.Equal(1, product.Count("candidates", Where("candidates", $"id = '{active}'")));
        Assert.True(product.Count("candidates", Where("provisions", $"candidate_id = '{active}'")) > 0);

        // Three years after the firm's read its record of provision goes; by then the other person is idle for two years too.
        clock.AdvanceTo(start.AddYears(3).AddDays(3));
        await Poll.UntilAsync(() => Task.FromResult(product.Count("candidates", Where("provisions", "1 = 1")) == 0),
            Slice.Eventually, "the provisions older than 3 years to go");
        await Poll.UntilAsync(() => Task.FromResult(product.Count("candidates", Where("candidates", "1 = 1")) == 0),
            Slice.Eventually, "the second candidate to be erased after its own period");
    }
}
