using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Matching.Host;
using Matching.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

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
        System.Text.Json.JsonElement ready = default;
        // Healthy once the first start's catch-up has its answers.
        await Poll.UntilAsync(async () =>
        {
            var response = await fixture.Product.Client.GetAsync("/health/ready");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            ready = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
            return ready.GetProperty("status").GetString() == "Healthy";
        }, Slice.Eventually, "readiness to be healthy");

        var checks = ready.GetProperty("checks").EnumerateObject().Select(c => c.Name).ToList();
        foreach (var service in new[] { "programs", "companies", "coordinators" })
        {
            Assert.Contains($"database-{service}", checks);
            Assert.Contains($"outbox-{service}", checks);
            Assert.Contains($"catch-up-{service}", checks);
        }
        Assert.Contains("masstransit-bus", checks);
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
    public void Every_endpoint_is_routed_by_the_gateway_to_the_service_that_serves_it()
    {
        var modules = MatchingHost.AllModules();
        var endpoints = fixture.Product.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var misrouted = new List<string>();
        foreach (var endpoint in endpoints)
        {
            var path = SamplePath(endpoint.RoutePattern);
            // Every process answers health itself, and each module declares its own OpenAPI document's route.
            if (path.StartsWith("/health", StringComparison.Ordinal) || path.StartsWith("/openapi", StringComparison.Ordinal))
                continue;
            // Endpoints without a group name are the web UI's pages.
            var owner = endpoint.Metadata.GetMetadata<IEndpointGroupNameMetadata>()?.EndpointGroupName ?? "web";
            var routedTo = modules.Where(m => m.Routes.Any(r => Matches(r, path))).Select(m => m.Name).ToList();
            if (!routedTo.Contains(owner))
                misrouted.Add($"{path} served by {owner}, routed to [{string.Join(", ", routedTo)}]");
        }

        Assert.True(endpoints.Count > 20, "the endpoint list was read");
        Assert.Empty(misrouted);
        Assert.Equal(modules.Count, modules.Select(m => m.Name).Distinct().Count());
    }

    private static bool Matches(string template, string path) =>
        new Microsoft.AspNetCore.Routing.Template.TemplateMatcher(
            Microsoft.AspNetCore.Routing.Template.TemplateParser.Parse(template), new Microsoft.AspNetCore.Routing.RouteValueDictionary())
            .TryMatch(path, new Microsoft.AspNetCore.Routing.RouteValueDictionary());

    private static string SamplePath(Microsoft.AspNetCore.Routing.Patterns.RoutePattern pattern) =>
        "/" + string.Join("/", pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart parameter when parameter.ParameterPolicies.Any(p => p.Content == "guid") => Guid.NewGuid().ToString(),
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart parameter when parameter.ParameterPolicies.Any(p => p.Content == "int") => "2025",
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart => "sample",
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternSeparatorPart separator => separator.Content,
            _ => "",
        }))));
}
