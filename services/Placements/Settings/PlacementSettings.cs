using System.Text.Json;
using FluentValidation;
using Matching.Contracts;
using Matching.Platform.Auth;
using Matching.Platform.Data;
using Matching.Platform.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Placements.Settings;

/// <summary>選考段階 — where an introduction stands. The last four end it.</summary>
public enum IntroductionStage
{
    Introduced,
    Screening,
    Interview,
    Offer,
    OfferAccepted,
    Placed,
    Rejected,
    Withdrawn,
    Declined,
    Cancelled,
}

/// <summary>計上基準 — when a placement counts: at the accepted offer (内定承諾) or at the start (入社).</summary>
public enum CountingRule
{
    OfferAccepted,
    Start,
}

/// <summary>The stage names, the stages a program uses, the follow-up months and the counting rules in force.</summary>
internal sealed record ProgramSettings(
    IReadOnlyDictionary<string, string> StageNames, IReadOnlyList<string> UnusedStages, IReadOnlyList<int> FollowUpMonths,
    IReadOnlyList<CountingRuleEntry> CountingRules)
{
    public static readonly IReadOnlyDictionary<string, string> DefaultStageNames = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["introduced"] = "紹介",
        ["screening"] = "書類選考",
        ["interview"] = "面接",
        ["offer"] = "内定",
        ["offerAccepted"] = "内定承諾",
        ["placed"] = "成約",
        ["rejected"] = "不採用",
        ["withdrawn"] = "紹介取下げ",
        ["declined"] = "辞退",
        ["cancelled"] = "成約取消",
    };

    public static readonly IReadOnlyDictionary<string, string> EnglishStageNames = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["introduced"] = "Introduced",
        ["screening"] = "Document screening",
        ["interview"] = "Interview",
        ["offer"] = "Offer",
        ["offerAccepted"] = "Offer accepted",
        ["placed"] = "Placed",
        ["rejected"] = "Rejected",
        ["withdrawn"] = "Withdrawn",
        ["declined"] = "Declined",
        ["cancelled"] = "Placement cancelled",
    };

    /// <summary>Stages a program may leave out of its flow (the others carry the rules: no placement without an accepted offer).</summary>
    public static readonly IReadOnlySet<string> OptionalStages = new HashSet<string>(StringComparer.Ordinal) { "screening", "interview", "offer" };

    public static readonly IReadOnlyList<int> DefaultFollowUpMonths = [1, 3, 6, 12];

    public const CountingRule DefaultRule = CountingRule.OfferAccepted;

    /// <summary>The rule in force on a day: the latest that took effect on or before it, else the default.</summary>
    public CountingRule RuleOn(DateOnly day) =>
        CountingRules.Where(r => r.EffectiveFrom <= day).OrderByDescending(r => r.EffectiveFrom).Select(r => (CountingRule?)r.Rule).FirstOrDefault() ?? DefaultRule;

    /// <summary>
    /// The day a placement counts on: the rule in force on the day the offer was accepted decides, so a change of rule
    /// (always from a 1 April) neither counts a placement twice nor misses one across the years' boundary.
    /// </summary>
    public (DateOnly CountedOn, CountingRule Rule) CountedOn(DateOnly offerAcceptedOn, DateOnly startOn)
    {
        var rule = RuleOn(offerAcceptedOn);
        return (rule == CountingRule.Start ? startOn : offerAcceptedOn, rule);
    }

    public string StageName(string stage) =>
        LocalizedText.IsEnglish ? EnglishStageNames.GetValueOrDefault(stage, stage) : StageNames.GetValueOrDefault(stage) ?? DefaultStageNames.GetValueOrDefault(stage, stage);

    public static readonly ProgramSettings Default = new(DefaultStageNames, [], DefaultFollowUpMonths, []);
}

internal sealed record CountingRuleEntry(DateOnly EffectiveFrom, CountingRule Rule, DateTimeOffset ChangedAt, string? ChangedBy);

/// <summary>The program's placement settings: read by every change that needs them, set by the office.</summary>
internal static class PlacementSettings
{
    internal const string SelectSql = """
        SELECT stage_names AS StageNames, unused_stages AS UnusedStages, follow_up_months AS FollowUpMonths FROM placement_settings WHERE program = @program
        """;

    internal const string RulesSql = """
        SELECT effective_from AS EffectiveFrom, rule AS Rule, changed_at AS ChangedAt, changed_by AS ChangedBy
          FROM counting_rules WHERE program = @program ORDER BY effective_from
        """;

    internal const string UpdateSql = """
        UPDATE placement_settings SET stage_names = @stageNames, unused_stages = @unusedStages, follow_up_months = @followUpMonths,
                                      changed_at = @at, changed_by = @by
         WHERE program = @program
        """;

    internal const string InsertSql = """
        INSERT INTO placement_settings (program, stage_names, unused_stages, follow_up_months, changed_at, changed_by)
        VALUES (@program, @stageNames, @unusedStages, @followUpMonths, @at, @by)
        """;

    private sealed class Row
    {
        public string StageNames { get; init; } = "{}";
        public string UnusedStages { get; init; } = "[]";
        public string FollowUpMonths { get; init; } = "[]";
    }

