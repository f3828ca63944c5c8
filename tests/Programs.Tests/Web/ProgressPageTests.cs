using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Matching.Contracts;
using Matching.Testing;

namespace Matching.Programs.Tests.Web;

/// <summary>The office's progress page offers to close a fiscal year only once the year has ended.</summary>
public sealed partial class ProgressPageTests(EmbeddedProductFixture fixture) : IClassFixture<EmbeddedProductFixture>
{
    private const string LockButton = "この年度を確定（公表）する";

    [Fact]
    public async Task The_running_year_offers_no_lock_and_an_ended_year_does()
    {
        var program = $"pp-{Guid.NewGuid():N}"[..16];
        await fixture.Slice.CreateProgramAsync(program, "確定ボタンテスト");
        var running = FiscalYear.Of(DateOnly.FromDateTime(DateTime.UtcNow.AddHours(9))).StartYear;
        var userName = $"office-{Guid.NewGuid():N}"[..20];
        (await fixture.Product.Admin.PostAsJsonAsync("/api/users", new
        {
            userName, displayName = userName, password = TestUsers.Password, isAdmin = false, memberships = new[] { new { program, role = "office" } },
        })).EnsureSuccessStatusCode();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = fixture.Product.Address };
        var token = TokenPattern().Match(await browser.GetStringAsync("/signin")).Groups[1].Value;
        (await browser.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = userName, ["password"] = TestUsers.Password, ["__RequestVerificationToken"] = token,
        }))).EnsureSuccessStatusCode();
        (await browser.PostAsJsonAsync($"/api/programs/{program}/kpis", new
        {
            code = "movers", name = "移住者数", unit = "人", direction = "increase", source = "entered",
            targets = new[] { new { kind = "yearly", fiscalYear = running - 1, value = 40 }, new { kind = "yearly", fiscalYear = running, value = 40 } },
        })).EnsureSuccessStatusCode();

        var runningPage = await browser.GetStringAsync($"/p/{program}/progress?fiscalYear={running}");
        var endedPage = await browser.GetStringAsync($"/p/{program}/progress?fiscalYear={running - 1}");

        Assert.DoesNotContain(LockButton, runningPage, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"lock-later\"", runningPage, StringComparison.Ordinal);
        Assert.Contains(LockButton, endedPage, StringComparison.Ordinal);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
