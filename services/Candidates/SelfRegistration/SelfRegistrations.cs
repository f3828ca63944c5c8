using System.Security.Cryptography;
using System.Text.Json;
using FluentValidation;
using Matching.Candidates.Consents;
using Matching.Candidates.Profiles;
using Matching.Contracts;
using Matching.Platform.Data;
using Matching.Platform.Http;
using Matching.Platform.Notifications;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Candidates.SelfRegistration;

/// <summary>Where the web UI is reached from outside (<c>Matching:Candidates:PublicAddress</c>): the confirmation mail links there.</summary>
internal sealed record SelfRegistrationLinks(Uri? PublicAddress)
{
    public Uri? Of(string program, string token) =>
        PublicAddress is { } address ? new Uri(address, $"p/{program}/join/confirm?token={Uri.EscapeDataString(token)}") : null;
}

/// <summary>
/// 本人による登録 — a professional registers in the program's talent data bank on the public page: the consent text is
/// shown (its version comes back with the form), the profile waits until the person confirms their e-mail address by the
/// mailed link, and only then becomes a candidate with the consents given (electronic, the text's version). The caller
/// is told nothing about anyone: the answer is the same whoever registers.
/// </summary>
internal static class SelfRegistrations
{
    /// <summary>The consent text the page shows (個人情報の取扱いと第三者提供への同意), by version.</summary>
    public const string TextVersion = "self-2026-04";

    public static readonly LocalizedText ConsentText = new(
        "ご登録いただいた個人情報（氏名・連絡先・経歴・希望条件など）は、人材データバンクへの登録と、プログラムによる求人のご紹介に利用します。" +
        "「登録事業者への提供」に同意された場合に限り、プログラムに登録された民間人材ビジネス事業者にプロフィールを提供し、その記録を 3 年間保存します。" +
        "同意はいつでも撤回でき、登録の削除（個人データの消去）も求めることができます。",
        "The personal data you register (name, contact, career, wishes) is used for the talent data bank and for the program's introductions to " +
        "companies. Only if you consent to provision to registered firms is your profile given to the private recruiting firms registered with the " +
        "program, and each provision recorded for 3 years. You may withdraw consent at any time, and ask for your registration to be erased.");

    public sealed record Text(string Version, string Body);

    public sealed record Request : CandidateDetails
    {
        /// <summary>The version of the consent text the page showed.</summary>
        public string? ConsentTextVersion { get; init; }

        /// <summary>Consent to the program's own use (required to register).</summary>
        public bool? ConsentToProgram { get; init; }

        /// <summary>Consent to provision to registered firms in general.</summary>
        public bool? ConsentToFirms { get; init; }
    }

    public sealed record Accepted(DateTimeOffset ExpiresAt);

    public sealed record ConfirmRequest(string? Token);

    public sealed record Confirmed(bool Registered);

    public static readonly LocalizedText EmailRequired = new("確認のメールを送るメールアドレスを入力してください。", "Give the e-mail address the confirmation goes to.");
    public static readonly LocalizedText TextOutdated = new(
        "同意文が更新されました。画面を読み込み直して、表示された同意文をご確認ください。", "The consent text has changed: reload the page and read the text shown.");
    public static readonly LocalizedText ProgramConsentRequired = new(
        "人材データバンクへの登録には、個人情報の利用への同意が必要です。", "Registering in the data bank needs your consent to the use of your data.");
    public static readonly LocalizedText TokenInvalid = new("確認用のリンクが正しくありません。", "The confirmation link is not valid.");
    public static readonly LocalizedText UnknownToken = new(
        "この確認用リンクは使えません（期限切れ、または確認済みです）。", "This confirmation link cannot be used (it expired or was used already).");

    public sealed class Validator : AbstractValidator<Request>
    {
        public Validator(TimeProvider clock)
        {
            Include(new CandidateDetails.Validator(clock));
            RuleFor(r => r.Email).NotEmpty().Message(EmailRequired);
            RuleFor(r => r.ConsentTextVersion).Equal(TextVersion).Message(TextOutdated);
            RuleFor(r => r.ConsentToProgram).Equal(true).Message(ProgramConsentRequired);
        }
    }

    public sealed class ConfirmValidator : AbstractValidator<ConfirmRequest>
    {
        public ConfirmValidator() => RuleFor(r => r.Token).Must(t => t is { Length: >= 20 and <= 100 }).Message(TokenInvalid);
    }

    private static readonly TimeSpan ValidFor = TimeSpan.FromDays(1);

