using FluentValidation;
using Matching.Candidates.Profiles;
using Matching.Contracts;
using Matching.Contracts.Candidates;
using Matching.Platform.Tenancy;
using Matching.Platform.Auth;
using Matching.Platform.Data;
using Matching.Platform.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Candidates.Consents;

/// <summary>What the personal data is used for.</summary>
internal enum ConsentPurpose
{
    /// <summary>人材データバンクへの登録と、プログラムによる求人の紹介 (the program's own use).</summary>
    DataBank,

    /// <summary>求人の紹介のための第三者提供 — providing the profile to recruiting firms (APPI 第27条 third-party provision).</summary>
    Introduction,
}

/// <summary>Who receives it: the program itself, every firm registered with the program, or one named firm.</summary>
internal enum ConsentRecipient
{
    Program,
    RegisteredFirms,
    Firm,
}

/// <summary>How the consent was given: 書面, 電子的方法 (Web form, e-mail), 口頭 (recorded by the coordinator).</summary>
internal enum ConsentMethod
{
    Written,
    Electronic,
    Oral,

    /// <summary>取込 — stated in a talent list the office imported (the consent itself was given before, as the list says).</summary>
    Import,
}

/// <summary>A consent as recorded, with its withdrawal when there was one.</summary>
internal sealed record Consent(
    Guid Id, string Purpose, string Recipient, Guid? FirmId, string? FirmName, string TextVersion, string Method, DateTimeOffset GivenAt,
    DateTimeOffset RecordedAt, string? RecordedBy, DateTimeOffset? WithdrawnAt, string? WithdrawalReason, string? WithdrawnBy)
{
    public bool Active => WithdrawnAt is null;
}

/// <summary>
/// 個人情報の第三者提供への同意 — recorded per purpose and recipient with its time, the version of the consent text shown, and how
/// it was given (個人情報保護法 第27条: personal data goes to a third party only with the person's consent). A withdrawal takes
/// effect at once: every read checks the consents as they are at that moment.
/// </summary>
internal static class ConsentRecords
{
    public sealed record GiveRequest(ConsentPurpose? Purpose, ConsentRecipient? Recipient, Guid? FirmId, string? TextVersion, ConsentMethod? Method, DateTimeOffset? GivenAt);

    public sealed record WithdrawRequest([property: MultiLine] string? Reason);

    public sealed record Created(Guid Id);

    public static readonly LocalizedText PurposeInvalid = new("利用目的は dataBank（データバンク登録）か introduction（事業者への紹介）です。", "purpose is dataBank or introduction.");
    public static readonly LocalizedText RecipientInvalid = new(
        "提供先は program（プログラム）、registeredFirms（登録事業者全般）、firm（特定の事業者）のいずれかです。", "recipient is program, registeredFirms or firm.");
    public static readonly LocalizedText PurposeOfRecipient = new(
        "プログラム自身への同意の目的は dataBank、事業者への提供の目的は introduction です。",
        "Consent to the program is for dataBank; consent to firms is for introduction.");
    public static readonly LocalizedText FirmRequired = new("特定の事業者への同意には事業者を指定してください。", "Consent to one firm names the firm.");
    public static readonly LocalizedText FirmOnlyForFirm = new("事業者は、提供先が firm の同意にだけ指定します。", "Only a consent to one firm names a firm.");
    public static readonly LocalizedText UnknownFirm = new("この事業者はこのプログラムに登録されていません。", "This firm is not registered with this program.");
    public static readonly LocalizedText TextVersionInvalid = new(
        "同意文の版を入力してください（50 文字以内、例: 2025-04）。", "Give the version of the consent text shown, at most 50 characters (e.g. 2025-04).");
    public static readonly LocalizedText MethodInvalid = new("同意の方法は written（書面）、electronic（電子）、oral（口頭）のいずれかです。", "method is written, electronic or oral.");
    public static readonly LocalizedText GivenAtInvalid = new("同意日時は未来にできません（2000 年以降）。", "The consent cannot be given in the future (nor before 2000).");
    public static readonly LocalizedText ReasonTooLong = new("理由は 500 文字以内で入力してください。", "The reason is at most 500 characters.");
    public static readonly LocalizedText AlreadyWithdrawn = new("この同意は既に撤回されています。", "This consent is already withdrawn.");
    public static readonly LocalizedText UnknownConsent = new("この同意は見つかりません。", "No such consent.");

