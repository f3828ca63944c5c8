using FluentValidation;
using Matching.Placements.Hiring;
using Matching.Placements.Settings;
using Matching.Platform.Auth;
using Matching.Platform.Data;
using Matching.Platform.Http;
using Matching.Platform.Tenancy;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Placements.Introductions;

/// <summary>
/// What the coordinator reads of introductions (the pipeline of a need or a company, a candidate's history) and what a
/// firm reads of its own: the stage by the program's name for it, every change with who and when.
/// </summary>
internal static class IntroductionViews
{
    public sealed record Item(
        Guid Id, Guid NeedId, string? NeedRole, Guid CompanyId, string? CompanyName, Guid CandidateId, Guid? FirmId, string? FirmName,
        string Stage, string StageName, DateOnly StageOn, string? Reason, string? ReasonLabel, DateOnly IntroducedOn, string? CoordinatorName,
        DateTimeOffset ChangedAt, int Version, Guid? PlacementId);

    public sealed record Step(
        int Version, string Stage, string StageName, DateOnly On, string? Reason, string? ReasonLabel, string? Note, DateTimeOffset? InterviewAt,
        string? Attendees, DateTimeOffset At, string? By);

    public sealed record Details(Item Introduction, IReadOnlyList<Step> History, PlacementViews.Details? Placement, IReadOnlyList<string> NextStages);

    public sealed record Request(Guid? NeedId, Guid? CompanyId, Guid? CandidateId, string? Stage, bool Open, int Page, int PageSize)
    {
        public static ValueTask<Request?> BindAsync(HttpContext context)
        {
            var query = context.Request.Query;
            return ValueTask.FromResult<Request?>(new Request(
                Guid.TryParse(query.Text("needId"), out var need) ? need : null, Guid.TryParse(query.Text("companyId"), out var company) ? company : null,
                Guid.TryParse(query.Text("candidateId"), out var candidate) ? candidate : null, query.Text("stage"), query.Text("open") == "true",
                query.WholeNumber("page", 1), query.WholeNumber("pageSize", 50)));
        }
    }

    public sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.Stage).Must(s => QueryValues.IsEnumName<IntroductionStage>(s!)).Message(PlacementSettings.UnknownStage).When(r => r.Stage is not null);
            RuleFor(r => r.Page).ValidPage();
            RuleFor(r => r.PageSize).ValidPageSize(200);
        }
    }

    internal const string Where = """
         WHERE i.program = @program
           AND (@needId IS NULL OR i.need_id = @needId)
           AND (@companyId IS NULL OR i.company_id = @companyId)
           AND (@candidateId IS NULL OR i.candidate_id = @candidateId)
           AND (@stage IS NULL OR i.stage = @stage)
           AND (@firmId IS NULL OR i.firm_id = @firmId)
           AND (@open = 0 OR i.stage NOT IN ('placed', 'rejected', 'withdrawn', 'declined', 'cancelled'))
        """;

    internal const string PlacementIdsSql = "SELECT introduction_id AS IntroductionId, id AS Id FROM placements WHERE introduction_id IN @ids";

    private sealed class PlacementId
    {
        public Guid IntroductionId { get; init; }
        public Guid Id { get; init; }
    }

    public static Item ToItem(IntroductionRow r, ProgramSettings settings, Guid? placementId) => new(
        r.Id, r.NeedId, r.NeedRole, r.CompanyId, r.CompanyName, r.CandidateId, r.FirmId, r.FirmName, r.Stage, settings.StageName(r.Stage), r.StageOn,
        r.Reason, r.Reason is null ? null : EndReasons.Label(r.Reason), r.IntroducedOn, r.CoordinatorName, r.ChangedAt, r.Version, placementId);

    public static async Task<Results<Ok<ListPage<Item>>, ProblemHttpResult>> ListAsync(
        string program, Request request, HttpContext http, ServiceDatabase<PlacementsModule> database, CancellationToken ct)
    {
        var user = http.User.MatchingUser();
        await using var tx = await database.BeginReadAsync(ct);
        Guid? firmId = null;
        if (user?.MembershipOf(program)?.Role == ProgramRole.Recruiter)
        {
            // A firm sees its own introductions, nothing else; a recruiter whose firm the registry lacks sees none.
            firmId = (await RecruiterFirm.OfAsync(tx, program, user, ct))?.Id ?? Guid.Empty;
        }
        var parameters = new
        {
            program, needId = request.NeedId, companyId = request.CompanyId, candidateId = request.CandidateId, stage = request.Stage, firmId, open = request.Open ? 1 : 0,
            offset = Paging.Offset(request.Page, request.PageSize), limit = request.PageSize,
        };
        var total = await tx.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM introductions i" + Where, parameters, ct);
        var rows = await tx.QueryAsync<IntroductionRow>(
            tx.Dialect.Page("SELECT " + IntroductionStore.Columns + IntroductionStore.From + Where + " ORDER BY i.changed_at DESC, i.id", "@offset", "@limit"),
            parameters, ct);
        var placements = new Dictionary<Guid, Guid>();
        foreach (var ids in tx.Dialect.GuidLists(rows.Select(r => r.Id)))
            foreach (var p in await tx.QueryAsync<PlacementId>(PlacementIdsSql, new { ids }, ct))
                placements[p.IntroductionId] = p.Id;
        var settings = await PlacementSettings.ReadAsync(tx, program, ct);
        return TypedResults.Ok(new ListPage<Item>([.. rows.Select(r => ToItem(r, settings, placements.TryGetValue(r.Id, out var p) ? p : null))],
            request.Page, request.PageSize, total));
    }

    /// <summary>The stages the introduction may move to next, in the program's flow.</summary>
    public static IReadOnlyList<string> NextStages(IntroductionRow row, ProgramSettings settings)
    {
        if (Introducing.IsEnded(row.Stage))
            return [];
        var forward = Enum.GetValues<IntroductionStage>()
            .Where(s => s is not IntroductionStage.Placed and not IntroductionStage.Cancelled and not IntroductionStage.Introduced)
            .Where(s => Introducing.MovesForward(row.Stage, s))
            .Select(Names.Of)
            .Where(s => !settings.UnusedStages.Contains(s))
            .ToList();
        if (row.Stage == "offerAccepted")
            forward.Insert(0, "placed");
        return forward;
    }

    public static async Task<Results<Ok<Details>, ProblemHttpResult>> GetAsync(
        string program, Guid id, HttpContext http, ServiceDatabase<PlacementsModule> database, TimeProvider clock, CancellationToken ct)
    {
        await using var tx = await database.BeginReadAsync(ct);
        if (await Introducing.VisibleAsync(tx, program, id, http.User.MatchingUser(), ct) is not { } row)
            return Problems.NotFound(Introducing.UnknownIntroduction);
        var settings = await PlacementSettings.ReadAsync(tx, program, ct);
        var history = await tx.QueryAsync<HistoryRow>(IntroductionStore.HistoryOfSql, new { id }, ct);
        var placement = await PlacementViews.OfIntroductionAsync(tx, program, id, clock, ct);
        return TypedResults.Ok(new Details(
            ToItem(row, settings, placement?.Placement.Id),
            [.. history.Select(h => new Step(h.Version, h.Stage, settings.StageName(h.Stage), h.StageOn, h.Reason, h.Reason is null ? null : EndReasons.Label(h.Reason),
                h.Note, h.InterviewAt, h.Attendees, h.At, h.ByName))],
            placement, NextStages(row, settings)));
    }
}
