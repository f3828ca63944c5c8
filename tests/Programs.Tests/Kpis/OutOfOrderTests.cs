using Matching.Contracts.Coordinators;
using Matching.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Matching.Programs.Tests.Kpis;

/// <summary>Events from one service reach another on different queues: a void may overtake what it voids.</summary>
public sealed class OutOfOrderTests(EmbeddedProductFixture fixture) : IClassFixture<EmbeddedProductFixture>
{
    private long Handled(Guid eventId) =>
        fixture.Product.Count("programs", $"inbox_messages WHERE message_id = '{eventId}'");

    [Fact]
    public async Task A_void_that_arrives_before_the_consultation_still_keeps_it_from_counting()
    {
        await fixture.Slice.CreateProgramAsync("order", "順序テスト");
        var bus = fixture.Product.Services.GetRequiredService<IBus>();
        var consultation = Guid.NewGuid();
        var company = Guid.NewGuid();
        var date = new DateOnly(2025, 9, 1);
        var voided = new ConsultationVoided(Guid.NewGuid(), "order", DateTimeOffset.UtcNow, consultation, company, date, "誤登録");
        var logged = new ConsultationLogged(Guid.NewGuid(), "order", DateTimeOffset.UtcNow, consultation, company, date, "visit");
        var kept = new ConsultationLogged(Guid.NewGuid(), "order", DateTimeOffset.UtcNow, Guid.NewGuid(), company, date, "phone");

        await bus.Publish(voided, TestContext.Current.CancellationToken);
        await Poll.UntilAsync(() => Task.FromResult(Handled(voided.EventId) == 1), Slice.Eventually, "the void handled");
        await bus.Publish(logged, TestContext.Current.CancellationToken);
        await bus.Publish(kept, TestContext.Current.CancellationToken);
        await Poll.UntilAsync(() => Task.FromResult(Handled(logged.EventId) == 1 && Handled(kept.EventId) == 1), Slice.Eventually, "both logged events handled");

        Assert.Equal(1, await fixture.Slice.ConsultationCountAsync("order", 2025));
    }
}
