using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Matching.Platform.Auth;
using Matching.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace Matching.Platform.Tests.Hosting;

/// <summary>
/// Every endpoint the running application serves, called by every kind of caller: the answer must be what the
/// endpoint's declared <see cref="Access"/> rule says. The endpoint list comes from the application itself, so a new
/// endpoint is in the matrix the moment it is mapped.
/// </summary>
public sealed class AuthorizationMatrixTests(EmbeddedProductFixture fixture) : IClassFixture<EmbeddedProductFixture>
{
    private EmbeddedProduct Product => fixture.Product;

    /// <summary>What the access rule makes of a call.</summary>
    public enum Outcome
    {
        /// <summary>Past the access check: not 401, not 403, not the "no such program" 404 (a 400 or a 404 for a random id is fine).</summary>
        Allowed,

        Unauthorized,

        /// <summary>A web page sends a visitor who is not signed in to the sign-in page.</summary>
        SignInPage,

        Forbidden,

        /// <summary>The 404 a non-member gets, the same as for a program that does not exist.</summary>
        NotAMember,
    }

    private sealed record Caller(string Name, HttpClient Client, bool SignedIn, bool IsAdmin, ProgramRole? RoleInProgram);

    private IReadOnlyList<RouteEndpoint> Endpoints() =>
        [.. Product.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()];

    // Endpoints mapped without a method (health checks) answer any method; they are called with GET.
    internal static IReadOnlyList<string> Methods(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is { Count: > 0 } methods ? [.. methods] : [HttpMethods.Get];

    private static string Describe(RouteEndpoint endpoint) => $"{string.Join('|', Methods(endpoint))} {endpoint.RoutePattern.RawText}";

    [Fact]
    public void Every_endpoint_declares_who_may_call_it()
    {
        var endpoints = Endpoints();

        var lacking = endpoints.Where(e => e.Metadata.GetMetadata<Access>() is null).Select(Describe).ToList();

        Assert.True(endpoints.Count >= 20, $"Only {endpoints.Count} endpoints found: {string.Join(", ", endpoints.Select(Describe))}");
        Assert.True(lacking.Count == 0, $"Endpoints without an access rule (.Allow(Access.…)):\n{string.Join("\n", lacking)}");
    }

    [Fact]
    public async Task Every_endpoint_answers_every_caller_as_its_access_rule_says()
    {
        var programA = $"authz-a-{Guid.NewGuid():N}"[..20];
        var programB = $"authz-b-{Guid.NewGuid():N}"[..20];
        await CreateProgramAsync(programA);
        await CreateProgramAsync(programB);
        var coordinatorA = await TestUsers.MemberAsync(Product.Admin, programA, "coordinator", "main");
        var coordinatorB = await TestUsers.MemberAsync(Product.Admin, programB, "coordinator", "main");
        await WaitUntilEveryServiceKnowsAsync(coordinatorA, programA);
        await WaitUntilEveryServiceKnowsAsync(coordinatorB, programB);
        Caller[] callers =
        [
            new("anonymous", Product.Anonymous, false, false, null),
            new("admin (operator, no membership)", Product.Admin, true, true, null),
            new("coordinator of A", coordinatorA, true, false, ProgramRole.Coordinator),
            new("office of A", await TestUsers.MemberAsync(Product.Admin, programA, "office"), true, false, ProgramRole.Office),
            new("recruiter of A", await TestUsers.MemberAsync(Product.Admin, programA, "recruiter", firm: "テスト人材株式会社"), true, false, ProgramRole.Recruiter),
            new("coordinator of B (other program)", coordinatorB, true, false, null),
        ];
        var refusedBefore = RefusalCounts(programA);

        var endpoints = Endpoints();
        var unfillable = new List<string>();
        var mismatches = new List<string>();
        var seen = new HashSet<Outcome>();
        var calls = 0;
        foreach (var endpoint in endpoints)
        {
            var access = endpoint.Metadata.GetMetadata<Access>();
            var url = UrlOf(endpoint.RoutePattern, programA, unfillable);
            if (url is null)
                continue;
            foreach (var method in Methods(endpoint))
            {
                foreach (var caller in callers)
                {
                    var expected = Expect(access, caller);
                    var client = EndsOwnSession(method, endpoint) ? await FreshSessionAsync(caller) : caller.Client;
                    using var request = new HttpRequestMessage(new HttpMethod(method), url);
                    if (method is "POST" or "PUT" or "PATCH")
                        request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
                    using var response = await client.SendAsync(request);
                    var title = await TitleAsync(response);
                    calls++;
                    seen.Add(expected);
                    if (!Meets(expected, response, title, programA))
                        mismatches.Add($"{method} {endpoint.RoutePattern.RawText} ({url}) as {caller.Name} [rule {access?.ToString() ?? "none"}]: expected {expected}, got {(int)response.StatusCode} {title}");
                }
            }
        }

        Assert.True(unfillable.Count == 0, $"Route parameters the matrix cannot fill (teach UrlOf about them):\n{string.Join("\n", unfillable)}");
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} of {calls} calls answered against the access rule:\n{string.Join("\n", mismatches)}");
        // The matrix is not vacuous: it met every kind of outcome.
        Assert.Equal(Enum.GetValues<Outcome>().ToHashSet(), seen);
        // Refusals of signed-in users are recorded by the service that refused, with the program when there is one.
        var refusedAfter = RefusalCounts(programA);
        Assert.True(refusedAfter.Programs > refusedBefore.Programs, $"programs audit_log: {refusedBefore.Programs} → {refusedAfter.Programs} refusals");
        Assert.True(refusedAfter.ProgramsInA > refusedBefore.ProgramsInA, "programs audit_log has no refusal within program A");
        Assert.True(refusedAfter.Companies > refusedBefore.Companies, $"companies audit_log: {refusedBefore.Companies} → {refusedAfter.Companies} refusals");
        Assert.True(refusedAfter.Coordinators > refusedBefore.Coordinators, $"coordinators audit_log: {refusedBefore.Coordinators} → {refusedAfter.Coordinators} refusals");
        Assert.True(refusedAfter.Candidates > refusedBefore.Candidates, $"candidates audit_log: {refusedBefore.Candidates} → {refusedAfter.Candidates} refusals");
        Assert.True(refusedAfter.Placements > refusedBefore.Placements, $"placements audit_log: {refusedBefore.Placements} → {refusedAfter.Placements} refusals");
    }

