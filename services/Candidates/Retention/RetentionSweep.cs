using Matching.Candidates.Erasure;
using Matching.Candidates.SelfRegistration;
using Matching.Platform.Data;
using Matching.Platform.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Matching.Candidates.Retention;

internal sealed class RetentionOptions
{
    /// <summary>How often records past their retention are looked for.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromHours(1);

    public static RetentionOptions From(IConfiguration configuration) =>
        configuration.GetSection("Matching:Candidates").Get<RetentionOptions>() ?? new RetentionOptions();
}

/// <summary>
/// What the data bank stops keeping when its time is up, with nobody to remember it: records of provisions (第29条) after
/// their 3 years; a candidate with no activity for the program's retention period, erased by the one erasure path
/// (<see cref="EraseCandidate.EraseAsync"/>: every copy, <c>CandidateErased</c>, the audit entry); and a self-registration
/// never confirmed, with its mail, once its link has expired. Each step is idempotent, so replicas sweeping at once do
/// each thing once.
/// </summary>
internal sealed class RetentionSweep(
    ServiceDatabase<CandidatesModule> database, RetentionOptions options, TimeProvider clock, ILogger<RetentionSweep> logger)
    : PeriodicSweep(clock, logger)
{
    protected override TimeSpan Interval => options.SweepInterval;

    protected override string Purpose => "the data bank's retention";

    private const string OldProvisionsSql = "DELETE FROM provisions WHERE provided_at < @cutoff";

    private const string PeriodsSql = "SELECT program AS Program, candidate_years AS Years FROM retention_settings WHERE candidate_years IS NOT NULL";

    // Activity: a correction (or registration), a consent given or withdrawn, a provision to a firm.
    private const string InactiveSql = """
        SELECT c.id
          FROM candidates c
         WHERE c.program = @program AND c.updated_at < @cutoff
           AND NOT EXISTS (SELECT 1 FROM consents k WHERE k.program = c.program AND k.candidate_id = c.id
                                                     AND (k.recorded_at >= @cutoff OR k.withdrawn_at >= @cutoff))
           AND NOT EXISTS (SELECT 1 FROM provisions p WHERE p.program = c.program AND p.candidate_id = c.id AND p.provided_at >= @cutoff)
        """;

    private const string ExpiredSelfRegistrationsSql = "SELECT id AS Id, program AS Program FROM self_registrations WHERE confirmed_at IS NULL AND expires_at < @at";

    private const string DeleteSelfRegistrationSql = "DELETE FROM self_registrations WHERE id = @id AND confirmed_at IS NULL";

    private sealed class Period
    {
        public string Program { get; init; } = "";
        public int Years { get; init; }
    }

    private sealed class Waiting
    {
        public Guid Id { get; init; }
        public string Program { get; init; } = "";
    }

    /// <summary>Deletes and erases what is past its time; returns how many records (provisions, candidates, registrations).</summary>
    public override async Task<int> SweepAsync(CancellationToken ct)
    {
        var at = Clock.GetUtcNow();
        int done;
        await using (var tx = await database.BeginAsync(ct))
        {
            done = await tx.ExecuteAsync(OldProvisionsSql, new { cutoff = at.AddYears(-RetentionSetting.ProvisionYears) }, ct);
            await tx.CommitAsync(ct);
        }
        foreach (var period in await database.QueryAsync<Period>(PeriodsSql, null, ct))
        {
            foreach (var id in await database.QueryAsync<Guid>(InactiveSql, new { program = period.Program, cutoff = at.AddYears(-period.Years) }, ct))
            {
                if (await EraseCandidate.EraseAsync(database, period.Program, id, ErasureReason.Retention, null, at, ct) == EraseCandidate.Outcome.Erased)
                    done++;
            }
        }
        foreach (var waiting in await database.QueryAsync<Waiting>(ExpiredSelfRegistrationsSql, new { at }, ct))
        {
            await using var tx = await database.BeginAsync(ct);
            if (await tx.ExecuteAsync(DeleteSelfRegistrationSql, new { id = waiting.Id }, ct) == 0)
                continue;
            // The confirmation mail holds the address the person typed.
            await tx.ExecuteAsync(EraseCandidate.DeleteMailsSql, new { program = waiting.Program, keys = new[] { SelfRegistrations.MailKey(waiting.Id) } }, ct);
            await tx.CommitAsync(ct);
            done++;
        }
        if (done > 0)
            Logger.LogInformation("The data bank's retention sweep deleted or erased {Count} records", done);
        return done;
    }
}