    public sealed class GiveValidator : AbstractValidator<GiveRequest>
    {
        public GiveValidator(TimeProvider clock)
        {
            RuleFor(r => r.Purpose).NotNull().Message(PurposeInvalid).IsInEnum().Message(PurposeInvalid);
            RuleFor(r => r.Recipient).NotNull().Message(RecipientInvalid).IsInEnum().Message(RecipientInvalid);
            RuleFor(r => r.Purpose)
                .Must((r, p) => (r.Recipient == ConsentRecipient.Program) == (p == ConsentPurpose.DataBank)).Message(PurposeOfRecipient)
                .When(r => r.Purpose is not null && r.Recipient is not null);
            RuleFor(r => r.FirmId).NotNull().Message(FirmRequired).When(r => r.Recipient == ConsentRecipient.Firm);
            RuleFor(r => r.FirmId).Null().Message(FirmOnlyForFirm).When(r => r.Recipient is not null and not ConsentRecipient.Firm);
            RuleFor(r => r.TextVersion).Must(v => !string.IsNullOrWhiteSpace(v) && v.Trim().Length <= 50).Message(TextVersionInvalid);
            RuleFor(r => r.Method).NotNull().Message(MethodInvalid).IsInEnum().Message(MethodInvalid)
                .NotEqual(ConsentMethod.Import).Message(MethodInvalid);
            RuleFor(r => r.GivenAt).Must(g => g <= clock.GetUtcNow().AddMinutes(5) && g.Value.Year >= 2000).Message(GivenAtInvalid).When(r => r.GivenAt is not null);
        }
    }

    public sealed class WithdrawValidator : AbstractValidator<WithdrawRequest>
    {
        public WithdrawValidator() => RuleFor(r => r.Reason).MaximumLength(500).Message(ReasonTooLong);
    }

    internal const string ListSql = """
        SELECT c.id AS Id, c.purpose AS Purpose, c.recipient AS Recipient, c.firm_id AS FirmId, f.name AS FirmName, c.text_version AS TextVersion,
               c.method AS Method, c.given_at AS GivenAt, c.recorded_at AS RecordedAt, c.recorded_by AS RecordedBy, c.withdrawn_at AS WithdrawnAt,
               c.withdrawal_reason AS WithdrawalReason, c.withdrawn_by AS WithdrawnBy
          FROM consents c LEFT JOIN firms f ON f.program = c.program AND f.id = c.firm_id
         WHERE c.program = @program AND c.candidate_id = @candidateId
         ORDER BY c.given_at, c.id
        """;

    internal const string InsertSql = """
        INSERT INTO consents (id, program, candidate_id, purpose, recipient, firm_id, text_version, method, given_at, recorded_at, recorded_by)
        VALUES (@id, @program, @candidateId, @purpose, @recipient, @firmId, @textVersion, @method, @givenAt, @at, @by)
        """;

    internal const string WithdrawSql = """
        UPDATE consents SET withdrawn_at = @at, withdrawal_reason = @reason, withdrawn_by = @by
         WHERE program = @program AND candidate_id = @candidateId AND id = @id AND withdrawn_at IS NULL
        """;

    internal const string OneSql = """
        SELECT purpose AS Purpose, recipient AS Recipient, firm_id AS FirmId, withdrawn_at AS WithdrawnAt
          FROM consents WHERE program = @program AND candidate_id = @candidateId AND id = @id
        """;

    // The consent that lets a firm receive the candidate's personal data now: one naming the firm first, else one to every
    // registered firm; either only while the firm's registration is "registered".
    internal const string CoveringSql = """
        SELECT c.id
          FROM consents c JOIN firms f ON f.program = c.program AND f.id = @firmId AND f.status = 'registered'
         WHERE c.program = @program AND c.candidate_id = @candidateId AND c.purpose = 'introduction' AND c.withdrawn_at IS NULL
           AND (c.recipient = 'registeredFirms' OR (c.recipient = 'firm' AND c.firm_id = @firmId))
         ORDER BY CASE WHEN c.recipient = 'firm' THEN 0 ELSE 1 END, c.given_at DESC
        """;

    private sealed class Row
    {
        public Guid Id { get; init; }
        public string Purpose { get; init; } = "";
        public string Recipient { get; init; } = "";
        public Guid? FirmId { get; init; }
        public string? FirmName { get; init; }
        public string TextVersion { get; init; } = "";
        public string Method { get; init; } = "";
        public DateTimeOffset GivenAt { get; init; }
        public DateTimeOffset RecordedAt { get; init; }
        public string? RecordedBy { get; init; }
        public DateTimeOffset? WithdrawnAt { get; init; }
        public string? WithdrawalReason { get; init; }
        public string? WithdrawnBy { get; init; }

