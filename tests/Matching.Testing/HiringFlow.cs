using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Matching.Testing;

/// <summary>
/// The lifecycle from a company's need to a hire, driven through the HTTP API only: a program with its office, a registered
/// firm and its recruiter, companies, needs referred to the firm and accepted, candidates with consent, introductions moved
/// through their stages, placements. Every step waits for what the next service must have heard by events.
/// </summary>
public sealed class HiringFlow(HttpClient admin, HttpClient coordinator, string program)
{
    public string Program => program;

    public HttpClient Coordinator => coordinator;

    public HttpClient Office { get; private set; } = null!;

    public HttpClient Recruiter { get; private set; } = null!;

    public Guid FirmId { get; private set; }

    public const string FirmName = "株式会社北海道キャリアパートナーズ";

    public static async Task<HiringFlow> CreateAsync(HttpClient admin, HttpClient coordinator, string prefix, string name = "成約テスト人材センター")
    {
        var flow = new HiringFlow(admin, coordinator, $"{prefix}-{Guid.NewGuid():N}"[..16]);
        await new Slice(admin, coordinator).CreateProgramAsync(flow.Program, name);
        flow.Office = await TestUsers.MemberAsync(admin, flow.Program, "office");
        HttpResponseMessage response = null!;
        await Poll.UntilAsync(async () =>
        {
            response = await flow.Office.PostAsJsonAsync($"/api/programs/{flow.Program}/firms", new
            {
                name = FirmName, nameKana = "ホッカイドウキャリアパートナーズ", licenceNumber = $"01-ユ-{Random.Shared.Next(0, 999_999):000000}",
                headOffice = "札幌市中央区", areas = new[] { "01" }, status = "registered",
                contacts = new[] { new { name = "紹介 担当", email = "agent@example.jp", phone = "011-000-0000" } },
            });
            return response.StatusCode != HttpStatusCode.NotFound;
        }, Slice.Eventually, "the program to be known by Coordinators");
        await EnsureAsync(response);
        flow.FirmId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        flow.Recruiter = await TestUsers.MemberAsync(admin, flow.Program, "recruiter", firm: flow.FirmId.ToString());
        return flow;
    }

    public async Task<Guid> CompanyAsync(string name = "株式会社オホーツク精機", string kana = "オホーツクセイキ", string municipality = "012084")
    {
        var id = await new Slice(admin, coordinator).RegisterCompanyAsync(program, name, kana, null, municipality[..2], municipality);
        return id;
    }

