using System.Collections;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Matching.Platform.Auth;
using Matching.Platform.Http;
using Matching.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Matching.Platform.Tests.Hosting;

/// <summary>
/// Every endpoint the running application serves, fed what no request may hold: control characters and direction
/// overrides in text, integers for enums, null list items, a page far beyond the rows, the wrong Content-Type, a
/// method it does not serve. The request types come from the endpoints themselves (the JSON body an endpoint accepts,
/// the query record it binds), so a new endpoint or a new field is in the matrix the moment it is mapped.
/// </summary>
public sealed class MalformedRequestMatrixTests(EmbeddedProductFixture fixture) : IClassFixture<EmbeddedProductFixture>
{
    private EmbeddedProduct Product => fixture.Product;

    /// <summary>One bad value: the body or query that carries it, the field the answer must name, and what it is.</summary>
    private sealed record Probe(JsonNode? Body, string? Query, string Field, string What, bool Allowed = false);

    private sealed record Callers(HttpClient Anonymous, HttpClient Admin, HttpClient Coordinator, HttpClient Office, HttpClient Recruiter)
    {
        public HttpClient For(Access access) => access switch
        {
            { IsPublic: true } => Anonymous,
            { ProgramRoles: { } roles } when roles.Contains(ProgramRole.Coordinator) => Coordinator,
            { ProgramRoles: { } roles } when roles.Contains(ProgramRole.Office) => Office,
            { ProgramRoles: { } roles } when roles.Contains(ProgramRole.Recruiter) => Recruiter,
            _ => Admin,
        };
    }

    private static readonly string[] BadSingleLine = ["a\u0000b", "a\u0007b", "a\u001Bb", "a\u202Eb", "a\u2066b", "a\tb", "a\nb", "a\rb"];

    private static readonly string[] BadMultiLine = ["a\u0000b", "a\u0007b", "a\u202Eb", "a\u2069b"];

    private IReadOnlyList<RouteEndpoint> Endpoints() =>
        [.. Product.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()];

    [Fact]
    public async Task Every_request_refuses_control_characters_integer_enums_and_null_items_on_their_field()
    {
        var (program, callers) = await ProgramWithCallersAsync();
        var mismatches = new List<string>();
        var probed = new HashSet<string>();
        var calls = 0;

        foreach (var endpoint in Endpoints())
        {
            if (endpoint.Metadata.GetMetadata<Access>() is not { CheckedByPage: false } access)
                continue;
            var url = AuthorizationMatrixTests.UrlOf(endpoint.RoutePattern, program, []);
            if (url is null)
                continue;
            foreach (var method in AuthorizationMatrixTests.Methods(endpoint))
            {
                foreach (var probe in ProbesOf(endpoint))
                {
                    using var request = new HttpRequestMessage(new HttpMethod(method), probe.Query is null ? url : $"{url}?{probe.Query}");
                    if (probe.Body is not null)
                        request.Content = new StringContent(probe.Body.ToJsonString(), Encoding.UTF8, "application/json");
                    using var response = await callers.For(access).SendAsync(request);
                    var body = await response.Content.ReadAsStringAsync();
                    calls++;
                    probed.Add(probe.What);
                    var fields = FieldsOf(body);
                    var ok = probe.Allowed
                        ? (int)response.StatusCode < 500 && !fields.Contains(probe.Field)
                        : response.StatusCode == HttpStatusCode.BadRequest && fields.Contains(probe.Field);
                    if (!ok)
                        mismatches.Add($"{method} {endpoint.RoutePattern.RawText} {probe.What} on {probe.Field} ({probe.Body?.ToJsonString() ?? probe.Query}): {(int)response.StatusCode} {body}");
                }
            }
        }

        Assert.True(mismatches.Count == 0, $"{mismatches.Count} of {calls} malformed requests not refused on their field:\n{string.Join("\n", mismatches)}");
        // Not vacuous: every kind of probe met at least one endpoint.
        Assert.Superset(new HashSet<string> { "control character", "multi-line text", "integer enum", "null item", "query text" }, probed);
    }

