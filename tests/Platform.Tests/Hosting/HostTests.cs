using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Matching.Host;
using Matching.Testing;

namespace Matching.Platform.Tests.Hosting;

public sealed class HostTests(EmbeddedProductFixture fixture) : IClassFixture<EmbeddedProductFixture>
{
    [Theory]
    [InlineData("programs", "/api/programs")]
    [InlineData("companies", "/api/programs/{program}/companies")]
    [InlineData("coordinators", "/api/programs/{program}/consultations")]
    public async Task Each_service_publishes_its_own_OpenAPI_document(string service, string path)
    {
        var document = await fixture.Product.Client.GetFromJsonAsync<JsonElement>($"/openapi/{service}.json");

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name.TrimEnd('/')).ToList();
        Assert.Contains(path, paths);
        Assert.DoesNotContain(paths, p => service != "programs" && p == "/api/programs");
    }

    [Fact]
    public async Task Readiness_checks_every_database_and_the_bus()
    {
        var response = await fixture.Product.Client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Unknown_route_is_a_problem_in_Japanese()
    {
        var response = await fixture.Product.Client.GetAsync("/api/nothing-here");

        var problem = await Problem.ReadAsync(response, HttpStatusCode.NotFound);
        Assert.Equal("見つかりません。", problem.Title);
    }

    [Fact]
    public async Task Unknown_service_name_is_refused_at_start()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => MatchingHost.BuildAsync(["--services", "companies,payroll"]));

        Assert.Contains("payroll", error.Message);
    }

    [Fact]
    public void Every_service_declares_routes_for_the_gateway()
    {
        var modules = MatchingHost.AllModules();

        Assert.All(modules, m => Assert.Contains(m.Routes, r => r.StartsWith("/api/programs", StringComparison.Ordinal)));
        Assert.Equal(modules.Count, modules.Select(m => m.Name).Distinct().Count());
    }
}
