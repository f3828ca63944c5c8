using System.Text.RegularExpressions;
using FluentValidation;
using Matching.Platform.Auth;
using Matching.Platform.Data;
using Matching.Platform.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Programs.Kpis;

/// <summary>Where a KPI's actual comes from: counted from events, or entered by hand per fiscal year.</summary>
public enum KpiSource
{
    Counted,
    Entered,
}

/// <summary>The forms of targets in the plans' KPI tables.</summary>
public enum TargetKind
{
    /// <summary>増加分: what a fiscal year adds (e.g. +250 consultations in FY2017).</summary>
    Yearly,

    /// <summary>KPI増加分の累計: the sum over a span of fiscal years (e.g. 750 over FY2017–FY2019).</summary>
    Cumulative,

    /// <summary>A level to reach in a fiscal year.</summary>
    Level,

    /// <summary>現状値以上: at least the value before the program.</summary>
    AtLeastBaseline,

    /// <summary>A reference entered later for the year, e.g. the national average (全国平均値).</summary>
    Reference,
}

public sealed record KpiTarget(TargetKind Kind, int? FiscalYear = null, int? FromFiscalYear = null, int? ToFiscalYear = null, decimal? Value = null)
{
    public int From => FiscalYear ?? FromFiscalYear ?? 0;

    public int To => FiscalYear ?? ToFiscalYear ?? 0;
}

public sealed record KpiDefinition(
    string Code, string Name, string? NameEn, string Unit, KpiDirection Direction, KpiSource Source, string? CountedKind,
    decimal? Baseline, string? BaselineLabel, IReadOnlyList<KpiTarget> Targets, CountedFilter? Filter = null);

/// <summary>
/// 絞り込み — which facts of its kind a counted KPI counts: those of one municipality or prefecture, one industry (JSIC
/// division), one main coordinator, one employment form (talent needs). Empty fields do not filter.
/// </summary>
public sealed record CountedFilter(
    string? MunicipalityCode = null, string? PrefectureCode = null, string? Industry = null, string? Coordinator = null, string? EmploymentForm = null)
{
    public bool IsEmpty => MunicipalityCode is null && PrefectureCode is null && Industry is null && Coordinator is null && EmploymentForm is null;

    /// <summary>The conditions on counted_events for the fields given (parameters @fMunicipality, @fPrefecture …).</summary>
    public string Conditions =>
        (MunicipalityCode is null ? "" : " AND municipality_code = @fMunicipality")
        + (PrefectureCode is null ? "" : " AND (prefecture_code = @fPrefectureCode OR municipality_code LIKE @fPrefecture)")
        + (Industry is null ? "" : " AND industry = @fIndustry")
        + (Coordinator is null ? "" : " AND coordinator = @fCoordinator")
        + (EmploymentForm is null ? "" : " AND employment_form = @fEmploymentForm");

    public object Parameters => new
    {
        fMunicipality = MunicipalityCode, fPrefecture = PrefectureCode + "%", fPrefectureCode = PrefectureCode, fIndustry = Industry, fCoordinator = Coordinator,
        fEmploymentForm = EmploymentForm,
    };
}

/// <summary>What the KPI ledger can count; a KPI counted from events names one.</summary>
public static class CountedKinds
{
    public const string Consultation = "consultation";
    public const string CompanyRegistered = "company-registered";
    public const string SeminarHeld = "seminar-held";
    public const string NeedOpened = "need-opened";

    /// <summary>民間人材ビジネス事業者への取次件数, one per firm a need was referred to (a need referred to three firms counts three).</summary>
    public const string Handoff = "handoff";

    /// <summary>取次した人材ニーズの件数, one per need however many firms it went to.</summary>
    public const string HandoffNeed = "handoff-need";

    /// <summary>人材データバンクへの登録者数, one per candidate registered (by residence prefecture and desired employment form).</summary>
    public const string CandidateRegistered = "candidate-registered";

    /// <summary>紹介件数, one per candidate introduced for a need (by a firm or by the center).</summary>
    public const string Introduction = "introduction";

    /// <summary>成約・就職件数, one per placement on the day the program's counting rule names; a cancelled one leaves the count.</summary>
    public const string Placement = "placement";

    /// <summary>道外・県外から就職した人数: the placements of people who lived outside the company's prefecture at the time of hire.</summary>
    public const string PlacementFromOutsidePrefecture = "placement-from-outside-prefecture";

