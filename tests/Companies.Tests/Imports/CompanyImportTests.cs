using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Matching.Testing;

namespace Matching.Companies.Tests.Imports;

/// <summary>Company lists as offices keep them: encodings, quoting, Japanese headers, bad rows, all or nothing.</summary>
public sealed class CompanyImportTests(EmbeddedProductFixture fixture) : IClassFixture<EmbeddedProductFixture>
{
    private static readonly Encoding ShiftJis = CodePagesEncodingProvider.Instance.GetEncoding(932)!;

    private EmbeddedProduct Product => fixture.Product;

    private async Task<string> ProgramAsync()
    {
        var program = $"imp-{Guid.NewGuid():N}"[..16];
        await fixture.Slice.CreateProgramAsync(program, "取込テスト");
        await fixture.Slice.RegisterCompanyAsync(program, "既存の会社", "キゾンノカイシャ", null, "01", "012084");
        return program;
    }

    private long Companies(string program)
    {
        using var db = Product.OpenDatabase("companies");
        using var command = db.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM companies WHERE program = $p";
        command.Parameters.AddWithValue("$p", program);
        return (long)command.ExecuteScalar()!;
    }

    private Task<HttpResponseMessage> UploadAsync(string program, byte[] content, string fileName = "list.csv", string kind = "companies") =>
        Product.Client.PostAsync($"/api/programs/{program}/companies/imports?kind={kind}&fileName={Uri.EscapeDataString(fileName)}",
            new ByteArrayContent(content));

    private async Task<JsonElement> CommitAndWaitAsync(string program, JsonElement import)
    {
        var id = import.GetProperty("id").GetGuid();
        var commit = await Product.Client.PostAsJsonAsync($"/api/programs/{program}/companies/imports/{id}/commit",
            new { version = import.GetProperty("version").GetInt32() });
        Assert.Equal(HttpStatusCode.Accepted, commit.StatusCode);
        JsonElement view = default;
        await Poll.UntilAsync(async () =>
        {
            view = await Product.Client.GetFromJsonAsync<JsonElement>($"/api/programs/{program}/companies/imports/{id}");
            return view.GetProperty("status").GetString() is "committed" or "failed";
        }, TimeSpan.FromMinutes(2), "the import to finish");
        return view;
    }

    // Real-shaped: a BOM, Japanese headers in an office's own words, a quoted comma, a line break inside quotes,
    // a 5-digit municipality code, 万円 and full-width digits, a prefecture by name, a blank line.
    private const string GoodList =
        "会社名,ﾌﾘｶﾞﾅ,法人番号,都道府県,市町村コード,住所,業種,従業員数,資本金,電話番号,備考\r\n" +
        "\"株式会社オホーツク精機\",オホーツクセイキ,,北海道,01208,\"北見市北4条東1丁目, 2階\",E,８６人,\"3,000万円\",0157-23-4567,\r\n" +
        "十勝フーズ株式会社,とかちふーず,7000012050002,01,012076,帯広市西1条南,製造業,140,5000万,,\"複数行の\r\n備考\"\r\n" +
        "\r\n" +
        "\"有限会社\"\"くしろ\"\"水産\",ｸｼﾛｽｲｻﾝ,,01,012068,釧路市,B,32,,0154-22-1111,\r\n";

    [Fact]
    public async Task A_good_utf8_file_with_bom_imports_every_row_and_a_second_run_registers_nothing_twice()
    {
        var program = await ProgramAsync();
        var content = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(GoodList)).ToArray();

