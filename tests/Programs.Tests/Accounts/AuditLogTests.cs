using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Matching.Contracts;
using Matching.Contracts.Audit;
using Matching.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Matching.Programs.Tests.Accounts;

public sealed class AuditLogTests(EmbeddedProductFixture fixture) : IClassFixture<EmbeddedProductFixture>
{
    private EmbeddedProduct Product => fixture.Product;

    [Fact]
    public async Task The_program_office_sees_refusals_from_every_service_and_never_who_an_outsider_was()
    {
        var otherProgram = $"other-{Guid.NewGuid():N}"[..16];
        await fixture.Slice.CreateProgramAsync(otherProgram, "別のプログラム");
        using var outsider = await TestUsers.MemberAsync(Product.Admin, otherProgram, "coordinator", "main");
        var outsiderUser = await outsider.GetFromJsonAsync<JsonElement>("/api/me");
        var (outsiderId, outsiderName) = (outsiderUser.GetProperty("id").GetGuid(), outsiderUser.GetProperty("userName").GetString()!);
        using var recruiter = await TestUsers.SignInAsync(Product.Address, "recruiter", "matching-demo");
        using var office = await TestUsers.SignInAsync(Product.Address, "office", "matching-demo");
        var marker = Guid.NewGuid();

        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/programs/demo/companies/{marker}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/programs/demo/consultations/{marker}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/programs/demo/kpis/{marker}/entries")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await recruiter.GetAsync($"/api/programs/demo/consultations/{marker}")).StatusCode);

        var seen = await EntriesAsync(office, "/api/programs/demo/audit", marker, 4);
        var all = await EntriesAsync(Product.Admin, "/api/audit", marker, 4);
        var outsiders = seen.Where(e => e.GetProperty("outsider").GetBoolean()).ToList();
        Assert.Equal(["companies", "coordinators", "programs"], outsiders.Select(e => e.GetProperty("service").GetString()).Order());
        Assert.All(outsiders, e =>
        {
            Assert.Equal(JsonValueKind.Null, e.GetProperty("userId").ValueKind);
            Assert.Equal(JsonValueKind.Null, e.GetProperty("userName").ValueKind);
            Assert.Equal(JsonValueKind.Null, e.GetProperty("remoteAddress").ValueKind);
        });
        var member = Assert.Single(seen, e => !e.GetProperty("outsider").GetBoolean());
        Assert.Equal(("recruiter", "coordinators"), (member.GetProperty("userName").GetString(), member.GetProperty("service").GetString()));
        var officeView = await (await office.GetAsync("/api/programs/demo/audit?pageSize=200")).Content.ReadAsStringAsync();
        Assert.DoesNotContain(outsiderId.ToString(), officeView, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(outsiderName, officeView, StringComparison.Ordinal);
        // Operators see everything, with who it was.
        Assert.Equal(3, all.Count(e => e.GetProperty("userId").ValueKind == JsonValueKind.String && e.GetProperty("userId").GetGuid() == outsiderId));
    }

    [Fact]
    public async Task An_audit_entry_delivered_twice_is_kept_once()
    {
        var entry = new AuditRecorded(EventIds.New(), "demo", DateTimeOffset.UtcNow, "companies", "refused", Guid.NewGuid(), "someone", false,
            $"GET /api/programs/demo/companies/{Guid.NewGuid()}", "role recruiter", "192.0.2.1");
        var bus = Product.Services.GetRequiredService<IBus>();
        var duplicatesBefore = Duplicates();

        await bus.Publish(entry);
        await bus.Publish(entry);

        await Poll.UntilAsync(() => Task.FromResult(Duplicates() > duplicatesBefore), Slice.Eventually, "the second delivery to reach the inbox");
        Assert.Equal(1, Product.Count("programs", $"audit_log WHERE target = '{entry.Target}' AND service = 'companies'"));
    }

    private long Duplicates() =>
        Product.Count("programs", "inbox_messages WHERE consumer = 'AuditRecordedConsumer' AND duplicates > 0");

    /// <summary>The entries of the audit page whose target names <paramref name="marker"/>, once <paramref name="count"/> have arrived.</summary>
    private static async Task<List<JsonElement>> EntriesAsync(HttpClient client, string route, Guid marker, int count)
    {
        var entries = new List<JsonElement>();
        await Poll.UntilAsync(async () =>
        {
            var page = await client.GetFromJsonAsync<JsonElement>($"{route}?pageSize=200");
            entries = [.. page.GetProperty("items").EnumerateArray()
                .Where(e => e.GetProperty("target").GetString()?.Contains(marker.ToString(), StringComparison.Ordinal) == true)];
            return entries.Count >= count;
        }, Slice.Eventually, $"{count} audit entries about {marker} in {route}");
        return entries;
    }
}