    /// <summary>定着（6 か月）: placed people still employed 6 months after the start, counted on that day.</summary>
    public const string Retained6Months = "retained-6m";

    /// <summary>定着（12 か月）: placed people still employed 12 months after the start.</summary>
    public const string Retained12Months = "retained-12m";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        Consultation, CompanyRegistered, SeminarHeld, NeedOpened, Handoff, HandoffNeed, CandidateRegistered, Introduction, Placement,
        PlacementFromOutsidePrefecture, Retained6Months, Retained12Months,
    };
}

/// <summary>Defines a KPI of the program with its baseline (事業開始前) and targets, as the plan's table gives them.</summary>
internal static partial class DefineKpi
{
    public static readonly LocalizedText CodeLabel = new("コード", "Code");
    public static readonly LocalizedText NameLabel = new("指標名", "Name");
    public static readonly LocalizedText UnitLabel = new("単位", "Unit");
    public static readonly LocalizedText DirectionLabel = new("方向", "Direction");
    public static readonly LocalizedText SourceLabel = new("実績の出所", "Source");
    public static readonly LocalizedText TargetsLabel = new("目標", "Targets");
    public static readonly LocalizedText CodeShape = new(
        "コードは半角英小文字・数字・ハイフンの 2〜64 文字で指定してください。", "The code is 2–64 lower-case letters, digits or hyphens.");
    public static readonly LocalizedText CodeTaken = new("このコードの指標は既に定義されています。", "A KPI with this code exists.");
    public static readonly LocalizedText UnknownKind = new(
        "数える対象は consultation（相談）、company-registered（企業登録）、seminar-held（セミナー・イベント開催）、need-opened（人材ニーズ）、handoff（取次件数・事業者ごと）、handoff-need（取次したニーズ数）、candidate-registered（人材データバンク登録者数）、introduction（紹介）、placement（成約・就職）、placement-from-outside-prefecture（道外・県外からの就職）、retained-6m・retained-12m（6・12 か月定着）のいずれかで指定してください。",
        "countedKind is consultation, company-registered, seminar-held, need-opened, handoff (one per firm), handoff-need (one per need), candidate-registered, introduction, placement, placement-from-outside-prefecture, retained-6m or retained-12m.");
    public static readonly LocalizedText FilterOnlyWhenCounted = new("絞り込みは、事実から数える指標にだけ指定できます。", "Only a counted KPI has a filter.");
    public static readonly LocalizedText FilterMunicipality = new(
        "絞り込みの市区町村コードは 6 桁の全国地方公共団体コードで指定してください。", "filter.municipalityCode is a 6-digit local government code.");
    public static readonly LocalizedText FilterPrefecture = new("絞り込みの都道府県コードは 01〜47 で指定してください。", "filter.prefectureCode is 01 to 47.");
    public static readonly LocalizedText FilterIndustry = new("絞り込みの業種は日本標準産業分類の大分類（A〜T）で指定してください。", "filter.industry is a JSIC division, A to T.");
    public static readonly LocalizedText FilterEmploymentForm = new(
        "絞り込みの雇用形態は fullTime、contract、sideJob、secondment、outsourcing のいずれかで指定してください。",
        "filter.employmentForm is fullTime, contract, sideJob, secondment or outsourcing.");
    public static readonly LocalizedText FilterCoordinator = new("絞り込みの担当者名は 100 文字以内で指定してください。", "filter.coordinator is at most 100 characters.");
    public static readonly LocalizedText KindOnlyWhenCounted = new("手入力の指標に数える対象は指定できません。", "An entered KPI counts nothing.");
    public static readonly LocalizedText ValueScale = new(
        "値は小数点以下 4 桁まで、絶対値 10 兆未満で指定してください。", "Values have at most 4 decimals and are below 10^13.");
    public static readonly LocalizedText YearRange = new("年度は 1989〜2100 で指定してください。", "Fiscal years are 1989–2100.");
    public static readonly LocalizedText SpanReversed = new("累計の終了年度は開始年度以降にしてください。", "The span ends after it starts.");
    public static readonly LocalizedText ValueRequired = new("目標値を入力してください。", "The target needs a value.");
    public static readonly LocalizedText NoValueHere = new(
        "現状値以上・参照値の目標には値を入れません（基準値・後から入力する参照値を使います）。",
        "At-least-baseline and reference targets take no value (the baseline, or the reference entered later).");
    public static readonly LocalizedText BaselineNeeded = new("「現状値以上」の目標には基準値（事業開始前）が必要です。", "An at-least-baseline target needs a baseline.");

