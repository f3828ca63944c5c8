using System.Globalization;
using FluentValidation;
using Matching.Contracts;
using Matching.Placements.Fees;
using Matching.Placements.Introductions;
using Matching.Placements.Settings;
using Matching.Platform.Auth;
using Matching.Platform.Data;
using Matching.Platform.Http;
using Matching.Platform.Tenancy;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Placements.Hiring;

/// <summary>What the program reads of its placements: the list of a year, company or need, and one whole with its follow-ups, fee and grants.</summary>
internal static class PlacementViews
{
    public sealed record Placement(
        Guid Id, Guid IntroductionId, Guid NeedId, string? NeedRole, Guid CompanyId, string? CompanyName, Guid CandidateId, Guid? FirmId, string? FirmName,
        DateOnly OfferAcceptedOn, DateOnly StartOn, DateOnly CountedOn, int FiscalYear, string CountingRule, string EmploymentForm, long? AnnualPayYen,
        long? FeeYen, bool FromOutsidePrefecture, string ResidencePrefectureCode, string ResidencePrefectureName, string? HometownPrefectureCode,
        string? Turn, string? CoordinatorName, string Status, DateOnly? CancelledOn, string? CancelReason, DateOnly? EndedOn, string? EndReason,
        string? EndReasonLabel, string? EndNote, long? RefundYen, DateOnly? Retained6On, DateOnly? Retained12On, DateTimeOffset MadeAt, string? MadeBy,
        int Version);

    public sealed record FollowUp(
        Guid Id, int Month, DateOnly DueOn, string Status, bool Overdue, string? CoordinatorName, DateOnly? ContactedOn, string? Channel,
        bool? ContactedCompany, string? CompanyContact, bool? ContactedPerson, int? Satisfaction, string? Issues, bool? StillEmployed, string? Note,
        DateTimeOffset? RecordedAt, string? RecordedBy);

    public sealed record Details(Placement Placement, IReadOnlyList<FollowUp> FollowUps, IReadOnlyList<Grants.Grant> Grants, FeeTerm? FeeTerms);

    public static Placement ToPlacement(PlacementRow r) => new(
        r.Id, r.IntroductionId, r.NeedId, r.NeedRole, r.CompanyId, r.CompanyName, r.CandidateId, r.FirmId, r.FirmName, r.OfferAcceptedOn, r.StartOn,
        r.CountedOn, r.FiscalYear, r.CountingRule, r.EmploymentForm, r.AnnualPayYen, r.FeeYen, r.FromOutside, r.ResidencePrefecture,
        PrefectureCode.TryParse(r.ResidencePrefecture, out var p) ? p.Name : r.ResidencePrefecture, r.HometownPrefecture, r.Turn, r.CoordinatorName,
        r.Status, r.CancelledOn, r.CancelReason, r.EndedOn, r.EndReason,
        r.EndReason is null ? null : Placing.LeavingReasons.TryGetValue(r.EndReason, out var label) ? label.ToString() : r.EndReason, r.EndNote,
        r.RefundYen, r.Retained6On, r.Retained12On, r.MadeAt, r.MadeBy, r.Version);

    internal const string FollowUpsSql = """
        SELECT id AS Id, month AS Month, due_on AS DueOn, status AS Status, coordinator_name AS CoordinatorName, contacted_on AS ContactedOn,
               channel AS Channel, contacted_company AS ContactedCompany, company_contact AS CompanyContact, contacted_person AS ContactedPerson,
               satisfaction AS Satisfaction, issues AS Issues, still_employed AS StillEmployed, note AS Note, recorded_at AS RecordedAt, recorded_by AS RecordedBy
          FROM follow_ups WHERE placement_id = @placementId ORDER BY month
        """;

    private sealed class FollowUpRow
    {
        public Guid Id { get; init; }
        public int Month { get; init; }
        public DateOnly DueOn { get; init; }
        public string Status { get; init; } = "";
        public string? CoordinatorName { get; init; }
        public DateOnly? ContactedOn { get; init; }
        public string? Channel { get; init; }
        public bool? ContactedCompany { get; init; }
        public string? CompanyContact { get; init; }
        public bool? ContactedPerson { get; init; }
        public int? Satisfaction { get; init; }
        public string? Issues { get; init; }
        public bool? StillEmployed { get; init; }
        public string? Note { get; init; }
        public DateTimeOffset? RecordedAt { get; init; }
        public string? RecordedBy { get; init; }
    }

