using Matching.Contracts.Coordinators;
using Matching.Platform.Data;
using Matching.Platform.Messaging;

namespace Matching.Platform.Tenancy;

/// <summary>
/// Keeps a service's local copy of the program's recruiting firms (table <c>firms</c>: program, id, name, status,
/// firm_version, registration_version), for services that decide what a firm may do or see. The name and the status each
/// follow their own version, so a late event changes nothing.
/// </summary>
public sealed class FirmRegistrationCopyConsumer<TService>(ServiceDatabase<TService> database) : InboxConsumer<FirmRegistrationChanged>(database)
    where TService : ServiceModule
{
    internal const string InsertSql = """
        INSERT INTO firms (program, id, name, status, firm_version, registration_version)
        SELECT @program, @id, @name, @status, @firmVersion, @registrationVersion
         WHERE NOT EXISTS (SELECT 1 FROM firms WHERE program = @program AND id = @id)
        """;

    internal const string NameSql = """
        UPDATE firms SET name = @name, firm_version = @firmVersion WHERE program = @program AND id = @id AND firm_version < @firmVersion
        """;

    internal const string StatusSql = """
        UPDATE firms SET status = @status, registration_version = @registrationVersion
         WHERE program = @program AND id = @id AND registration_version < @registrationVersion
        """;

    protected override async Task HandleAsync(DatabaseTransaction tx, FirmRegistrationChanged message, CancellationToken ct)
    {
        var row = new
        {
            program = message.Program, id = message.FirmId, name = message.Name, status = message.Status,
            firmVersion = message.FirmVersion, registrationVersion = message.RegistrationVersion,
        };
        if (await tx.ExecuteAsync(InsertSql, row, ct) == 1)
            return;
        await tx.ExecuteAsync(NameSql, row, ct);
        await tx.ExecuteAsync(StatusSql, row, ct);
    }
}
