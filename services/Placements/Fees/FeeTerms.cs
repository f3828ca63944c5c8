using System.Text.Json;
using FluentValidation;
using Matching.Placements.Settings;
using Matching.Platform.Auth;
using Matching.Platform.Data;
using Matching.Platform.Http;
using Matching.Platform.Tenancy;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Placements.Fees;

/// <summary>How a firm's success fee (成功報酬) is set: a share of the annual pay (理論年収の◯%) or a fixed amount.</summary>
public enum FeeKind
{
    Share,
    Fixed,
}

/// <summary>返戻金 — when the person leaves before <paramref name="WithinMonths"/> full months, this share of the fee is returned.</summary>
public sealed record RefundBand(int WithinMonths, int RefundPercent);

/// <summary>A firm's fee terms with the program. Money is integer yen; a share is kept in basis points (30% = 3000).</summary>
public sealed record FeeTerm(FeeKind Kind, int? ShareBasisPoints, long? FixedYen, IReadOnlyList<RefundBand> RefundBands)
{
    /// <summary>The fee of a placement at this annual pay (rounded down to the yen); null when a share has no pay to apply to.</summary>
    public long? FeeFor(long? annualPayYen) => Kind switch
    {
        FeeKind.Fixed => FixedYen,
        _ when annualPayYen is { } pay && ShareBasisPoints is { } bp => (long)(pay * (decimal)bp / 10_000m),
        _ => null,
    };

    /// <summary>
    /// The refund when employment that began on <paramref name="start"/> ended on <paramref name="ended"/>: the band of the
    /// fewest months the stay fell short of (a stay of 2 months and 10 days is within a 3-month band, not a 2-month one).
    /// </summary>
    public long? RefundFor(long? feeYen, DateOnly start, DateOnly ended)
    {
        if (feeYen is not { } fee)
            return null;
        var band = RefundBands.OrderBy(b => b.WithinMonths).FirstOrDefault(b => ended < start.AddMonths(b.WithinMonths));
        return band is null ? 0 : (long)(fee * (decimal)band.RefundPercent / 100m);
    }
}

/// <summary>The firms' fee terms, kept by the office; applied when a placement is made and when employment ends early.</summary>
internal static class FeeTerms
{
    internal const string SelectSql = """
        SELECT kind AS Kind, share_bp AS ShareBasisPoints, fixed_yen AS FixedYen, refund_bands AS RefundBands FROM fee_terms
         WHERE program = @program AND firm_id = @firmId
        """;

    internal const string ListSql = """
        SELECT f.id AS FirmId, f.name AS FirmName, f.status AS FirmStatus, t.kind AS Kind, t.share_bp AS ShareBasisPoints, t.fixed_yen AS FixedYen,
               t.refund_bands AS RefundBands, t.changed_at AS ChangedAt, t.changed_by AS ChangedBy
          FROM firms f LEFT JOIN fee_terms t ON t.program = f.program AND t.firm_id = f.id
         WHERE f.program = @program
         ORDER BY f.name
        """;

    internal const string UpsertSql = """
        DELETE FROM fee_terms WHERE program = @program AND firm_id = @firmId;
        INSERT INTO fee_terms (program, firm_id, kind, share_bp, fixed_yen, refund_bands, changed_at, changed_by)
        VALUES (@program, @firmId, @kind, @shareBp, @fixedYen, @refundBands, @at, @by);
        """;

    private sealed class Row
    {
        public string Kind { get; init; } = "";
        public int? ShareBasisPoints { get; init; }
        public long? FixedYen { get; init; }
        public string RefundBands { get; init; } = "[]";

        public FeeTerm ToTerm() => new(Names.Parse<FeeKind>(Kind), ShareBasisPoints, FixedYen,
            JsonSerializer.Deserialize<List<RefundBand>>(RefundBands, MatchingJson.Options) ?? []);
    }

    public static async Task<FeeTerm?> OfAsync(DatabaseTransaction tx, string program, Guid? firmId, CancellationToken ct) =>
        firmId is null ? null : (await tx.QuerySingleOrDefaultAsync<Row>(SelectSql, new { program, firmId }, ct))?.ToTerm();

    public sealed record FirmTerms(
        Guid FirmId, string FirmName, string FirmStatus, string? Kind, decimal? SharePercent, long? FixedYen, IReadOnlyList<RefundBand> RefundBands,
        DateTimeOffset? ChangedAt, string? ChangedBy);