    public static async Task<Details> DetailsAsync(DatabaseTransaction tx, PlacementRow row, DateOnly today, CancellationToken ct)
    {
        var followUps = await tx.QueryAsync<FollowUpRow>(FollowUpsSql, new { placementId = row.Id }, ct);
        return new Details(ToPlacement(row),
            [.. followUps.Select(f => new FollowUp(f.Id, f.Month, f.DueOn, f.Status, f.Status == "due" && f.DueOn < today, f.CoordinatorName, f.ContactedOn,
                f.Channel, f.ContactedCompany, f.CompanyContact, f.ContactedPerson, f.Satisfaction, f.Issues, f.StillEmployed, f.Note, f.RecordedAt, f.RecordedBy))],
            await Grants.OfAsync(tx, row.Id, ct), await FeeTerms.OfAsync(tx, row.Program, row.FirmId, ct));
    }

    public static async Task<Details?> OfIntroductionAsync(DatabaseTransaction tx, string program, Guid introductionId, TimeProvider clock, CancellationToken ct) =>
        await tx.QuerySingleOrDefaultAsync<PlacementRow>(PlacementStore.OfIntroductionSql, new { program, introductionId }, ct) is { } row
            ? await DetailsAsync(tx, row, Days.Today(clock), ct)
            : null;

    public static async Task<Results<Ok<Details>, ProblemHttpResult>> GetAsync(
        string program, Guid id, HttpContext http, ServiceDatabase<PlacementsModule> database, TimeProvider clock, CancellationToken ct)
    {
        await using var tx = await database.BeginReadAsync(ct);
        if (await Placing.VisibleAsync(tx, program, id, http.User.MatchingUser(), ct) is not { } row)
            return Problems.NotFound(Placing.UnknownPlacement);
        return TypedResults.Ok(await DetailsAsync(tx, row, Days.Today(clock), ct));
    }

    public sealed record Request(int? FiscalYear, Guid? CompanyId, Guid? NeedId, Guid? CandidateId, string? Status, int Page, int PageSize)
    {
        public static ValueTask<Request?> BindAsync(HttpContext context)
        {
            var query = context.Request.Query;
            return ValueTask.FromResult<Request?>(new Request(
                int.TryParse(query.Text("fiscalYear"), NumberStyles.None, CultureInfo.InvariantCulture, out var year) ? year : null,
                Guid.TryParse(query.Text("companyId"), out var company) ? company : null, Guid.TryParse(query.Text("needId"), out var need) ? need : null,
                Guid.TryParse(query.Text("candidateId"), out var candidate) ? candidate : null, query.Text("status"),
                query.WholeNumber("page", 1), query.WholeNumber("pageSize", 50)));
        }
    }

    public static readonly LocalizedText YearInvalid = new("年度は 1989〜2100 で指定してください。", "fiscalYear is 1989 to 2100.");
    public static readonly LocalizedText StatusInvalid = new("状況は active、cancelled、ended のいずれかです。", "status is active, cancelled or ended.");

    public sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.FiscalYear).InclusiveBetween(FiscalYear.MinStartYear, FiscalYear.MaxStartYear).Message(YearInvalid).When(r => r.FiscalYear is not null);
            RuleFor(r => r.Status).Must(s => s is "active" or "cancelled" or "ended").Message(StatusInvalid).When(r => r.Status is not null);
            RuleFor(r => r.Page).ValidPage();
            RuleFor(r => r.PageSize).ValidPageSize(200);
        }
    }

    internal const string Where = """
         WHERE p.program = @program
           AND (@fiscalYear IS NULL OR p.fiscal_year = @fiscalYear)
           AND (@companyId IS NULL OR p.company_id = @companyId)
           AND (@needId IS NULL OR p.need_id = @needId)
           AND (@candidateId IS NULL OR p.candidate_id = @candidateId)
           AND (@status IS NULL OR p.status = @status)
           AND (@firmId IS NULL OR p.firm_id = @firmId)
        """;

    public static async Task<Ok<ListPage<Placement>>> ListAsync(
        string program, Request request, HttpContext http, ServiceDatabase<PlacementsModule> database, CancellationToken ct)
    {
        var user = http.User.MatchingUser();
        await using var tx = await database.BeginReadAsync(ct);
        Guid? firmId = user?.MembershipOf(program)?.Role == ProgramRole.Recruiter ? (await RecruiterFirm.OfAsync(tx, program, user, ct))?.Id ?? Guid.Empty : null;
        var parameters = new
        {
            program, fiscalYear = request.FiscalYear, companyId = request.CompanyId, needId = request.NeedId, candidateId = request.CandidateId, status = request.Status, firmId,
            offset = Paging.Offset(request.Page, request.PageSize), limit = request.PageSize,
        };
        var total = await tx.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM placements p" + Where, parameters, ct);
        var rows = await tx.QueryAsync<PlacementRow>(
            tx.Dialect.Page("SELECT " + PlacementStore.Columns + PlacementStore.From + Where + " ORDER BY p.counted_on DESC, p.id", "@offset", "@limit"), parameters, ct);
        return TypedResults.Ok(new ListPage<Placement>([.. rows.Select(ToPlacement)], request.Page, request.PageSize, total));
    }
}
