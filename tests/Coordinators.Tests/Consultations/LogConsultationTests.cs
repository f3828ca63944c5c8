using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Matching.Testing;

namespace Matching.Coordinators.Tests.Consultations;

public sealed class LogConsultationTests(EmbeddedProductFixture fixture) : IClassFixture<EmbeddedProductFixture>
{
    private EmbeddedProduct Product => fixture.Product;

    private (long Consultations, long Outbox) Written() =>
        (Product.Count("coordinators", "consultations"), Product.Count("coordinators", "outbox_messages"));

    [Fact]
    public async Task Logged_consultation_reads_back_with_its_channel_and_date()
    {
        var company = await fixture.Slice.RegisterCompanyAsync("demo");

        var id = await fixture.Slice.LogConsultationAsync("demo", company, new DateOnly(2025, 7, 1), "online");

        var consultation = await Product.Client.GetFromJsonAsync<JsonElement>($"/api/programs/demo/consultations/{id}");
        Assert.Equal("online", consultation.GetProperty("channel").GetString());
        Assert.Equal("2025-07-01", consultation.GetProperty("date").GetString());
        Assert.Equal(company, consultation.GetProperty("companyId").GetGuid());
    }

    [Fact]
    public async Task Company_unknown_to_the_program_is_refused_on_its_field_and_nothing_is_written()
    {
        var before = Written();

        var response = await fixture.Slice.PostConsultationAsync("demo", Guid.NewGuid(), new DateOnly(2025, 7, 1));

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("登録されていません", Assert.Single(problem.Errors["companyId"]));
        Assert.Equal(before, Written());
    }

    [Fact]
    public async Task Company_of_another_program_is_unknown_here()
    {
        await fixture.Slice.CreateProgramAsync("saitama", "埼玉県プロフェッショナル人材戦略拠点");
        var saitamaCompany = await fixture.Slice.RegisterCompanyAsync("saitama", "株式会社川越製作所", "カワゴエセイサクショ", null, "11", "112011");
        await fixture.Slice.LogConsultationAsync("saitama", saitamaCompany, new DateOnly(2025, 5, 1));

        var response = await fixture.Slice.PostConsultationAsync("demo", saitamaCompany, new DateOnly(2025, 7, 1));

        await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Unknown_channel_is_reported_on_the_channel_field()
    {
        var company = await fixture.Slice.RegisterCompanyAsync("demo");
        await fixture.Slice.LogConsultationAsync("demo", company, new DateOnly(2025, 7, 1));
        var before = Written();

        var response = await fixture.Slice.PostConsultationAsync("demo", company, new DateOnly(2025, 7, 1), channel: "fax");

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.Errors.ContainsKey("channel"));
        Assert.Equal(before, Written());
    }

    [Fact]
    public async Task Impossible_date_is_reported_on_the_date_field()
    {
        var response = await Product.Client.PostAsync("/api/programs/demo/consultations",
            new StringContent("{\"date\": \"2025-02-30\"}", Encoding.UTF8, "application/json"));

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.Errors.ContainsKey("date"));
    }

    [Fact]
    public async Task Missing_fields_get_field_errors()
    {
        var before = Written();

        var response = await Product.Client.PostAsJsonAsync("/api/programs/demo/consultations", new { notes = "メモ" });

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(["channel", "companyId", "coordinators", "date"], problem.Errors.Keys.Order());
        Assert.Equal(before, Written());
    }

    [Fact]
    public async Task Unknown_program_is_404()
    {
        var response = await fixture.Slice.PostConsultationAsync("nowhere", Guid.NewGuid(), new DateOnly(2025, 7, 1));

        await Problem.ReadAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Empty_body_is_refused()
    {
        var response = await Product.Client.PostAsync("/api/programs/demo/consultations",
            new StringContent("", Encoding.UTF8, "application/json"));

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.Errors);
    }
}
