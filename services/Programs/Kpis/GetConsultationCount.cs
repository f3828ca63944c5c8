using FluentValidation;
using Matching.Contracts;
using Matching.Platform.Data;
using Matching.Platform.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Programs.Kpis;

/// <summary>The number of consultations of a fiscal year (年度), up to an as-of date (default: 31 March, the published cut-off).</summary>
internal static class GetConsultationCount
{
    public sealed record Request(int? FiscalYear, DateOnly? AsOf)
    {
        public static ValueTask<Request?> BindAsync(HttpContext context)
        {
            var query = context.Request.Query;
            int? year = int.TryParse(query["fiscalYear"], System.Globalization.CultureInfo.InvariantCulture, out var y) ? y : null;
            DateOnly? asOf = DateOnly.TryParseExact(query["asOf"], "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d) ? d : null;
            return ValueTask.FromResult<Request?>(new Request(year, asOf) { AsOfGiven = query["asOf"].ToString().Length > 0 });
        }

        /// <summary>Whether the client sent asOf, so an unreadable date is reported instead of ignored.</summary>
        public bool AsOfGiven { get; init; }
    }

    public sealed record Response(string Program, int FiscalYear, string FiscalYearName, DateOnly From, DateOnly AsOf, long Count);

    public static readonly LocalizedText FiscalYearLabel = new("年度", "Fiscal year");
    public static readonly LocalizedText FiscalYearRange = new(
        "年度は 1989〜2100 の西暦（年度の始まる年）で指定してください。", "The fiscal year is the starting year, 1989–2100.");
    public static readonly LocalizedText AsOfShape = new("基準日は YYYY-MM-DD 形式の日付で指定してください。", "asOf is a date written YYYY-MM-DD.");

    public sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.FiscalYear).NotNull().Label(FiscalYearLabel)
                .InclusiveBetween(Contracts.FiscalYear.MinStartYear, Contracts.FiscalYear.MaxStartYear).Message(FiscalYearRange);
            RuleFor(r => r.AsOf).NotNull().When(r => r.AsOfGiven).Message(AsOfShape);
        }
    }



    public static async Task<Ok<Response>> HandleAsync(
        string program, Request request, ServiceDatabase<ProgramsModule> database, CancellationToken ct)
    {
        var year = new FiscalYear(request.FiscalYear!.Value);
        var asOf = request.AsOf is { } d && d < year.LastDay ? d : year.LastDay;
        var count = await KpiLedger.CountAsync(database, program, CountedKinds.Consultation, year.FirstDay, asOf, ct);
        return TypedResults.Ok(new Response(program, year.StartYear, year.JapaneseName, year.FirstDay, asOf, count));
    }
}
