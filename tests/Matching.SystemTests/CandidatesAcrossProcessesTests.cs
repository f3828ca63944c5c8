using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Matching.Platform.Auth;
using Matching.Testing;

namespace Matching.SystemTests;

/// <summary>The talent data bank as a process of its own over RabbitMQ, started after the program and its firms existed.</summary>
public sealed class CandidatesAcrossProcessesTests
{
    private const string Hokkaido = "hokkaido";

    private static readonly string[] QuickCatchUp = ["--Matching:History:AskAgainAfter", "00:00:02"];

    private static MatchingUser Member(string program, ProgramRole role, string? firm = null) => TestUsers.Member(program, role, firm);

    [Fact]
    public async Task Candidates_started_late_learns_the_program_and_the_firms_from_history_and_its_registrations_are_counted()
    {
        await using var product = await DistributedProduct.PrepareAsync();
        var programs = await product.StartServiceAsync("programs", null, QuickCatchUp);
        var coordinators = await product.StartServiceAsync("coordinators", null, QuickCatchUp);
        using var admin = await TestUsers.SignInAsync(programs.Address, TestUsers.Admin);
        await new Slice(admin, admin).CreateProgramAsync(Hokkaido, "北海道プロフェッショナル人材センター");
        using var registry = product.DirectClient(coordinators, Member(Hokkaido, ProgramRole.Office));
        var firms = new List<Guid>();
        foreach (var (name, licence) in new[] { ("北海道キャリア株式会社", "01-ユ-100001"), ("道東人材株式会社", "01-ユ-100002") })
        {
            HttpResponseMessage registered = null!;
            await Poll.UntilAsync(async () => (registered = await registry.PostAsJsonAsync($"/api/programs/{Hokkaido}/firms",
                new { name, nameKana = "ジンザイ", licenceNumber = licence })).StatusCode != HttpStatusCode.NotFound, Slice.Eventually, "Coordinators to know the program");
            Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
            firms.Add((await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        }
        var version = (await registry.GetFromJsonAsync<JsonElement>($"/api/programs/{Hokkaido}/firms/{firms[1]}")).GetProperty("registrationVersion").GetInt32();
        (await registry.PostAsJsonAsync($"/api/programs/{Hokkaido}/firms/{firms[1]}/status", new { status = "suspended", reason = "調査中", version }))
            .EnsureSuccessStatusCode();
        using var office = product.DirectClient(programs, Member(Hokkaido, ProgramRole.Office));
        (await office.PostAsJsonAsync($"/api/programs/{Hokkaido}/kpis", new
        {
            code = "data-bank", name = "人材データバンク登録者数", unit = "人", direction = "increase", source = "counted", countedKind = "candidate-registered",
            targets = new[] { new { kind = "yearly", fiscalYear = 2026, value = 100 } },
        })).EnsureSuccessStatusCode();

        // Candidates' first start: ProgramCreated and FirmRegistrationChanged come from the publishers' history.
        var candidates = await product.StartServiceAsync("candidates", null, QuickCatchUp);
        await Poll.UntilEqualAsync(() => Task.FromResult(product.Scalar("candidates",
                $"SELECT COUNT(*) FROM firms WHERE program = '{Hokkaido}' AND ((id = '{firms[0]}' AND status = 'registered') OR (id = '{firms[1]}' AND status = 'suspended'))")),
            2L, Slice.Eventually, $"Candidates' copy of the firms; {product.Logs()}");
        // The program comes from Programs' history, the firms from Coordinators': either may arrive first.
        await Poll.UntilEqualAsync(() => Task.FromResult(product.Scalar("candidates", $"SELECT COUNT(*) FROM programs WHERE slug = '{Hokkaido}'")),
            1L, Slice.Eventually, $"Candidates' copy of the program; {product.Logs()}");
        using var coordinator = product.DirectClient(candidates, Member(Hokkaido, ProgramRole.Coordinator));
        var registeredCandidate = await coordinator.PostAsJsonAsync($"/api/programs/{Hokkaido}/candidates", new
        {
            name = "鈴木 一郎", nameKana = "スズキ イチロウ", prefectureCode = "13", skills = new[] { "えいぎょう" }, employmentForms = new[] { "sideJob" },
        });
        Assert.True(registeredCandidate.StatusCode == HttpStatusCode.Created, await registeredCandidate.Content.ReadAsStringAsync());
        var id = (await registeredCandidate.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        object Consent(Guid firm) => new { purpose = "introduction", recipient = "firm", firmId = firm, textVersion = "2025-04", method = "written" };

        var toRegistered = await coordinator.PostAsJsonAsync($"/api/programs/{Hokkaido}/candidates/{id}/consents", Consent(firms[0]));
        var toSuspended = await coordinator.PostAsJsonAsync($"/api/programs/{Hokkaido}/candidates/{id}/consents", Consent(firms[1]));
        using var recruiter = product.DirectClient(candidates, Member(Hokkaido, ProgramRole.Recruiter, firms[0].ToString()));
        var shared = await recruiter.GetFromJsonAsync<JsonElement>($"/api/programs/{Hokkaido}/candidates/{id}/shared");

        Assert.Equal(HttpStatusCode.Created, toRegistered.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, toSuspended.StatusCode);
        Assert.Equal("鈴木 一郎", shared.GetProperty("name").GetString());
        Assert.Equal(1, product.Scalar("candidates", $"SELECT COUNT(*) FROM provisions WHERE candidate_id = '{id}' AND firm_id = '{firms[0]}'"));
        var fiscalYear = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(9)) is var now && now.Month >= 4 ? now.Year : now.Year - 1;
        await Poll.UntilEqualAsync(async () => string.Join(';', (await office.GetFromJsonAsync<JsonElement>(
                $"/api/programs/{Hokkaido}/kpis/data-bank/breakdown?fiscalYear={fiscalYear}&by=prefecture")).GetProperty("rows").EnumerateArray()
                .Select(r => $"{r.GetProperty("key").GetString()}={r.GetProperty("count").GetInt64()}")),
            "13=1", Slice.Eventually, $"the registration to be counted by Programs; {product.Logs()}");
    }
}
