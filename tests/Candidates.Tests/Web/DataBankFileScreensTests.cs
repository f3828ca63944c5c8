using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Matching.Testing;

namespace Matching.Candidates.Tests.Web;

/// <summary>The talent list import and the disclosure to the person, on the screens.</summary>
public sealed partial class DataBankFileScreensTests(EmbeddedProductFixture fixture) : IClassFixture<EmbeddedProductFixture>
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    [GeneratedRegex("name=\"version\" value=\"(\\d+)\"")]
    private static partial Regex Version();

    [Fact]
    public async Task A_coordinator_imports_a_talent_list_on_the_import_screens_and_sees_the_row_left_out()
    {
        var bank = await DataBank.CreateAsync(fixture, "webimp");
        await bank.RegisterAsync();
        var start = await bank.Coordinator.GetStringAsync($"/p/{bank.Program}/imports/new?kind=candidates");
        var list = "氏名,フリガナ,メールアドレス,居住地,希望雇用形態\r\n" +
                   "北川 結衣,キタガワ ユイ,yui.kitagawa@screen.example.jp,北海道,副業・兼業\r\n" +
                   "鈴木 一郎,スズキ イチロウ,ichiro.suzuki@example.jp,東京都,正社員\r\n";
        using var form = new MultipartFormDataContent
        {
            { new StringContent(Token().Match(start).Groups[1].Value), "__RequestVerificationToken" },
            { new StringContent("candidates"), "kind" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(list)), "file", "人材リスト.csv" },
        };

        var uploaded = await bank.Coordinator.PostAsync($"/p/{bank.Program}/imports/new", form);
        var checkPage = await uploaded.Content.ReadAsStringAsync();
        var importPath = uploaded.RequestMessage!.RequestUri!.AbsolutePath;
        var committed = await bank.Coordinator.PostAsync(importPath + "?handler=Commit", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token().Match(checkPage).Groups[1].Value, ["version"] = Version().Match(checkPage).Groups[1].Value,
        }));
        var done = "";
        await Poll.UntilAsync(async () => (done = await bank.Coordinator.GetStringAsync(importPath)).Contains("取込完了", StringComparison.Ordinal),
            TimeSpan.FromMinutes(1), "the import to finish");

        Assert.Contains("value=\"candidates\" checked=\"checked\"", start, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, uploaded.StatusCode);
        Assert.Matches($"^/p/{bank.Program}/imports/candidates/[0-9a-f-]{{36}}$", importPath);
        Assert.Contains("取り込まない行（重複の可能性）", checkPage, StringComparison.Ordinal);
        Assert.Contains("登録済みの「鈴木 一郎」と同じ方と思われる", checkPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, committed.StatusCode);
        Assert.Contains("登録者の一覧へ", done, StringComparison.Ordinal);
        Assert.Contains("北川 結衣", await bank.Coordinator.GetStringAsync($"/p/{bank.Program}/candidates"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_office_opens_the_printable_disclosure_from_the_candidates_record()
    {
        var bank = await DataBank.CreateAsync(fixture, "webdis");
        var id = await bank.RegisterAsync();
        await bank.ConsentAsync(id, "registeredFirms");

        var record = await bank.Office.GetStringAsync($"/p/{bank.Program}/candidates/{id}");
        var page = await bank.Office.GetStringAsync($"/p/{bank.Program}/candidates/{id}/disclosure");
        var byCoordinator = await bank.Coordinator.GetAsync($"/p/{bank.Program}/candidates/{id}/disclosure");

        Assert.Contains($"/p/{bank.Program}/candidates/{id}/disclosure", record, StringComparison.Ordinal);
        Assert.Contains("保有個人データの開示", page, StringComparison.Ordinal);
        Assert.Contains("ichiro.suzuki@example.jp", page, StringComparison.Ordinal);
        Assert.Contains("登録事業者全般への提供", page, StringComparison.Ordinal);
        Assert.Contains("事業者に提供した記録はありません", page, StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.OK, byCoordinator.StatusCode);
    }

    [Fact]
    public async Task The_office_sets_the_retention_period_on_its_screen_and_a_coordinator_only_reads_it()
    {
        var bank = await DataBank.CreateAsync(fixture, "webret");
        var page = $"/p/{bank.Program}/retention";
        var form = await bank.Office.GetStringAsync(page);

        var refused = await bank.Office.PostAsync(page, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token().Match(form).Groups[1].Value, ["version"] = "0", ["candidateYears"] = "99",
        }));
        var saved = await bank.Office.PostAsync(page, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token().Match(form).Groups[1].Value, ["version"] = "0", ["candidateYears"] = "5",
        }));
        var readOnly = await bank.Coordinator.GetStringAsync(page);

        Assert.Contains("提供から 3 年を過ぎると削除", form, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("保存期間は 1〜20 年", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Contains("保存期間を保存しました", await saved.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(5, (await bank.GetAsync("/candidates/retention")).GetProperty("candidateYears").GetInt32());
        Assert.Contains("value=\"5\"", readOnly, StringComparison.Ordinal);
        Assert.DoesNotContain("保存期間を保存する", readOnly, StringComparison.Ordinal);
    }
}
