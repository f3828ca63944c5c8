using Matching.Contracts.Programs;
using Matching.Platform.Data;
using Matching.Platform.Messaging;

namespace Matching.Platform.Tenancy;

/// <summary>
/// Keeps the service's copy of a program's name current. A rename that arrives before its program is known adds the
/// program under the new name, and the creation that follows finds it present.
/// </summary>
public sealed class ProgramRenamedConsumer<TService>(ServiceDatabase<TService> database)
    : InboxConsumer<ProgramRenamed>(database)
    where TService : ServiceModule
{
    internal const string RenameSql = "UPDATE programs SET name = @name WHERE slug = @slug";

    protected override async Task HandleAsync(DatabaseTransaction tx, ProgramRenamed message, CancellationToken ct)
    {
        if (await tx.ExecuteAsync(RenameSql, new { slug = message.Program, name = message.Name }, ct) == 0)
            await ProgramDirectory.AddAsync(tx, message.Program, message.Name, message.OccurredAt, ct);
    }
}