    private const string InsertSql = """
        INSERT INTO self_registrations (id, program, token_hash, record, consent_to_firms, text_version, created_at, expires_at)
        VALUES (@id, @program, @tokenHash, @record, @consentToFirms, @textVersion, @at, @expiresAt)
        """;

    private const string PendingSql = """
        SELECT id AS Id, record AS Record, consent_to_firms AS ConsentToFirms, text_version AS TextVersion, created_at AS CreatedAt
          FROM self_registrations
         WHERE program = @program AND token_hash = @tokenHash AND confirmed_at IS NULL AND expires_at > @at
        """;

    // The profile leaves this table once the candidate holds it.
    private const string ConfirmSql = """
        UPDATE self_registrations SET confirmed_at = @at, candidate_id = @candidateId, record = ''
         WHERE id = @id AND confirmed_at IS NULL
        """;

    private sealed class Pending
    {
        public Guid Id { get; init; }
        public string Record { get; init; } = "";
        public bool ConsentToFirms { get; init; }
        public string TextVersion { get; init; } = "";
        public DateTimeOffset CreatedAt { get; init; }
    }

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));

    /// <summary>The dedup key of the confirmation mail of one registration (what an erasure looks for in the notifications).</summary>
    internal static string MailKey(Guid registrationId) => $"self-registration:{registrationId:N}";

    public static Ok<Text> GetText() => TypedResults.Ok(new Text(TextVersion, ConsentText.ToString()));

    public static async Task<Results<Accepted<Accepted>, ValidationProblem>> RegisterAsync(
        string program, Request request, ServiceDatabase<CandidatesModule> database, SelfRegistrationLinks links, TimeProvider clock, CancellationToken ct)
    {
        var at = clock.GetUtcNow();
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var id = Guid.CreateVersion7();
        await using (var tx = await database.BeginAsync(ct))
        {
            var (record, problem) = await RegisterCandidate.RecordAsync(tx, program, request, ct);
            if (problem is not null)
                return problem;
            await tx.ExecuteAsync(InsertSql, new
            {
                id, program, tokenHash = Hash(token), record = JsonSerializer.Serialize(record, MatchingJson.Options), consentToFirms = request.ConsentToFirms == true,
                textVersion = TextVersion, at, expiresAt = at + ValidFor,
            }, ct);
            var link = links.Of(program, token);
            await tx.QueueNotificationAsync(new Notification(program, "email", record!.Email!,
                LocalizedText.IsEnglish ? "Please confirm your registration in the talent data bank" : "人材データバンクへのご登録の確認",
                LocalizedText.IsEnglish
                    ? $"Thank you for registering. Open the link below within 24 hours to confirm your e-mail address and complete the registration.{(link is null ? $"\nConfirmation code: {token}" : "")}"
                    : $"ご登録ありがとうございます。24 時間以内に下のリンクを開き、メールアドレスを確認して登録を完了してください。{(link is null ? $"\n確認コード: {token}" : "")}",
                link, MailKey(id)), ct);
            await tx.CommitAsync(ct);
        }
        return TypedResults.Accepted((string?)null, new Accepted(at + ValidFor));
    }

    public static async Task<Results<Ok<Confirmed>, ProblemHttpResult>> ConfirmAsync(
        string program, ConfirmRequest request, ServiceDatabase<CandidatesModule> database, TimeProvider clock, CancellationToken ct)
    {
        var at = clock.GetUtcNow();
        await using var tx = await database.BeginAsync(ct);
        if (await tx.QuerySingleOrDefaultAsync<Pending>(PendingSql, new { program, tokenHash = Hash(request.Token!), at }, ct) is not { } pending)
            return Problems.NotFound(UnknownToken);
        var record = JsonSerializer.Deserialize<CandidateRecord>(pending.Record, MatchingJson.Options)!;
        var candidateId = Guid.CreateVersion7();
        const string by = "本人（Web 登録）";
        await CandidateStore.RegisterAsync(tx, program, candidateId, record, "active", null, at, by, ct);
        await ConsentRecords.RecordAsync(tx, program, candidateId, ConsentPurpose.DataBank, ConsentRecipient.Program, null, pending.TextVersion,
            ConsentMethod.Electronic, pending.CreatedAt, at, by, ct);
        if (pending.ConsentToFirms)
            await ConsentRecords.RecordAsync(tx, program, candidateId, ConsentPurpose.Introduction, ConsentRecipient.RegisteredFirms, null, pending.TextVersion,
                ConsentMethod.Electronic, pending.CreatedAt, at, by, ct);
        await tx.ExecuteAsync(ConfirmSql, new { id = pending.Id, at, candidateId }, ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(new Confirmed(true));
    }
}
