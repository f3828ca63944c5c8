using FluentValidation;
using Matching.Placements.Settings;
using Matching.Platform.Auth;
using Matching.Platform.Data;
using Matching.Platform.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Placements.Hiring;

/// <summary>助成金・給付金 tied to a placement, and where each stands: eligible, applied, paid, rejected. Money is integer yen.</summary>
internal static class Grants
{
    public enum GrantKind
    {
        /// <summary>REVICareer（先導的人材マッチング事業・経営人材の給付金）</summary>
        ReviCareer,

        /// <summary>副業・兼業人材の活用補助</summary>
        SideJob,

        /// <summary>在籍型出向の支援（産業雇用安定助成金など）</summary>
        Secondment,

        /// <summary>移住支援金</summary>
        Relocation,

        Other,
    }

    public enum GrantStatus
    {
        Eligible,
        Applied,
        Paid,
        Rejected,
    }

    public static readonly IReadOnlyDictionary<string, string> KindLabels = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["reviCareer"] = "REVICareer 給付金", ["sideJob"] = "副業・兼業人材の活用補助", ["secondment"] = "在籍型出向の支援",
        ["relocation"] = "移住支援金", ["other"] = "その他",
    };

    public static readonly IReadOnlyDictionary<string, string> StatusLabels = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["eligible"] = "対象", ["applied"] = "申請済", ["paid"] = "支給済", ["rejected"] = "不支給",
    };

    public sealed record Grant(Guid Id, string Kind, string KindLabel, string Status, string StatusLabel, long? AmountYen, DateOnly? AppliedOn, DateOnly? PaidOn,
        string? Note, DateTimeOffset ChangedAt, string? ChangedBy);

    public sealed record Request(GrantKind? Kind, GrantStatus? Status, long? AmountYen, DateOnly? AppliedOn, DateOnly? PaidOn, string? Note);

    public static readonly LocalizedText KindInvalid = new(
        "種類は reviCareer、sideJob、secondment、relocation、other のいずれかです。", "kind is reviCareer, sideJob, secondment, relocation or other.");
    public static readonly LocalizedText StatusInvalid = new("状況は eligible、applied、paid、rejected のいずれかです。", "status is eligible, applied, paid or rejected.");
    public static readonly LocalizedText AmountInvalid = new("金額は 0〜1 億円の整数（円）で入力してください。", "amountYen is a whole number of yen up to 100,000,000.");
    public static readonly LocalizedText DatesInvalid = new("申請日・支給日は 1989〜2100 年の日付で、支給日は申請日以降です。", "Dates are 1989–2100 and payment follows the application.");
    public static readonly LocalizedText UnknownGrant = new("この助成金の記録は見つかりません。", "No such grant.");

    public sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.Kind).NotNull().Message(KindInvalid).IsInEnum().Message(KindInvalid);
            RuleFor(r => r.Status).NotNull().Message(StatusInvalid).IsInEnum().Message(StatusInvalid);
            RuleFor(r => r.AmountYen).InclusiveBetween(0, 100_000_000).Message(AmountInvalid).When(r => r.AmountYen is not null);
            RuleFor(r => r.PaidOn).Must((r, paid) => (r.AppliedOn is null || r.AppliedOn.Value.Year is >= 1989 and <= 2100)
                                                     && (paid is null || (paid.Value.Year is >= 1989 and <= 2100 && (r.AppliedOn is null || paid >= r.AppliedOn))))
                .Message(DatesInvalid);
            RuleFor(r => r.Note).MaximumLength(2000).Message(Introductions.Introducing.NoteTooLong);
        }
    }

    internal const string ListSql = """
        SELECT id AS Id, kind AS Kind, status AS Status, amount_yen AS AmountYen, applied_on AS AppliedOn, paid_on AS PaidOn, note AS Note,
               changed_at AS ChangedAt, changed_by AS ChangedBy
          FROM grants WHERE placement_id = @placementId ORDER BY changed_at
        """;

    internal const string InsertSql = """
        INSERT INTO grants (id, program, placement_id, kind, status, amount_yen, applied_on, paid_on, note, changed_at, changed_by)
        VALUES (@id, @program, @placementId, @kind, @status, @amountYen, @appliedOn, @paidOn, @note, @at, @by)
        """;

    internal const string UpdateSql = """
        UPDATE grants SET kind = @kind, status = @status, amount_yen = @amountYen, applied_on = @appliedOn, paid_on = @paidOn, note = @note,
                          changed_at = @at, changed_by = @by
         WHERE id = @id AND placement_id = @placementId
        """;

    private sealed class Row
    {
        public Guid Id { get; init; }
        public string Kind { get; init; } = "";
        public string Status { get; init; } = "";
        public long? AmountYen { get; init; }
        public DateOnly? AppliedOn { get; init; }
        public DateOnly? PaidOn { get; init; }
        public string? Note { get; init; }
        public DateTimeOffset ChangedAt { get; init; }
        public string? ChangedBy { get; init; }
    }

    public static async Task<IReadOnlyList<Grant>> OfAsync(DatabaseTransaction tx, Guid placementId, CancellationToken ct) =>
        [.. (await tx.QueryAsync<Row>(ListSql, new { placementId }, ct)).Select(r => new Grant(r.Id, r.Kind, KindLabels.GetValueOrDefault(r.Kind, r.Kind), r.Status,
            StatusLabels.GetValueOrDefault(r.Status, r.Status), r.AmountYen, r.AppliedOn, r.PaidOn, r.Note, r.ChangedAt, r.ChangedBy))];

    public sealed record Saved(Guid Id);

    public static async Task<Results<Ok<Saved>, ProblemHttpResult>> SaveAsync(
        string program, Guid id, Guid? grantId, Request request, HttpContext http, ServiceDatabase<PlacementsModule> database, TimeProvider clock, CancellationToken ct)
    {
        var user = http.User.MatchingUser();
        await using var tx = await database.BeginAsync(ct);
        if (await PlacementStore.GetAsync(tx, program, id, ct) is null)
            return Problems.NotFound(Placing.UnknownPlacement);
        var row = new
        {
            id = grantId ?? Guid.CreateVersion7(), program, placementId = id, kind = Names.Of(request.Kind!.Value), status = Names.Of(request.Status!.Value),
            amountYen = request.AmountYen, appliedOn = request.AppliedOn, paidOn = request.PaidOn, note = request.Note?.Trim(), at = clock.GetUtcNow(), by = user?.DisplayName,
        };
        if (grantId is null)
            await tx.ExecuteAsync(InsertSql, row, ct);
        else if (await tx.ExecuteAsync(UpdateSql, row, ct) == 0)
            return Problems.NotFound(UnknownGrant);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(new Saved(row.id));
    }
}
