using CsCheck;
using MassTransit;
using Matching.Contracts;
using Matching.Contracts.Coordinators;
using Matching.Programs.Kpis;
using Matching.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Matching.Programs.Tests.Kpis;

/// <summary>
/// A count equals the number of records behind it, whatever the delivery: random histories of consultations —
/// some never delivered, some delivered several times (the same message again, or republished with a new id), some
/// voided, the void perhaps arriving first — go through the real bus and consumers into the real ledger.
/// </summary>
public sealed class CountPropertyTests(EmbeddedProductFixture fixture) : IClassFixture<EmbeddedProductFixture>
{
    private static readonly FiscalYear Year = new(2025);

    public sealed record Consultation(Guid Id, DateOnly Date, int LoggedCopies, bool Republished, bool Voided, int VoidCopies);

    public sealed record History(IReadOnlyList<Consultation> Consultations, IReadOnlyList<int> Order, DateOnly AsOf);

    private static readonly Gen<Consultation> ConsultationGen =
        Gen.Select(Gen.Int[0, 364], Gen.Int[0, 3], Gen.Bool, Gen.Bool, Gen.Int[1, 2],
            (day, copies, republished, voided, voidCopies) =>
                new Consultation(Guid.NewGuid(), Year.FirstDay.AddDays(day), copies, republished, voided, voidCopies));

    private static readonly Gen<History> HistoryGen =
        Gen.Select(ConsultationGen.List[0, 12], Gen.Int[0, 364], Gen.Int.Array[64],
            (consultations, asOfDay, order) => new History(consultations, order, Year.FirstDay.AddDays(asOfDay)));

    [Fact]
    public async Task Count_equals_the_records_behind_it_after_replays_duplicates_out_of_order_delivery_and_voids()
    {
        var bus = fixture.Product.Services.GetRequiredService<IBus>();
        await HistoryGen.SampleAsync(async history =>
        {
            var program = "prop-" + Guid.NewGuid().ToString("N")[..12];
            var deliveries = Deliveries(program, history);
            foreach (var message in deliveries)
                await bus.Publish(message, message.GetType());
            var delivered = deliveries.Select(m => ((IIntegrationEvent)m).EventId.ToString("D")).Distinct().ToList();
            // The delivered events' own inbox rows: other traffic of the product (demo data, catch-ups) does not count.
            var consumed = delivered.Count == 0
                ? "inbox_messages WHERE 1 = 0"
                : $"inbox_messages WHERE message_id IN ({string.Join(", ", delivered.Select(id => $"'{id}'"))})";
            await Poll.UntilAsync(() => Task.FromResult(fixture.Product.Count("programs", consumed) == delivered.Count),
                Slice.Eventually, "every delivered event to be consumed");

            var expected = history.Consultations.Count(c => c.LoggedCopies > 0 && !c.Voided && c.Date <= history.AsOf);
            var counted = Scalar(KpiLedger.CountSql, program, history.AsOf);
            var records = Scalar(RecordsSql, program, history.AsOf);
            var rows = fixture.Product.Count("programs", $"counted_events WHERE program = '{program}'");
            // The count kept as events arrive equals the model and the ledger rows behind it.
            Assert.Equal(expected, counted);
            Assert.Equal(records, counted);
            // One ledger row per consultation that arrived at all, voided or not.
            Assert.Equal(history.Consultations.Count(c => c.LoggedCopies > 0 || c.Voided), rows);
        }, iter: 40, threads: 1);
    }

    /// <summary>Every message of the history, in a shuffled order.</summary>
    private static List<object> Deliveries(string program, History history)
    {
        var messages = new List<object>();
        foreach (var c in history.Consultations)
        {
            var logged = new ConsultationLogged(Guid.NewGuid(), program, DateTimeOffset.UtcNow, c.Id, Guid.NewGuid(), c.Date, "visit");
            for (var i = 0; i < c.LoggedCopies; i++)
                messages.Add(c.Republished && i > 0 ? logged with { EventId = Guid.NewGuid() } : logged);
            if (c.Voided)
            {
                var voided = new ConsultationVoided(Guid.NewGuid(), program, DateTimeOffset.UtcNow, c.Id, Guid.NewGuid(), c.Date, "重複");
                for (var i = 0; i < c.VoidCopies; i++)
                    messages.Add(voided);
            }
        }
        return [.. messages.Select((m, i) => (m, key: history.Order[i % history.Order.Count] ^ i)).OrderBy(x => x.key).Select(x => x.m)];
    }

    private const string RecordsSql = """
        SELECT COUNT(*) FROM counted_events
         WHERE program = @program AND kind = @kind AND occurred_on >= @from AND occurred_on <= @to AND voided_at IS NULL
        """;

    private long Scalar(string sql, string program, DateOnly asOf)
    {
        using var connection = fixture.Product.OpenDatabase("programs");
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("@program", program);
        command.Parameters.AddWithValue("@kind", CountedKinds.Consultation);
        command.Parameters.AddWithValue("@from", Year.FirstDay.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("@to", asOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        return (long)command.ExecuteScalar()!;
    }
}
