using System.Net.Http.Json;
using System.Text.Json;
using Matching.Testing;
using Microsoft.Playwright;

namespace Matching.BrowserTests;

/// <summary>
/// The operator's day in the UI: adds a coordinator with a role in a program, and the coordinator signs in; resets a lost
/// password; deactivates the account, after which sign-in is refused; creates a program. Unlocks a user locked out by
/// failed sign-ins and gives them a role in a program, renames the program, and finds both in the audit log by action,
/// user and period.
/// </summary>
public sealed class OperatorScreensTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_operator_adds_a_coordinator_who_then_signs_in_and_deactivates_them_afterwards()
    {
        var violations = new List<string>();
        var admin = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(admin, "admin");
        await admin.GetByRole(AriaRole.Link, new() { Name = "ユーザー管理" }).ClickAsync();
        await Assertions.Expect(admin.GetByTestId("users")).ToContainTextAsync("coordinator");
        violations.AddRange(await BrowserFixture.CheckScreenAsync(admin, "60-admin-users"));

        var userName = $"kita-{Random.Shared.Next(1000, 9999)}";
        await admin.GetByLabel("ユーザー名（半角英数字と . _ -）").FillAsync(userName);
        await admin.GetByLabel("表示名", new() { Exact = true }).FillAsync("北見 次郎");
        await admin.GetByLabel("初期パスワード（10 文字以上）").FillAsync("short");
        await admin.GetByLabel("プログラム", new() { Exact = true }).SelectOptionAsync("demo");
        await admin.GetByLabel("役割", new() { Exact = true }).SelectOptionAsync("coordinator");
        await admin.GetByRole(AriaRole.Button, new() { Name = "追加する" }).ClickAsync();
        await Assertions.Expect(admin.Locator("#password-error")).ToContainTextAsync("パスワード");
        await admin.GetByLabel("初期パスワード（10 文字以上）").FillAsync("kitami-jiro-2026");
        await admin.GetByLabel("レベル（コーディネーターのみ）").SelectOptionAsync("sub");
        await admin.GetByRole(AriaRole.Button, new() { Name = "追加する" }).ClickAsync();
        await Assertions.Expect(admin.GetByTestId("done")).ToContainTextAsync("ユーザーを追加しました");
        await Assertions.Expect(admin.GetByTestId("roles")).ToContainTextAsync("demo");
        violations.AddRange(await BrowserFixture.CheckScreenAsync(admin, "61-admin-user-added"));

        var coordinator = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(coordinator, userName, "kitami-jiro-2026");
        await Assertions.Expect(coordinator.Locator("header")).ToContainTextAsync("北見 次郎");
        await Assertions.Expect(coordinator.GetByRole(AriaRole.Navigation, new() { Name = "メニュー" })).ToContainTextAsync("企業");

        // A lost password: the operator sets a new one, which works; then the account is deactivated and sign-in refused.
        await admin.GetByLabel("新しいパスワード（10 文字以上）").FillAsync("kitami-jiro-new-1");
        await admin.GetByRole(AriaRole.Button, new() { Name = "パスワードを再設定する" }).ClickAsync();
        await Assertions.Expect(admin.GetByTestId("done")).ToContainTextAsync("パスワードを再設定しました");
        await admin.GetByRole(AriaRole.Button, new() { Name = "無効にする" }).ClickAsync();
        await Assertions.Expect(admin.GetByTestId("state")).ToHaveTextAsync("無効");
        violations.AddRange(await BrowserFixture.CheckScreenAsync(admin, "62-admin-user-deactivated"));
        var refused = await fixture.NewPageAsync();
        await refused.GotoAsync("/signin");
        await refused.GetByLabel("ユーザー名").FillAsync(userName);
        await refused.GetByLabel("パスワード").FillAsync("kitami-jiro-new-1");
        await refused.GetByRole(AriaRole.Button, new() { Name = "サインイン" }).ClickAsync();
        await Assertions.Expect(refused.GetByRole(AriaRole.Alert)).ToContainTextAsync("ユーザー名またはパスワードが正しくありません");

        // A new program, which the home then lists.
        var slug = $"pref-{Random.Shared.Next(100, 999)}";
        await admin.GotoAsync("/admin/programs");
        await admin.GetByLabel("識別子（半角英小文字・数字・ハイフン、URL に使われます）").FillAsync(slug);
        await admin.GetByLabel("名称（例: 北海道プロフェッショナル人材戦略拠点）").FillAsync("テスト県プロフェッショナル人材戦略拠点");
        await admin.GetByRole(AriaRole.Button, new() { Name = "作成する" }).ClickAsync();
        await Assertions.Expect(admin.GetByTestId("created")).ToContainTextAsync("テスト県プロフェッショナル人材戦略拠点");
        await Assertions.Expect(admin.GetByTestId("programs")).ToContainTextAsync(slug);
        violations.AddRange(await BrowserFixture.CheckScreenAsync(admin, "63-admin-programs"));

        // The audit log, filtered to deactivations: the account just deactivated is there, by the operator.
        await admin.GotoAsync("/admin/audit");
        await admin.GetByLabel("操作").SelectOptionAsync(new SelectOptionValue { Label = "アカウント無効化" });
        await admin.GetByRole(AriaRole.Button, new() { Name = "絞り込む" }).ClickAsync();
        var audit = admin.GetByTestId("audit");
        await Assertions.Expect(audit.Locator("tbody tr", new() { HasText = userName })).ToHaveCountAsync(1);
        await Assertions.Expect(audit).Not.ToContainTextAsync("サインイン失敗");
        violations.AddRange(await BrowserFixture.CheckScreenAsync(admin, "64-admin-audit-filtered"));

        Assert.Empty(violations);
    }

    [Theory]
    [InlineData(1366, 900)]
    [InlineData(768, 1024)]
    public async Task The_operator_unlocks_a_user_grants_a_role_renames_the_program_and_finds_both_in_the_audit_log(int width, int height)
    {
        var userName = $"locked-{Guid.NewGuid():N}"[..16];
        var slug = $"rename-{Guid.NewGuid():N}"[..16];
        await fixture.Product.Slice.CreateProgramAsync(slug, "テスト市人材センター");
        var created = await fixture.Product.Admin.PostAsJsonAsync("/api/users", new { userName, displayName = "稚内 三郎", password = TestUsers.Password, isAdmin = false });
        created.EnsureSuccessStatusCode();
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        using (var signIn = new HttpClient { BaseAddress = fixture.Product.Address })
        {
            for (var i = 0; i < 5; i++)
                (await signIn.PostAsJsonAsync("/api/session", new { userName, password = "wrong-password-" + i })).Dispose();
        }
        var violations = new List<string>();
        var admin = await fixture.NewPageAsync(width, height);
        await BrowserFixture.SignInAsync(admin, "admin");

        await admin.GotoAsync($"/admin/users/{id}");
        await Assertions.Expect(admin.GetByTestId("state")).ToContainTextAsync("ロック中");
        await admin.GetByRole(AriaRole.Button, new() { Name = "ロックを解除する" }).ClickAsync();
        await Assertions.Expect(admin.GetByTestId("done")).ToContainTextAsync("ロックを解除しました");
        await Assertions.Expect(admin.GetByTestId("state")).ToHaveTextAsync("有効");
        await admin.GetByRole(AriaRole.Combobox, new() { Name = "プログラム", Exact = true }).SelectOptionAsync(slug);
        await admin.GetByRole(AriaRole.Combobox, new() { Name = "役割", Exact = true }).SelectOptionAsync("coordinator");
        await admin.GetByLabel("レベル（コーディネーターのみ）").SelectOptionAsync("main");
        await admin.GetByRole(AriaRole.Button, new() { Name = "設定する", Exact = true }).ClickAsync();
        await Assertions.Expect(admin.GetByTestId("done")).ToContainTextAsync("役割を設定しました");
        await Assertions.Expect(admin.GetByTestId("roles")).ToContainTextAsync(slug);
        violations.AddRange(await BrowserFixture.CheckScreenAsync(admin, $"68-admin-user-unlocked-role-granted-{width}"));
        var user = await fixture.NewPageAsync(width, height);
        await BrowserFixture.SignInAsync(user, userName, TestUsers.Password);
        await Assertions.Expect(user.Locator("header")).ToContainTextAsync("稚内 三郎");

        await admin.GotoAsync("/admin/programs");
        await admin.GetByRole(AriaRole.Combobox, new() { Name = "プログラム", Exact = true }).SelectOptionAsync(slug);
        await admin.GetByLabel("新しい名称").FillAsync("  ");
        await admin.GetByRole(AriaRole.Button, new() { Name = "名称を変更する" }).ClickAsync();
        await Assertions.Expect(admin.Locator("#name-error")).ToBeVisibleAsync();
        await Assertions.Expect(admin.GetByLabel("新しい名称")).ToHaveAttributeAsync("aria-invalid", "true");
        await admin.GetByLabel("新しい名称").FillAsync("テスト市プロフェッショナル人材戦略拠点");
        await admin.GetByRole(AriaRole.Button, new() { Name = "名称を変更する" }).ClickAsync();
        await Assertions.Expect(admin.GetByTestId("renamed")).ToContainTextAsync("テスト市プロフェッショナル人材戦略拠点");
        await Assertions.Expect(admin.GetByTestId("programs").Locator("tr", new() { HasText = slug })).ToContainTextAsync("テスト市プロフェッショナル人材戦略拠点");
        violations.AddRange(await BrowserFixture.CheckScreenAsync(admin, $"69-admin-program-renamed-{width}"));

        // The audit log by action, user and period: the rename by this operator today, and the unlock.
        var today = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(9)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await admin.GotoAsync("/admin/audit");
        await admin.GetByLabel("操作").SelectOptionAsync(new SelectOptionValue { Label = "プログラム名の変更" });
        await admin.GetByLabel("ユーザー名").FillAsync("admin");
        await admin.GetByLabel("期間（から）").FillAsync(today);
        await admin.GetByLabel("期間（まで）").FillAsync(today);
        await admin.GetByRole(AriaRole.Button, new() { Name = "絞り込む" }).ClickAsync();
        var audit = admin.GetByTestId("audit");
        await Assertions.Expect(audit.Locator("tbody tr", new() { HasText = slug })).ToHaveCountAsync(1);
        await Assertions.Expect(audit.Locator("tbody tr", new() { HasText = slug })).ToContainTextAsync("テスト市人材センター → テスト市プロフェッショナル人材戦略拠点");
        violations.AddRange(await BrowserFixture.CheckScreenAsync(admin, $"70-admin-audit-by-action-user-period-{width}"));
        await admin.GetByLabel("操作").SelectOptionAsync(new SelectOptionValue { Label = "ロック解除" });
        await admin.GetByRole(AriaRole.Button, new() { Name = "絞り込む" }).ClickAsync();
        await Assertions.Expect(audit.Locator("tbody tr", new() { HasText = userName })).ToHaveCountAsync(1);
        await admin.GetByLabel("期間（まで）").FillAsync("2020-01-01");
        await admin.GetByLabel("期間（から）").FillAsync("2020-01-01");
        await admin.GetByRole(AriaRole.Button, new() { Name = "絞り込む" }).ClickAsync();
        await Assertions.Expect(audit.Locator("tbody tr", new() { HasText = userName })).ToHaveCountAsync(0);

        Assert.Empty(violations);
    }
}
