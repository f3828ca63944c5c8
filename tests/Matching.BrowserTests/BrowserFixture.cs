using System.Text.Json;
using Matching.Testing;
using Microsoft.Playwright;

namespace Matching.BrowserTests;

/// <summary>
/// The embedded product (demo users on) and Debian's Chromium driven headless by Playwright. Every screen a test
/// visits is screenshotted under the test output (<c>screenshots/</c>) and checked with axe-core.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string DemoPassword = "matching-demo";

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
        playwright = await Playwright.CreateAsync();
        Browser = await LaunchChromiumAsync(playwright);
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
    public Task<IPage> NewPageAsync(int width = 1280, int height = 900, bool javaScript = true) => NewPageAsync(Browser, Product.Address, width, height, javaScript);

    /// <summary>A fresh browser context (its own cookies) on the product at <paramref name="address"/>, with axe-core loaded.</summary>
    public static async Task<IPage> NewPageAsync(IBrowser browser, Uri address, int width = 1280, int height = 900, bool javaScript = true)
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
        return await context.NewPageAsync();
    }

    public static async Task SignInAsync(IPage page, string userName, string password = DemoPassword)
    {
        await page.GotoAsync("/signin");
        await page.GetByLabel("ユーザー名").FillAsync(userName);
        await page.GetByLabel("パスワード").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "サインイン", Exact = true }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    /// <summary>Saves a full-page screenshot and returns the serious or critical accessibility violations axe finds.</summary>
    public static async Task<IReadOnlyList<string>> CheckScreenAsync(IPage page, string name)
    {
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, name + ".png"), FullPage = true });
        var violations = await page.EvaluateAsync<JsonElement>("""
            async () => {
              const result = await axe.run(document, { resultTypes: ['violations'] });
              return result.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 3) }));
            }
            """);
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
