using Matching.Contracts.Placements;
using Matching.Platform.Data;
using Matching.Platform.Messaging;
using Matching.Platform.Webhooks;

namespace Matching.Coordinators.Recruiters;

/// <summary>
/// A firm's own system hears of its introductions through the webhook it registered for referrals (Coordinators keeps the
/// subscriptions): <c>introduction.introduced</c>, then <c>introduction.{stage}</c> for every stage (screening … placed,
/// rejected, withdrawn, declined, cancelled), ordered per introduction, whoever made the change. Ids and facts only: the
/// firm reads the candidate's profile where its consent lets it, and that read is recorded.
/// </summary>
internal static class IntroductionWebhooks
{
    public sealed record IntroductionChange(Guid IntroductionId, Guid NeedId, Guid CompanyId, Guid? CandidateId, string Stage, DateOnly On, string? Reason, int Version);

    public static Task EnqueueAsync(DatabaseTransaction tx, string program, Guid? firmId, IntroductionChange change, DateTimeOffset now, CancellationToken ct) =>
        firmId is { } firm
            ? WebhookDeliveries.EnqueueAsync(tx, program, firm.ToString("D"), $"introduction.{change.Stage}", change.IntroductionId.ToString("D"), change, now, ct)
            : Task.CompletedTask;
}

internal sealed class CandidateIntroducedWebhookConsumer(ServiceDatabase<CoordinatorsModule> database, TimeProvider clock)
    : InboxConsumer<CandidateIntroduced>(database)
{
    protected override Task HandleAsync(DatabaseTransaction tx, CandidateIntroduced message, CancellationToken ct) =>
        IntroductionWebhooks.EnqueueAsync(tx, message.Program, message.FirmId, new IntroductionWebhooks.IntroductionChange(
            message.IntroductionId, message.NeedId, message.CompanyId, message.CandidateId, "introduced", message.IntroducedOn, null, 1), clock.GetUtcNow(), ct);
}

internal sealed class IntroductionStageWebhookConsumer(ServiceDatabase<CoordinatorsModule> database, TimeProvider clock)
    : InboxConsumer<IntroductionStageChanged>(database)
{
    protected override Task HandleAsync(DatabaseTransaction tx, IntroductionStageChanged message, CancellationToken ct) =>
        IntroductionWebhooks.EnqueueAsync(tx, message.Program, message.FirmId, new IntroductionWebhooks.IntroductionChange(
            message.IntroductionId, message.NeedId, message.CompanyId, null, message.Stage, message.On, message.Reason, message.Version), clock.GetUtcNow(), ct);
}
