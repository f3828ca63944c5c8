using FluentValidation;
using Matching.Candidates.Consents;
using Matching.Candidates.Profiles;
using Matching.Candidates.Provisions;
using Matching.Candidates.Skills;
using Matching.Contracts;
using Matching.Platform.Tenancy;
using Matching.Platform.Auth;
using Matching.Platform.Data;
using Matching.Platform.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Candidates.Sharing;

/// <summary>
/// What a recruiting firm sees of the talent data bank. Without a consent that covers the firm, a profile is anonymised:
/// no name, kana, e-mail, phone, birth year (its decade only), employers in the career history, free text (career summary,
/// tags: either may name a person or an employer), and the residence at prefecture level. With one, the full profile is
/// provided, and the provision is written to the record of 第三者提供 (個人情報保護法 第29条) in the same transaction that reads
/// it, before anything is answered.
/// </summary>
internal static class SharedProfiles
{
    public sealed record Job(string? Company, string Role, int? FromYear, int? ToYear);

    /// <param name="Anonymised">True when no consent covers the firm: every personal field is null.</param>
    public sealed record Profile(
        Guid Id, bool Anonymised, string? Name, string? NameKana, string? Email, string? Phone, string PrefectureCode, string PrefectureName,
        string? MunicipalityCode, string? HometownPrefectureCode, int? BirthYear, int? BirthDecade, string? CareerSummary, IReadOnlyList<Job> Career,
        IReadOnlyList<SkillRef> Skills, IReadOnlyList<string> Tags, IReadOnlyList<string> Languages, IReadOnlyList<string> Licences,
        IReadOnlyList<string> EmploymentForms, IReadOnlyList<string> DesiredAreas, string Remote, int? SideJobHoursPerWeek, string? DesiredPayUnit,
        long? DesiredPayYen, DateOnly? AvailableFrom, string Status);

    /// <summary>
    /// A line of the firm's search: always anonymised; <paramref name="Covered"/> says whether the full profile may be opened
    /// (a consent covers the firm, or the firm registered the candidate itself).
    /// </summary>
    public sealed record Item(
        Guid Id, string PrefectureCode, string PrefectureName, int? BirthDecade, IReadOnlyList<string> EmploymentForms, IReadOnlyList<SkillRef> Skills,
        string Remote, DateOnly? AvailableFrom, bool Covered);

    public sealed record Request(string? PrefectureCode, string? Skill, string? EmploymentForm, int Page, int PageSize)
    {
        public static ValueTask<Request?> BindAsync(HttpContext context)
        {
            var query = context.Request.Query;
            return ValueTask.FromResult<Request?>(new Request(
                query.Text("prefectureCode"), query.Text("skill"), query.Text("employmentForm"), query.WholeNumber("page", 1), query.WholeNumber("pageSize", 20)));
        }
    }

