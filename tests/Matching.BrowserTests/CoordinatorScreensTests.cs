using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Matching.Testing;
using Microsoft.Playwright;

namespace Matching.BrowserTests;

/// <summary>A coordinator's day in the browser: sign in, register a company, log a consultation, see the count rise.</summary>
public sealed class CoordinatorScreensTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Coordinator_registers_a_company_logs_a_consultation_and_sees_the_count_go_up()
    {
        var violations = new List<string>();
        var page = await fixture.NewPageAsync();

        await BrowserFixture.SignInAsync(page, "coordinator");
        Assert.EndsWith("/p/demo", page.Url);
        violations.AddRange(await BrowserFixture.CheckScreenAsync(page, "01-coordinator-home"));
        var before = await CountOnPageAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "企業を登録する" }).ClickAsync();
        await page.GetByLabel("企業名").FillAsync("株式会社ブラウザ試験製作所");
        await page.GetByLabel("フリガナ").FillAsync("ブラウザシケンセイサクショ");
        await page.GetByLabel("都道府県").SelectOptionAsync("01");
        await page.Locator("#municipalityCode").SelectOptionAsync(new SelectOptionValue { Label = "北見市" });
        violations.AddRange(await BrowserFixture.CheckScreenAsync(page, "02-company-registration"));
        await page.GetByRole(AriaRole.Button, new() { Name = "登録する" }).ClickAsync();

        await page.WaitForURLAsync("**/p/demo/companies/*");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("株式会社ブラウザ試験製作所");
        await Assertions.Expect(page.GetByText("北海道 北見市")).ToBeVisibleAsync();
        violations.AddRange(await BrowserFixture.CheckScreenAsync(page, "03-company-page"));

        // Coordinators learn the new company from an event a moment later: the form shows it once they do.
        await page.GetByRole(AriaRole.Link, new() { Name = "この企業との相談を記録する" }).ClickAsync();
        await Poll.UntilAsync(async () =>
        {
            await page.ReloadAsync();
            return await page.Locator("#companyQuery").InputValueAsync() != "";
        }, Slice.Eventually, "the company to appear in the consultation form");
        await page.GetByLabel("方法").SelectOptionAsync("visit");
        await page.GetByLabel("相談内容").FillAsync("販路開拓の相談。首都圏向けの営業責任者を探したい。");
        violations.AddRange(await BrowserFixture.CheckScreenAsync(page, "04-consultation-form"));
        await page.GetByRole(AriaRole.Button, new() { Name = "記録する" }).ClickAsync();
        await page.WaitForURLAsync("**/p/demo/consultations/*");
        await Assertions.Expect(page.GetByText("販路開拓の相談。首都圏向けの営業責任者を探したい。")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "相談件数" }).ClickAsync();
        await Poll.UntilAsync(async () =>
        {
            await page.ReloadAsync();
            return await CountOnPageAsync(page) == before + 1;
        }, Slice.Eventually, "the consultation count to go up by one");
        violations.AddRange(await BrowserFixture.CheckScreenAsync(page, "05-consultation-count"));
        Assert.Contains("令和", await page.GetByLabel("年度").InnerTextAsync());

        Assert.Empty(violations);
    }

    [Fact]
    public async Task From_the_company_page_a_consultation_is_logged_a_need_opened_from_it_then_the_consultation_voided_and_the_count_falls()
    {
        var violations = new List<string>();
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "coordinator");
        var company = await fixture.Product.Slice.RegisterCompanyAsync("demo", "株式会社タイムライン試験", "タイムラインシケン");
        await page.GotoAsync("/p/demo/kpis");
        var before = await CountOnPageAsync(page);

        await page.GotoAsync($"/p/demo/companies/{company}");
        await page.GetByRole(AriaRole.Link, new() { Name = "この企業との相談を記録する" }).ClickAsync();
        await Poll.UntilAsync(async () =>
        {
            await page.ReloadAsync();
            return await page.Locator("#companyQuery").InputValueAsync() != "";
        }, Slice.Eventually, "the company to appear in the consultation form");
        await page.GetByLabel("外部の担当者").FillAsync("鈴木 花子");
        await page.GetByLabel("事業承継").CheckAsync();
        await page.GetByLabel("DX・IT化").CheckAsync();
        await page.GetByLabel("相談内容").FillAsync("後継者候補の育成と生産管理の DX。");
        await page.GetByLabel("次回アクション", new() { Exact = true }).FillAsync("候補者像を整理して再訪問");
        await page.GetByRole(AriaRole.Button, new() { Name = "記録する" }).ClickAsync();
        await page.WaitForURLAsync("**/p/demo/consultations/*");
        await Assertions.Expect(page.GetByText("山田 太郎、鈴木 花子")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("事業承継・DX・IT化")).ToBeVisibleAsync();
        // Saved: said so, with the way to log the next one.
        await Assertions.Expect(page.GetByTestId("saved")).ToContainTextAsync("相談を記録しました");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "続けて記録する", Exact = true })).ToHaveAttributeAsync("href", "/p/demo/consultations/new");
        violations.AddRange(await BrowserFixture.CheckScreenAsync(page, "20-consultation-page"));
        var consultationUrl = page.Url.Split('?')[0];

        await page.GetByRole(AriaRole.Link, new() { Name = "この相談から人材ニーズを登録する" }).ClickAsync();
        await page.GetByLabel("募集する役割").FillAsync("生産管理 DX リーダー");
        await page.GetByLabel("雇用形態").SelectOptionAsync("sideJob");
        await page.GetByLabel("給与の下限").FillAsync("30");
        await page.GetByLabel("給与の上限").FillAsync("20");
        await page.GetByLabel("給与の単位").SelectOptionAsync("month");
        await page.GetByRole(AriaRole.Button, new() { Name = "登録する" }).ClickAsync();
        await Assertions.Expect(page.Locator("#payMaxYen-error")).ToContainTextAsync("下限は上限以下");
        violations.AddRange(await BrowserFixture.CheckScreenAsync(page, "21-need-form-error"));
        await page.GetByLabel("給与の上限").FillAsync("40");
        await page.GetByRole(AriaRole.Button, new() { Name = "登録する" }).ClickAsync();
        await page.WaitForURLAsync("**/p/demo/needs/*");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("生産管理 DX リーダー");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("募集中");
        // Entered in 万円, stored in yen.
        await Assertions.Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("月額 300,000円〜400,000円");
        violations.AddRange(await BrowserFixture.CheckScreenAsync(page, "22-need-page"));
        var needUrl = page.Url;

        // The needs list shows those in progress (open and referred) by default.
        await page.GotoAsync("/p/demo/needs");
        await Assertions.Expect(page.GetByLabel("状況")).ToHaveValueAsync("open,referred");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "生産管理 DX リーダー" })).ToBeVisibleAsync();
        violations.AddRange(await BrowserFixture.CheckScreenAsync(page, "24-needs-in-progress-1366"));
        await page.SetViewportSizeAsync(768, 1024);
        violations.AddRange(await BrowserFixture.CheckScreenAsync(page, "24-needs-in-progress-768"));
        await page.GotoAsync(needUrl);

        await page.GotoAsync($"/p/demo/companies/{company}");
        var timeline = page.Locator("ol.timeline");
        await Assertions.Expect(timeline).ToContainTextAsync("人材ニーズ（募集中）");
        await Assertions.Expect(timeline).ToContainTextAsync("相談（訪問）");
        violations.AddRange(await BrowserFixture.CheckScreenAsync(page, "23-company-timeline"));

        await page.GotoAsync(consultationUrl);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "生産管理 DX リーダー" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "内容を修正する" }).ClickAsync();
        await page.GetByLabel("相談内容").FillAsync("後継者候補の育成と生産管理の DX。候補者像を共有済み。");
        await page.GetByRole(AriaRole.Button, new() { Name = "修正を保存する" }).ClickAsync();
        await page.WaitForURLAsync(consultationUrl);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "修正履歴" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("table")).ToContainTextAsync("後継者候補の育成と生産管理の DX。");
        await page.GotoAsync("/p/demo/kpis");
        await Poll.UntilAsync(async () =>
        {
            await page.ReloadAsync();
            return await CountOnPageAsync(page) == before + 1;
        }, Slice.Eventually, "the consultation to be counted");

        await page.GotoAsync(consultationUrl);
        // The void form is behind its button; a refused void opens it again with the reason field focused.
        await Assertions.Expect(page.GetByLabel("取消の理由")).Not.ToBeVisibleAsync();
        await page.Locator("details.void summary").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "取り消す", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#reason-error")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("取消の理由")).ToBeFocusedAsync();
        await page.GetByLabel("取消の理由").FillAsync("別の企業の相談を誤って登録");
        await page.GetByRole(AriaRole.Button, new() { Name = "取り消す", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("取り消されています");
        violations.AddRange(await BrowserFixture.CheckScreenAsync(page, "24-consultation-voided"));

        await page.GotoAsync("/p/demo/kpis");
        await Poll.UntilAsync(async () =>
        {
            await page.ReloadAsync();
            return await CountOnPageAsync(page) == before;
        }, Slice.Eventually, "the count to fall back after voiding");

        Assert.Empty(violations);
    }

    [Fact]
    public async Task A_company_record_is_corrected_with_its_errors_shown_next_to_the_fields()
    {
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "coordinator");
        var company = await fixture.Product.Slice.RegisterCompanyAsync("demo", "株式会社修正画面試験", "シュウセイガメンシケン");

        await page.GotoAsync($"/p/demo/companies/{company}");
        await page.GetByRole(AriaRole.Link, new() { Name = "企業情報を修正する" }).ClickAsync();
        await page.GetByLabel("業種（日本標準産業分類）").SelectOptionAsync("E");
        await page.GetByLabel("従業員数").FillAsync("48");
        await page.GetByLabel("電話番号").FillAsync("12-345");
        await page.GetByLabel("会員区分（非会員は空欄）").FillAsync("一般会員");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存する" }).ClickAsync();
        await Assertions.Expect(page.Locator("#contactPhone-error")).ToContainTextAsync("10〜11 桁");
        var violations = await BrowserFixture.CheckScreenAsync(page, "29-company-edit-error");
        await page.GetByLabel("電話番号").FillAsync("0157-23-4567");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存する" }).ClickAsync();

        await page.WaitForURLAsync($"**/p/demo/companies/{company}");
        var facts = page.Locator("dl.facts");
        await Assertions.Expect(facts).ToContainTextAsync("E 製造業");
        await Assertions.Expect(facts).ToContainTextAsync("48人");
        await Assertions.Expect(facts).ToContainTextAsync("0157-23-4567");
        await Assertions.Expect(facts).ToContainTextAsync("一般会員");
        Assert.Empty(violations);
    }

    [Fact]
    public async Task A_seminar_is_recorded_with_the_companies_from_the_sign_up_sheet()
    {
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "coordinator");
        await fixture.Product.Slice.RegisterCompanyAsync("demo", "株式会社セミナー参加甲", "セミナーサンカコウ");
        await fixture.Product.Slice.RegisterCompanyAsync("demo", "株式会社セミナー参加乙", "セミナーサンカオツ");

        await page.GotoAsync("/p/demo/seminars");
        await page.GetByLabel("名称").FillAsync("人材活用セミナー in 北見");
        await page.GetByLabel("会場").FillAsync("北見市民会館");
        await page.GetByLabel("参加者数").FillAsync("25");
        await page.GetByLabel("参加企業の名前").FillAsync("株式会社セミナー参加甲\n株式会社みしらぬ会社");
        await page.GetByRole(AriaRole.Button, new() { Name = "記録する" }).ClickAsync();
        await Assertions.Expect(page.Locator("#companyIds-error")).ToContainTextAsync("株式会社みしらぬ会社");
        var violations = await BrowserFixture.CheckScreenAsync(page, "30-seminar-unknown-company");

        // Coordinators learn the companies from events a moment after they are registered.
        await Poll.UntilAsync(async () =>
        {
            await page.GetByLabel("参加企業の名前").FillAsync("株式会社セミナー参加甲\n株式会社ｾﾐﾅｰ参加乙");
            await page.GetByRole(AriaRole.Button, new() { Name = "記録する" }).ClickAsync();
            await page.WaitForLoadStateAsync();
            return await page.Locator("#companyIds-error").CountAsync() == 0;
        }, Slice.Eventually, "the seminar to be recorded");
        var held = page.Locator("section", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "開催実績" }) });
        await Assertions.Expect(held).ToContainTextAsync("人材活用セミナー in 北見");
        await Assertions.Expect(held).ToContainTextAsync("2社");
        violations = [.. violations, .. await BrowserFixture.CheckScreenAsync(page, "31-seminars")];
        Assert.Empty(violations);
    }

    [Fact]
    public async Task A_company_list_is_imported_from_a_shift_jis_file_with_a_check_first_and_a_progress_page()
    {
        var violations = new List<string>();
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "coordinator");
        var shiftJis = System.Text.CodePagesEncodingProvider.Instance.GetEncoding(932)!;
        var rows = string.Concat(Enumerable.Range(1, 300).Select(i => $"株式会社取込試験{i:D3},ﾄﾘｺﾐｼｹﾝ{i:D3},01208,E,{i}\r\n"));

        await page.GotoAsync("/p/demo/imports/new");
        await page.Locator("#file").SetInputFilesAsync(new FilePayload
        {
            Name = "企業リスト.csv", MimeType = "text/csv", Buffer = shiftJis.GetBytes("事業所名,ﾌﾘｶﾞﾅ,市町村コード,業種,従業員数\r\n" + rows + "壊れた行,コワレタ,99999,Z,-1\r\n"),
        });
        violations.AddRange(await BrowserFixture.CheckScreenAsync(page, "25-import-upload"));
        // The kinds of file as radio buttons beside their labels (on the label's line, just before its text), on a
        // desktop and on a tablet.
        foreach (var (width, height) in new[] { (1366, 900), (768, 1024) })
        {
            await page.SetViewportSizeAsync(width, height);
            foreach (var radio in await page.GetByRole(AriaRole.Radio).AllAsync())
            {
                var box = (await radio.BoundingBoxAsync())!;
                var text = (await radio.EvaluateHandleAsync("r => r.closest('label') ? r.closest('label') : document.querySelector(`label[for='${r.id}']`)")).AsElement()!;
                var label = (await text.BoundingBoxAsync())!;
                Assert.InRange(box.Height, 10, 30);
                Assert.InRange(box.Y + box.Height / 2, label.Y, label.Y + label.Height);
                Assert.InRange(box.X, label.X - 40, label.X + 10);
                Assert.True(label.Height < box.Height * 3, $"the label of a radio button spans {label.Height} px: its text is not beside the button");
            }
        }
        await page.GetByRole(AriaRole.Button, new() { Name = "読み込んで確認する" }).ClickAsync();
        await page.WaitForURLAsync("**/p/demo/imports/companies/*");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("エラーがあります");
        await Assertions.Expect(page.Locator("table.errors")).ToContainTextAsync("302 行目");
        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "取込を実行する" }).CountAsync());
        violations.AddRange(await BrowserFixture.CheckScreenAsync(page, "26-import-errors"));

        await page.GotoAsync("/p/demo/imports/new");
        await page.Locator("#file").SetInputFilesAsync(new FilePayload
        {
            Name = "企業リスト.csv", MimeType = "text/csv", Buffer = shiftJis.GetBytes("事業所名,ﾌﾘｶﾞﾅ,市町村コード,業種,従業員数\r\n" + rows),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "読み込んで確認する" }).ClickAsync();
        await page.WaitForURLAsync("**/p/demo/imports/companies/*");
        await Assertions.Expect(page.Locator("#import-status")).ToContainTextAsync("実行できます");
        Assert.Equal("name", await page.GetByLabel("事業所名").InputValueAsync());
        Assert.Equal("nameKana", await page.GetByLabel("ﾌﾘｶﾞﾅ").InputValueAsync());
        violations.AddRange(await BrowserFixture.CheckScreenAsync(page, "27-import-checked"));
        await page.GetByRole(AriaRole.Button, new() { Name = "取込を実行する" }).ClickAsync();
        await Assertions.Expect(page.Locator("#import-status")).ToContainTextAsync("取込完了", new() { Timeout = 60_000 });
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "新規登録" })).ToContainTextAsync("300");
        violations.AddRange(await BrowserFixture.CheckScreenAsync(page, "28-import-done"));

        await page.GotoAsync("/p/demo/companies?q=とりこみしけん");
        await Assertions.Expect(page.GetByText("300 社")).ToBeVisibleAsync();
        Assert.Empty(violations);
    }

    [Fact]
    public async Task Form_errors_show_next_to_their_field_in_Japanese_then_English_and_nothing_is_saved()
    {
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "coordinator");
        var companies = fixture.Product.Count("companies", "companies");

        await page.GotoAsync("/p/demo/companies/new");
        await page.GetByLabel("都道府県").SelectOptionAsync("13");
        await page.Locator("#municipalityCode").SelectOptionAsync(new SelectOptionValue { Label = "北見市" });
        await page.GetByRole(AriaRole.Button, new() { Name = "登録する" }).ClickAsync();

        var nameError = page.Locator("#name-error");
        await Assertions.Expect(nameError).ToContainTextAsync("入力してください");
        await Assertions.Expect(page.GetByLabel("企業名")).ToHaveAttributeAsync("aria-describedby", "name-error");
        await Assertions.Expect(page.Locator("#municipalityCode-error")).ToContainTextAsync("都道府県のものではありません");
        var violations = await BrowserFixture.CheckScreenAsync(page, "06-form-errors-ja");

        await page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();
        await page.GetByLabel("Or its code (5 or 6 digits)").FillAsync("012085");
        await page.GetByRole(AriaRole.Button, new() { Name = "Register" }).ClickAsync();
        await Assertions.Expect(page.Locator("#name-error")).ToContainTextAsync("required");
        await Assertions.Expect(page.Locator("#municipalityCode-error")).ToContainTextAsync("check digit");
        violations = [.. violations, .. await BrowserFixture.CheckScreenAsync(page, "07-form-errors-en")];

        Assert.Equal(companies, fixture.Product.Count("companies", "companies"));
        Assert.Empty(violations);
    }

    [Fact]
    public async Task Sign_in_works_from_the_keyboard_alone_and_a_wrong_password_is_answered_on_the_page()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/signin");

        await page.Keyboard.PressAsync("Tab"); // skip link
        await page.Keyboard.PressAsync("Tab"); // brand
        await page.GetByLabel("ユーザー名").FocusAsync();
        await page.Keyboard.TypeAsync("coordinator");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("wrong-password");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("ユーザー名またはパスワードが正しくありません");
        var violations = await BrowserFixture.CheckScreenAsync(page, "08-sign-in-refused");

        await page.GetByLabel("パスワード").FocusAsync();
        await page.Keyboard.TypeAsync(BrowserFixture.DemoPassword);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/p/demo");

        Assert.Empty(violations);
    }

    [Fact]
    public async Task Registering_a_company_written_with_another_legal_form_warns_of_the_registered_one()
    {
        var registered = await fixture.Product.Client.PostAsJsonAsync("/api/programs/demo/companies",
            new { name = "北見重複試験株式会社", nameKana = "キタミチョウフクシケン", prefectureCode = "01", municipalityCode = "012084" });
        Assert.True(registered.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, await registered.Content.ReadAsStringAsync());
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "coordinator");
        var companies = fixture.Product.Count("companies", "companies");

        await page.GotoAsync("/p/demo/companies/new");
        await page.GetByLabel("企業名").FillAsync("(株)北見重複試験");
        await page.GetByLabel("フリガナ").FillAsync("キタミチョウフクシケン");
        await page.GetByLabel("都道府県").SelectOptionAsync("01");
        await page.Locator("#municipalityCode").SelectOptionAsync(new SelectOptionValue { Label = "北見市" });
        await page.GetByRole(AriaRole.Button, new() { Name = "登録する" }).ClickAsync();

        var warning = page.Locator("section.warning");
        await Assertions.Expect(warning).ToContainTextAsync("北見重複試験株式会社");
        await Assertions.Expect(warning).ToContainTextAsync("同じ市区町村に同じ名称の企業があります。");
        var violations = await BrowserFixture.CheckScreenAsync(page, "31-company-duplicate-warned");
        Assert.Equal(companies, fixture.Product.Count("companies", "companies"));
        Assert.Empty(violations);
    }

    [Fact]
    public async Task The_company_list_is_in_gojuon_order_sorts_by_a_column_and_filters_by_municipality_and_industry()
    {
        foreach (var (name, kana, municipality, industry) in new[]
                 {
                     ("株式会社並順試験サ", "カブシキガイシャナラビジュンシケンサ", "012084", "I"),
                     ("並順試験ア商店", "ナラビジュンシケンア", "012084", "E"),
                     ("(有)並順試験カ", "ナラビジュンシケンカ", "012114", "E"),
                 })
        {
            var registered = await fixture.Product.Client.PostAsJsonAsync("/api/programs/demo/companies",
                new { name, nameKana = kana, prefectureCode = "01", municipalityCode = municipality, industry });
            Assert.True(registered.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, await registered.Content.ReadAsStringAsync());
        }
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "coordinator");
        var names = page.Locator("tbody tr td:first-child");

        await page.GotoAsync("/p/demo/companies?q=" + Uri.EscapeDataString("並順試験"));
        await Assertions.Expect(names).ToHaveTextAsync(["並順試験ア商店", "(有)並順試験カ", "株式会社並順試験サ"]);
        var violations = await BrowserFixture.CheckScreenAsync(page, "29-company-list-gojuon");

        await page.GetByRole(AriaRole.Link, new() { Name = "企業名", Exact = true }).ClickAsync();
        await Assertions.Expect(names).ToHaveTextAsync(["(有)並順試験カ", "並順試験ア商店", "株式会社並順試験サ"]);
        await Assertions.Expect(page.GetByRole(AriaRole.Columnheader, new() { Name = "企業名", Exact = true })).ToHaveAttributeAsync("aria-sort", "ascending");

        await page.GetByLabel("市区町村", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "網走市" });
        await page.GetByRole(AriaRole.Button, new() { Name = "検索" }).ClickAsync();
        await Assertions.Expect(names).ToHaveTextAsync(["(有)並順試験カ"]);
        await Assertions.Expect(page.Locator("tbody tr td").Nth(3)).ToHaveTextAsync("北海道 網走市");

        await page.GetByLabel("市区町村", new() { Exact = true }).SelectOptionAsync("");
        await page.GetByLabel("業種", new() { Exact = true }).SelectOptionAsync("I");
        await page.GetByRole(AriaRole.Button, new() { Name = "検索" }).ClickAsync();
        await Assertions.Expect(names).ToHaveTextAsync(["株式会社並順試験サ"]);
        Assert.Contains("sort=name", page.Url);
        violations = [.. violations, .. await BrowserFixture.CheckScreenAsync(page, "30-company-list-filtered")];

        Assert.Empty(violations);
    }

    [Fact]
    public async Task Pages_fit_a_tablet_without_sideways_scrolling()
    {
        var page = await fixture.NewPageAsync(width: 768, height: 1024);
        await BrowserFixture.SignInAsync(page, "coordinator");
        await page.GotoAsync("/p/demo/companies");

        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth");
        var violations = await BrowserFixture.CheckScreenAsync(page, "09-companies-tablet");

        Assert.False(overflow);
        Assert.Empty(violations);
    }

    [Fact]
    public async Task A_form_post_without_the_antiforgery_token_is_refused_and_saves_nothing()
    {
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        using var browserless = new HttpClient(handler) { BaseAddress = fixture.Product.Address };
        (await browserless.PostAsync("/api/session", new StringContent("""{"userName":"coordinator","password":"matching-demo"}""", System.Text.Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        var companies = fixture.Product.Count("companies", "companies");

        using var response = await browserless.PostAsync("/p/demo/companies/new", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["name"] = "株式会社偽装送信", ["nameKana"] = "ギソウソウシン", ["prefectureCode"] = "01", ["municipalityCode"] = "012084",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(companies, fixture.Product.Count("companies", "companies"));
    }

    private static async Task<long> CountOnPageAsync(IPage page)
    {
        var text = await page.GetByTestId("consultation-count").InnerTextAsync();
        return long.Parse(new string([.. text.Where(char.IsDigit)]), CultureInfo.InvariantCulture);
    }
}