        public Consent ToConsent() => new(Id, Purpose, Recipient, FirmId, FirmName, TextVersion, Method, GivenAt, RecordedAt, RecordedBy, WithdrawnAt,
            WithdrawalReason, WithdrawnBy);
    }

    private sealed class Existing
    {
        public string Purpose { get; init; } = "";
        public string Recipient { get; init; } = "";
        public Guid? FirmId { get; init; }
        public DateTimeOffset? WithdrawnAt { get; init; }
    }

    public static async Task<IReadOnlyList<Consent>> ListAsync(ServiceDatabase database, string program, Guid candidateId, CancellationToken ct) =>
        (await database.QueryAsync<Row>(ListSql, new { program, candidateId }, ct)).Select(r => r.ToConsent()).ToList();

    /// <summary>The consent under which the firm may receive the candidate's personal data now, or null.</summary>
    public static async Task<Guid?> CoveringAsync(DatabaseTransaction tx, string program, Guid candidateId, Guid firmId, CancellationToken ct) =>
        (await tx.QueryAsync<Guid>(CoveringSql, new { program, candidateId, firmId }, ct)) is [var first, ..] ? first : null;

    public static async Task<Results<Created<Created>, ProblemHttpResult, ValidationProblem>> GiveAsync(
        string program, Guid id, GiveRequest request, HttpContext context, ServiceDatabase<CandidatesModule> database, TimeProvider clock, CancellationToken ct)
    {
        await using var tx = await database.BeginAsync(ct);
        if (await CandidateStore.GetAsync(tx, program, id, ct) is null)
            return Problems.NotFound(GetCandidate.UnknownCandidate);
        if (request.FirmId is { } firmId && await RecruiterFirm.GetAsync(tx, program, firmId, ct) is not { IsRegistered: true })
            return Problems.Invalid("firmId", UnknownFirm);
        var at = clock.GetUtcNow();
        var consentId = await RecordAsync(tx, program, id, request.Purpose!.Value, request.Recipient!.Value, request.FirmId, request.TextVersion!.Trim(),
            request.Method!.Value, request.GivenAt ?? at, at, context.User.MatchingUser()?.DisplayName, ct);
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/programs/{program}/candidates/{id}", new Created(consentId));
    }

    /// <summary>Records a consent and publishes it, in the caller's transaction.</summary>
    internal static async Task<Guid> RecordAsync(DatabaseTransaction tx, string program, Guid candidateId, ConsentPurpose purpose, ConsentRecipient recipient,
        Guid? firmId, string textVersion, ConsentMethod method, DateTimeOffset givenAt, DateTimeOffset at, string? by, CancellationToken ct)
    {
        var consentId = Guid.CreateVersion7();
        var (purposeName, recipientName) = (CandidateDetails.NameOf(purpose), CandidateDetails.NameOf(recipient));
        await tx.ExecuteAsync(InsertSql, new
        {
            id = consentId, program, candidateId, purpose = purposeName, recipient = recipientName, firmId, textVersion,
            method = CandidateDetails.NameOf(method), givenAt, at, by,
        }, ct);
        await tx.Outbox.AddAsync(new ConsentGiven(EventIds.New(), program, at, candidateId, consentId, purposeName, recipientName, firmId, textVersion), ct);
        return consentId;
    }

    public static async Task<Results<Ok<IReadOnlyList<Consent>>, ProblemHttpResult, ValidationProblem>> WithdrawAsync(
        string program, Guid id, Guid consentId, WithdrawRequest request, HttpContext context, ServiceDatabase<CandidatesModule> database,
        TimeProvider clock, CancellationToken ct)
    {
        await using (var tx = await database.BeginAsync(ct))
        {
            if (await tx.QuerySingleOrDefaultAsync<Existing>(OneSql, new { program, candidateId = id, id = consentId }, ct) is not { } consent)
                return Problems.NotFound(UnknownConsent);
            var at = clock.GetUtcNow();
            var reason = string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason.Trim();
            if (consent.WithdrawnAt is not null
                || await tx.ExecuteAsync(WithdrawSql, new { program, candidateId = id, id = consentId, at, reason, by = context.User.MatchingUser()?.DisplayName }, ct) == 0)
                return Problems.Conflict(AlreadyWithdrawn);
            await tx.Outbox.AddAsync(new ConsentWithdrawn(EventIds.New(), program, at, id, consentId, consent.Purpose, consent.Recipient, consent.FirmId), ct);
            await tx.CommitAsync(ct);
        }
        return TypedResults.Ok(await ListAsync(database, program, id, ct));
    }
}