    [Fact]
    public async Task A_page_far_beyond_the_rows_is_empty_on_every_list()
    {
        var (program, callers) = await ProgramWithCallersAsync();
        // Every list has a row on page 1, so an offset that overflowed back to page 1 would show.
        var company = await fixture.Slice.RegisterCompanyAsync(program);
        var consultation = await fixture.Slice.LogConsultationAsync(program, company, new DateOnly(2025, 6, 2));
        await Poll.UntilAsync(async () => (await callers.Coordinator.PostAsync($"/api/programs/{program}/companies/{company}/needs",
            JsonContent(new JsonObject { ["role"] = "営業責任者", ["employmentForm"] = "fullTime", ["consultationId"] = consultation.ToString() }))).IsSuccessStatusCode,
            Slice.Eventually, "a need to open from the consultation");
        await callers.Recruiter.GetAsync($"/api/programs/{program}/kpis"); // a refusal, in the program's audit log
        // A firm (the recruiter's, by name), its webhook, and a referral to it: rows in the referral and delivery lists.
        var registered = await callers.Office.PostAsync($"/api/programs/{program}/firms", JsonContent(new JsonObject
        {
            ["name"] = "テスト人材株式会社", ["nameKana"] = "テストジンザイ", ["licenceNumber"] = $"13-ユ-{Random.Shared.Next(0, 999_999):000000}",
        }));
        var firm = JsonDocument.Parse(await registered.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
        (await callers.Office.PutAsync($"/api/programs/{program}/firms/{firm}/webhook", JsonContent(new JsonObject { ["url"] = "http://127.0.0.1:9/hooks" })))
            .EnsureSuccessStatusCode();
        var need = (await (await callers.Coordinator.GetAsync($"/api/programs/{program}/needs")).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("items")[0].GetProperty("id").GetGuid();
        await Poll.UntilAsync(async () => (await callers.Coordinator.PostAsync($"/api/programs/{program}/referrals",
            JsonContent(new JsonObject { ["needId"] = need.ToString(), ["firmIds"] = new JsonArray(firm.ToString()) }))).IsSuccessStatusCode,
            Slice.Eventually, "the need to be referred");
        // A candidate with consent to registered firms, read in full by the recruiter's firm: rows in the candidate lists and the provision record.
        var candidate = await callers.Coordinator.PostAsync($"/api/programs/{program}/candidates", JsonContent(new JsonObject
        {
            ["name"] = "鈴木 一郎", ["nameKana"] = "スズキ イチロウ", ["prefectureCode"] = "01", ["employmentForms"] = new JsonArray("fullTime"),
        }));
        var candidateId = JsonDocument.Parse(await candidate.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
        (await callers.Coordinator.PostAsync($"/api/programs/{program}/candidates/{candidateId}/consents", JsonContent(new JsonObject
        {
            ["purpose"] = "introduction", ["recipient"] = "registeredFirms", ["textVersion"] = "2025-04", ["method"] = "written",
        }))).EnsureSuccessStatusCode();
        await Poll.UntilAsync(async () => !(await callers.Recruiter.GetFromJsonAsync<JsonElement>($"/api/programs/{program}/candidates/{candidateId}/shared"))
            .GetProperty("anonymised").GetBoolean(), Slice.Eventually, "the firm to see the consented profile");
        // The center introduces the candidate for the need and places them: rows in the introduction and placement lists.
        HttpResponseMessage introduced = null!;
        await Poll.UntilAsync(async () => (introduced = await callers.Coordinator.PostAsync($"/api/programs/{program}/introductions",
            JsonContent(new JsonObject { ["needId"] = need.ToString(), ["candidateId"] = candidateId.ToString() }))).IsSuccessStatusCode,
            Slice.Eventually, "Placements to know the need and the candidate");
        var introduction = JsonDocument.Parse(await introduced.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
        (await callers.Coordinator.PostAsync($"/api/programs/{program}/introductions/{introduction}/stage",
            JsonContent(new JsonObject { ["stage"] = "offerAccepted", ["version"] = 1 }))).EnsureSuccessStatusCode();
        (await callers.Coordinator.PostAsync($"/api/programs/{program}/introductions/{introduction}/placement", JsonContent(new JsonObject
        {
            ["version"] = 2, ["startOn"] = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(30)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        }))).EnsureSuccessStatusCode();
        var mismatches = new List<string>();
        var lists = 0;

        foreach (var endpoint in Endpoints())
        {
            if (endpoint.Metadata.GetMetadata<Access>() is not { CheckedByPage: false } access
                || !QueryTypes(endpoint).Any(t => t.GetProperty("Page") is not null))
                continue;
            var url = AuthorizationMatrixTests.UrlOf(endpoint.RoutePattern, program, [])!;
            if (endpoint.RoutePattern.RawText!.Contains("/firms/{id:guid}", StringComparison.Ordinal))
                url = System.Text.RegularExpressions.Regex.Replace(url, "/firms/[0-9a-f-]{36}", $"/firms/{firm}");
            lists++;

            using var first = await callers.For(access).GetAsync($"{url}?page=1&pageSize=2");
            using var response = await callers.For(access).GetAsync($"{url}?page={int.MaxValue}&pageSize=2");

            var body = await response.Content.ReadAsStringAsync();
            // A file export (export.csv) is the whole search, not a page.
            if (response.StatusCode == HttpStatusCode.OK && response.Content.Headers.ContentType?.MediaType != "application/json")
                continue;
            if (response.StatusCode != HttpStatusCode.OK)
            {
                mismatches.Add($"{url}: {(int)response.StatusCode} {body}");
                continue;
            }
            if (JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement.GetProperty("items").GetArrayLength() == 0)
            {
                mismatches.Add($"{url}: page 1 is empty, so the far page proves nothing");
                continue;
            }
            var page = JsonDocument.Parse(body).RootElement;
            if (page.GetProperty("items").GetArrayLength() != 0 || page.GetProperty("page").GetInt32() != int.MaxValue)
                mismatches.Add($"{url}: {body}");
        }

        Assert.True(lists >= 4, $"only {lists} paged lists found");
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    [Fact]
    public async Task Wrong_content_type_is_415_and_an_unserved_method_405_without_an_error_in_the_log()
    {
        var (program, _) = await ProgramWithCallersAsync();
        var log = new ErrorLog();
        Product.Services.GetRequiredService<ILoggerFactory>().AddProvider(log);
        var mismatches = new List<string>();
        var calls = 0;

        foreach (var endpoint in Endpoints().Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true))
        {
            var url = AuthorizationMatrixTests.UrlOf(endpoint.RoutePattern, program, []);
            if (url is null)
                continue;
            var served = Endpoints().Where(e => e.RoutePattern.RawText == endpoint.RoutePattern.RawText).SelectMany(AuthorizationMatrixTests.Methods).ToHashSet();
            var unserved = new[] { "GET", "POST", "PUT", "DELETE", "PATCH" }.First(m => !served.Contains(m));
            using (var response = await Product.Anonymous.SendAsync(new HttpRequestMessage(new HttpMethod(unserved), url)))
            {
                calls++;
                if (response.StatusCode != HttpStatusCode.MethodNotAllowed)
                    mismatches.Add($"{unserved} {url}: {(int)response.StatusCode}, expected 405");
            }
            if (endpoint.Metadata.GetMetadata<IAcceptsMetadata>() is { RequestType: not null })
            {
                foreach (var method in AuthorizationMatrixTests.Methods(endpoint))
                {
                    using var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = new StringContent("{}", Encoding.UTF8, "text/plain") };
                    using var response = await Product.Client.SendAsync(request);
                    calls++;
                    if (response.StatusCode != HttpStatusCode.UnsupportedMediaType)
                        mismatches.Add($"{method} {url} as text/plain: {(int)response.StatusCode}, expected 415");
                }
            }
        }

        Assert.True(mismatches.Count == 0, $"{mismatches.Count} of {calls} calls:\n{string.Join("\n", mismatches)}");
        Assert.True(log.Entries.IsEmpty, $"error-level log entries:\n{string.Join("\n", log.Entries)}");
    }

    // ---- probes, from the request types the endpoint declares ----

    private static IEnumerable<Probe> ProbesOf(RouteEndpoint endpoint)
    {
        if (endpoint.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType is { } body && IsRecord(body))
        {
            foreach (var probe in BodyProbes(body, "", node => node))
                yield return probe;
        }
        foreach (var query in QueryTypes(endpoint))
        {
            foreach (var property in query.GetProperties().Where(p => p.PropertyType == typeof(string)))
            {
                var name = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
                foreach (var bad in BadSingleLine)
                    yield return new Probe(null, $"{name}={Uri.EscapeDataString(bad)}", name, "query text");
            }
        }
    }

    private static IEnumerable<Probe> BodyProbes(Type type, string path, Func<JsonNode, JsonNode> wrap)
    {
        var nullability = new NullabilityInfoContext();
        var constructorNames = type.GetConstructors().SelectMany(c => c.GetParameters()).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                     .Where(p => p.CanWrite || constructorNames.Contains(p.Name)))
        {
            var name = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            var field = path.Length == 0 ? name : $"{path}.{name}";
            JsonNode With(JsonNode? value) => wrap(new JsonObject { [name] = value });
            var kind = property.PropertyType;
            if (kind == typeof(string))
            {
                var multiLine = property.GetCustomAttribute<MultiLineAttribute>() is not null;
                foreach (var bad in multiLine ? BadMultiLine : BadSingleLine)
                    yield return new Probe(With(bad), null, field, "control character");
                if (multiLine)
                    yield return new Probe(With("一行目\r\n\t二行目"), null, field, "multi-line text", Allowed: true);
            }
            else if (EnumOf(kind) is not null)
            {
                yield return new Probe(With(12345), null, field, "integer enum");
                yield return new Probe(With(-1), null, field, "integer enum");
                yield return new Probe(With("7"), null, field, "integer enum");
            }
            else if (kind != typeof(string) && typeof(IEnumerable).IsAssignableFrom(kind) && ElementOf(kind) is { } element)
            {
                var item = $"{field}[0]";
                var info = nullability.Create(property);
                var elementInfo = info.ElementType ?? info.GenericTypeArguments.FirstOrDefault();
                var itemsMayBeNull = elementInfo?.ReadState == NullabilityState.Nullable || Nullable.GetUnderlyingType(element) is not null;
                if (!itemsMayBeNull)
                    yield return new Probe(With(new JsonArray((JsonNode?)null)), null, item, "null item");
                if (element == typeof(string))
                    yield return new Probe(With(new JsonArray("a\u0001b")), null, item, "control character");
                else if (EnumOf(element) is not null)
                    yield return new Probe(With(new JsonArray(12345)), null, item, "integer enum");
                else if (IsRecord(element))
                {
                    foreach (var probe in BodyProbes(element, item, node => With(new JsonArray(node))))
                        yield return probe;
                }
            }
            else if (IsRecord(kind))
            {
                foreach (var probe in BodyProbes(kind, field, node => With(node)))
                    yield return probe;
            }
        }
    }

    private static StringContent JsonContent(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    private static IEnumerable<Type> QueryTypes(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetMetadata<MethodInfo>()?.GetParameters().Select(p => p.ParameterType)
            .Where(t => t.GetMethod("BindAsync", BindingFlags.Public | BindingFlags.Static, [typeof(HttpContext)]) is not null) ?? [];

    private static bool IsRecord(Type type) =>
        type.IsClass && type != typeof(string) && type.Namespace?.StartsWith("Matching.", StringComparison.Ordinal) == true;

    private static Type? EnumOf(Type type) => (Nullable.GetUnderlyingType(type) ?? type) is { IsEnum: true } e ? e : null;

    private static Type? ElementOf(Type type) =>
        type.IsArray ? type.GetElementType() : type.IsGenericType && type.GetGenericArguments() is [var single] ? single : null;

    private static HashSet<string> FieldsOf(string body)
    {
        try
        {
            var json = JsonDocument.Parse(body).RootElement;
            return json.ValueKind == JsonValueKind.Object && json.TryGetProperty("errors", out var errors)
                ? errors.EnumerateObject().Select(e => e.Name).ToHashSet(StringComparer.Ordinal)
                : [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    // ---- set-up ----

    private async Task<(string Program, Callers Callers)> ProgramWithCallersAsync()
    {
        var program = $"bad-{Guid.NewGuid():N}"[..16];
        await fixture.Slice.CreateProgramAsync(program, "入力検査テスト");
        var coordinator = await TestUsers.MemberAsync(Product.Admin, program, "coordinator", "main");
        foreach (var route in new[] { $"/api/programs/{program}/companies?pageSize=1", $"/api/programs/{program}/consultations?pageSize=1", $"/api/programs/{program}/candidates?pageSize=1", $"/api/programs/{program}/introductions?pageSize=1" })
            await Poll.UntilAsync(async () => (await coordinator.GetAsync(route)).StatusCode == HttpStatusCode.OK, Slice.Eventually, $"{route} to answer 200");
        return (program, new Callers(
            Product.Anonymous, Product.Admin, coordinator,
            await TestUsers.MemberAsync(Product.Admin, program, "office"),
            await TestUsers.MemberAsync(Product.Admin, program, "recruiter", firm: "テスト人材株式会社")));
    }

    private sealed class ErrorLog : ILoggerProvider
    {
        public ConcurrentQueue<string> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(ErrorLog log, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel))
                    log.Entries.Enqueue($"{category}: {formatter(state, exception)}");
            }
        }
    }
}
