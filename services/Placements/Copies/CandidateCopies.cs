using Matching.Contracts.Candidates;
using Matching.Platform.Data;
using Matching.Platform.Messaging;

namespace Matching.Placements.Copies;

/// <summary>
/// What Placements keeps of a candidate: no name and no contact, only the residence and hometown prefectures that decide
/// 道外・県外 and U・I・Jターン at the time of hire, the firm that registered them, and their consents to introduction by firms.
/// </summary>
internal static class CandidateCopy
{
    internal const string InsertSql = """
        INSERT INTO candidates (id, program, prefecture_code, hometown_prefecture_code, source_firm_id, status, version)
        SELECT @id, @program, @prefectureCode, @hometown, @sourceFirmId, @status, @version
         WHERE NOT EXISTS (SELECT 1 FROM candidates WHERE id = @id)
        """;

    internal const string UpdateSql = """
        UPDATE candidates SET prefecture_code = @prefectureCode, hometown_prefecture_code = @hometown, status = @status, version = @version
         WHERE id = @id AND version < @version
        """;

    internal const string SourceFirmSql = "UPDATE candidates SET source_firm_id = @sourceFirmId WHERE id = @id AND source_firm_id IS NULL";

    /// <summary>Whether a firm may introduce the candidate: it registered them, or a consent to introduction covers it.</summary>
    internal const string FirmMayIntroduceSql = """
        SELECT COUNT(*) FROM candidates c
         WHERE c.id = @candidateId AND c.program = @program
           AND (c.source_firm_id = @firmId
                OR EXISTS (SELECT 1 FROM consents s
                            WHERE s.candidate_id = c.id AND s.withdrawn = 0
                              AND (s.recipient = 'registeredFirms' OR (s.recipient = 'firm' AND s.firm_id = @firmId))))
        """;
}

internal sealed class CandidateRegisteredCopyConsumer(ServiceDatabase<PlacementsModule> database) : InboxConsumer<CandidateRegistered>(database)
{
    protected override async Task HandleAsync(DatabaseTransaction tx, CandidateRegistered message, CancellationToken ct)
    {
        var row = new
        {
            id = message.CandidateId, program = message.Program, prefectureCode = message.PrefectureCode, hometown = message.HometownPrefectureCode,
            sourceFirmId = message.SourceFirmId, status = "active", version = 1,
        };
        if (await tx.ExecuteAsync(CandidateCopy.InsertSql, row, ct) == 0)
            await tx.ExecuteAsync(CandidateCopy.SourceFirmSql, row, ct);
    }
}

internal sealed class CandidateUpdatedCopyConsumer(ServiceDatabase<PlacementsModule> database) : InboxConsumer<CandidateUpdated>(database)
{
    protected override async Task HandleAsync(DatabaseTransaction tx, CandidateUpdated message, CancellationToken ct)
    {
        var row = new
        {
            id = message.CandidateId, program = message.Program, prefectureCode = message.PrefectureCode, hometown = message.HometownPrefectureCode,
            sourceFirmId = (Guid?)null, status = message.Status, version = message.Version,
        };
        if (await tx.ExecuteAsync(CandidateCopy.UpdateSql, row, ct) == 0)
            await tx.ExecuteAsync(CandidateCopy.InsertSql, row, ct);
    }
}

internal sealed class ConsentGivenCopyConsumer(ServiceDatabase<PlacementsModule> database) : InboxConsumer<ConsentGiven>(database)
{
    internal const string InsertSql = """
        INSERT INTO consents (id, program, candidate_id, recipient, firm_id, withdrawn)
        SELECT @id, @program, @candidateId, @recipient, @firmId, 0
         WHERE NOT EXISTS (SELECT 1 FROM consents WHERE id = @id)
        """;

