using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Matching.Testing;

namespace Matching.Candidates.Tests.Profiles;

public sealed class RecruiterRegistrationTests(EmbeddedProductFixture fixture) : IClassFixture<EmbeddedProductFixture>
{
    private EmbeddedProduct Product => fixture.Product;

    [Fact]
    public async Task A_firm_registers_its_own_candidate_as_its_source_sees_it_in_full_and_other_firms_see_it_anonymised()
    {
        var bank = await DataBank.CreateAsync(fixture, "src");
        var (firm, recruiter) = await bank.FirmAsync();
        var (_, other) = await bank.FirmAsync("オホーツク人材サービス株式会社");
        var url = $"/api/programs/{bank.Program}/candidates";
        HttpResponseMessage registered = null!;
        // The firm's registration reaches Candidates from Coordinators a moment after it was made: until then, 403.
        await Poll.UntilAsync(async () => (registered = await recruiter.PostAsync(url, DataBank.Json(DataBank.Profile()))).StatusCode != HttpStatusCode.Forbidden,
            Slice.Eventually, "Candidates to know the firm");
        var id = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var record = await bank.GetAsync($"/candidates/{id}");
        var own = await recruiter.GetFromJsonAsync<JsonElement>($"{url}/{id}/shared");
        var ownList = await recruiter.GetFromJsonAsync<JsonElement>($"{url}/shared");
        var theirs = await other.GetStringAsync($"{url}/{id}/shared");

        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        Assert.Equal(firm, record.GetProperty("sourceFirmId").GetGuid());
        Assert.False(own.GetProperty("anonymised").GetBoolean());
        Assert.Equal("鈴木 一郎", own.GetProperty("name").GetString());
        Assert.True(ownList.GetProperty("items")[0].GetProperty("covered").GetBoolean());
        Assert.DoesNotContain("鈴木", theirs, StringComparison.Ordinal);
        Assert.DoesNotContain("ichiro.suzuki@example.jp", theirs, StringComparison.Ordinal);
        // The firm's own data shown back to it is no provision to a third party.
        Assert.Equal(0, Product.Count("candidates", $"provisions WHERE candidate_id = '{id}'"));
        using var connection = Product.OpenDatabase("candidates");
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT body FROM outbox_messages WHERE message_type LIKE '%CandidateRegistered%' AND body LIKE '%{id}%'";
        Assert.Contains(firm.ToString(), (string)command.ExecuteScalar()!, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_recruiter_whose_firm_the_program_has_not_registered_cannot_register_candidates()
    {
        var bank = await DataBank.CreateAsync(fixture, "nosrc");
        using var stranger = await TestUsers.MemberAsync(Product.Admin, bank.Program, "recruiter", firm: "未登録人材株式会社");
        var before = Product.Count("candidates", "candidates");

        var response = await stranger.PostAsync($"/api/programs/{bank.Program}/candidates", DataBank.Json(DataBank.Profile()));

        await Problem.ReadAsync(response, HttpStatusCode.Forbidden);
        Assert.Equal(before, Product.Count("candidates", "candidates"));
    }
}
