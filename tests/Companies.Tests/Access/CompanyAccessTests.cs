using System.Net;
using System.Net.Http.Json;
using Matching.Testing;

namespace Matching.Companies.Tests.Access;

/// <summary>Who may see and register a program's companies: its coordinators register, its office reads, recruiters neither.</summary>
public sealed class CompanyAccessTests(EmbeddedProductFixture fixture) : IClassFixture<EmbeddedProductFixture>
{
    private const string Forbidden = "この操作を行う権限がありません。";

    private EmbeddedProduct Product => fixture.Product;

    private static object ValidCompany() => new
    {
        name = "株式会社網走フーズ",
        nameKana = "アバシリフーズ",
        prefectureCode = "01",
        municipalityCode = "012084",
    };

    private Task<HttpClient> DemoUserAsync(string userName) => TestUsers.SignInAsync(Product.Address, userName, "matching-demo");

    [Fact]
    public async Task A_recruiter_of_the_program_can_neither_register_nor_read_its_companies()
    {
        var company = await fixture.Slice.RegisterCompanyAsync("demo");
        using var recruiter = await DemoUserAsync("recruiter");
        var companies = Product.Count("companies", "companies");
        var refusals = Product.Count("companies", "audit_log WHERE action = 'refused' AND user_name = 'recruiter' AND program = 'demo'");

        var register = await recruiter.PostAsJsonAsync("/api/programs/demo/companies", ValidCompany());
        var list = await recruiter.GetAsync("/api/programs/demo/companies");
        var one = await recruiter.GetAsync($"/api/programs/demo/companies/{company}");
        var duplicates = await recruiter.GetAsync("/api/programs/demo/companies/duplicates?name=網走");

        foreach (var response in new[] { register, list, one, duplicates })
            Assert.Equal(Forbidden, (await Problem.ReadAsync(response, HttpStatusCode.Forbidden)).Title);
        Assert.Equal(companies, Product.Count("companies", "companies"));
        Assert.Equal(refusals + 4, Product.Count("companies", "audit_log WHERE action = 'refused' AND user_name = 'recruiter' AND program = 'demo'"));
    }

    [Fact]
    public async Task The_program_office_reads_companies_but_does_not_register_them()
    {
        var company = await fixture.Slice.RegisterCompanyAsync("demo");
        using var office = await DemoUserAsync("office");
        var companies = Product.Count("companies", "companies");

        var list = await office.GetAsync("/api/programs/demo/companies?pageSize=1");
        var one = await office.GetAsync($"/api/programs/demo/companies/{company}");
        var register = await office.PostAsJsonAsync("/api/programs/demo/companies", ValidCompany());

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        await Problem.ReadAsync(register, HttpStatusCode.Forbidden);
        Assert.Equal(companies, Product.Count("companies", "companies"));
    }

    [Fact]
    public async Task A_coordinator_of_another_program_is_told_the_program_does_not_exist()
    {
        var other = $"other-{Guid.NewGuid():N}"[..16];
        using var created = await Product.Admin.PostAsJsonAsync("/api/programs", new { slug = other, name = "別のセンター" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var outsider = await TestUsers.MemberAsync(Product.Admin, other, "coordinator", "main");

        var list = await Problem.ReadAsync(await outsider.GetAsync("/api/programs/demo/companies?pageSize=1"), HttpStatusCode.NotFound);
        var register = await Problem.ReadAsync(await outsider.PostAsJsonAsync("/api/programs/demo/companies", ValidCompany()), HttpStatusCode.NotFound);
        var unknown = await Problem.ReadAsync(await Product.Client.GetAsync("/api/programs/no-such-program/companies?pageSize=1"), HttpStatusCode.NotFound);

        Assert.Equal("プログラム「demo」は登録されていません。", list.Title);
        Assert.Equal(list.Title, register.Title);
        // Indistinguishable from a program that does not exist at all.
        Assert.Equal(unknown.Title.Replace("no-such-program", "demo", StringComparison.Ordinal), list.Title);
    }
}