    protected override Task HandleAsync(DatabaseTransaction tx, ConsentGiven message, CancellationToken ct) =>
        message.Purpose != "introduction"
            ? Task.CompletedTask
            : tx.ExecuteAsync(InsertSql, new
            {
                id = message.ConsentId, program = message.Program, candidateId = message.CandidateId, recipient = message.Recipient, firmId = message.FirmId,
            }, ct);
}

/// <summary>A withdrawal ends the consent at once; one that arrives before its consent is written withdrawn already.</summary>
internal sealed class ConsentWithdrawnCopyConsumer(ServiceDatabase<PlacementsModule> database) : InboxConsumer<ConsentWithdrawn>(database)
{
    internal const string WithdrawSql = "UPDATE consents SET withdrawn = 1 WHERE id = @id";

    internal const string InsertWithdrawnSql = """
        INSERT INTO consents (id, program, candidate_id, recipient, firm_id, withdrawn) VALUES (@id, @program, @candidateId, @recipient, @firmId, 1)
        """;

    protected override async Task HandleAsync(DatabaseTransaction tx, ConsentWithdrawn message, CancellationToken ct)
    {
        if (message.Purpose != "introduction")
            return;
        var row = new { id = message.ConsentId, program = message.Program, candidateId = message.CandidateId, recipient = message.Recipient, firmId = message.FirmId };
        if (await tx.ExecuteAsync(WithdrawSql, row, ct) == 0)
            await tx.ExecuteAsync(InsertWithdrawnSql, row, ct);
    }
}

/// <summary>
/// 消去: the candidate's copy here (residence and hometown prefectures, source firm, consents) goes; introductions and
/// placements keep the bare id and what was decided at hire (from outside, the turn), so every count stays as it was.
/// </summary>
internal sealed class CandidateErasedCopyConsumer(ServiceDatabase<PlacementsModule> database) : InboxConsumer<CandidateErased>(database)
{
    protected override async Task HandleAsync(DatabaseTransaction tx, CandidateErased message, CancellationToken ct)
    {
        await tx.ExecuteAsync("DELETE FROM consents WHERE candidate_id = @id", new { id = message.CandidateId }, ct);
        await tx.ExecuteAsync("DELETE FROM candidates WHERE id = @id", new { id = message.CandidateId }, ct);
    }
}

/// <summary>
/// 重複登録の統合: what Placements holds under the duplicate's id goes to the record that stays — its consents (so a firm
/// the duplicate's consent covered may introduce the person), its source firm where the other has none, and its
/// introductions with their placements, except for a need both were introduced for (two pipelines of one need are not
/// one; that introduction keeps the duplicate's id, and so does the copy it still needs at hire). What was decided at a
/// hire (from outside, the turn) and every count stay as they were.
/// </summary>
internal sealed class CandidatesMergedCopyConsumer(ServiceDatabase<PlacementsModule> database) : InboxConsumer<CandidatesMerged>(database)
{
    internal const string MoveSql = """
        UPDATE consents SET candidate_id = @into WHERE candidate_id = @merged;
        UPDATE candidates SET source_firm_id = COALESCE(source_firm_id, (SELECT m.source_firm_id FROM candidates m WHERE m.id = @merged))
         WHERE id = @into;
        UPDATE placements SET candidate_id = @into
         WHERE candidate_id = @merged
           AND introduction_id IN (SELECT i.id FROM introductions i WHERE i.candidate_id = @merged
                                      AND i.need_id NOT IN (SELECT k.need_id FROM introductions k WHERE k.candidate_id = @into));
        UPDATE introductions SET candidate_id = @into
         WHERE candidate_id = @merged AND need_id NOT IN (SELECT k.need_id FROM introductions k WHERE k.candidate_id = @into);
        DELETE FROM candidates WHERE id = @merged AND NOT EXISTS (SELECT 1 FROM introductions i WHERE i.candidate_id = @merged);
        """;

    protected override Task HandleAsync(DatabaseTransaction tx, CandidatesMerged message, CancellationToken ct) =>
        tx.ExecuteAsync(MoveSql, new { merged = message.MergedId, into = message.IntoId }, ct);
}
