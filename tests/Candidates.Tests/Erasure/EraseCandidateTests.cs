using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Matching.Testing;

namespace Matching.Candidates.Tests.Erasure;

public sealed class EraseCandidateTests(EmbeddedProductFixture fixture) : IClassFixture<EmbeddedProductFixture>
{
    private EmbeddedProduct Product => fixture.Product;

    /// <summary>A person of this test alone: values no other test writes, so a scan of every database finds only theirs.</summary>
    private static (JsonObject Profile, string[] Values) Person()
    {
        var n = Random.Shared.Next(1000, 9999);
        var reading = string.Concat(Enumerable.Range(0, 4).Select(_ => (char)Random.Shared.Next('ア', 'ン' + 1)));
        var (name, kana, email, phone) = ($"渡来 澄香{n}", $"トライ {reading}", $"sumika.{n}@erasure.example.jp", $"080-{n}-{n}");
        var profile = DataBank.Profile(name, kana, email);
        profile["phone"] = phone;
        return (profile, [name, kana, email, phone]);
    }

    [Fact]
    public async Task Erasure_removes_the_person_from_every_database_file_and_keeps_the_provision_record_under_the_id()
    {
        var bank = await DataBank.CreateAsync(fixture, "erase");
        var (firm, recruiter) = await bank.FirmAsync();
        var (profile, values) = Person();
        var id = await bank.RegisterAsync(profile);
        await bank.ConsentAsync(id, "registeredFirms");
        var shared = $"/api/programs/{bank.Program}/candidates/{id}/shared";
        await Poll.UntilAsync(async () => !(await recruiter.GetFromJsonAsync<JsonElement>(shared)).GetProperty("anonymised").GetBoolean(),
            Slice.Eventually, "the firm's registration to reach Candidates");
        var corrected = await bank.GetAsync($"/candidates/{id}");
        var update = JsonNode.Parse(profile.ToJsonString())!.AsObject();
        update.Remove("confirmNotDuplicate");
        update["status"] = "paused";
        update["version"] = corrected.GetProperty("version").GetInt32();
        var put = await bank.Coordinator.PutAsync($"/api/programs/{bank.Program}/candidates/{id}", DataBank.Json(update));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.NotEmpty(PersonalDataScan.Find(Product.DataDirectory, values));

        var erased = await bank.PostAsync($"/candidates/{id}/erasure", new JsonObject { ["reason"] = "request" }, client: bank.Office);
        var again = await bank.PostAsync($"/candidates/{id}/erasure", new JsonObject { ["reason"] = "request" }, client: bank.Office);
        var read = await bank.Coordinator.GetAsync($"/api/programs/{bank.Program}/candidates/{id}");
        var readByFirm = await recruiter.GetAsync(shared);
        var search = await bank.GetAsync("/candidates?q=" + Uri.EscapeDataString(values[0]));
        var record = (await bank.GetAsync($"/provisions?candidateId={id}", bank.Office)).GetProperty("items")[0];
        var csv = await bank.Office.GetStringAsync($"/api/programs/{bank.Program}/provisions/export.csv?candidateId={id}");

        Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, readByFirm.StatusCode);
        Assert.Equal(0, search.GetProperty("total").GetInt32());
        Assert.Equal(JsonValueKind.Null, record.GetProperty("candidateName").ValueKind);
        Assert.Equal(firm, record.GetProperty("firmId").GetGuid());
        Assert.Contains("email", record.GetProperty("items").EnumerateArray().Select(i => i.GetString()));
        Assert.Contains($"\"（消去済み）\",\"{id}\"", csv, StringComparison.Ordinal);
        Assert.Equal(1, Product.Count("candidates", $"erasures WHERE candidate_id = '{id}' AND reason = 'request'"));
        Assert.Equal(1, Product.Count("candidates", $"outbox_messages WHERE message_type LIKE '%CandidateErased%' AND body LIKE '%{id}%'"));
        Assert.Equal(1, Product.Count("candidates", $"audit_log WHERE action = 'personal-data-erased' AND target = 'candidate:{id}'"));
        Assert.Empty(PersonalDataScan.Find(Product.DataDirectory, values));
    }

    [Fact]
    public async Task Erasure_leaves_the_registration_counted()
    {
        var bank = await DataBank.CreateAsync(fixture, "erase-kpi");
        var (profile, _) = Person();
        var id = await bank.RegisterAsync(profile);
        await Poll.UntilEqualAsync(() => Task.FromResult(Product.Count("programs", $"counted_events WHERE source_id = '{id}'")), 1L,
            Slice.Eventually, "the registration to be counted");

        var erased = await bank.PostAsync($"/candidates/{id}/erasure", new JsonObject { ["reason"] = "retention" });
        // CandidateErased reaches Programs (its relay's delivery); the count of the registration stays.
        await Poll.UntilAsync(() => Task.FromResult(Product.Count("candidates", $"outbox_messages WHERE message_type LIKE '%CandidateErased%' AND body LIKE '%{id}%' AND sent_at IS NOT NULL") == 1),
            Slice.Eventually, "CandidateErased to be sent");

        Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
        Assert.Equal(1, Product.Count("programs", $"counted_events WHERE source_id = '{id}'"));
    }

    [Theory]
    [InlineData("{}", "消去の理由は request", "reason is request")]
    [InlineData("{\"reason\":null}", "消去の理由は request", "reason is request")]
    [InlineData("{\"reason\":\"forgotten\"}", "値の形式が正しくありません", "wrong format")]
    public async Task An_erasure_without_a_known_reason_is_refused_with_Japanese_and_English_messages(string body, string japanese, string english)
    {
        var bank = await DataBank.DemoAsync(fixture);
        var (profile, _) = Person();
        var id = await bank.RegisterAsync(profile);

        var ja = await Problem.ReadAsync(await bank.PostAsync($"/candidates/{id}/erasure", JsonNode.Parse(body)!), HttpStatusCode.BadRequest);
        var en = await Problem.ReadAsync(await bank.PostAsync($"/candidates/{id}/erasure", JsonNode.Parse(body)!, "en"), HttpStatusCode.BadRequest);

        Assert.Contains(japanese, string.Join(" ", ja.Errors["reason"]), StringComparison.Ordinal);
        Assert.Contains(english, string.Join(" ", en.Errors["reason"]), StringComparison.Ordinal);
        Assert.Equal(1, Product.Count("candidates", $"candidates WHERE id = '{id}'"));
    }

    [Fact]
    public async Task A_recruiter_may_not_erase_and_an_unknown_candidate_is_not_found()
    {
        var bank = await DataBank.CreateAsync(fixture, "erase-who");
        var (_, recruiter) = await bank.FirmAsync();
        var (profile, _) = Person();
        var id = await bank.RegisterAsync(profile);

        var byRecruiter = await bank.PostAsync($"/candidates/{id}/erasure", new JsonObject { ["reason"] = "request" }, client: recruiter);
        var unknown = await bank.PostAsync($"/candidates/{Guid.NewGuid()}/erasure", new JsonObject { ["reason"] = "request" });

        Assert.Equal(HttpStatusCode.Forbidden, byRecruiter.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(1, Product.Count("candidates", $"candidates WHERE id = '{id}'"));
    }
}
