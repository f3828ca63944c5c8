using FluentValidation;
using Matching.Platform.Auth;
using Matching.Platform.Data;
using Matching.Platform.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Programs.Kpis;

/// <summary>
/// A value entered by hand for a fiscal year: the actual of a KPI the system does not count (e.g. people who moved
/// in), or a reference target known only later (e.g. the national average). Each entry keeps who and when; a new
/// entry for the same year supersedes the old one, which stays in the history.
/// </summary>
internal static class EnterKpiValue
{
    public const string Actual = "actual";
    public const string Reference = "reference";

    public sealed record Request(decimal? Value, [property: MultiLine] string? Note);

    public sealed record Response(long Id, string Code, string Kind, int FiscalYear, decimal Value, string? Note, string EnteredBy, DateTimeOffset EnteredAt);

    public static readonly LocalizedText ValueLabel = new("値", "Value");
    public static readonly LocalizedText UnknownKpi = new("この指標は定義されていません。", "This KPI is not defined.");
    public static readonly LocalizedText CountedKpi = new(
        "この指標の実績はイベントから数えるため、手入力できません。", "This KPI is counted from events; its actual cannot be entered.");
    public static readonly LocalizedText NoReferenceTarget = new(
        "この指標にはこの年度の参照値の目標がありません。", "This KPI has no reference target in this fiscal year.");

    public sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.Value).NotNull().Label(ValueLabel).Must(v => Scaled.Fits(v!.Value)).Message(DefineKpi.ValueScale);
            RuleFor(r => r.Note).MaximumLength(1000);
        }
    }

    public static Task<Results<Ok<Response>, ProblemHttpResult, ValidationProblem>> ActualAsync(
        string program, string code, int fiscalYear, Request request, ServiceDatabase<ProgramsModule> database, HttpContext http,
        TimeProvider clock, CancellationToken ct) => EnterAsync(Actual, program, code, fiscalYear, request, database, http, clock, ct);

    public static Task<Results<Ok<Response>, ProblemHttpResult, ValidationProblem>> ReferenceAsync(
        string program, string code, int fiscalYear, Request request, ServiceDatabase<ProgramsModule> database, HttpContext http,
        TimeProvider clock, CancellationToken ct) => EnterAsync(Reference, program, code, fiscalYear, request, database, http, clock, ct);

    private static async Task<Results<Ok<Response>, ProblemHttpResult, ValidationProblem>> EnterAsync(
        string kind, string program, string code, int fiscalYear, Request request, ServiceDatabase<ProgramsModule> database, HttpContext http,
        TimeProvider clock, CancellationToken ct)
    {
        if (fiscalYear is < Contracts.FiscalYear.MinStartYear or > Contracts.FiscalYear.MaxStartYear)
            return Problems.Invalid("fiscalYear", DefineKpi.YearRange);
        var definition = (await KpiStore.DefinitionsAsync(database, program, ct, code)).SingleOrDefault();
        if (definition is null)
            return Problems.NotFound(UnknownKpi);
        if (kind == Actual && definition.Source == KpiSource.Counted)
            return Problems.Invalid("value", CountedKpi);
        if (kind == Reference && !definition.Targets.Any(t => t.Kind == TargetKind.Reference && t.From <= fiscalYear && fiscalYear <= t.To))
            return Problems.Invalid("fiscalYear", NoReferenceTarget);

        var user = http.User.MatchingUser()!;
        var now = clock.GetUtcNow();
        await using var tx = await database.BeginAsync(ct);
        await tx.ExecuteAsync(KpiStore.InsertEntrySql, new
        {
            program, code, kind, fiscalYear, value = Scaled.ToStored(request.Value!.Value), note = request.Note, enteredBy = user.UserName, enteredAt = now,
        }, ct);
        var id = await tx.ExecuteScalarAsync<long>("SELECT MAX(id) FROM kpi_entries WHERE program = @program AND code = @code", new { program, code }, ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(new Response(id, code, kind, fiscalYear, request.Value!.Value, request.Note, user.UserName, now));
    }

    /// <summary>Every entry of one KPI, oldest first: the history of changes.</summary>
    public static async Task<Results<Ok<IReadOnlyList<Response>>, ProblemHttpResult>> HistoryAsync(
        string program, string code, ServiceDatabase<ProgramsModule> database, CancellationToken ct)
    {
        if ((await KpiStore.DefinitionsAsync(database, program, ct, code)).Count == 0)
            return Problems.NotFound(UnknownKpi);
        var entries = await KpiStore.EntriesAsync(database, program, ct, code);
        return TypedResults.Ok<IReadOnlyList<Response>>([.. entries
            .Select(e => new Response(e.Id, e.Code, e.Kind, e.FiscalYear, e.Amount, e.Note, e.EnteredBy, e.EnteredAt))]);
    }
}
