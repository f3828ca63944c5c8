using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Matching.Testing;

namespace Matching.Companies.Tests.Search;

public sealed class SearchCompaniesTests(EmbeddedProductFixture fixture) : IClassFixture<EmbeddedProductFixture>
{
    private async Task<string> ProgramWithCompaniesAsync()
    {
        var program = $"search-{Guid.NewGuid():N}"[..20];
        await fixture.Slice.CreateProgramAsync(program, "検索テスト");
        await fixture.Slice.RegisterCompanyAsync(program, "カブシキガイシャ北見", "カブシキガイシャキタミ", "7000012050002", "01", "012084");
        await fixture.Slice.RegisterCompanyAsync(program, "札幌ロジ株式会社", "サッポロロジ", null, "01", "011002");
        await fixture.Slice.RegisterCompanyAsync(program, "オホーツク精機", "オホーツクセイキ", null, "01", "012084");
        return program;
    }

    private async Task<JsonElement> SearchAsync(string program, string query) =>
        await fixture.Product.Client.GetFromJsonAsync<JsonElement>($"/api/programs/{program}/companies?{query}");

    private static List<string> Names(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("name").GetString()!).ToList();

    [Theory]
    [InlineData("ｶﾌﾞｼｷｶﾞｲｼｬ")]
    [InlineData("カブシキガイシャ")]
    [InlineData("かぶしきがいしゃ")]
    [InlineData("かぶしき がいしゃ")]
    public async Task Kana_folded_search_finds_the_name_however_the_kana_is_written(string typed)
    {
        var program = await ProgramWithCompaniesAsync();

        var page = await SearchAsync(program, $"q={Uri.EscapeDataString(typed)}");

        Assert.Equal(["カブシキガイシャ北見"], Names(page));
    }

    [Theory]
    [InlineData("札幌", "札幌ロジ株式会社")]
    [InlineData("ロジ", "札幌ロジ株式会社")]
    [InlineData("精機", "オホーツク精機")]
    [InlineData("精", "オホーツク精機")]
    [InlineData("ホーツクセ", "オホーツク精機")]
    [InlineData("7000012050002", "カブシキガイシャ北見")]
    [InlineData("\"北見", "")]
    public async Task Short_and_long_searches_find_the_same_way(string typed, string expected)
    {
        var program = await ProgramWithCompaniesAsync();

        var page = await SearchAsync(program, $"q={Uri.EscapeDataString(typed)}");

        Assert.Equal(expected.Length == 0 ? [] : [expected], Names(page));
    }

    [Theory]
    [InlineData("北見")]
    [InlineData("北見市")]
    [InlineData("きたみし")]
    public async Task A_municipality_name_finds_the_companies_located_there(string typed)
    {
        var program = await ProgramWithCompaniesAsync();

        var page = await SearchAsync(program, $"q={Uri.EscapeDataString(typed)}&sort=name");

        Assert.Equal(["オホーツク精機", "カブシキガイシャ北見"], Names(page).Order());
    }

    [Fact]
    public async Task Part_of_an_address_finds_the_company()
    {
        var program = await ProgramWithCompaniesAsync();
        var response = await fixture.Product.Client.PostAsJsonAsync($"/api/programs/{program}/companies", new
        {
            name = "網走水産", nameKana = "アバシリスイサン", prefectureCode = "01", municipalityCode = "012114", address = "網走市南6条東4丁目",
        });
        response.EnsureSuccessStatusCode();

        var page = await SearchAsync(program, $"q={Uri.EscapeDataString("南6条")}");

        Assert.Equal(["網走水産"], Names(page));
    }