    private sealed class ListRow
    {
        public Guid FirmId { get; init; }
        public string FirmName { get; init; } = "";
        public string FirmStatus { get; init; } = "";
        public string? Kind { get; init; }
        public int? ShareBasisPoints { get; init; }
        public long? FixedYen { get; init; }
        public string? RefundBands { get; init; }
        public DateTimeOffset? ChangedAt { get; init; }
        public string? ChangedBy { get; init; }
    }

    public static async Task<Ok<IReadOnlyList<FirmTerms>>> ListAsync(string program, ServiceDatabase<PlacementsModule> database, CancellationToken ct)
    {
        var rows = await database.QueryAsync<ListRow>(ListSql, new { program }, ct);
        return TypedResults.Ok<IReadOnlyList<FirmTerms>>([.. rows.Select(r => new FirmTerms(
            r.FirmId, r.FirmName, r.FirmStatus, r.Kind, r.ShareBasisPoints / 100m, r.FixedYen,
            r.RefundBands is null ? [] : JsonSerializer.Deserialize<List<RefundBand>>(r.RefundBands, MatchingJson.Options) ?? [], r.ChangedAt, r.ChangedBy))]);
    }

    public sealed record Request(FeeKind? Kind, decimal? SharePercent, long? FixedYen, IReadOnlyList<RefundBand>? RefundBands);

    public static readonly LocalizedText KindInvalid = new("手数料の決め方は share（年収の割合）か fixed（定額）です。", "kind is share or fixed.");
    public static readonly LocalizedText ShareShape = new("手数料率は 0.01〜100 % で、小数点以下 2 桁までです。", "sharePercent is 0.01 to 100 with at most 2 decimals.");
    public static readonly LocalizedText FixedShape = new("定額の手数料は 1〜1 億円の整数（円）です。", "fixedYen is a whole number of yen from 1 to 100,000,000.");
    public static readonly LocalizedText BandsShape = new(
        "返戻金の区分は 10 件まで、期間は 1〜24 か月の重複しない月数、返戻率は 0〜100 % の整数です。",
        "Up to 10 refund bands, each within 1 to 24 distinct months with a refund of 0 to 100 percent.");
    public static readonly LocalizedText UnknownFirm = new("この事業者はプログラムに登録されていません。", "No such firm in this program.");

    public sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.Kind).NotNull().Message(KindInvalid).IsInEnum().Message(KindInvalid);
            RuleFor(r => r.SharePercent).NotNull().Message(ShareShape)
                .Must(p => p is >= 0.01m and <= 100m && decimal.Round(p.Value, 2) == p.Value).Message(ShareShape).When(r => r.Kind == FeeKind.Share);
            RuleFor(r => r.FixedYen).NotNull().Message(FixedShape).InclusiveBetween(1, 100_000_000).Message(FixedShape).When(r => r.Kind == FeeKind.Fixed);
            RuleFor(r => r.RefundBands)
                .Must(b => b!.Count <= 10 && b.All(x => x is not null && x.WithinMonths is >= 1 and <= 24 && x.RefundPercent is >= 0 and <= 100)
                           && b.Select(x => x!.WithinMonths).Distinct().Count() == b.Count)
                .Message(BandsShape).When(r => r.RefundBands is not null);
        }
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> PutAsync(
        string program, Guid firmId, Request request, HttpContext http, ServiceDatabase<PlacementsModule> database, TimeProvider clock, CancellationToken ct)
    {
        await using var tx = await database.BeginAsync(ct);
        if (await RecruiterFirm.GetAsync(tx, program, firmId, ct) is null)
            return Problems.NotFound(UnknownFirm);
        var at = clock.GetUtcNow();
        var user = http.User.MatchingUser();
        var share = request.Kind == FeeKind.Share;
        await tx.ExecuteAsync(UpsertSql, new
        {
            program, firmId, kind = Names.Of(request.Kind!.Value), shareBp = share ? (int?)(request.SharePercent!.Value * 100m) : null,
            fixedYen = share ? null : request.FixedYen,
            refundBands = JsonSerializer.Serialize(request.RefundBands?.OrderBy(b => b.WithinMonths).ToList() ?? [], MatchingJson.Options), at, by = user?.DisplayName,
        }, ct);
        await AuditTrail.RecordAsync(tx, new AuditEntry("fee-terms-set", program, user?.Id, user?.UserName, firmId.ToString("D")), at, ct);
        await tx.CommitAsync(ct);
        return TypedResults.NoContent();
    }
}
