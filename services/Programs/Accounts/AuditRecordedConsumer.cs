using Matching.Contracts.Audit;
using Matching.Platform.Auth;
using Matching.Platform.Data;
using Matching.Platform.Messaging;

namespace Matching.Programs.Accounts;

/// <summary>Keeps the product's one audit log: the entries Companies, Coordinators and the other services record.</summary>
internal sealed class AuditRecordedConsumer(ServiceDatabase<ProgramsModule> database) : InboxConsumer<AuditRecorded>(database)
{
    protected override Task HandleAsync(DatabaseTransaction tx, AuditRecorded message, CancellationToken ct) =>
        AuditTrail.CopyAsync(tx, message, ct);
}
