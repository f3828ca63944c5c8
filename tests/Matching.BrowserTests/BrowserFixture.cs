using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Matching.Testing;
using Microsoft.Playwright;

namespace Matching.BrowserTests;

/// <summary>
/// The embedded product (demo users on) and Debian's Chromium driven headless by Playwright. The demo program is grown
/// to a real program's scale before any test: <see cref="ProgramCompanies"/> companies imported as an office would, and
/// four coordinators. Every screen a test visits is screenshotted under the test output (<c>screenshots/</c>), at
/// 1366 and 768 px unless the test names a width, and checked with axe-core at each.
/// </summary>
public sealed partial class BrowserFixture : IAsyncLifetime
{
    public const string DemoPassword = "matching-demo";

    /// <summary>The companies imported into the demo program, named 株式会社規模試験0 … 4999 (reading シケン…).</summary>
    public const int ProgramCompanies = 5_000;

    /// <summary>The fourth coordinator of the demo program, beside 山田 太郎 (main), 佐藤 花子 (assistant) and テスト 担当.</summary>
    public const string FourthCoordinator = "鈴木 一郎";

    private IPlaywright? playwright;

    public EmbeddedProduct Product { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public static string Screenshots { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    private static readonly string AxeScript = Path.Combine(Repository.Root, "tests", "Matching.BrowserTests", "node_modules", "axe-core", "axe.min.js");

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(AxeScript))
            throw new InvalidOperationException($"axe-core is missing at {AxeScript}: run 'npm ci' in tests/Matching.BrowserTests.");
        Directory.CreateDirectory(Screenshots);
        Product = await EmbeddedProduct.StartAsync();
        await Poll.UntilAsync(async () => (await Product.Client.GetAsync("/api/programs/demo/consultations?pageSize=1")).IsSuccessStatusCode,
            Slice.Eventually, "the demo program to be known");
        await GrowDemoProgramAsync();
        playwright = await Playwright.CreateAsync();
        Browser = await LaunchChromiumAsync(playwright);
    }

    /// <summary>
    /// Imports <see cref="ProgramCompanies"/> companies into the demo program through the office's import and adds a
    /// fourth coordinator, then waits until Coordinators (which the consultation form and the type-ahead read) holds both.
    /// </summary>
    private async Task GrowDemoProgramAsync()
    {
        (await Product.Admin.PostAsJsonAsync("/api/users", new
        {
            userName = "suzuki", displayName = FourthCoordinator, password = DemoPassword, isAdmin = false,
            memberships = new[] { new { program = "demo", role = "coordinator", level = "main" } },
        })).EnsureSuccessStatusCode();
        await ImportCompaniesAsync("demo", ProgramCompanies);
        await Poll.UntilAsync(() => Task.FromResult(CoordinatorsCount("SELECT COUNT(*) FROM staff WHERE program = 'demo'") == 4),
            Slice.Eventually, "Coordinators to know the demo program's four coordinators");
    }

    /// <summary>
    /// Imports <paramref name="count"/> companies (株式会社規模試験0 …) into <paramref name="program"/> as an office
    /// would, and waits until Coordinators holds them all.
    /// </summary>
    public async Task ImportCompaniesAsync(string program, int count)
    {
        var imports = $"/api/programs/{program}/companies/imports";
        var upload = await Product.Client.PostAsync($"{imports}?kind=companies&fileName=list.csv", new ByteArrayContent(CompanyListFile.Csv(count, "規模試験")));
        if (upload.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException($"the company list upload: {(int)upload.StatusCode} {await upload.Content.ReadAsStringAsync()}");
        var import = await upload.Content.ReadFromJsonAsync<JsonElement>();
        var id = import.GetProperty("id").GetGuid();
        (await Product.Client.PostAsJsonAsync($"{imports}/{id}/commit", new { version = import.GetProperty("version").GetInt32() })).EnsureSuccessStatusCode();
        await Poll.UntilAsync(() => Task.FromResult(CoordinatorsCount($"SELECT COUNT(*) FROM companies WHERE program = '{program}'") >= count),
            TimeSpan.FromSeconds(120), $"Coordinators to hold the {count} companies imported into {program}");
    }

    private long CoordinatorsCount(string sql)
    {
        using var db = Product.OpenDatabase("coordinators");
        using var command = db.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>Debian's Chromium, headless (Playwright's own browser download cannot work here).</summary>
    public static Task<IBrowser> LaunchChromiumAsync(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            // Without the background-networking flags Chromium keeps calling out, and this machine has no internet.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic"],
        });