    private static Outcome Expect(Access? access, Caller caller)
    {
        if (access is null)
            return Outcome.Forbidden;
        if (access.IsPublic)
            return Outcome.Allowed;
        if (!caller.SignedIn)
            return access.CheckedByPage ? Outcome.SignInPage : Outcome.Unauthorized;
        if (access.AdminOnly)
            return caller.IsAdmin ? Outcome.Allowed : Outcome.Forbidden;
        if (access.ProgramRoles is { } roles)
        {
            if (caller.IsAdmin && access.AdminToo)
                return Outcome.Allowed;
            if (caller.RoleInProgram is not { } role)
                return Outcome.NotAMember;
            return roles.Contains(role) ? Outcome.Allowed : Outcome.Forbidden;
        }
        return Outcome.Allowed;
    }

    private static bool Meets(Outcome expected, HttpResponseMessage response, string title, string program)
    {
        var status = response.StatusCode;
        var notAMember = status == HttpStatusCode.NotFound && title.Contains(program, StringComparison.Ordinal);
        return expected switch
        {
            // A server error is not an access decision, but an allowed caller must never meet one.
            Outcome.Allowed => status is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden) && !notAMember && (int)status < 500,
            Outcome.Unauthorized => status == HttpStatusCode.Unauthorized,
            // The client follows the redirect: it ends on the sign-in page, which remembers where the visitor wanted to go.
            Outcome.SignInPage => response.RequestMessage?.RequestUri?.AbsolutePath == "/signin" && status == HttpStatusCode.OK,
            Outcome.Forbidden => status == HttpStatusCode.Forbidden,
            Outcome.NotAMember => notAMember,
            _ => false,
        };
    }

    /// <summary>A concrete path for the pattern, or null (and the parameter named in <paramref name="unfillable"/>).</summary>
    internal static string? UrlOf(RoutePattern pattern, string program, List<string> unfillable) =>
        RoutePaths.Fill(pattern, parameter => ValueOf(parameter, program), unfillable.Add);

    private static string? ValueOf(RoutePatternParameterPart parameter, string program)
    {
        var constraints = parameter.ParameterPolicies.Select(p => p.Content).ToList();
        if (parameter.Name == "program")
            return program;
        if (constraints.Contains("guid"))
            return Guid.NewGuid().ToString();
        if (constraints.Contains("int") || constraints.Contains("long"))
            return "1";
        if (parameter.Name == "documentName")
            return "programs";
        if (parameter.Name == "code")
            return "no-such-kpi";
        if (parameter.Name == "deliveryId")
            return "msg_00000000000000000000000000000000";
        if (parameter.Name == "source")
            return "companies";
        if (parameter.IsCatchAll && constraints.Count == 0)
            return "anything";
        return null;
    }

    // Sign-out ends the caller's own session: it gets a session of its own, so the shared clients stay signed in.
    private static bool EndsOwnSession(string method, RouteEndpoint endpoint) =>
        method == HttpMethods.Delete && endpoint.RoutePattern.RawText?.TrimEnd('/') == "/api/session";

    private async Task<HttpClient> FreshSessionAsync(Caller caller)
    {
        if (!caller.SignedIn)
            return new HttpClient { BaseAddress = Product.Address };
        var me = await caller.Client.GetFromJsonAsync<JsonElement>("/api/me");
        return await TestUsers.SignInAsync(Product.Address, me.GetProperty("userName").GetString()!);
    }

    private static async Task<string> TitleAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        // A web page says what happened in its heading.
        if (response.Content.Headers.ContentType?.MediaType == "text/html")
        {
            var start = body.IndexOf("<h1>", StringComparison.Ordinal);
            var end = start < 0 ? -1 : body.IndexOf("</h1>", start, StringComparison.Ordinal);
            return end < 0 ? "" : System.Net.WebUtility.HtmlDecode(body[(start + 4)..end]);
        }
        if (response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.Ordinal) != true || body.Length == 0)
            return "";
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("title", out var title)
                ? title.GetString() ?? ""
                : "";
        }
        catch (JsonException)
        {
            return "";
        }
    }

    private async Task CreateProgramAsync(string slug)
    {
        using var response = await Product.Admin.PostAsJsonAsync("/api/programs", new { slug, name = $"権限テスト {slug}" });
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"creating {slug}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    // Companies and Coordinators learn the program from ProgramCreated, a moment later.
    private static async Task WaitUntilEveryServiceKnowsAsync(HttpClient coordinator, string program)
    {
        foreach (var route in new[] { $"/api/programs/{program}/companies?pageSize=1", $"/api/programs/{program}/consultations?pageSize=1", $"/api/programs/{program}/candidates?pageSize=1", $"/api/programs/{program}/introductions?pageSize=1" })
            await Poll.UntilAsync(async () => (await coordinator.GetAsync(route)).StatusCode == HttpStatusCode.OK, Slice.Eventually, $"{route} to answer 200");
    }

    private (long Programs, long ProgramsInA, long Companies, long Coordinators, long Candidates, long Placements) RefusalCounts(string program) =>
    (
        Product.Count("programs", "audit_log WHERE action = 'refused'"),
        Product.Count("programs", $"audit_log WHERE action = 'refused' AND program = '{program}'"),
        Product.Count("companies", $"audit_log WHERE action = 'refused' AND program = '{program}'"),
        Product.Count("coordinators", $"audit_log WHERE action = 'refused' AND program = '{program}'"),
        Product.Count("candidates", $"audit_log WHERE action = 'refused' AND program = '{program}'"),
        Product.Count("placements", $"audit_log WHERE action = 'refused' AND program = '{program}'")
    );
}
