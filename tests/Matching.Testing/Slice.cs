using System.Net.Http.Json;
using System.Text.Json;

namespace Matching.Testing;

/// <summary>
/// The first slice driven through HTTP only: programs, companies, consultations, the consultation count. An operator
/// (<paramref name="admin"/>) creates programs; <paramref name="client"/>'s user is made a coordinator of each.
/// </summary>
public sealed class Slice(HttpClient admin, HttpClient client)
{
    public static readonly TimeSpan Eventually = TimeSpan.FromSeconds(60);

    public async Task CreateProgramAsync(string slug, string name)
    {
        var response = await admin.PostAsJsonAsync("/api/programs", new { slug, name });
        await EnsureAsync(response);
        await JoinAsync(slug, "coordinator", "main");
    }

    /// <summary>Gives the client's user a role in the program (through the admin API), keeping its other programs.</summary>
    public async Task JoinAsync(string program, string role, string? level = null, string? firm = null)
    {
        var me = await client.GetFromJsonAsync<JsonElement>("/api/me");
        var memberships = me.GetProperty("memberships").EnumerateArray()
            .Where(m => m.GetProperty("program").GetString() != program)
            .Select(m => (object)m)
            .Append(new { program, role, level, firm })
            .ToList();
        var response = await admin.PutAsJsonAsync($"/api/users/{me.GetProperty("id").GetGuid()}/memberships", new { memberships });
        await EnsureAsync(response);
    }

    /// <summary>Adds a coordinator of the program (through the admin API) and waits until Coordinators has them on its roster.</summary>
    public async Task<Guid> AddCoordinatorAsync(string program, string displayName, string level)
    {
        var response = await admin.PostAsJsonAsync("/api/users", new
        {
            userName = $"c-{Guid.NewGuid():N}"[..20], displayName, password = TestUsers.Password, isAdmin = false,
            memberships = new[] { new { program, role = "coordinator", level } },
        });
        await EnsureAsync(response);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await Poll.UntilAsync(async () => (await client.GetFromJsonAsync<JsonElement>($"/api/programs/{program}/consultations/coordinators"))
            .EnumerateArray().Any(m => m.GetProperty("userId").GetGuid() == id), Eventually, $"Coordinators to know {displayName}");
        return id;
    }

    /// <summary>Registers a company once the Companies service knows the program (it learns it from an event).</summary>
    public async Task<Guid> RegisterCompanyAsync(string program, string name = "株式会社オホーツク精機", string nameKana = "オホーツクセイキ",
        string? corporateNumber = null, string prefectureCode = "01", string municipalityCode = "012084")
    {
        Guid id = default;
        await Poll.UntilAsync(async () =>
        {
            var response = await client.PostAsJsonAsync($"/api/programs/{program}/companies",
                new { name, nameKana, corporateNumber, prefectureCode, municipalityCode });
            if (response.StatusCode is System.Net.HttpStatusCode.NotFound or System.Net.HttpStatusCode.BadGateway or System.Net.HttpStatusCode.ServiceUnavailable)
                return false;
            await EnsureAsync(response);
            id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            return true;
        }, Eventually, $"program {program} to be known by Companies");
        return id;
    }

    /// <summary>Waits until Coordinators knows the company (from CompanyRegistered), by logging the first consultation.</summary>
    public async Task<Guid> LogConsultationAsync(string program, Guid companyId, DateOnly date, string channel = "visit", string coordinator = "山田 太郎")
    {
        Guid id = default;
        await Poll.UntilAsync(async () =>
        {
            var response = await PostConsultationAsync(program, companyId, date, channel, coordinator);
            if (response.StatusCode is System.Net.HttpStatusCode.BadRequest or System.Net.HttpStatusCode.NotFound or System.Net.HttpStatusCode.BadGateway)
                return false;
            await EnsureAsync(response);
            id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            return true;
        }, Eventually, $"company {companyId} to be known by Coordinators");
        return id;
    }

    public Task<HttpResponseMessage> PostConsultationAsync(string program, Guid companyId, DateOnly date, string channel = "visit", string coordinator = "山田 太郎") =>
        client.PostAsJsonAsync($"/api/programs/{program}/consultations",
            new { companyId, date = date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), coordinators = new[] { coordinator }, channel, issues = new[] { "salesChannels" }, notes = "販路開拓の相談" });

    public async Task<long> ConsultationCountAsync(string program, int fiscalYear, DateOnly? asOf = null)
    {
        var url = $"/api/programs/{program}/kpis/consultations?fiscalYear={fiscalYear}"
                  + (asOf is { } d ? $"&asOf={d:yyyy-MM-dd}" : "");
        var response = await client.GetAsync(url);
        await EnsureAsync(response);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("count").GetInt64();
    }

    private static async Task EnsureAsync(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"{(int)response.StatusCode} {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {await response.Content.ReadAsStringAsync()}", null, response.StatusCode);
    }
}
