using System.Net.Http.Json;
using System.Text.Json;
using Matching.Contracts;
using Matching.Platform.Auth;
using Matching.Programs.Accounts;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Matching.Host;

/// <summary>
/// On the first start of the embedded default, a handful of companies and consultations in the demo program, so a
/// newcomer can click through at once. Entered through the HTTP API as the demo coordinator, like any user would.
/// </summary>
internal sealed class DemoData(IServer server, IHostApplicationLifetime lifetime, TimeProvider clock, ILogger<DemoData> logger) : BackgroundService
{
    private static readonly (string Name, string Kana, string Prefecture, string Municipality, string Industry, int Employees, string Contact)[] Companies =
    [
        ("株式会社オホーツク精機", "オホーツクセイキ", "01", "012084", "E", 86, "佐藤 一郎"),
        ("十勝フーズ株式会社", "トカチフーズ", "01", "012076", "E", 140, "高橋 恵"),
        ("有限会社くしろ水産加工", "クシロスイサンカコウ", "01", "012068", "E", 32, "伊藤 誠"),
        ("旭川家具工房株式会社", "アサヒカワカグコウボウ", "01", "012041", "E", 45, "渡辺 美咲"),
        ("株式会社さっぽろデジタルソリューションズ", "サッポロデジタルソリューションズ", "01", "011002", "G", 58, "中村 健"),
    ];

    private static readonly (int Company, int DaysAgo, string Channel, string Issue, string Notes)[] Consultations =
    [
        (0, 3, "visit", "salesChannels", "販路開拓の相談。首都圏の商社との取引経験がある営業責任者を求めている。"),
        (0, 40, "phone", "succession", "事業承継の進め方について。後継者候補の育成が課題。"),
        (1, 12, "visit", "overseasExpansion", "海外展開（台湾・香港）の計画。輸出実務の経験者が必要。"),
        (2, 20, "online", "dx", "DX 推進。生産管理システムの導入を主導できる人材を検討。"),
        (3, 7, "seminar", "newBusiness", "人材活用セミナーで相談。新商品開発の企画担当を副業で受け入れたい。"),
        (4, 2, "visit", "organisation", "組織づくり。管理部門の責任者候補を正社員で募集したい。"),
    ];

    private static readonly string[] DemoCoordinators = ["山田 太郎"];