        var upload = await UploadAsync(program, content);

        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        var import = await upload.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("utf-8-bom", import.GetProperty("encoding").GetString());
        Assert.Equal(3, import.GetProperty("rows").GetInt32());
        var fields = import.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("field").GetString()).ToList();
        Assert.Equal(["name", "nameKana", "corporateNumber", "prefectureCode", "municipalityCode", "address", "industry", "employees", "capitalYen", "contactPhone", null], fields);
        Assert.Equal(0, import.GetProperty("check").GetProperty("errorCount").GetInt32());
        Assert.Equal(3, import.GetProperty("check").GetProperty("counts").GetProperty("registered").GetInt32());
        Assert.Equal(1, Companies(program));

        var done = await CommitAndWaitAsync(program, import);

        Assert.Equal("committed", done.GetProperty("status").GetString());
        Assert.Equal(4, Companies(program));
        var found = await Product.Client.GetFromJsonAsync<JsonElement>($"/api/programs/{program}/companies?q=ｵﾎｰﾂｸ");
        var company = Assert.Single(found.GetProperty("items").EnumerateArray());
        Assert.Equal("北見市北4条東1丁目, 2階", company.GetProperty("address").GetString());
        Assert.Equal("012084", company.GetProperty("municipalityCode").GetString());
        Assert.Equal(30_000_000, company.GetProperty("capitalYen").GetInt64());
        Assert.Equal(86, company.GetProperty("employees").GetInt32());
        var quoted = await Product.Client.GetFromJsonAsync<JsonElement>($"/api/programs/{program}/companies?q=くしろ");
        Assert.Equal("有限会社\"くしろ\"水産", Assert.Single(quoted.GetProperty("items").EnumerateArray()).GetProperty("name").GetString());

        var again = await (await UploadAsync(program, content)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(3, again.GetProperty("check").GetProperty("counts").GetProperty("skipped").GetInt32());
        await CommitAndWaitAsync(program, again);
        Assert.Equal(4, Companies(program));
    }

    [Fact]
    public async Task A_fifty_thousand_row_commit_keeps_the_writer_free_for_another_programs_registrations()
    {
        var program = await ProgramAsync();
        var other = await ProgramAsync();
        var import = await (await UploadAsync(program, CompanyListFile.Csv(50_000))).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(50_000, import.GetProperty("check").GetProperty("counts").GetProperty("registered").GetInt32());
        var id = import.GetProperty("id").GetGuid();

        var commit = await Product.Client.PostAsJsonAsync($"/api/programs/{program}/companies/imports/{id}/commit",
            new { version = import.GetProperty("version").GetInt32() });
        Assert.Equal(HttpStatusCode.Accepted, commit.StatusCode);
        var writesWhileCommitting = 0;
        for (var i = 0; ; i++)
        {
            var view = await Product.Client.GetFromJsonAsync<JsonElement>($"/api/programs/{program}/companies/imports/{id}");
            if (view.GetProperty("status").GetString() != "committing")
                break;
            var registered = await Product.Client.PostAsJsonAsync($"/api/programs/{other}/companies",
                new { name = $"並行登録{i}", nameKana = "ヘイコウトウロク", prefectureCode = "01", municipalityCode = "012084" });
            Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
            writesWhileCommitting++;
        }

        // Each registration began while the import was committing and was answered before the next look: had one
        // transaction held SQLite's only writer for the whole file (as before), the first would have waited for the end
        // and no second one would have run. How long each waited is the benchmark's to say, not this test's.
        Assert.True(writesWhileCommitting >= 5, $"only {writesWhileCommitting} registrations ran during the commit");
        var done = await Product.Client.GetFromJsonAsync<JsonElement>($"/api/programs/{program}/companies/imports/{id}");
        Assert.Equal("committed", done.GetProperty("status").GetString());
        Assert.Equal(50_000, done.GetProperty("outcome").GetProperty("registered").GetInt32());
        Assert.Equal(50_001, Companies(program));
        Assert.Equal(1 + writesWhileCommitting, Companies(other));
    }

    [Fact]
    public async Task A_shift_jis_file_with_half_width_kana_imports()
    {
        var program = await ProgramAsync();

        var upload = await UploadAsync(program, ShiftJis.GetBytes(GoodList));

        var import = await upload.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("shift_jis", import.GetProperty("encoding").GetString());
        Assert.Equal(0, import.GetProperty("check").GetProperty("errorCount").GetInt32());
        await CommitAndWaitAsync(program, import);
        Assert.Equal(4, Companies(program));
        var found = await Product.Client.GetFromJsonAsync<JsonElement>($"/api/programs/{program}/companies?q=クシロスイサン");
        Assert.Equal(1, found.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_file_with_a_bad_row_imports_nothing_and_names_the_line_and_the_reason()
    {
        var program = await ProgramAsync();
        var bad = GoodList + "株式会社まちがい,マチガイ,1000012050002,01,012085,北見市,E,10,,,\r\n";

        var import = await (await UploadAsync(program, Encoding.UTF8.GetBytes(bad))).Content.ReadFromJsonAsync<JsonElement>();

        var errors = import.GetProperty("check").GetProperty("errors").EnumerateArray().ToList();
        // Header, two rows (one spanning two lines), a blank line, one row: the bad row starts on line 7.
        Assert.All(errors, e => Assert.Equal(7, e.GetProperty("line").GetInt32()));
        Assert.Equal(["corporateNumber", "municipalityCode"], errors.Select(e => e.GetProperty("field").GetString()).Order());
        Assert.Contains(errors, e => e.GetProperty("message").GetString()!.Contains("チェックデジット", StringComparison.Ordinal));
        var commit = await Product.Client.PostAsJsonAsync(
            $"/api/programs/{program}/companies/imports/{import.GetProperty("id").GetGuid()}/commit", new { version = import.GetProperty("version").GetInt32() });
        await Problem.ReadAsync(commit, HttpStatusCode.UnprocessableEntity);
        Assert.Equal(1, Companies(program));
    }

    [Fact]
    public async Task Undecodable_bytes_are_refused_with_their_position()
    {
        var program = await ProgramAsync();
        var content = Encoding.UTF8.GetBytes("会社名,フリガナ,市区町村コード\r\nA社,エーシャ,012084\r\n").Concat(new byte[] { 0x82, 0xFF, 0xFF, 0x0D, 0x0A }).ToArray();

        var problem = await Problem.ReadAsync(await UploadAsync(program, content), HttpStatusCode.BadRequest);

        Assert.Contains("Shift_JIS", Assert.Single(problem.Errors["file"]), StringComparison.Ordinal);
        Assert.Equal(1, Companies(program));
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xFE, 0x1A, 0x4F, 0x3E, 0x79, 0x0D, 0x00, 0x0A, 0x00, 0x00, 0xD8, 0x41, 0x00 })]
    [InlineData(new byte[] { 0xFF, 0xFE, 0x1A, 0x4F, 0x3E, 0x79, 0x0D, 0x00, 0x0A, 0x00, 0x41 })]
    [InlineData(new byte[] { 0xFE, 0xFF, 0x4F, 0x1A, 0x79, 0x3E, 0xDC, 0x00, 0x00, 0x41 })]
    public async Task A_utf16_file_with_a_lone_surrogate_or_an_odd_byte_is_refused_on_file(byte[] content)
    {
        var program = await ProgramAsync();

        var problem = await Problem.ReadAsync(await UploadAsync(program, content), HttpStatusCode.BadRequest);

        Assert.Contains("UTF-16", Assert.Single(problem.Errors["file"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_workbook_with_a_cell_far_beyond_the_last_column_is_refused_on_file_in_Japanese_and_English()
    {
        var program = await ProgramAsync();
        var content = Workbooks.WithSheetData("""<row r="1"><c r="ZZZZZZ1" t="inlineStr"><is><t>会社名</t></is></c></row>""");

        var japanese = await Problem.ReadAsync(await UploadAsync(program, content, "x.xlsx"), HttpStatusCode.BadRequest);
        var english = await Problem.ReadAsync(await Product.Client.PostAsync(
            $"/api/programs/{program}/companies/imports?kind=companies&fileName=x.xlsx&culture=en", new ByteArrayContent(content)), HttpStatusCode.BadRequest);

        Assert.Contains("列数", Assert.Single(japanese.Errors["file"]), StringComparison.Ordinal);
        Assert.Contains("columns", Assert.Single(english.Errors["file"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_truncated_quoted_field_is_refused_with_its_line()
    {
        var program = await ProgramAsync();
        var content = Encoding.UTF8.GetBytes("会社名,フリガナ,市区町村コード\r\nA社,エーシャ,012084\r\n\"B社,ビーシャ,0120");

        var problem = await Problem.ReadAsync(await UploadAsync(program, content), HttpStatusCode.BadRequest);

        Assert.Contains("3 行目", Assert.Single(problem.Errors["file"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_header_that_does_not_match_is_reported_then_mapped_by_hand_and_the_mapping_is_remembered()
    {
        var program = await ProgramAsync();
        var content = Encoding.UTF8.GetBytes("社名,読み仮名,所在市町村\r\n株式会社はこだて造船,ハコダテゾウセン,012025\r\n");

        var import = await (await UploadAsync(program, content)).Content.ReadFromJsonAsync<JsonElement>();

        var unmapped = import.GetProperty("check").GetProperty("errors").EnumerateArray().ToList();
        Assert.All(unmapped, e => Assert.Equal(0, e.GetProperty("line").GetInt32()));
        Assert.Equal(["municipalityCode", "name", "nameKana"], unmapped.Select(e => e.GetProperty("field").GetString()).Order());
        await Problem.ReadAsync(await Product.Client.PostAsJsonAsync(
            $"/api/programs/{program}/companies/imports/{import.GetProperty("id").GetGuid()}/commit", new { version = 1 }), HttpStatusCode.UnprocessableEntity);

        var mapped = await Product.Client.PutAsJsonAsync($"/api/programs/{program}/companies/imports/{import.GetProperty("id").GetGuid()}/mapping",
            new { columns = new[] { "name", "nameKana", "municipalityCode" }, version = 1 });
        Assert.Equal(HttpStatusCode.OK, mapped.StatusCode);
        var view = await mapped.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(0, view.GetProperty("check").GetProperty("errorCount").GetInt32());

        var next = await (await UploadAsync(program, content)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["name", "nameKana", "municipalityCode"], next.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("field").GetString()));

        var twice = await Product.Client.PutAsJsonAsync($"/api/programs/{program}/companies/imports/{next.GetProperty("id").GetGuid()}/mapping",
            new { columns = new[] { "name", "name", "municipalityCode" }, version = 1 });
        Assert.True((await Problem.ReadAsync(twice, HttpStatusCode.BadRequest)).Errors.ContainsKey("columns"));
    }

    [Fact]
    public async Task An_oversized_file_is_refused_and_nothing_is_kept()
    {
        await using var small = await EmbeddedProduct.StartAsync("--Matching:Imports:MaxFileBytes", "2048");
        await small.Slice.CreateProgramAsync("small", "上限テスト");
        var content = Encoding.UTF8.GetBytes("会社名,フリガナ,市区町村コード\r\n" + string.Concat(Enumerable.Repeat("株式会社おおきい,オオキイ,012084\r\n", 100)));

        HttpResponseMessage response = null!;
        // Companies learns the new program from an event a moment later.
        await Poll.UntilAsync(async () =>
        {
            response = await small.Client.PostAsync("/api/programs/small/companies/imports?kind=companies", new ByteArrayContent(content));
            return response.StatusCode != HttpStatusCode.NotFound;
        }, Slice.Eventually, "the program to be known by Companies");

        var problem = await Problem.ReadAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("大きすぎます", problem.Title, StringComparison.Ordinal);
        Assert.Equal(0, small.Count("companies", "imports"));
        Assert.Equal(0, small.Count("companies", "companies"));
    }

    [Fact]
    public async Task An_xlsx_workbook_imports_its_first_sheet()
    {
        var program = await ProgramAsync();

        var import = await (await UploadAsync(program, Workbook(
            ["企業名", "フリガナ", "市区町村コード", "従業員数"],
            ["株式会社ねむろ物産", "ネムロブッサン", "012238", "12"]), "list.xlsx")).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("xlsx", import.GetProperty("format").GetString());
        Assert.Equal(0, import.GetProperty("check").GetProperty("errorCount").GetInt32());
        await CommitAndWaitAsync(program, import);
        Assert.Equal(2, Companies(program));
    }

    [Fact]
    public async Task The_nta_corporate_number_file_refreshes_the_programs_companies_by_number()
    {
        var program = await ProgramAsync();
        var id = await fixture.Slice.RegisterCompanyAsync(program, "旧商号株式会社", "キュウショウゴウ", "7000012050002", "01", "012084");
        // 30 columns, no header, Shift_JIS: a registered company renamed and moved; one corporation the program does not serve.
        static string Row(string number, string name, string city, string cityCode, string street, string furigana) =>
            $"1,{number},12,0,2025-04-01,2025-04-01,\"{name}\",,301,\"北海道\",\"{city}\",\"{street}\",,01,{cityCode},0900024,,,,,,,2015-10-05,1,,,,,\"{furigana}\",0\r\n";
        var content = ShiftJis.GetBytes(
            Row("7000012050002", "新商号株式会社", "帯広市", "207", "西1条南1丁目", "シンショウゴウ") +
            Row("7123456789012", "関係ない株式会社", "札幌市中央区", "101", "北1条", "カンケイナイ"));

        var import = await (await UploadAsync(program, content, "01_hokkaido_diff.csv", "nta")).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(0, import.GetProperty("check").GetProperty("errorCount").GetInt32());
        Assert.Equal(1, import.GetProperty("check").GetProperty("counts").GetProperty("updated").GetInt32());
        Assert.Equal(1, import.GetProperty("check").GetProperty("counts").GetProperty("skipped").GetInt32());
        await CommitAndWaitAsync(program, import);
        var company = await Product.Client.GetFromJsonAsync<JsonElement>($"/api/programs/{program}/companies/{id}");
        Assert.Equal("新商号株式会社", company.GetProperty("name").GetString());
        Assert.Equal("シンショウゴウ", company.GetProperty("nameKana").GetString());
        Assert.Equal("012076", company.GetProperty("municipalityCode").GetString());
        Assert.Equal("090-0024", company.GetProperty("postalCode").GetString());
        Assert.Equal(2, Companies(program));
    }

    [Fact]
    public async Task An_exported_list_escapes_formula_cells_full_width_and_pipe_included_and_imports_again_into_another_program()
    {
        var program = await ProgramAsync();
        var list = "会社名,フリガナ,市区町村コード,担当者名,電話番号\r\n\"=HYPERLINK(\"\"http://x\"\")\",ハイパーリンク,012084,+81 山田,0157-23-4567\r\n"
                   + "@SUM(1),アットサム,012084,-佐藤,\r\n株式会社ふつう,フツウ,012084,\"佐藤, 一郎\",\r\n"
                   + "＝HYPERLINK(1),ゼンカクイコール,012084,｜calc,\r\n＠AVERAGE(1),ゼンカクアット,012084,－鈴木,\r\n|cmd,パイプ,012084,＋81 田中,\r\n";
        var import = await (await UploadAsync(program, Encoding.UTF8.GetBytes(list))).Content.ReadFromJsonAsync<JsonElement>();
        await CommitAndWaitAsync(program, import);

        var response = await Product.Client.GetAsync($"/api/programs/{program}/companies/export.csv");

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        Assert.Contains("\"'=HYPERLINK(\"\"http://x\"\")\"", text, StringComparison.Ordinal);
        Assert.Contains("\"'@SUM(1)\"", text, StringComparison.Ordinal);
        Assert.Contains("\"'-佐藤\"", text, StringComparison.Ordinal);
        Assert.Contains("\"'+81 山田\"", text, StringComparison.Ordinal);
        Assert.Contains("\"'＝HYPERLINK(1)\"", text, StringComparison.Ordinal);
        Assert.Contains("\"'＠AVERAGE(1)\"", text, StringComparison.Ordinal);
        Assert.Contains("\"'|cmd\"", text, StringComparison.Ordinal);
        Assert.Contains("\"'｜calc\"", text, StringComparison.Ordinal);
        Assert.Contains("\"'－鈴木\"", text, StringComparison.Ordinal);
        Assert.Contains("\"'＋81 田中\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain(text.Split("\r\n"), line => line.Split(',').Any(cell => cell.TrimStart('"').StartsWith('=')));
        Assert.Contains("\"佐藤, 一郎\"", text, StringComparison.Ordinal);

        var other = await ProgramAsync();
        var again = await (await UploadAsync(other, bytes)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(0, again.GetProperty("check").GetProperty("errorCount").GetInt32());
        Assert.Equal(6, again.GetProperty("check").GetProperty("counts").GetProperty("registered").GetInt32());
        Assert.Equal(1, again.GetProperty("check").GetProperty("counts").GetProperty("skipped").GetInt32());
    }

    private static byte[] Workbook(params string[][] rows)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            for (var r = 0; r < rows.Length; r++)
            {
                var row = new Row { RowIndex = (uint)(r + 1) };
                for (var c = 0; c < rows[r].Length; c++)
                {
                    row.Append(new Cell
                    {
                        CellReference = $"{(char)('A' + c)}{r + 1}",
                        DataType = CellValues.InlineString,
                        InlineString = new InlineString(new Text(rows[r][c])),
                    });
                }
                data.Append(row);
            }
            sheetPart.Worksheet = new Worksheet(data);
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = "企業" }));
        }
        return stream.ToArray();
    }
}
