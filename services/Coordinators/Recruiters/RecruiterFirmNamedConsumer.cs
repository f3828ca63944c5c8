using Matching.Contracts;
using Matching.Contracts.Programs;
using Matching.Platform.Data;
using Matching.Platform.Messaging;

namespace Matching.Coordinators.Recruiters;

/// <summary>
/// A recruiter membership names a firm the registry does not have (a membership from before the registry, or a name an
/// operator typed): a firm of that name is entered as applied (申請中), without licence number, for the office to complete
/// (registering a firm of that name completes it, <see cref="FirmEndpoints.RegisterAsync"/>). Either way the firm's
/// <see cref="Contracts.Coordinators.FirmRegistrationChanged"/> goes out, so Programs links the membership to it.
/// </summary>
internal sealed class RecruiterFirmNamedConsumer(ServiceDatabase<CoordinatorsModule> database)
    : InboxConsumer<RecruiterFirmNamed>(database)
{
    public const string Reason = "利用者の所属事業者として自動作成（許可番号などの登録が必要です）";

    protected override async Task HandleAsync(DatabaseTransaction tx, RecruiterFirmNamed message, CancellationToken ct)
    {
        var name = message.FirmName.Trim();
        if (name.Length == 0)
            return;
        var same = await FirmStore.WithNameAsync(tx, message.Program, name, ct);
        if (same.Count > 0)
        {
            // Already in the registry: say so again, for the membership named after it.
            foreach (var (id, _) in same)
                await FirmAnnouncements.AddAsync(tx, id, message.OccurredAt, ct);
            return;
        }
        var firm = Guid.CreateVersion7();
        await tx.ExecuteAsync("""
            INSERT INTO firms (id, name, name_kana, corporate_number, licence_number, head_office, areas, industries, specialties, contacts, created_at, version)
            VALUES (@firm, @name, '', NULL, NULL, NULL, '[]', '[]', '[]', '[]', @at, 1)
            """, new { firm, name = name.Length > 200 ? name[..200] : name, at = message.OccurredAt }, ct);
        await tx.ExecuteAsync("""
            INSERT INTO firm_registrations (program, firm_id, status, status_on, status_reason, fee_rule, rules, note, changed_at, version)
            VALUES (@program, @firm, 'applied', @on, @reason, NULL, NULL, NULL, @at, 1)
            """, new { program = message.Program, firm, on = JapanTime.DayOf(message.OccurredAt), reason = Reason, at = message.OccurredAt }, ct);
        await FirmAnnouncements.AddAsync(tx, firm, message.OccurredAt, ct);
    }
}