    public sealed record Request(
        string Code, string Name, string? NameEn, string Unit, KpiDirection? Direction, KpiSource? Source, string? CountedKind,
        decimal? Baseline, string? BaselineLabel, IReadOnlyList<KpiTarget>? Targets, CountedFilter? Filter = null);

    private static readonly string[] EmploymentForms = ["fullTime", "contract", "sideJob", "secondment", "outsourcing"];

    public sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.Code).NotEmpty().Label(CodeLabel).Must(c => CodePattern().IsMatch(c)).Message(CodeShape);
            RuleFor(r => r.Name).NotEmpty().Label(NameLabel).MaximumLength(200).Label(NameLabel);
            RuleFor(r => r.NameEn).MaximumLength(200);
            RuleFor(r => r.Unit).NotEmpty().Label(UnitLabel).MaximumLength(20).Label(UnitLabel);
            RuleFor(r => r.Direction).NotNull().Label(DirectionLabel);
            RuleFor(r => r.Source).NotNull().Label(SourceLabel);
            RuleFor(r => r.CountedKind).Must(k => k is not null && CountedKinds.All.Contains(k)).When(r => r.Source == KpiSource.Counted).Message(UnknownKind);
            RuleFor(r => r.CountedKind).Null().When(r => r.Source == KpiSource.Entered).Message(KindOnlyWhenCounted);
            RuleFor(r => r.Baseline).Must(v => Scaled.Fits(v!.Value)).When(r => r.Baseline is not null).Message(ValueScale);
            RuleFor(r => r.BaselineLabel).MaximumLength(100);
            RuleFor(r => r.Targets).NotEmpty().Label(TargetsLabel);
            RuleForEach(r => r.Targets).ChildRules(t =>
            {
                t.RuleFor(x => x.From).InclusiveBetween(Contracts.FiscalYear.MinStartYear, Contracts.FiscalYear.MaxStartYear).Message(YearRange)
                    .OverridePropertyName("fiscalYear");
                t.RuleFor(x => x.To).GreaterThanOrEqualTo(x => x.From).Message(SpanReversed).OverridePropertyName("toFiscalYear")
                    .InclusiveBetween(Contracts.FiscalYear.MinStartYear, Contracts.FiscalYear.MaxStartYear).Message(YearRange);
                t.RuleFor(x => x.Value).NotNull().When(x => x.Kind is TargetKind.Yearly or TargetKind.Cumulative or TargetKind.Level).Message(ValueRequired);
                t.RuleFor(x => x.Value).Null().When(x => x.Kind is TargetKind.AtLeastBaseline or TargetKind.Reference).Message(NoValueHere);
                t.RuleFor(x => x.Value).Must(v => Scaled.Fits(v!.Value)).When(x => x.Value is not null).Message(ValueScale);
            });
            RuleFor(r => r.Baseline).NotNull().When(r => r.Targets?.Any(t => t.Kind == TargetKind.AtLeastBaseline) == true).Message(BaselineNeeded);
            RuleFor(r => r.Filter).Null().When(r => r.Source == KpiSource.Entered).Message(FilterOnlyWhenCounted);
            When(r => r.Filter is not null, () =>
            {
                RuleFor(r => r.Filter!.MunicipalityCode).Must(Contracts.MunicipalityCode.IsValid).When(r => r.Filter!.MunicipalityCode is not null)
                    .Message(FilterMunicipality).OverridePropertyName("filter.municipalityCode");
                RuleFor(r => r.Filter!.PrefectureCode).Must(Contracts.PrefectureCode.IsValid).When(r => r.Filter!.PrefectureCode is not null)
                    .Message(FilterPrefecture).OverridePropertyName("filter.prefectureCode");
                RuleFor(r => r.Filter!.Industry).Must(Contracts.IndustryDivision.IsValid).When(r => r.Filter!.Industry is not null)
                    .Message(FilterIndustry).OverridePropertyName("filter.industry");
                RuleFor(r => r.Filter!.EmploymentForm).Must(f => EmploymentForms.Contains(f)).When(r => r.Filter!.EmploymentForm is not null)
                    .Message(FilterEmploymentForm).OverridePropertyName("filter.employmentForm");
                RuleFor(r => r.Filter!.Coordinator).MaximumLength(100).Message(FilterCoordinator).OverridePropertyName("filter.coordinator");
            });
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,63}$")]
    private static partial Regex CodePattern();

    public static async Task<Results<Created<KpiDefinition>, ProblemHttpResult>> HandleAsync(
        string program, Request request, ServiceDatabase<ProgramsModule> database, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var filter = request.Filter is { IsEmpty: false } f
            ? new CountedFilter(
                f.MunicipalityCode is null ? null : Contracts.MunicipalityCode.Parse(f.MunicipalityCode).Value,
                f.PrefectureCode is null ? null : Contracts.PrefectureCode.Parse(f.PrefectureCode).Value,
                f.Industry is null ? null : Contracts.IndustryDivision.Parse(f.Industry).Value,
                string.IsNullOrWhiteSpace(f.Coordinator) ? null : f.Coordinator.Trim(), f.EmploymentForm)
            : null;
        var definition = new KpiDefinition(request.Code, request.Name.Trim(), request.NameEn?.Trim(), request.Unit.Trim(), request.Direction!.Value,
            request.Source!.Value, request.CountedKind, request.Baseline, request.BaselineLabel, request.Targets!, filter);
        await using var tx = await database.BeginAsync(ct);
        if (await tx.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM kpi_definitions WHERE program = @program AND code = @code",
                new { program, code = request.Code }, ct) > 0)
            return Problems.Conflict(CodeTaken);
        await KpiStore.InsertAsync(tx, program, definition, clock.GetUtcNow(), ct);
        await AuditTrail.RecordAsync(tx, new AuditEntry("kpi-defined", program, http.User.MatchingUser()?.Id, http.User.MatchingUser()?.UserName,
            request.Code), clock.GetUtcNow(), ct);
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/programs/{program}/kpis/{request.Code}", definition);
    }
}

