using System.Net;
using Matching.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace Matching.Candidates.Tests.Consents;

/// <summary>
/// Every route the running application serves that a recruiter can read (the list comes from the application itself, so
/// a new route is walked the moment it is mapped: the API of every service, its exports, and the web pages), called by a
/// recruiter of a registered firm about a candidate who consented to the program's own use only: no answer holds any
/// personal value of that person.
/// </summary>
public sealed class RecruiterRouteWalkTests(EmbeddedProductFixture fixture) : IClassFixture<EmbeddedProductFixture>
{
    /// <summary>The person's identity, contact, exact birth year, municipality, employer and free text of the profile.</summary>
    private static readonly string[] PersonalValues =
        ["鈴木", "スズキ", "ichiro.suzuki", "090-1234-5678", "09012345678", "131016", "1978", "東京精密工業", "精密機械メーカー", "Uターン希望"];

    [Fact]
    public async Task A_recruiter_reads_no_personal_value_of_an_unconsented_candidate_through_any_route_it_may_call()
    {
        var bank = await DataBank.CreateAsync(fixture, "walk");
        var (_, recruiter) = await bank.FirmAsync();
        var id = await bank.RegisterAsync();
        await bank.ConsentAsync(id, "program");
        // The person is visible to the coordinator everywhere: by name in search, on the profile page.
        Assert.Contains("鈴木", await bank.Coordinator.GetStringAsync($"/api/programs/{bank.Program}/candidates/{id}"), StringComparison.Ordinal);

        var endpoints = fixture.Product.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is not { Count: > 0 } methods || methods.Contains(HttpMethods.Get))
            .ToList();
        var leaks = new List<string>();
        var answered = new List<string>();
        foreach (var endpoint in endpoints)
        {
            if (UrlOf(endpoint.RoutePattern, bank.Program, id) is not { } path || path.Contains("sign-out", StringComparison.OrdinalIgnoreCase))
                continue;
            // Plain, and with the query words routes take: a name to search for, the person's id to look up.
            foreach (var url in new[] { path, $"{path}?q={Uri.EscapeDataString("鈴木")}&id={id}&candidateId={id}" })
            {
                using var response = await recruiter.GetAsync(url);
                if (!response.IsSuccessStatusCode)
                    continue;
                answered.Add(url);
                var body = await response.Content.ReadAsStringAsync();
                foreach (var value in PersonalValues.Where(v => body.Contains(v, StringComparison.Ordinal)))
                    leaks.Add($"{url}: {value}");
            }
        }

        Assert.True(leaks.Count == 0, $"Personal values the recruiter read:\n{string.Join("\n", leaks)}");
        // The walk is not vacuous: it read the recruiter's own views of the person, the API and the web pages.
        Assert.Contains($"/api/programs/{bank.Program}/candidates/{id}/shared", answered);
        Assert.Contains($"/api/programs/{bank.Program}/candidates/shared", answered);
        Assert.Contains(answered, u => u.StartsWith($"/p/{bank.Program}/", StringComparison.Ordinal));
        Assert.True(answered.Count >= 20, $"Only {answered.Count} routes answered the recruiter: {string.Join(", ", answered)}");
    }

    /// <summary>A route's path with the program, and the person's id for every id (of a candidate, a need, a firm …).</summary>
    private static string? UrlOf(RoutePattern pattern, string program, Guid candidate) => RoutePaths.Fill(pattern, parameter => parameter switch
    {
        { IsCatchAll: true } => null,
        { Name: "program" } => program,
        _ when parameter.ParameterPolicies.Any(p => p.Content == "guid") || parameter.Name.EndsWith("id", StringComparison.OrdinalIgnoreCase) => candidate.ToString(),
        _ when parameter.ParameterPolicies.Any(p => p.Content is "int" or "long") => "2025",
        _ => "x",
    });
}