    public async Task<Guid> NeedAsync(Guid company, string role = "生産技術マネージャー", string employmentForm = "fullTime", DateOnly? openedOn = null)
    {
        var response = await coordinator.PostAsJsonAsync($"/api/programs/{program}/companies/{company}/needs", new
        {
            role, employmentForm, payUnit = "year", payMinYen = 5_000_000, payMaxYen = 8_000_000, description = "工場の自動化を進める",
            openedOn = openedOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        });
        await EnsureAsync(response);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>Refers the need to the firm and lets the recruiter accept it; returns the referral.</summary>
    public async Task<Guid> ReferAndAcceptAsync(Guid need)
    {
        HttpResponseMessage response = null!;
        await Poll.UntilAsync(async () =>
        {
            response = await coordinator.PostAsJsonAsync($"/api/programs/{program}/referrals", new { needId = need, firmIds = new[] { FirmId } });
            return response.StatusCode != HttpStatusCode.BadRequest;
        }, Slice.Eventually, "the need to be known by Coordinators");
        await EnsureAsync(response);
        var referral = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ids")[0].GetGuid();
        await EnsureAsync(await Recruiter.PostAsJsonAsync($"/api/programs/{program}/referrals/{referral}/accept", new { version = 1 }));
        return referral;
    }

    /// <summary>Registers a candidate living in <paramref name="prefecture"/>, consenting to introduction by registered firms.</summary>
    public async Task<Guid> CandidateAsync(string prefecture = "13", string? hometown = "01", string name = "鈴木 一郎", string kana = "スズキ イチロウ")
    {
        HttpResponseMessage response = null!;
        await Poll.UntilAsync(async () =>
        {
            response = await coordinator.PostAsJsonAsync($"/api/programs/{program}/candidates", new
            {
                name, nameKana = kana, email = $"c{Guid.NewGuid():N}"[..12] + "@example.jp", prefectureCode = prefecture, hometownPrefectureCode = hometown,
                birthYear = 1980, employmentForms = new[] { "fullTime" }, skills = Array.Empty<string>(), remote = "none",
            });
            return response.StatusCode != HttpStatusCode.NotFound;
        }, Slice.Eventually, "the program to be known by Candidates");
        await EnsureAsync(response);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await EnsureAsync(await coordinator.PostAsJsonAsync($"/api/programs/{program}/candidates/{id}/consents", new
        {
            purpose = "introduction", recipient = "registeredFirms", textVersion = "2025-04", method = "written",
        }));
        return id;
    }

    /// <summary>The recruiter introduces the candidate once Placements has heard of the need, the referral's acceptance and the consent.</summary>
    public async Task<Guid> IntroduceAsync(Guid need, Guid candidate, HttpClient? by = null)
    {
        HttpResponseMessage response = null!;
        await Poll.UntilAsync(async () =>
        {
            response = await (by ?? Recruiter).PostAsJsonAsync($"/api/programs/{program}/introductions", new { needId = need, candidateId = candidate });
            return response.StatusCode is not (HttpStatusCode.NotFound or HttpStatusCode.Forbidden);
        }, Slice.Eventually, "Placements to know the need, the accepted referral and the consent");
        await EnsureAsync(response);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public async Task<HttpResponseMessage> MoveAsync(Guid introduction, string stage, DateOnly? on = null, string? reason = null, HttpClient? by = null, object? interview = null)
    {
        var current = await (by ?? Recruiter).GetFromJsonAsync<JsonElement>($"/api/programs/{program}/introductions/{introduction}");
        var version = current.GetProperty("introduction").GetProperty("version").GetInt32();
        return await (by ?? Recruiter).PostAsJsonAsync($"/api/programs/{program}/introductions/{introduction}/stage", new
        {
            stage, version, on = on?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), reason,
            interviewAt = interview is null ? null : (DateTimeOffset?)new DateTimeOffset(on?.ToDateTime(new TimeOnly(10, 0)) ?? DateTime.UtcNow, TimeSpan.FromHours(9)),
            attendees = interview is null ? null : new[] { "代表取締役 佐藤", "工場長 田中" },
        });
    }

    /// <summary>Moves an introduction through interview and offer to an accepted offer on <paramref name="acceptedOn"/>, then places it.</summary>
    public async Task<JsonElement> PlaceAsync(Guid introduction, DateOnly acceptedOn, DateOnly startOn, long annualPayYen = 6_000_000, HttpClient? by = null)
    {
        foreach (var (stage, on) in new[] { ("interview", acceptedOn.AddDays(-20)), ("offer", acceptedOn.AddDays(-5)), ("offerAccepted", acceptedOn) })
            await EnsureAsync(await MoveAsync(introduction, stage, on, by: by, interview: stage == "interview" ? new object() : null));
        var current = await (by ?? Recruiter).GetFromJsonAsync<JsonElement>($"/api/programs/{program}/introductions/{introduction}");
        var response = await (by ?? Recruiter).PostAsJsonAsync($"/api/programs/{program}/introductions/{introduction}/placement", new
        {
            version = current.GetProperty("introduction").GetProperty("version").GetInt32(),
            startOn = startOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), annualPayYen,
        });
        await EnsureAsync(response);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>A counted KPI of the program, as the progress report reads it: the count of a fiscal year up to a day.</summary>
    public async Task DefineCountedKpiAsync(string code, string name, string countedKind, int fromYear, params int[] yearly)
    {
        var targets = yearly.Select((v, i) => (object)new { kind = "yearly", fiscalYear = fromYear + i, value = v }).ToList();
        await EnsureAsync(await Office.PostAsJsonAsync($"/api/programs/{program}/kpis", new
        {
            code, name, unit = "人", direction = "increase", source = "counted", countedKind, targets,
        }));
    }

    public static async Task EnsureAsync(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"{(int)response.StatusCode} {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {await response.Content.ReadAsStringAsync()}", null, response.StatusCode);
    }
}
