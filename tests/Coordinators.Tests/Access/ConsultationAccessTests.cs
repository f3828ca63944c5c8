using System.Net;
using System.Net.Http.Json;
using Matching.Testing;

namespace Matching.Coordinators.Tests.Access;

/// <summary>Who may see and log a program's consultations: its coordinators log, its office reads, recruiters neither.</summary>
public sealed class ConsultationAccessTests(EmbeddedProductFixture fixture) : IClassFixture<EmbeddedProductFixture>
{
    private const string Forbidden = "この操作を行う権限がありません。";

    private EmbeddedProduct Product => fixture.Product;

    private Task<HttpClient> DemoUserAsync(string userName) => TestUsers.SignInAsync(Product.Address, userName, "matching-demo");

    private static object Consultation(Guid companyId) =>
        new { companyId, date = "2025-06-02", coordinators = new[] { "山田 太郎" }, channel = "visit", notes = "事業承継の相談" };

    private async Task<(Guid Company, Guid Consultation)> LoggedConsultationAsync()
    {
        var company = await fixture.Slice.RegisterCompanyAsync("demo", "株式会社十勝ファーム", "トカチファーム");
        return (company, await fixture.Slice.LogConsultationAsync("demo", company, new DateOnly(2025, 6, 1)));
    }

    [Fact]
    public async Task A_recruiter_of_the_program_can_neither_log_nor_read_consultations()
    {
        var (company, consultation) = await LoggedConsultationAsync();
        using var recruiter = await DemoUserAsync("recruiter");
        var consultations = Product.Count("coordinators", "consultations");

        var log = await recruiter.PostAsJsonAsync("/api/programs/demo/consultations", Consultation(company));
        var list = await recruiter.GetAsync("/api/programs/demo/consultations");
        var one = await recruiter.GetAsync($"/api/programs/demo/consultations/{consultation}");
        var voided = await recruiter.PostAsJsonAsync($"/api/programs/demo/consultations/{consultation}/void", new { reason = "誤登録", version = 1 });

        foreach (var response in new[] { log, list, one, voided })
            Assert.Equal(Forbidden, (await Problem.ReadAsync(response, HttpStatusCode.Forbidden)).Title);
        Assert.Equal(consultations, Product.Count("coordinators", "consultations"));
        Assert.Equal(0, Product.Count("coordinators", $"consultations WHERE id = '{consultation}' AND voided_at IS NOT NULL"));
    }

    [Fact]
    public async Task The_program_office_reads_consultations_but_does_not_log_or_void_them()
    {
        var (company, consultation) = await LoggedConsultationAsync();
        using var office = await DemoUserAsync("office");
        var consultations = Product.Count("coordinators", "consultations");

        var list = await office.GetAsync($"/api/programs/demo/consultations?companyId={company}");
        var one = await office.GetAsync($"/api/programs/demo/consultations/{consultation}");
        var log = await office.PostAsJsonAsync("/api/programs/demo/consultations", Consultation(company));
        var voided = await office.PostAsJsonAsync($"/api/programs/demo/consultations/{consultation}/void", new { reason = "誤登録", version = 1 });

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Contains(consultation.ToString(), await list.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        Assert.Equal(Forbidden, (await Problem.ReadAsync(log, HttpStatusCode.Forbidden)).Title);
        Assert.Equal(Forbidden, (await Problem.ReadAsync(voided, HttpStatusCode.Forbidden)).Title);
        Assert.Equal(consultations, Product.Count("coordinators", "consultations"));
        Assert.Equal(1, Product.Count("coordinators", "audit_log WHERE action = 'refused' AND user_name = 'office' AND target = 'POST /api/programs/demo/consultations'"));
    }

    [Fact]
    public async Task A_coordinator_of_another_program_is_told_the_program_does_not_exist()
    {
        var (company, consultation) = await LoggedConsultationAsync();
        var other = $"other-{Guid.NewGuid():N}"[..16];
        using var created = await Product.Admin.PostAsJsonAsync("/api/programs", new { slug = other, name = "別のセンター" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var outsider = await TestUsers.MemberAsync(Product.Admin, other, "coordinator", "main");
        var name = (await outsider.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/me")).GetProperty("userName").GetString();

        var list = await Problem.ReadAsync(await outsider.GetAsync("/api/programs/demo/consultations"), HttpStatusCode.NotFound);
        var one = await Problem.ReadAsync(await outsider.GetAsync($"/api/programs/demo/consultations/{consultation}"), HttpStatusCode.NotFound);
        var log = await Problem.ReadAsync(await outsider.PostAsJsonAsync("/api/programs/demo/consultations", Consultation(company)), HttpStatusCode.NotFound);

        Assert.All(new[] { list, one, log }, p => Assert.Equal("プログラム「demo」は登録されていません。", p.Title));
        Assert.Equal(3, Product.Count("coordinators", $"audit_log WHERE action = 'refused' AND program = 'demo' AND detail = 'not a member' AND user_name = '{name}'"));
    }
}
