using Matching.Contracts.Programs;
using Matching.Platform.Data;
using Matching.Platform.Messaging;

namespace Matching.Candidates.Skills;

/// <summary>A new program starts with the seed vocabulary of skills, which its office then maintains.</summary>
internal sealed class SkillSeedConsumer(ServiceDatabase<CandidatesModule> database, TimeProvider clock) : InboxConsumer<ProgramCreated>(database)
{
    protected override Task HandleAsync(DatabaseTransaction tx, ProgramCreated message, CancellationToken ct) =>
        SkillVocabulary.SeedAsync(tx, message.Program, clock.GetUtcNow(), ct);
}