    public sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.PrefectureCode).Must(Contracts.PrefectureCode.IsValid).Message(CandidateDetails.PrefectureInvalid).When(r => r.PrefectureCode is not null);
            RuleFor(r => r.Skill).MaximumLength(50).Message(CandidateDetails.SkillsInvalid);
            RuleFor(r => r.EmploymentForm).Must(f => QueryValues.IsEnumName<EmploymentForm>(f!)).Message(ListCandidates.EmploymentFormInvalid)
                .When(r => r.EmploymentForm is not null);
            RuleFor(r => r.Page).ValidPage();
            RuleFor(r => r.PageSize).ValidPageSize(100);
        }
    }

    internal static int? Decade(int? birthYear) => birthYear / 10 * 10;

    /// <summary>The items of personal data a full profile provides, as the provision record names them.</summary>
    internal static IReadOnlyList<string> ItemsOf(CandidateRecord r)
    {
        var p = r.Profile;
        var items = new List<string> { "name", "nameKana", "prefectureCode" };
        void AddIf(bool present, string item)
        {
            if (present)
                items.Add(item);
        }
        AddIf(r.Email is not null, "email");
        AddIf(r.Phone is not null, "phone");
        AddIf(r.MunicipalityCode is not null, "municipalityCode");
        AddIf(p.HometownPrefectureCode is not null, "hometownPrefectureCode");
        AddIf(r.BirthYear is not null, "birthYear");
        AddIf(p.CareerSummary is not null, "careerSummary");
        AddIf(p.Career.Count > 0, "career");
        AddIf(p.Skills.Count > 0, "skills");
        AddIf(p.Tags.Count > 0, "tags");
        AddIf(p.Languages.Count > 0, "languages");
        AddIf(p.Licences.Count > 0, "licences");
        items.Add("employmentForms");
        AddIf(p.DesiredAreas.Count > 0, "desiredAreas");
        items.Add("remote");
        AddIf(p.SideJobHoursPerWeek is not null, "sideJobHoursPerWeek");
        AddIf(p.DesiredPayYen is not null, "desiredPay");
        AddIf(p.AvailableFrom is not null, "availableFrom");
        return items;
    }

    internal static Profile ProfileOf(StoredCandidate c, IReadOnlyDictionary<string, string> names, bool full)
    {
        var (r, p) = (c.Record, c.Record.Profile);
        return new Profile(
            c.Id, !full, full ? r.Name : null, full ? r.NameKana : null, full ? r.Email : null, full ? r.Phone : null, r.PrefectureCode,
            PrefectureCode.Parse(r.PrefectureCode).Name, full ? r.MunicipalityCode : null, p.HometownPrefectureCode, full ? r.BirthYear : null,
            Decade(r.BirthYear), full ? p.CareerSummary : null,
            [.. p.Career.Select(j => new Job(full ? j.Company : null, j.Role!, j.FromYear, j.ToYear))], GetCandidate.Named(p.Skills, names),
            full ? p.Tags : [], p.Languages, p.Licences, r.EmploymentForms, p.DesiredAreas, p.Remote, p.SideJobHoursPerWeek, p.DesiredPayUnit,
            p.DesiredPayYen, p.AvailableFrom, c.Status);
    }

    /// <summary>A candidate as the recruiter's firm may see it now; a full profile only under a consent, recorded as a provision.</summary>
    public static async Task<Results<Ok<Profile>, ProblemHttpResult>> GetAsync(
        string program, Guid id, HttpContext context, ServiceDatabase<CandidatesModule> database, TimeProvider clock, CancellationToken ct)
    {
        var user = context.User.MatchingUser();
        var names = await SkillVocabulary.NamesAsync(database, program, ct);
        await using var tx = await database.BeginAsync(ct);
        if (await CandidateStore.GetAsync(tx, program, id, ct) is not { } candidate)
            return Problems.NotFound(GetCandidate.UnknownCandidate);
        var firm = await RecruiterFirm.OfAsync(tx, program, user, ct);
        // The firm that registered its own candidate gave the program this data: showing it back provides nothing to a third party.
        var own = firm is not null && candidate.SourceFirmId == firm.Id;
        var consent = firm is null || own ? null : await ConsentRecords.CoveringAsync(tx, program, id, firm.Id, ct);
        if (firm is not null && consent is { } consentId)
        {
            var items = ItemsOf(candidate.Record);
            await ProvisionRecords.RecordAsync(tx, program, firm, candidate, items, consentId, "profile", user, clock.GetUtcNow(), ct);
            await AuditTrail.RecordAsync(tx, new AuditEntry(AuditActions.PersonalDataRead, program, user?.Id, user?.UserName, $"candidate:{id}",
                $"firm {firm.Id}; consent {consentId}; {string.Join(',', items)}"), clock.GetUtcNow(), ct);
        }
        await tx.CommitAsync(ct);
        return TypedResults.Ok(ProfileOf(candidate, names, full: own || consent is not null));
    }

    /// <summary>Active candidates for the firm to browse, always anonymised, newest first.</summary>
    public static async Task<Results<Ok<ListPage<Item>>, ValidationProblem>> ListAsync(
        string program, Request request, HttpContext context, ServiceDatabase<CandidatesModule> database, CancellationToken ct)
    {
        string? skill;
        RecruiterFirm? firm;
        await using (var read = await database.BeginReadAsync(ct))
        {
            (skill, var problem) = await ListCandidates.SkillAsync(read, program, request.Skill, ct);
            if (problem is not null)
                return problem;
            firm = await RecruiterFirm.OfAsync(read, program, context.User.MatchingUser(), ct);
        }
        var (total, rows) = await ListCandidates.FindAsync(database,
            new ListCandidates.Filter(program, null, null, request.PrefectureCode, "active", request.EmploymentForm, skill, request.Page, request.PageSize), ct);
        var names = await SkillVocabulary.NamesAsync(database, program, ct);
        var items = new List<Item>(rows.Count);
        await using (var read = await database.BeginReadAsync(ct))
        {
            foreach (var row in rows)
            {
                var c = (await CandidateStore.GetAsync(read, program, row.Id, ct))!;
                var covered = firm is not null
                              && (c.SourceFirmId == firm.Id || await ConsentRecords.CoveringAsync(read, program, row.Id, firm.Id, ct) is not null);
                items.Add(new Item(c.Id, c.Record.PrefectureCode, PrefectureCode.Parse(c.Record.PrefectureCode).Name, Decade(c.Record.BirthYear),
                    c.Record.EmploymentForms, GetCandidate.Named(c.Record.Profile.Skills, names), c.Record.Profile.Remote, c.Record.Profile.AvailableFrom, covered));
            }
        }
        return TypedResults.Ok(new ListPage<Item>(items, request.Page, request.PageSize, total));
    }
}
