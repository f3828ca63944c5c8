using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Matching.Testing;

namespace Matching.SystemTests;

/// <summary>The first slice through the gateway, with every service in its own process on a real broker.</summary>
public sealed class SliceAcrossProcessesTests
{
    [Fact]
    public async Task Program_company_and_consultations_flow_across_separate_processes_to_the_count()
    {
        await using var product = await DistributedProduct.StartAsync();

        await product.Slice.CreateProgramAsync("hokkaido", "北海道プロフェッショナル人材センター");
        var company = await product.Slice.RegisterCompanyAsync("hokkaido", "株式会社十勝フーズ", "トカチフーズ", "7000012050002", "01", "012084");
        for (var day = 1; day <= 5; day++)
            await product.Slice.LogConsultationAsync("hokkaido", company, new DateOnly(2025, 6, day));

        await Poll.UntilEqualAsync(() => product.Slice.ConsultationCountAsync("hokkaido", 2025), 5L, Slice.Eventually, "counted consultations");
        var read = await product.Client.GetFromJsonAsync<JsonElement>($"/api/programs/hokkaido/companies/{company}");
        Assert.Equal("株式会社十勝フーズ", read.GetProperty("name").GetString());
        Assert.Equal(5, product.Scalar("coordinators", "SELECT COUNT(*) FROM consultations"));
        Assert.Equal(5, product.Scalar("programs", "SELECT COUNT(*) FROM counted_events WHERE kind = 'consultation'"));
        Assert.Equal(1, product.Scalar("programs", "SELECT COUNT(*) FROM counted_events WHERE kind = 'company-registered'"));
        Assert.Equal(0, product.Scalar("programs", "SELECT COUNT(*) FROM sqlite_master WHERE name = 'consultations'"));
    }

    [Fact]
    public async Task Each_service_keeps_its_own_database_and_queue()
    {
        await using var product = await DistributedProduct.StartAsync();

        await product.Slice.CreateProgramAsync("saitama", "埼玉県プロフェッショナル人材戦略拠点");
        await product.Slice.RegisterCompanyAsync("saitama", "株式会社川越製作所", "カワゴエセイサクショ", null, "11", "112011");

        Assert.Equal(1, product.Scalar("companies", "SELECT COUNT(*) FROM companies"));
        await Poll.UntilEqualAsync(() => Task.FromResult(product.Scalar("coordinators", "SELECT COUNT(*) FROM companies")), 1L, Slice.Eventually, "the local copy in Coordinators");
        var queues = await product.Broker.RabbitMqCtlAsync(["list_queues", "name", "type", "--quiet"]);
        Assert.Contains("coordinators-company-registered", queues);
        Assert.Contains("companies-program-created", queues);
        Assert.Contains("coordinators-program-created", queues);
        Assert.Contains("quorum", queues);
    }

    [Fact]
    public async Task Gateway_answers_unknown_programs_with_problem_details()
    {
        await using var product = await DistributedProduct.StartAsync();

        var response = await product.Client.PostAsJsonAsync("/api/programs/nowhere/companies", new { name = "x" });

        var problem = await Problem.ReadAsync(response, HttpStatusCode.NotFound);
        Assert.Contains("nowhere", problem.Title);
    }

    [Fact]
    public async Task Web_UI_in_its_own_process_signs_in_and_shows_a_program_through_the_gateway()
    {
        await using var product = await DistributedProduct.StartAsync(web: true);
        await product.Slice.CreateProgramAsync("doto", "ドット道東");
        await product.Slice.RegisterCompanyAsync("doto", "株式会社道東ファーム", "ドウトウファーム", null, "01", "012084");
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = product.Gateway.Address };

        var form = await browser.GetStringAsync("/signin");
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        using var signIn = await browser.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = TestUsers.Staff, ["password"] = TestUsers.Password, ["__RequestVerificationToken"] = token,
        }));
        signIn.EnsureSuccessStatusCode();
        var companies = "";
        await Poll.UntilAsync(async () => (companies = await browser.GetStringAsync("/p/doto/companies")).Contains("株式会社道東ファーム", StringComparison.Ordinal),
            Slice.Eventually, "the company on the web page");

        Assert.Contains("<html lang=\"ja\">", companies);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/p/doto/kpis")).StatusCode);
    }

    [Fact]
    public async Task Web_replicas_share_the_key_ring_so_a_sign_in_form_served_by_one_is_accepted_by_another()
    {
        await using var product = await DistributedProduct.StartAsync(web: true, webReplicas: 2);
        // A control: a replica with its own key ring, as a web pod without the shared volume would have.
        using var ownKeys = new TempFolder("matching-own-keys");
        var alone = await product.StartWebAsync("web-own-keys", product.Gateway.Address.Port, "--Matching:KeysDirectory", ownKeys.Path);
        await Poll.UntilAsync(async () => await Reachable(alone.Address), Slice.Eventually, "the control replica to listen");

        Assert.Equal(HttpStatusCode.OK, await SignInAsync(product.WebReplicas[0].Address, product.WebReplicas[1].Address));
        Assert.Equal(HttpStatusCode.BadRequest, await SignInAsync(product.WebReplicas[0].Address, alone.Address));
    }

    /// <summary>Gets the sign-in form (its antiforgery cookie and token) from one web process and posts it to another.</summary>
    private static async Task<HttpStatusCode> SignInAsync(Uri formFrom, Uri postTo)
    {
        // Cookies belong to the host, not the port: the antiforgery cookie of one replica goes to the other.
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() });
        var form = await browser.GetStringAsync(new Uri(formFrom, "/signin"));
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        Assert.NotEmpty(token);
        using var signIn = await browser.PostAsync(new Uri(postTo, "/signin"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = TestUsers.Staff, ["password"] = TestUsers.Password, ["__RequestVerificationToken"] = token,
        }));
        return signIn.StatusCode;
    }

    private static async Task<bool> Reachable(Uri address)
    {
        using var client = new HttpClient();
        try
        {
            return (await client.GetAsync(new Uri(address, "/health/live"))).IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }
}