    /// <summary>A fresh browser context (its own cookies) on the product, tablet- or desktop-sized.</summary>
    public Task<IPage> NewPageAsync(int width = 1366, int height = 900, bool javaScript = true) => NewPageAsync(Browser, Product.Address, width, height, javaScript);

    /// <summary>A fresh browser context (its own cookies) on the product at <paramref name="address"/>, with axe-core loaded.</summary>
    public static async Task<IPage> NewPageAsync(IBrowser browser, Uri address, int width = 1366, int height = 900, bool javaScript = true)
    {
        if (!File.Exists(AxeScript))
            throw new InvalidOperationException($"axe-core is missing at {AxeScript}: run 'npm ci' in tests/Matching.BrowserTests.");
        Directory.CreateDirectory(Screenshots);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = address.ToString().TrimEnd('/'),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "ja-JP",
            JavaScriptEnabled = javaScript,
        });
        // axe-core comes in as an init script: the pages' Content-Security-Policy refuses a script tag added to them
        // (and should: it admits only the product's own files), and the policy stays in force for everything else.
        await context.AddInitScriptAsync(scriptPath: AxeScript);
        var page = await context.NewPageAsync();
        if (!javaScript)
            WithoutScript.Add(page, true);
        return page;
    }

    public static async Task SignInAsync(IPage page, string userName, string password = DemoPassword)
    {
        await page.GotoAsync("/signin");
        await page.GetByLabel("ユーザー名").FillAsync(userName);
        await page.GetByLabel("パスワード").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "サインイン", Exact = true }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    /// <summary>
    /// Saves full-page screenshots at 1366 and 768 px (the page's own size is restored after) and returns the serious or
    /// critical accessibility violations axe finds at either. A name ending in a width (<c>…-768</c>) is taken once, at
    /// the page's present size.
    /// </summary>
    public static async Task<IReadOnlyList<string>> CheckScreenAsync(IPage page, string name)
    {
        if (NamedWidth().IsMatch(name))
            return await CheckOneScreenAsync(page, name);
        var size = page.ViewportSize;
        var violations = new List<string>();
        foreach (var (width, height) in new[] { (1366, 900), (768, 1024) })
        {
            await page.SetViewportSizeAsync(width, height);
            violations.AddRange(await CheckOneScreenAsync(page, $"{name}-{width}"));
        }
        if (size is not null)
            await page.SetViewportSizeAsync(size.Width, size.Height);
        return violations;
    }

    /// <summary>The pages opened with script off (Playwright cannot evaluate in them).</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IPage, object> WithoutScript = [];

    [GeneratedRegex(@"<script\b[^>]*>.*?</script>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex ScriptElement();

    [GeneratedRegex(@"-\d{3,4}$")]
    private static partial Regex NamedWidth();

    private static async Task<IReadOnlyList<string>> CheckOneScreenAsync(IPage page, string name)
    {
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, name + ".png"), FullPage = true });
        // A page without script cannot run axe: its markup is checked in a page of its own that may, with the product's
        // styles (a base address) and without its scripts, so axe sees what that browser showed.
        var checkedPage = page;
        if (WithoutScript.TryGetValue(page, out _))
        {
            var html = ScriptElement().Replace(await page.ContentAsync(), "");
            var origin = new Uri(page.Url).GetLeftPart(UriPartial.Authority);
            html = html.Replace("<head>", $"<head><base href=\"{origin}/\">", StringComparison.OrdinalIgnoreCase);
            var context = await page.Context.Browser!.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = page.ViewportSize!.Width, Height = page.ViewportSize.Height }, Locale = "ja-JP" });
            await context.AddInitScriptAsync(scriptPath: AxeScript);
            checkedPage = await context.NewPageAsync();
            await checkedPage.SetContentAsync(html, new PageSetContentOptions { WaitUntil = WaitUntilState.NetworkIdle });
        }
        var violations = await checkedPage.EvaluateAsync<JsonElement>("""
            async () => {
              const result = await axe.run(document, { resultTypes: ['violations'] });
              return result.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 3) }));
            }
            """);
        if (checkedPage != page)
            await checkedPage.Context.DisposeAsync();
        return [.. violations.EnumerateArray()
            .Where(v => v.GetProperty("impact").GetString() is "serious" or "critical")
            .Select(v => $"{name}: {v.GetProperty("impact").GetString()} {v.GetProperty("id").GetString()} — {v.GetProperty("help").GetString()} at {string.Join(", ", v.GetProperty("nodes").EnumerateArray().Select(n => n.GetString()))}")];
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
            await Browser.DisposeAsync();
        playwright?.Dispose();
        if (Product is not null)
            await Product.DisposeAsync();
    }
}
