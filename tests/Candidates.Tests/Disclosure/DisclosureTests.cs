using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DocumentFormat.OpenXml.Packaging;
using Matching.Testing;

namespace Matching.Candidates.Tests.Disclosure;

/// <summary>開示: the office gives a person their own record — profile, consents with history, provisions — and the audit log says so.</summary>
public sealed class DisclosureTests(EmbeddedProductFixture fixture) : IClassFixture<EmbeddedProductFixture>
{
    private EmbeddedProduct Product => fixture.Product;

    [Fact]
    public async Task The_person_is_given_their_profile_consents_with_withdrawals_and_every_provision_of_their_data()
    {
        var bank = await DataBank.CreateAsync(fixture, "disclose");
        var (firm, recruiter) = await bank.FirmAsync();
        var id = await bank.RegisterAsync();
        await bank.ConsentAsync(id, "program");
        var consent = await bank.ConsentAsync(id, "registeredFirms");
        var shared = $"/api/programs/{bank.Program}/candidates/{id}/shared";
        await Poll.UntilAsync(async () => !(await recruiter.GetFromJsonAsync<JsonElement>(shared)).GetProperty("anonymised").GetBoolean(),
            Slice.Eventually, "the firm's registration to reach Candidates");
        var withdrawn = await bank.PostAsync($"/candidates/{id}/consents/{consent}/withdraw", new JsonObject { ["reason"] = "本人の申出" });
        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);

        var disclosure = await bank.GetAsync($"/candidates/{id}/disclosure", bank.Office);
        var csv = await bank.Office.GetAsync($"/api/programs/{bank.Program}/candidates/{id}/disclosure.csv");
        var xlsx = await bank.Office.GetAsync($"/api/programs/{bank.Program}/candidates/{id}/disclosure.xlsx");

        Assert.Equal("鈴木 一郎", disclosure.GetProperty("profile").GetProperty("name").GetString());
        var consents = disclosure.GetProperty("profile").GetProperty("consents").EnumerateArray().ToList();
        Assert.Equal(["program", "registeredFirms"], consents.Select(c => c.GetProperty("recipient").GetString()));
        Assert.NotEqual(JsonValueKind.Null, consents[1].GetProperty("withdrawnAt").ValueKind);
        var provisions = disclosure.GetProperty("provisions").EnumerateArray().ToList();
        Assert.NotEmpty(provisions);
        Assert.All(provisions, p =>
        {
            Assert.Equal(firm, p.GetProperty("firmId").GetGuid());
            Assert.Equal(consent, p.GetProperty("consentId").GetGuid());
            Assert.Contains("email", p.GetProperty("items").EnumerateArray().Select(i => i.GetString()));
        });
        var file = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync());
        Assert.StartsWith("\uFEFF\"区分\",\"日時\",\"項目\",\"内容\"", file, StringComparison.Ordinal);
        Assert.Contains("\"登録内容\",\"\",\"氏名\",\"鈴木 一郎\"", file, StringComparison.Ordinal);
        Assert.Contains("\"登録内容\",\"\",\"メールアドレス\",\"ichiro.suzuki@example.jp\"", file, StringComparison.Ordinal);
        Assert.Contains("撤回", file, StringComparison.Ordinal);
        Assert.Contains($"\"第三者提供の記録\"", file, StringComparison.Ordinal);
        Assert.Contains(DataBank.FirmName, file, StringComparison.Ordinal);
        Assert.Contains($"同意ID: {consent}", file, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        using (var workbook = SpreadsheetDocument.Open(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()), false))
            Assert.Equal("保有個人データの開示", workbook.WorkbookPart!.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Single().Name!.Value);
        Assert.Equal(["csv", "page", "xlsx"], Details(id));
    }

    [Fact]
    public async Task Only_the_office_discloses_and_an_erased_person_has_nothing_left_to_disclose()
    {
        var bank = await DataBank.CreateAsync(fixture, "disclose");
        var (_, recruiter) = await bank.FirmAsync();
        var id = await bank.RegisterAsync();

        var byCoordinator = await bank.Coordinator.GetAsync($"/api/programs/{bank.Program}/candidates/{id}/disclosure");
        var byRecruiter = await recruiter.GetAsync($"/api/programs/{bank.Program}/candidates/{id}/disclosure.csv");
        var erased = await bank.PostAsync($"/candidates/{id}/erasure", new JsonObject { ["reason"] = "request" }, client: bank.Office);
        var afterErasure = await bank.Office.GetAsync($"/api/programs/{bank.Program}/candidates/{id}/disclosure");

        Assert.Equal(HttpStatusCode.Forbidden, byCoordinator.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byRecruiter.StatusCode);
        Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
        await Problem.ReadAsync(afterErasure, HttpStatusCode.NotFound);
        Assert.Empty(Details(id));
    }

    private List<string> Details(Guid id)
    {
        using var db = Product.OpenDatabase("candidates");
        using var command = db.CreateCommand();
        command.CommandText = "SELECT detail FROM audit_log WHERE action = 'personal-data-disclosed' AND target = $target ORDER BY detail";
        command.Parameters.AddWithValue("$target", $"candidate:{id}");
        using var reader = command.ExecuteReader();
        var details = new List<string>();
        while (reader.Read())
            details.Add(reader.GetString(0));
        return details;
    }
}