    [Fact]
    public async Task A_search_matching_more_than_it_counts_lists_the_newest_first_and_says_so()
    {
        var program = $"many-{Guid.NewGuid():N}"[..16];
        await fixture.Slice.CreateProgramAsync(program, "大量検索テスト");
        await fixture.Slice.RegisterCompanyAsync(program, "最初の会社", "サイショ");
        var csv = "会社名,フリガナ,市区町村コード\r\n" + string.Concat(Enumerable.Range(0, 1_005).Select(i => $"株式会社ナンバー{i:D4}テック,ナンバー{i:D4}テック,012084\r\n"));
        var upload = await fixture.Product.Client.PostAsync($"/api/programs/{program}/companies/imports?kind=companies", new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(csv)));
        var import = await upload.Content.ReadFromJsonAsync<JsonElement>();
        await fixture.Product.Client.PostAsJsonAsync($"/api/programs/{program}/companies/imports/{import.GetProperty("id").GetGuid()}/commit", new { version = 1 });
        await Poll.UntilAsync(async () => (await SearchAsync(program, "q=1004")).GetProperty("total").GetInt32() == 1, Slice.Eventually, "the import");

        var many = await SearchAsync(program, "q=てっく");
        var few = await SearchAsync(program, "q=ナンバー09");

        Assert.True(many.GetProperty("totalIsAtLeast").GetBoolean());
        Assert.Equal(1_000, many.GetProperty("total").GetInt32());
        Assert.Equal("registeredAt", many.GetProperty("sort").GetString());
        Assert.Equal(20, Names(many).Count);
        Assert.All(Names(many), n => Assert.Contains("テック", n, StringComparison.Ordinal));
        Assert.False(few.GetProperty("totalIsAtLeast").GetBoolean());
        Assert.Equal(100, few.GetProperty("total").GetInt32());
        Assert.Equal(Names(few).Order(StringComparer.Ordinal), Names(few));
    }

    [Fact]
    public async Task A_corrected_name_is_found_by_its_new_name_only()
    {
        var program = await ProgramWithCompaniesAsync();
        var id = Names(await SearchAsync(program, "q=オホーツク")).Count == 1
            ? (await SearchAsync(program, "q=オホーツク")).GetProperty("items")[0].GetProperty("id").GetGuid()
            : Guid.Empty;

        var response = await fixture.Product.Client.PutAsJsonAsync($"/api/programs/{program}/companies/{id}", new
        {
            name = "知床精密工業", nameKana = "シレトコセイミツコウギョウ", prefectureCode = "01", municipalityCode = "012084", version = 1,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(Names(await SearchAsync(program, "q=オホーツク")));
        Assert.Equal(["知床精密工業"], Names(await SearchAsync(program, "q=しれとこ")));
    }

    [Fact]
    public async Task Search_finds_by_reading_and_by_corporate_number()
    {
        var program = await ProgramWithCompaniesAsync();

        var byReading = await SearchAsync(program, "q=" + Uri.EscapeDataString("さっぽろ"));
        var byNumber = await SearchAsync(program, "q=7000012050002");

        Assert.Equal(["札幌ロジ株式会社"], Names(byReading));
        Assert.Equal(["カブシキガイシャ北見"], Names(byNumber));
    }

    [Fact]
    public async Task Search_filters_by_municipality_and_pages_with_a_total()
    {
        var program = await ProgramWithCompaniesAsync();

        var first = await SearchAsync(program, "municipalityCode=012084&pageSize=1&page=1");
        var second = await SearchAsync(program, "municipalityCode=012084&pageSize=1&page=2");

        Assert.Equal(2, first.GetProperty("total").GetInt32());
        Assert.Single(Names(first));
        Assert.NotEqual(Names(first), Names(second));
    }

    [Fact]
    public async Task Wildcards_are_searched_as_typed()
    {
        var program = await ProgramWithCompaniesAsync();

        var page = await SearchAsync(program, "q=%25");

        Assert.Equal(0, page.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Companies_of_another_program_are_never_found()
    {
        var program = await ProgramWithCompaniesAsync();
        await ProgramWithCompaniesAsync();

        var page = await SearchAsync(program, "pageSize=100");

        Assert.Equal(3, page.GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=101", "pageSize")]
    [InlineData("page=0", "page")]
    [InlineData("page=x", "page")]
    [InlineData("sort=size", "sort")]
    [InlineData("municipalityCode=012085", "municipalityCode")]
    public async Task Bad_search_parameters_are_reported_on_their_field(string query, string field)
    {
        var response = await fixture.Product.Client.GetAsync($"/api/programs/demo/companies?{query}");

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.Errors.ContainsKey(field), string.Join(",", problem.Errors.Keys));
    }

    private async Task<string> ProgramWithOrderedCompaniesAsync()
    {
        // 50音順 by reading without its legal form by default, other orders on request; filters kept with paging.
        // The first registration (Slice's) waits until Companies has heard of the new program; the lists leave it out.
        var program = $"order-{Guid.NewGuid():N}"[..16];
        await fixture.Slice.CreateProgramAsync(program, "並び順テスト");
        await fixture.Slice.RegisterCompanyAsync(program, "待機用", "タイキヨウ", null, "01", "011002");
        await RegisterWithIndustryAsync(program, "株式会社ワタナベ", "カブシキガイシャワタナベ", "012084", "E");
        await RegisterWithIndustryAsync(program, "アオバ商事", "あおばしょうじ", "011002", "I");
        await RegisterWithIndustryAsync(program, "(有)カモメ", "カモメ", "012084", "E");
        await RegisterWithIndustryAsync(program, "イルカ運輸", "イルカウンユ", "012084", "H");
        return program;
    }

    private async Task RegisterWithIndustryAsync(string program, string name, string nameKana, string municipalityCode, string industry)
    {
        var response = await fixture.Product.Client.PostAsJsonAsync($"/api/programs/{program}/companies",
            new { name, nameKana, prefectureCode = "01", municipalityCode, industry });
        response.EnsureSuccessStatusCode();
    }

    private async Task<(List<string> Names, int Total)> ListOrderedAsync(string program, string query)
    {
        var page = await fixture.Product.Client.GetFromJsonAsync<JsonElement>($"/api/programs/{program}/companies?{query}");
        var names = page.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("name").GetString()!).Where(n => n != "待機用").ToList();
        return (names, page.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task The_list_is_in_gojuon_order_of_the_reading_without_its_legal_form_by_default()
    {
        var program = await ProgramWithOrderedCompaniesAsync();

        var (names, _) = await ListOrderedAsync(program, "pageSize=100");

        Assert.Equal(["アオバ商事", "イルカ運輸", "(有)カモメ", "株式会社ワタナベ"], names);
    }

    [Fact]
    public async Task The_name_order_differs_and_municipality_order_follows_the_codes()
    {
        var program = await ProgramWithOrderedCompaniesAsync();

        var byName = await ListOrderedAsync(program, "sort=name&pageSize=100");
        var byMunicipality = await ListOrderedAsync(program, "sort=municipality&pageSize=100");

        Assert.Equal(["(有)カモメ", "アオバ商事", "イルカ運輸", "株式会社ワタナベ"], byName.Names);
        Assert.Equal(["アオバ商事", "イルカ運輸", "(有)カモメ", "株式会社ワタナベ"], byMunicipality.Names);
    }

    [Fact]
    public async Task Municipality_and_industry_filters_combine_and_pages_keep_them()
    {
        var program = await ProgramWithOrderedCompaniesAsync();

        var first = await ListOrderedAsync(program, "municipalityCode=012084&industry=E&pageSize=1&page=1");
        var second = await ListOrderedAsync(program, "municipalityCode=012084&industry=E&pageSize=1&page=2");

        Assert.Equal(("(有)カモメ", 2), (Assert.Single(first.Names), first.Total));
        Assert.Equal(("株式会社ワタナベ", 2), (Assert.Single(second.Names), second.Total));
    }
}
