using System.Net.Http.Json;
using System.Text.Json;
using Matching.Contracts;
using Matching.Contracts.Companies;
using Matching.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Matching.Coordinators.Tests.Consultations;

/// <summary>A need opened from a consultation marks it, but only a consultation of the need's own company.</summary>
public sealed class TalentNeedOpenedTests(EmbeddedProductFixture fixture) : IClassFixture<EmbeddedProductFixture>
{
    [Fact]
    public async Task A_need_of_another_company_does_not_mark_the_consultation()
    {
        var program = $"mark-{Guid.NewGuid():N}"[..16];
        await fixture.Slice.CreateProgramAsync(program, "ニーズ印テスト");
        var company = await fixture.Slice.RegisterCompanyAsync(program);
        var consultation = await fixture.Slice.LogConsultationAsync(program, company, new DateOnly(2025, 6, 1));
        var foreign = new TalentNeedOpened(EventIds.New(), program, DateTimeOffset.UtcNow, Guid.NewGuid(), Guid.NewGuid(), consultation,
            new DateOnly(2025, 6, 1), "営業責任者", "fullTime", null);

        await fixture.Product.Services.GetRequiredService<IBus>().Publish(foreign, TestContext.Current.CancellationToken);

        await Poll.UntilAsync(() => Task.FromResult(
                fixture.Product.Count("coordinators", $"inbox_messages WHERE message_id = '{foreign.EventId}'") > 0),
            Slice.Eventually, "the event to be consumed");
        var read = await fixture.Product.Client.GetFromJsonAsync<JsonElement>($"/api/programs/{program}/consultations/{consultation}");
        Assert.False(read.GetProperty("needIdentified").GetBoolean());
    }
}
