using Matching.Contracts;
using Matching.Contracts.Companies;
using Matching.Contracts.Placements;
using Matching.Platform.Data;
using Matching.Platform.Messaging;

namespace Matching.Companies.Needs;

/// <summary>
/// 充足 follows the placements: a need whose placements (not cancelled) reach its openings (募集人数) is filled; when a
/// cancel takes one back, a need that placements filled is open again (取次済 if it was ever referred). The placement
/// sequence orders one need's changes, so a late, older one is ignored; a change publishes <see cref="TalentNeedChanged"/>.
/// </summary>
internal static class NeedPlacements
{
    internal const string FillSql = """
        UPDATE talent_needs
           SET status = 'filled', filled_by_placements = 1, placement_sequence = @sequence, changed_at = @at, version = version + 1
         WHERE program = @program AND id = @needId AND placement_sequence < @sequence AND status IN ('open', 'referred') AND openings <= @placements
        """;

    internal const string ReopenSql = """
        UPDATE talent_needs
           SET status = CASE WHEN referral_sequence > 0 THEN 'referred' ELSE 'open' END, filled_by_placements = 0, placement_sequence = @sequence,
               changed_at = @at, version = version + 1
         WHERE program = @program AND id = @needId AND placement_sequence < @sequence AND status = 'filled' AND filled_by_placements = 1
           AND openings > @placements
        """;

    internal const string SequenceOnlySql = """
        UPDATE talent_needs SET placement_sequence = @sequence WHERE program = @program AND id = @needId AND placement_sequence < @sequence
        """;

    public static async Task ApplyAsync(DatabaseTransaction tx, string program, Guid needId, int placements, long sequence, DateTimeOffset at, CancellationToken ct)
    {
        var parameters = new { program, needId, placements, sequence, at };
        if (await tx.ExecuteAsync(FillSql, parameters, ct) == 0 && await tx.ExecuteAsync(ReopenSql, parameters, ct) == 0)
        {
            await tx.ExecuteAsync(SequenceOnlySql, parameters, ct);
            return;
        }
        var need = (await tx.QuerySingleOrDefaultAsync<GetNeed.Response>(GetNeed.Sql, new { program, id = needId }, ct))!;
        await tx.Outbox.AddAsync(new TalentNeedChanged(
            EventIds.New(), program, at, need.Id, need.CompanyId, need.Version, need.Role, need.EmploymentForm, need.Status, null, need.MunicipalityCode,
            new TalentNeedTerms(need.Description, need.RequiredSkills, need.PreferredSkills, need.PayUnit, need.PayMinYen, need.PayMaxYen, need.Remote, need.Urgency),
            need.Openings), ct);
    }
}

internal sealed class PlacementMadeConsumer(ServiceDatabase<CompaniesModule> database) : InboxConsumer<PlacementMade>(database)
{
    protected override Task HandleAsync(DatabaseTransaction tx, PlacementMade message, CancellationToken ct) =>
        NeedPlacements.ApplyAsync(tx, message.Program, message.NeedId, message.PlacementsOfNeed, message.NeedSequence, message.OccurredAt, ct);
}

internal sealed class PlacementCancelledConsumer(ServiceDatabase<CompaniesModule> database) : InboxConsumer<PlacementCancelled>(database)
{
    protected override Task HandleAsync(DatabaseTransaction tx, PlacementCancelled message, CancellationToken ct) =>
        NeedPlacements.ApplyAsync(tx, message.Program, message.NeedId, message.PlacementsOfNeed, message.NeedSequence, message.OccurredAt, ct);
}
