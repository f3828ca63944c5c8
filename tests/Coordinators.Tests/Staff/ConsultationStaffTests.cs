using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Matching.Testing;

namespace Matching.Coordinators.Tests.Staff;

/// <summary>担当コーディネーター are the program's coordinators, chosen by account; a name is a person only once.</summary>
public sealed class ConsultationStaffTests(EmbeddedProductFixture fixture) : IClassFixture<EmbeddedProductFixture>
{
    private EmbeddedProduct Product => fixture.Product;

    private Task<Guid> CoordinatorAsync(string displayName, string level) => fixture.Slice.AddCoordinatorAsync("demo", displayName, level);

    private async Task<HttpResponseMessage> LogAsync(Guid company, object coordinatorIds, string[] coordinators) =>
        await Product.Client.PostAsJsonAsync("/api/programs/demo/consultations", new
        {
            companyId = company, date = "2026-05-01", coordinatorIds, coordinators, channel = "visit",
        });

    [Fact]
    public async Task Coordinators_chosen_by_account_keep_their_order_and_a_name_of_one_of_them_is_not_a_second_person()
    {
        var main = await CoordinatorAsync($"北見 一郎{Random.Shared.Next(1000, 9999)}", "main");
        var mainName = (await Product.Client.GetFromJsonAsync<JsonElement>("/api/programs/demo/consultations/coordinators"))
            .EnumerateArray().Single(m => m.GetProperty("userId").GetGuid() == main).GetProperty("displayName").GetString()!;
        var sub = await CoordinatorAsync("網走 花子", "sub");
        var company = await fixture.Slice.RegisterCompanyAsync("demo");
        await fixture.Slice.LogConsultationAsync("demo", company, new DateOnly(2026, 4, 1));

        var response = await LogAsync(company, new[] { main, sub }, [mainName.Replace(' ', '　'), "外部 講師"]);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var read = await Product.Client.GetFromJsonAsync<JsonElement>($"/api/programs/demo/consultations/{id}");
        var staff = read.GetProperty("staff").EnumerateArray()
            .Select(p => (p.GetProperty("userId").ValueKind == JsonValueKind.Null ? (Guid?)null : p.GetProperty("userId").GetGuid(), p.GetProperty("name").GetString()))
            .ToList();
        Assert.Equal([(main, mainName), (sub, "網走 花子"), (null, "外部 講師")], staff);
        Assert.Equal([mainName, "網走 花子", "外部 講師"], read.GetProperty("coordinators").EnumerateArray().Select(c => c.GetString()));
    }

    [Fact]
    public async Task A_name_written_as_text_is_linked_to_the_coordinator_it_names_after_folding()
    {
        var sub = await CoordinatorAsync($"ｱﾊﾞｼﾘ 次郎{Random.Shared.Next(1000, 9999)}", "sub");
        var name = (await Product.Client.GetFromJsonAsync<JsonElement>("/api/programs/demo/consultations/coordinators"))
            .EnumerateArray().Single(m => m.GetProperty("userId").GetGuid() == sub).GetProperty("displayName").GetString()!;
        var company = await fixture.Slice.RegisterCompanyAsync("demo");
        await fixture.Slice.LogConsultationAsync("demo", company, new DateOnly(2026, 4, 1));

        var response = await LogAsync(company, Array.Empty<Guid>(), [name.Replace("ｱﾊﾞｼﾘ", "あばしり").Replace(' ', '　')]);

        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var read = await Product.Client.GetFromJsonAsync<JsonElement>($"/api/programs/demo/consultations/{id}");
        var person = Assert.Single(read.GetProperty("staff").EnumerateArray());
        Assert.Equal(sub, person.GetProperty("userId").GetGuid());
        Assert.Equal(name, person.GetProperty("name").GetString());
    }

    [Fact]
    public async Task An_account_that_is_not_a_coordinator_of_the_program_is_refused_on_its_field_and_nothing_is_written()
    {
        var company = await fixture.Slice.RegisterCompanyAsync("demo");
        await fixture.Slice.LogConsultationAsync("demo", company, new DateOnly(2026, 4, 1));
        var before = Product.Count("coordinators", "consultations");

        var response = await LogAsync(company, new[] { Guid.NewGuid() }, []);

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("コーディネーターから選んで", Assert.Single(problem.Errors["coordinatorIds"]));
        Assert.Equal(before, Product.Count("coordinators", "consultations"));
    }
}