    private sealed class RuleRow
    {
        public DateOnly EffectiveFrom { get; init; }
        public string Rule { get; init; } = "";
        public DateTimeOffset ChangedAt { get; init; }
        public string? ChangedBy { get; init; }
    }

    public static async Task<ProgramSettings> ReadAsync(DatabaseTransaction tx, string program, CancellationToken ct) =>
        Build(await tx.QuerySingleOrDefaultAsync<Row>(SelectSql, new { program }, ct), await tx.QueryAsync<RuleRow>(RulesSql, new { program }, ct));

    public static async Task<ProgramSettings> ReadAsync(ServiceDatabase database, string program, CancellationToken ct) =>
        Build(await database.QuerySingleOrDefaultAsync<Row>(SelectSql, new { program }, ct), await database.QueryAsync<RuleRow>(RulesSql, new { program }, ct));

    private static ProgramSettings Build(Row? row, IReadOnlyList<RuleRow> rules)
    {
        var rulesList = rules.Select(r => new CountingRuleEntry(r.EffectiveFrom, Enum.Parse<CountingRule>(r.Rule, true), r.ChangedAt, r.ChangedBy)).ToList();
        if (row is null)
            return ProgramSettings.Default with { CountingRules = rulesList };
        var names = new Dictionary<string, string>(ProgramSettings.DefaultStageNames, StringComparer.Ordinal);
        foreach (var (code, name) in JsonSerializer.Deserialize<Dictionary<string, string>>(row.StageNames, MatchingJson.Options) ?? [])
            names[code] = name;
        return new ProgramSettings(names, JsonSerializer.Deserialize<List<string>>(row.UnusedStages, MatchingJson.Options) ?? [],
            JsonSerializer.Deserialize<List<int>>(row.FollowUpMonths, MatchingJson.Options) is { Count: > 0 } months ? months : ProgramSettings.DefaultFollowUpMonths,
            rulesList);
    }

    public sealed record Response(
        IReadOnlyList<StageSetting> Stages, IReadOnlyList<int> FollowUpMonths, string CountingRule, IReadOnlyList<CountingRuleView> CountingRules);

    public sealed record StageSetting(string Code, string Name, bool Used, bool Optional);

    public sealed record CountingRuleView(DateOnly EffectiveFrom, string Rule, DateTimeOffset ChangedAt, string? ChangedBy);

    public static Response View(ProgramSettings settings, DateOnly today) => new(
        [.. ProgramSettings.DefaultStageNames.Keys.Select(code => new StageSetting(
            code, settings.StageNames.GetValueOrDefault(code, code), !settings.UnusedStages.Contains(code), ProgramSettings.OptionalStages.Contains(code)))],
        settings.FollowUpMonths, Names.Of(settings.RuleOn(today)),
        [.. settings.CountingRules.Select(r => new CountingRuleView(r.EffectiveFrom, Names.Of(r.Rule), r.ChangedAt, r.ChangedBy))]);

    public static async Task<Ok<Response>> GetAsync(string program, ServiceDatabase<PlacementsModule> database, TimeProvider clock, CancellationToken ct) =>
        TypedResults.Ok(View(await ReadAsync(database, program, ct), Days.Today(clock)));

    public sealed record Request(IReadOnlyDictionary<string, string>? StageNames, IReadOnlyList<string>? UnusedStages, IReadOnlyList<int>? FollowUpMonths);

    public static readonly LocalizedText UnknownStage = new("段階は introduced、screening、interview、offer、offerAccepted、placed、rejected、withdrawn、declined、cancelled のいずれかです。",
        "A stage is introduced, screening, interview, offer, offerAccepted, placed, rejected, withdrawn, declined or cancelled.");
    public static readonly LocalizedText StageNameShape = new("段階の名前は 1〜20 文字で入力してください。", "A stage name is 1 to 20 characters.");
    public static readonly LocalizedText NotOptional = new("省略できるのは書類選考・面接・内定の段階だけです。", "Only screening, interview and offer may be left out.");
    public static readonly LocalizedText MonthsShape = new(
        "フォローの時期は 1〜60 か月の重複しない月数で、1〜12 回まで指定してください。", "Follow-up months are 1 to 12 distinct whole months from 1 to 60.");

