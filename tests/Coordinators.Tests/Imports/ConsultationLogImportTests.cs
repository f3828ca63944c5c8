using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Matching.Testing;

namespace Matching.Coordinators.Tests.Imports;

/// <summary>An office's consultation log from a spreadsheet: companies named as the office names them, counted once imported.</summary>
public sealed class ConsultationLogImportTests(EmbeddedProductFixture fixture) : IClassFixture<EmbeddedProductFixture>
{
    private static readonly Encoding ShiftJis = CodePagesEncodingProvider.Instance.GetEncoding(932)!;

    private EmbeddedProduct Product => fixture.Product;

    private async Task<string> ProgramAsync()
    {
        var program = $"log-{Guid.NewGuid():N}"[..16];
        await fixture.Slice.CreateProgramAsync(program, "相談取込テスト");
        var company = await fixture.Slice.RegisterCompanyAsync(program, "株式会社オホーツク精機", "オホーツクセイキ", "7000012050002", "01", "012084");
        var other = await fixture.Slice.RegisterCompanyAsync(program, "十勝フーズ株式会社", "トカチフーズ", null, "01", "012076");
        // Coordinators knows a company once it has heard of it: logging succeeds then.
        await fixture.Slice.LogConsultationAsync(program, company, new DateOnly(2025, 4, 1));
        await fixture.Slice.LogConsultationAsync(program, other, new DateOnly(2025, 4, 1));
        return program;
    }

    private const string Log =
        "相談日,企業名,法人番号,担当,方法,経営課題,相談内容,次回対応,次回予定日\r\n" +
        "2025/5/12,,7000012050002,山田 太郎、鈴木 花子,訪問,販路開拓・事業承継,\"首都圏の商社, 営業責任者\",再訪問,2025/6/1\r\n" +
        "2025/6/3,十勝ﾌｰｽﾞ株式会社,,山田 太郎,電話,DX,\"生産管理の\r\nシステム化\",,\r\n" +
        "2025年7月1日,十勝フーズ株式会社,,佐藤 次郎,オンライン,,,,\r\n";

    private async Task<JsonElement> UploadAsync(string program, byte[] content) =>
        await (await Product.Client.PostAsync($"/api/programs/{program}/consultations/imports?fileName=log.csv", new ByteArrayContent(content)))
            .Content.ReadFromJsonAsync<JsonElement>();

    [Fact]
    public async Task A_shift_jis_log_imports_fully_and_every_row_is_counted()
    {
        var program = await ProgramAsync();
        await Poll.UntilEqualAsync(() => fixture.Slice.ConsultationCountAsync(program, 2025), 2L, Slice.Eventually, "the two first consultations");

        var import = await UploadAsync(program, ShiftJis.GetBytes(Log));

        Assert.True(import.GetProperty("check").GetProperty("errorCount").GetInt32() == 0, import.GetProperty("check").ToString());
        Assert.Equal(3, import.GetProperty("check").GetProperty("counts").GetProperty("registered").GetInt32());
        var commit = await Product.Client.PostAsJsonAsync(
            $"/api/programs/{program}/consultations/imports/{import.GetProperty("id").GetGuid()}/commit", new { version = 1 });
        Assert.Equal(HttpStatusCode.Accepted, commit.StatusCode);
        await Poll.UntilEqualAsync(() => fixture.Slice.ConsultationCountAsync(program, 2025), 5L, Slice.Eventually, "the imported consultations counted");
        var log = await Product.Client.GetFromJsonAsync<JsonElement>($"/api/programs/{program}/consultations?from=2025-05-12&to=2025-05-12");
        var first = Assert.Single(log.GetProperty("items").EnumerateArray());
        Assert.Equal(["山田 太郎", "鈴木 花子"], first.GetProperty("coordinators").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(["salesChannels", "succession"], first.GetProperty("issues").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("首都圏の商社, 営業責任者", first.GetProperty("notes").GetString());
    }

    [Fact]
    public async Task A_company_named_with_another_legal_form_is_the_registered_company()
    {
        var program = await ProgramAsync();
        var log = "相談日,企業名,担当,方法\r\n2025/8/1,(株)オホーツク精機,山田 太郎,訪問\r\n2025/8/2,㈱十勝フーズ,山田 太郎,電話\r\n";

        var import = await UploadAsync(program, Encoding.UTF8.GetBytes(log));

        Assert.True(import.GetProperty("check").GetProperty("errorCount").GetInt32() == 0, import.GetProperty("check").ToString());
        Assert.Equal(2, import.GetProperty("check").GetProperty("counts").GetProperty("registered").GetInt32());
    }

    [Fact]
    public async Task A_log_with_an_unknown_company_and_a_bad_channel_imports_nothing_and_says_where()
    {
        var program = await ProgramAsync();
        var bad = Log + "2025/8/1,知らない会社,,山田 太郎,手紙,,,,\r\n";
        var before = Product.Count("coordinators", "consultations");

        var import = await UploadAsync(program, Encoding.UTF8.GetBytes(bad));

        var errors = import.GetProperty("check").GetProperty("errors").EnumerateArray().ToList();
        Assert.All(errors, e => Assert.Equal(6, e.GetProperty("line").GetInt32()));
        Assert.Equal(["channel", "company"], errors.Select(e => e.GetProperty("field").GetString()).Order());
        var commit = await Product.Client.PostAsJsonAsync(
            $"/api/programs/{program}/consultations/imports/{import.GetProperty("id").GetGuid()}/commit", new { version = 1 });
        await Problem.ReadAsync(commit, HttpStatusCode.UnprocessableEntity);
        Assert.Equal(before, Product.Count("coordinators", "consultations"));
    }
}
