using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Matching.Candidates.Matches;
using Matching.Platform.Data;
using Matching.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Matching.Candidates.Tests.Matches;

/// <summary>
/// The in-memory pool the ranking scans is never behind the database: every change committed before a ranking (a new
/// registration, a correction, a pause, a withdrawn consent, an erasure) is in it, on this replica and on another one that
/// shares the database (a second pool over the same database, as a second process would hold).
/// </summary>
public sealed class PoolFreshnessTests(EmbeddedProductFixture fixture) : IClassFixture<EmbeddedProductFixture>
{
    [Fact]
    public async Task Each_ranking_sees_every_change_committed_before_it_on_every_replica()
    {
        var bank = await DataBank.CreateAsync(fixture, "fresh");
        var database = fixture.Product.Services.GetRequiredService<ServiceDatabase<CandidatesModule>>();
        using var otherReplica = new CandidatePool(database);
        async Task<Guid> RegisterAsync(string name, params string[] skills)
        {
            var profile = DataBank.Profile(name, "テスト", $"{Guid.NewGuid():N}@example.jp");
            profile["skills"] = new JsonArray([.. skills.Select(s => (JsonNode)s)]);
            profile["employmentForms"] = new JsonArray("fullTime");
            var id = await bank.RegisterAsync(profile);
            await bank.ConsentAsync(id, "program");
            return id;
        }
        async Task<List<Guid>> RankedAsync()
        {
            var response = await bank.Coordinator.PostAsJsonAsync($"/api/programs/{bank.Program}/candidates/matches", new
            {
                requiredSkills = new[] { "営業", "海外展開", "DX推進" }, employmentForm = "fullTime", prefectureCode = "13",
            });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            return [.. body.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("candidateId").GetGuid())];
        }
        async Task<List<Guid>> OtherReplicaAsync()
        {
            var pool = await otherReplica.CurrentAsync(bank.Program, CancellationToken.None);
            var need = new NeedTerms(["sales", "overseas", "dx"], [], "fullTime", "13", null, "none", null, null);
            return [.. pool.Rank(need, new MatchWeights(), new DateOnly(2026, 12, 1), 20).Best.Select(b => b.Id)];
        }

        var one = await RegisterAsync("一 スキル", "営業");
        var two = await RegisterAsync("二 スキル", "営業", "海外展開");
        Assert.Equal([two, one], await RankedAsync());
        Assert.Equal([two, one], await OtherReplicaAsync());

        // A new registration, and a correction that gives the first every skill.
        var three = await RegisterAsync("三 スキル", "営業", "海外展開", "DX推進");
        var corrected = DataBank.Profile("一 スキル", "テスト", $"{Guid.NewGuid():N}@example.jp");
        corrected["skills"] = new JsonArray("営業", "海外展開", "DX推進", "経理");
        corrected["employmentForms"] = new JsonArray("fullTime");
        corrected["version"] = 1;
        corrected["status"] = "active";
        var put = await bank.Coordinator.PutAsync($"/api/programs/{bank.Program}/candidates/{one}", DataBank.Json(corrected));
        Assert.True(put.StatusCode == HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
        var expected = new[] { one, three }.Order().Append(two).ToList();
        Assert.Equal(expected, await RankedAsync());
        Assert.Equal(expected, await OtherReplicaAsync());

        // A withdrawn consent takes the person out of the next ranking at once; so does an erasure.
        var consents = await bank.GetAsync($"/candidates/{three}");
        var consent = consents.GetProperty("consents").EnumerateArray().Single().GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await bank.PostAsync($"/candidates/{three}/consents/{consent}/withdraw", new JsonObject { ["reason"] = "本人の申出" })).StatusCode);
        Assert.Equal([one, two], await RankedAsync());
        Assert.Equal([one, two], await OtherReplicaAsync());
        Assert.Equal(HttpStatusCode.OK, (await bank.PostAsync($"/candidates/{one}/erasure", new JsonObject { ["reason"] = "request" }, client: bank.Office)).StatusCode);
        Assert.Equal([two], await RankedAsync());
        Assert.Equal([two], await OtherReplicaAsync());
    }
}
