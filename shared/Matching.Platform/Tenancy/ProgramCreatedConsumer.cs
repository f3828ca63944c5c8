using Matching.Contracts.Programs;
using Matching.Platform.Data;
using Matching.Platform.Messaging;

namespace Matching.Platform.Tenancy;

/// <summary>Keeps a service's local copy of the program list.</summary>
public sealed class ProgramCreatedConsumer<TService>(ServiceDatabase<TService> database)
    : InboxConsumer<ProgramCreated>(database)
    where TService : ServiceModule
{
    protected override Task HandleAsync(DatabaseTransaction tx, ProgramCreated message, CancellationToken ct) =>
        ProgramDirectory.AddAsync(tx, message.Program, message.Name, message.OccurredAt, ct);
}
