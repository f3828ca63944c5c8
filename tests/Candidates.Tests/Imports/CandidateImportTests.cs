using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Matching.Testing;

namespace Matching.Candidates.Tests.Imports;

/// <summary>A talent list as an office keeps it, through the same import as the company list: rows checked, duplicates left out, consents as stated.</summary>
public sealed class CandidateImportTests(EmbeddedProductFixture fixture) : IClassFixture<EmbeddedProductFixture>
{
    private EmbeddedProduct Product => fixture.Product;

    private static byte[] Csv(string text) => Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text)).ToArray();

    private static Task<HttpResponseMessage> UploadAsync(DataBank bank, byte[] content, string language = "ja")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/programs/{bank.Program}/candidates/imports?kind=candidates&fileName=list.csv")
        {
            Content = new ByteArrayContent(content),
        };
        request.Headers.AcceptLanguage.ParseAdd(language);
        return bank.Coordinator.SendAsync(request);
    }

    private static async Task<JsonElement> CommitAndWaitAsync(DataBank bank, JsonElement import)
    {
        var id = import.GetProperty("id").GetGuid();
        var commit = await bank.Coordinator.PostAsJsonAsync($"/api/programs/{bank.Program}/candidates/imports/{id}/commit",
            new { version = import.GetProperty("version").GetInt32() });
        Assert.Equal(HttpStatusCode.Accepted, commit.StatusCode);
        JsonElement view = default;
        await Poll.UntilAsync(async () =>
        {
            view = await bank.GetAsync($"/candidates/imports/{id}");
            return view.GetProperty("status").GetString() is "committed" or "failed";
        }, TimeSpan.FromMinutes(1), "the import to finish");
        return view;
    }

    private long Count(string service, string where) => Product.Count(service, where);

    // Japanese headers in an office's words, a 5-digit municipality code, 万円, lists separated by 、, an unmapped 備考 column;
    // one row repeats someone registered before (by e-mail), one repeats an earlier row (phone).
    private const string Header =
        "氏名,フリガナ,メールアドレス,電話番号,居住地,市区町村コード,出身都道府県,生年,スキル,希望雇用形態,リモート,希望給与の単位,希望給与," +
        "データバンク登録への同意,登録事業者への提供の同意,同意文の版,同意日,備考\r\n";

    private const string GoodList = Header +
        "山田 太郎,ヤマダ タロウ,taro.yamada@import.example.jp,090-1111-2222,東京都,13101,北海道,1980年,営業、海外展開,正社員、副業・兼業,一部リモート,年収,600万円,はい,はい,2024-04,2024/4/1,元 A 社\r\n" +
        "佐々木 花,ササキ ハナ,hana.sasaki@import.example.jp,,01,,,,,業務委託,,,,はい,いいえ,2024-04,2024/5/1,\r\n" +
        "鈴木 一郎,スズキ イチロウ,ichiro.suzuki@example.jp,,13,,,,,正社員,,,,,,,,既に登録済み\r\n" +
        "山田 たろう,ヤマダ タロウ,,0901111-2222,13,,,,,正社員,,,,,,,,同じ電話\r\n";

    [Fact]
    public async Task A_talent_list_registers_its_people_with_the_consents_it_states_and_leaves_duplicates_out_with_a_warning()
    {
        var bank = await DataBank.CreateAsync(fixture, "import");
        await bank.RegisterAsync();
        await bank.DefineRegistrationKpiAsync();

        var upload = await UploadAsync(bank, Csv(GoodList));

        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        var import = await upload.Content.ReadFromJsonAsync<JsonElement>();
        var fields = import.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("field").GetString()).ToList();
        Assert.Equal(["name", "nameKana", "email", "phone", "prefectureCode", "municipalityCode", "hometownPrefectureCode", "birthYear", "skills",
            "employmentForms", "remote", "desiredPayUnit", "desiredPayYen", "consentToProgram", "consentToFirms", "consentTextVersion", "consentGivenOn", null], fields);
        var check = import.GetProperty("check");
        Assert.Equal(0, check.GetProperty("errorCount").GetInt32());
        Assert.Equal(2, check.GetProperty("counts").GetProperty("registered").GetInt32());
        Assert.Equal(2, check.GetProperty("counts").GetProperty("skipped").GetInt32());
        var warnings = check.GetProperty("warnings").EnumerateArray().Select(w => (w.GetProperty("line").GetInt32(), w.GetProperty("message").GetString()!)).ToList();
        Assert.Equal(4, warnings[0].Item1);
        Assert.Contains("鈴木 一郎", warnings[0].Item2, StringComparison.Ordinal);
        Assert.Contains("メールアドレス", warnings[0].Item2, StringComparison.Ordinal);
        Assert.Equal(5, warnings[1].Item1);
        Assert.Contains("2 行目", warnings[1].Item2, StringComparison.Ordinal);
        Assert.Contains("電話番号", warnings[1].Item2, StringComparison.Ordinal);

        var done = await CommitAndWaitAsync(bank, import);

        Assert.Equal("committed", done.GetProperty("status").GetString());
        Assert.Equal(3, Count("candidates", $"candidates WHERE program = '{bank.Program}'"));
        var found = (await bank.GetAsync("/candidates?q=" + Uri.EscapeDataString("ﾔﾏﾀﾞ"))).GetProperty("items");
        var taro = await bank.GetAsync($"/candidates/{Assert.Single(found.EnumerateArray()).GetProperty("id").GetGuid()}");
        Assert.Equal("131016", taro.GetProperty("municipalityCode").GetString());
        Assert.Equal("01", taro.GetProperty("hometownPrefectureCode").GetString());
        Assert.Equal(6_000_000, taro.GetProperty("desiredPayYen").GetInt64());
        Assert.Equal(["fullTime", "sideJob"], taro.GetProperty("employmentForms").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal("partial", taro.GetProperty("remote").GetString());
        Assert.Equal(2, taro.GetProperty("skills").GetArrayLength());
        var consents = taro.GetProperty("consents").EnumerateArray().ToList();
        Assert.Equal(["program", "registeredFirms"], consents.Select(c => c.GetProperty("recipient").GetString()));
        Assert.All(consents, c => Assert.Equal("import", c.GetProperty("method").GetString()));
        Assert.All(consents, c => Assert.Equal("2024-04", c.GetProperty("textVersion").GetString()));
        Assert.All(consents, c => Assert.Equal(new DateTimeOffset(2024, 4, 1, 0, 0, 0, TimeSpan.FromHours(9)), c.GetProperty("givenAt").GetDateTimeOffset()));
        var hana = (await bank.GetAsync("/candidates?q=" + Uri.EscapeDataString("ササキ"))).GetProperty("items")[0].GetProperty("id").GetGuid();
        Assert.Equal(["program"], (await bank.GetAsync($"/candidates/{hana}")).GetProperty("consents").EnumerateArray().Select(c => c.GetProperty("recipient").GetString()));
        // Each imported person is a registration like one made on the form: counted by Programs from CandidateRegistered.
        await Poll.UntilAsync(() => Task.FromResult(Count("programs", $"counted_events WHERE program = '{bank.Program}' AND kind = 'candidate-registered'") == 3),
            Slice.Eventually, "Programs to count the imported registrations");
        // The file and its sample cells held the people's data: gone once written.
        Assert.Equal(0, Count("candidates", $"imports WHERE program = '{bank.Program}' AND length(content) > 0"));
        Assert.All(done.GetProperty("columns").EnumerateArray(), c => Assert.Equal(0, c.GetProperty("samples").GetArrayLength()));
        Assert.Equal(0, done.GetProperty("check").GetProperty("warnings").GetArrayLength());
        Assert.Equal(2, done.GetProperty("check").GetProperty("counts").GetProperty("skipped").GetInt32());
        Assert.Equal(0, Count("candidates", $"imports WHERE program = '{bank.Program}' AND (check_result LIKE '%鈴木%' OR columns LIKE '%山田%')"));
    }

    [Fact]
    public async Task A_list_with_a_column_the_law_says_not_to_collect_is_refused_and_not_kept()
    {
        var bank = await DataBank.CreateAsync(fixture, "import");
        var list = "氏名,フリガナ,居住地,希望雇用形態,本籍地,家族構成\r\n山田 太郎,ヤマダ タロウ,13,正社員,東京都,妻\r\n";

        var refused = await UploadAsync(bank, Csv(list));
        var inEnglish = await UploadAsync(bank, Csv(list), "en");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        var message = problem.GetProperty("errors").GetProperty("file")[0].GetString()!;
        Assert.Contains("本籍地、家族構成", message, StringComparison.Ordinal);
        Assert.Contains("職業安定法", message, StringComparison.Ordinal);
        var english = (await inEnglish.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("file")[0].GetString()!;
        Assert.Contains("Employment Security Act", english, StringComparison.Ordinal);
        Assert.Equal(0, Count("candidates", $"imports WHERE program = '{bank.Program}'"));
    }

    [Fact]
    public async Task Rows_that_break_the_registration_rules_are_errors_in_japanese_or_english_and_nothing_is_imported()
    {
        var bank = await DataBank.CreateAsync(fixture, "import");
        var list = Header +
            "山田 太郎,yamada,,,東京都,,,,,正社員,,,,,,,,\r\n" +
            "佐藤 次郎,サトウ ジロウ,,,13,,,,未知のスキル,アルバイト,,,,はい,,,,\r\n" +
            "高橋 三郎,タカハシ サブロウ,,,13,,,,,正社員,,,,,多分,,,\r\n";

        var upload = await UploadAsync(bank, Csv(list));
        var english = await (await UploadAsync(bank, Csv(list), "en")).Content.ReadFromJsonAsync<JsonElement>();

        var import = await upload.Content.ReadFromJsonAsync<JsonElement>();
        var errors = import.GetProperty("check").GetProperty("errors").EnumerateArray()
            .Select(e => $"{e.GetProperty("line").GetInt32()}:{e.GetProperty("field").GetString()}").ToList();
        Assert.Equal(["2:nameKana", "3:employmentForms", "3:skills", "3:consentTextVersion", "3:consentGivenOn", "4:consentToFirms"], errors);
        var messages = import.GetProperty("check").GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("message").GetString()!).ToList();
        Assert.Contains(messages, m => m.Contains("同意文の版", StringComparison.Ordinal));
        Assert.Contains(english.GetProperty("check").GetProperty("errors").EnumerateArray(),
            e => e.GetProperty("message").GetString()!.Contains("version of the text", StringComparison.Ordinal));
        var commit = await bank.Coordinator.PostAsJsonAsync($"/api/programs/{bank.Program}/candidates/imports/{import.GetProperty("id").GetGuid()}/commit",
            new { version = import.GetProperty("version").GetInt32() });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, commit.StatusCode);
        Assert.Equal(0, Count("candidates", $"candidates WHERE program = '{bank.Program}'"));
    }

    [Fact]
    public async Task A_recruiter_cannot_import_a_talent_list()
    {
        var bank = await DataBank.CreateAsync(fixture, "import");
        var (_, recruiter) = await bank.FirmAsync();

        var response = await recruiter.PostAsync($"/api/programs/{bank.Program}/candidates/imports?kind=candidates", new ByteArrayContent(Csv(GoodList)));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
