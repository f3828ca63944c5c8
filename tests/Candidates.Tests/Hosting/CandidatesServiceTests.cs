using System.Net;
using System.Text.Json;
using Matching.Host;
using Matching.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Matching.Candidates.Tests.Hosting;

public sealed class CandidatesServiceTests
{
    [Fact]
    public async Task The_service_runs_alone_with_its_own_database_and_api_document()
    {
        using var folder = new TempFolder("candidates-alone");
        var data = Path.Combine(folder.Path, "data");
        await using var app = await MatchingHost.BuildAsync(["--services", "candidates", "--urls", "http://127.0.0.1:0", "--Matching:Database:DataDirectory", data]);
        await app.StartAsync();
        using var client = new HttpClient
        {
            BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First()),
        };

        var document = await client.GetAsync("/openapi/candidates.json");
        var live = await client.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        var paths = JsonDocument.Parse(await document.Content.ReadAsStringAsync()).RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/programs/{program}/candidates", paths);
        Assert.Contains("/api/programs/{program}/candidates/{id}/shared", paths);
        Assert.Contains("/api/programs/{program}/provisions/export.csv", paths);
        Assert.DoesNotContain(paths, p => p.Contains("/companies", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(["candidates.db"], Directory.GetFiles(data, "*.db").Select(Path.GetFileName));
        await app.StopAsync();
    }
}