    private static readonly string[] Hokkaido = ["01"];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await WaitForStartAsync(stoppingToken);
            using var http = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer() })
            {
                BaseAddress = Matching.Platform.Hosting.ServerAddress.Loopback(server),
            };
            (await http.PostAsJsonAsync("/api/session", new { userName = "coordinator", password = DemoAccounts.Password }, stoppingToken)).EnsureSuccessStatusCode();

            // Services learn the demo program from an event a moment after start.
            JsonElement page = default;
            for (var attempt = 0; attempt < 600; attempt++)
            {
                var response = await http.GetAsync("/api/programs/demo/companies?pageSize=1", stoppingToken);
                if (response.IsSuccessStatusCode)
                {
                    page = await response.Content.ReadFromJsonAsync<JsonElement>(stoppingToken);
                    break;
                }
                await Task.Delay(100, stoppingToken);
            }
            if (page.ValueKind != JsonValueKind.Object || page.GetProperty("total").GetInt32() > 0)
                return;

            var ids = new List<Guid>();
            foreach (var (name, kana, prefecture, municipality, industry, employees, contact) in Companies)
            {
                var response = await http.PostAsJsonAsync("/api/programs/demo/companies",
                    new
                    {
                        name, nameKana = kana, corporateNumber = (string?)null, prefectureCode = prefecture, municipalityCode = municipality,
                        industry, employees, contactName = contact, contactTitle = "代表取締役",
                    }, stoppingToken);
                response.EnsureSuccessStatusCode();
                ids.Add((await response.Content.ReadFromJsonAsync<JsonElement>(stoppingToken)).GetProperty("id").GetGuid());
            }
            var today = JapanTime.Today(clock);
            foreach (var (company, daysAgo, channel, issue, notes) in Consultations)
            {
                var date = today.AddDays(-daysAgo);
                if (!FiscalYear.Of(today).Contains(date))
                    date = FiscalYear.Of(today).FirstDay;
                // Coordinators learn each company from an event: retry until it knows it.
                for (var attempt = 0; attempt < 600; attempt++)
                {
                    var response = await http.PostAsJsonAsync("/api/programs/demo/consultations",
                        new { companyId = ids[company], date = date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), coordinators = DemoCoordinators, channel, issues = new[] { issue }, notes }, stoppingToken);
                    if (response.IsSuccessStatusCode)
                        break;
                    await Task.Delay(100, stoppingToken);
                }
            }
            var firms = await ReferralsAsync(http, ids[2], stoppingToken);
            await CandidatesAsync(http, firms[0], stoppingToken);
            logger.LogInformation(
                "Demo data entered: {Companies} companies, {Consultations} consultations, two recruiting firms, a referral and {Candidates} candidates.",
                Companies.Length, Consultations.Length, DemoCandidates.Length);
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException)
        {
            logger.LogWarning(ex, "Demo data could not be entered.");
        }
    }

    /// <summary>
    /// Two registered firms (the demo recruiter belongs to the first, by name), a talent need of one company, and its
    /// referral to that firm, anonymised: the recruiter's inbox has something to answer.
    /// </summary>
    private static async Task<IReadOnlyList<Guid>> ReferralsAsync(HttpClient coordinator, Guid company, CancellationToken ct)
    {
        using var office = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer() }) { BaseAddress = coordinator.BaseAddress };
        (await office.PostAsJsonAsync("/api/session", new { userName = "office", password = DemoAccounts.Password }, ct)).EnsureSuccessStatusCode();
        var firms = new List<Guid>();
        foreach (var (name, kana, licence, specialties) in new[]
                 {
                     ("北海道キャリアパートナーズ株式会社", "ホッカイドウキャリアパートナーズ", "01-ユ-300101", new[] { "digital", "engineering" }),
                     ("道東人材サービス株式会社", "ドウトウジンザイサービス", "01-ユ-300202", new[] { "sideJob", "sales" }),
                 })
        {
            var registered = await office.PostAsJsonAsync("/api/programs/demo/firms", new
            {
                name, nameKana = kana, licenceNumber = licence, headOffice = "札幌市中央区", areas = Hokkaido, specialties,
                contacts = new[] { new { name = "採用支援担当", email = (string?)null, phone = "011-000-0000" } }, feeRule = "理論年収の 30%",
            }, ct);
            registered.EnsureSuccessStatusCode();
            firms.Add((await registered.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetGuid());
        }
        var opened = await coordinator.PostAsJsonAsync($"/api/programs/demo/companies/{company}/needs", new
        {
            role = "生産管理 DX リーダー", employmentForm = "fullTime", payUnit = "year", payMinYen = 6_000_000, payMaxYen = 8_000_000,
            description = "生産管理システムの導入を主導し、現場の業務改善を進める。",
        }, ct);
        opened.EnsureSuccessStatusCode();
        var need = (await opened.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetGuid();
        // Coordinators learn the need from an event: retry until it knows it.
        for (var attempt = 0; attempt < 600; attempt++)
        {
            var referred = await coordinator.PostAsJsonAsync("/api/programs/demo/referrals",
                new { needId = need, firmIds = new[] { firms[0] }, message = "DX 推進の経験がある方をご紹介ください。" }, ct);
            if (referred.IsSuccessStatusCode)
                break;
            await Task.Delay(100, ct);
        }
        return firms;
    }

    /// <summary>
    /// Three candidates of the talent data bank: one consented to registered firms, one to the demo recruiter's firm by
    /// name, one to the program only, so the recruiter sees two full profiles and one anonymised.
    /// </summary>
    private static readonly (string Name, string Kana, string Prefecture, int BirthYear, string Company, string Role, string[] Skills, string[] Forms, string Consent)[] DemoCandidates =
    [
        ("田中 健一", "タナカ ケンイチ", "13", 1979, "東京精機株式会社", "生産管理部長", ["生産管理", "DX推進", "カイゼン"], ["fullTime"], "registeredFirms"),
        ("小林 由美", "コバヤシ ユミ", "27", 1986, "大阪マーケティング株式会社", "Webマーケティング担当", ["デジタルマーケティング", "EC運営"], ["sideJob", "outsourcing"], "firm"),
        ("加藤 翔", "カトウ ショウ", "01", 1992, "札幌システム株式会社", "システムエンジニア", ["ソフトウェア開発", "データ分析"], ["fullTime", "sideJob"], "program"),
    ];

    private static async Task CandidatesAsync(HttpClient coordinator, Guid firm, CancellationToken ct)
    {
        foreach (var (name, kana, prefecture, birthYear, company, role, skills, forms, consent) in DemoCandidates)
        {
            // Candidates learns the program (and seeds its skills) and the firms from events: retry until it knows them.
            Guid? id = null;
            for (var attempt = 0; attempt < 600 && id is null; attempt++)
            {
                var registered = await coordinator.PostAsJsonAsync("/api/programs/demo/candidates", new
                {
                    name, nameKana = kana, prefectureCode = prefecture, hometownPrefectureCode = "01", birthYear,
                    career = new[] { new { company, role, fromYear = birthYear + 23, toYear = (int?)null } },
                    skills, employmentForms = forms, remote = "partial", desiredAreas = Hokkaido,
                }, ct);
                if (registered.IsSuccessStatusCode)
                    id = (await registered.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetGuid();
                else
                    await Task.Delay(100, ct);
            }
            for (var attempt = 0; attempt < 600 && id is not null; attempt++)
            {
                var given = await coordinator.PostAsJsonAsync($"/api/programs/demo/candidates/{id}/consents", new
                {
                    purpose = consent == "program" ? "dataBank" : "introduction", recipient = consent, firmId = consent == "firm" ? firm : (Guid?)null,
                    textVersion = "2025-04", method = "written",
                }, ct);
                if (given.IsSuccessStatusCode)
                    break;
                await Task.Delay(100, ct);
            }
        }
    }

    private Task WaitForStartAsync(CancellationToken ct)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        ct.Register(() => started.TrySetCanceled(ct));
        return started.Task;
    }
}