    public sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleForEach(r => r.StageNames).Must(p => ProgramSettings.DefaultStageNames.ContainsKey(p.Key)).Message(UnknownStage)
                .Must(p => p.Value is { Length: > 0 and <= 20 } v && !string.IsNullOrWhiteSpace(v) && !v.Any(char.IsControl)).Message(StageNameShape)
                .OverridePropertyName("stageNames");
            RuleForEach(r => r.UnusedStages).Must(s => s is not null && ProgramSettings.OptionalStages.Contains(s)).Message(NotOptional);
            RuleFor(r => r.FollowUpMonths)
                .Must(m => m!.Count is >= 1 and <= 12 && m.All(x => x is >= 1 and <= 60) && m.Distinct().Count() == m.Count).Message(MonthsShape)
                .When(r => r.FollowUpMonths is not null);
        }
    }

    public static async Task<Ok<Response>> PutAsync(
        string program, Request request, HttpContext http, ServiceDatabase<PlacementsModule> database, TimeProvider clock, CancellationToken ct)
    {
        await using var tx = await database.BeginAsync(ct);
        var current = await ReadAsync(tx, program, ct);
        var names = request.StageNames?.ToDictionary(p => p.Key, p => p.Value.Trim(), StringComparer.Ordinal)
                    ?? current.StageNames.ToDictionary(StringComparer.Ordinal);
        var unused = request.UnusedStages?.Distinct(StringComparer.Ordinal).ToList() ?? [.. current.UnusedStages];
        var months = request.FollowUpMonths?.Order().ToList() ?? [.. current.FollowUpMonths];
        var at = clock.GetUtcNow();
        var user = http.User.MatchingUser();
        var row = new
        {
            program, stageNames = JsonSerializer.Serialize(names, MatchingJson.Options), unusedStages = JsonSerializer.Serialize(unused, MatchingJson.Options),
            followUpMonths = JsonSerializer.Serialize(months, MatchingJson.Options), at, by = user?.DisplayName,
        };
        if (await tx.ExecuteAsync(UpdateSql, row, ct) == 0)
            await tx.ExecuteAsync(InsertSql, row, ct);
        await AuditTrail.RecordAsync(tx, new AuditEntry("placement-settings-changed", program, user?.Id, user?.UserName, program), at, ct);
        var settings = await ReadAsync(tx, program, ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(View(settings, Days.Today(clock)));
    }

    public sealed record RuleRequest(CountingRule? Rule, DateOnly? EffectiveFrom);

    public static readonly LocalizedText RuleInvalid = new("計上基準は offerAccepted（内定承諾）か start（入社）です。", "rule is offerAccepted or start.");
    public static readonly LocalizedText FromFirstOfApril = new("計上基準の変更は、年度の初日（4 月 1 日）から適用します。", "A counting rule takes effect on 1 April, the first day of a fiscal year.");
    public static readonly LocalizedText FromYearNotBegun = new(
        "年度の途中で計上基準は変えられません。まだ始まっていない年度の 4 月 1 日を指定してください（成約の記録がまだないプログラムは、過去の年度からでも設定できます）。",
        "The counting rule cannot change during a fiscal year: give the 1 April of a year not yet begun (a program without placements may set it from an earlier year).");

    public sealed class RuleValidator : AbstractValidator<RuleRequest>
    {
        public RuleValidator()
        {
            RuleFor(r => r.Rule).NotNull().Message(RuleInvalid).IsInEnum().Message(RuleInvalid);
            RuleFor(r => r.EffectiveFrom).NotNull().Message(FromFirstOfApril)
                .Must(d => d is null || (d.Value is { Month: 4, Day: 1 } && d.Value.Year is >= FiscalYear.MinStartYear and <= FiscalYear.MaxStartYear))
                .Message(FromFirstOfApril);
        }
    }

    internal const string AnyPlacementSql = "SELECT COUNT(*) FROM placements WHERE program = @program";

    internal const string UpsertRuleSql = """
        DELETE FROM counting_rules WHERE program = @program AND effective_from = @effectiveFrom;
        INSERT INTO counting_rules (program, effective_from, rule, changed_at, changed_by) VALUES (@program, @effectiveFrom, @rule, @at, @by);
        """;

    public static async Task<Results<Ok<Response>, ValidationProblem>> SetRuleAsync(
        string program, RuleRequest request, HttpContext http, ServiceDatabase<PlacementsModule> database, TimeProvider clock, CancellationToken ct)
    {
        var today = Days.Today(clock);
        await using var tx = await database.BeginAsync(ct);
        if (request.EffectiveFrom!.Value <= today && await tx.ExecuteScalarAsync<long>(AnyPlacementSql, new { program }, ct) > 0)
            return Problems.Invalid("effectiveFrom", FromYearNotBegun);
        var at = clock.GetUtcNow();
        var user = http.User.MatchingUser();
        await tx.ExecuteAsync(UpsertRuleSql, new { program, effectiveFrom = request.EffectiveFrom, rule = Names.Of(request.Rule!.Value), at, by = user?.DisplayName }, ct);
        await AuditTrail.RecordAsync(tx, new AuditEntry("counting-rule-set", program, user?.Id, user?.UserName,
            $"{Names.Of(request.Rule!.Value)} from {request.EffectiveFrom:yyyy-MM-dd}"), at, ct);
        var settings = await ReadAsync(tx, program, ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(View(settings, today));
    }
}

/// <summary>Enum values by the camelCase names events, the API and the database use.</summary>
internal static class Names
{
    public static string Of<T>(T value) where T : struct, Enum
    {
        var name = value.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    public static T Parse<T>(string name) where T : struct, Enum => Enum.Parse<T>(name, true);
}

/// <summary>Days in Japan's time, as programs count them.</summary>
internal static class Days
{
    public static DateOnly Today(TimeProvider clock) => JapanTime.Today(clock);

    public static DateOnly Of(DateTimeOffset at) => JapanTime.DayOf(at);
}