/// <summary>
/// Removes a KPI defined by mistake, while nothing rests on it: no value entered for it (entries are an append-only
/// history) and no locked (published) year that reported it.
/// </summary>
internal static class DeleteKpi
{
    public static readonly LocalizedText HasEntries = new(
        "値が入力された指標は削除できません（入力の履歴を残すため）。", "A KPI with entered values cannot be deleted (their history is kept).");
    public static readonly LocalizedText Published = new(
        "確定（公表）した年度に含まれる指標は削除できません。", "A KPI reported in a locked (published) fiscal year cannot be deleted.");

    public static async Task<Results<NoContent, ProblemHttpResult>> HandleAsync(
        string program, string code, ServiceDatabase<ProgramsModule> database, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var key = new { program, code };
        await using var tx = await database.BeginAsync(ct);
        if (await tx.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM kpi_definitions WHERE program = @program AND code = @code", key, ct) == 0)
            return Problems.NotFound(EnterKpiValue.UnknownKpi);
        if (await tx.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM kpi_entries WHERE program = @program AND code = @code", key, ct) > 0)
            return Problems.Conflict(HasEntries);
        var reports = await tx.QueryAsync<string>("SELECT report FROM kpi_year_locks WHERE program = @program", key, ct);
        if (reports.Any(r => System.Text.Json.JsonSerializer.Deserialize<GetKpiProgress.Response>(r, MatchingJson.Options)!.Kpis.Any(k => k.Code == code)))
            return Problems.Conflict(Published);
        await tx.ExecuteAsync("DELETE FROM kpi_targets WHERE program = @program AND code = @code", key, ct);
        await tx.ExecuteAsync("DELETE FROM kpi_definitions WHERE program = @program AND code = @code", key, ct);
        var user = http.User.MatchingUser();
        await AuditTrail.RecordAsync(tx, new AuditEntry("kpi-deleted", program, user?.Id, user?.UserName, code), clock.GetUtcNow(), ct);
        await tx.CommitAsync(ct);
        return TypedResults.NoContent();
    }
}

internal static class ListKpis
{
    public static async Task<Ok<IReadOnlyList<KpiDefinition>>> HandleAsync(string program, ServiceDatabase<ProgramsModule> database, CancellationToken ct) =>
        TypedResults.Ok(await KpiStore.DefinitionsAsync(database, program, ct));
}

/// <summary>Decimal values stored exactly as integers scaled by 10^4 (see the migration).</summary>
internal static class Scaled
{
    private const decimal Factor = 10_000m;

    public static bool Fits(decimal value) => decimal.Truncate(value * Factor) == value * Factor && Math.Abs(value) < 10_000_000_000_000m;

    public static long ToStored(decimal value) => (long)(value * Factor);

    public static decimal FromStored(long stored) => stored / Factor;
}
