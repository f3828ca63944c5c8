using Matching.Contracts;
using Matching.Platform.Auth;
using Matching.Web.Api;
using Microsoft.AspNetCore.Mvc;

namespace Matching.Web.Pages.Program;

/// <summary>One company: its record, its talent needs, and its whole timeline (consultations, needs, referrals and their answers), newest first.</summary>
[PageAccess(ProgramRole.Coordinator, ProgramRole.Office)]
public sealed class CompanyModel(ApiClient api) : ProgramPage(api)
{
    /// <summary>One entry of the timeline: what happened on a day, and where to read it.</summary>
    public sealed record TimelineEntry(DateOnly Date, string Kind, string Title, string? Detail, string Link, bool Struck);

    public Company Company { get; private set; } = null!;

    public IReadOnlyList<Consultation> Consultations { get; private set; } = [];

    public IReadOnlyList<Need> Needs { get; private set; } = [];

    public IReadOnlyList<TimelineEntry> Timeline { get; private set; } = [];

    /// <summary>紹介・成約: the company's introductions and placements, and the names of the candidates they are of.</summary>
    public IReadOnlyList<Introduction> Introductions { get; private set; } = [];

    public IReadOnlyList<Placement> Placements { get; private set; } = [];

    public IReadOnlyDictionary<Guid, string> Names { get; private set; } = new Dictionary<Guid, string>();

    public string NameOf(Guid candidate) => Names.TryGetValue(candidate, out var name) ? name : CandidateLabels.Anonymous(candidate);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var company = await Api.GetAsync<Company>($"/api/programs/{ProgramSlug}/companies/{id}", ct);
        if (!company.Ok)
            return Failed(company);
        Company = company.Value!;
        var consultations = Api.GetAsync<ListPage<Consultation>>($"/api/programs/{ProgramSlug}/consultations?companyId={id}&pageSize=200", ct);
        var needs = Api.GetAsync<ListPage<Need>>($"/api/programs/{ProgramSlug}/needs?companyId={id}&pageSize=200", ct);
        var referrals = Api.GetAsync<ListPage<Referral>>($"/api/programs/{ProgramSlug}/referrals?companyId={id}&pageSize=200", ct);
        var introductions = Api.GetAsync<ListPage<Introduction>>($"/api/programs/{ProgramSlug}/introductions?companyId={id}&pageSize=200", ct);
        var placements = Api.GetAsync<ListPage<Placement>>($"/api/programs/{ProgramSlug}/placements?companyId={id}&pageSize=200", ct);
        Consultations = (await consultations).Value?.Items ?? [];
        Needs = (await needs).Value?.Items ?? [];
        var referred = (await referrals).Value?.Items ?? [];
        Introductions = (await introductions).Value?.Items ?? [];
        Placements = (await placements).Value?.Items ?? [];
        Names = await CandidateLabels.ManyAsync(Api, ProgramSlug, Introductions.Select(i => i.CandidateId), ct);
        Timeline = Consultations
            .Select(c => new TimelineEntry(c.Date, "consultation",
                Ui.L("相談", "Consultation") + "（" + Ui.Channel(c.Channel) + "）" + (c.VoidedAt is null ? "" : Ui.L("取消", " voided")),
                string.Join("・", c.Issues.Select(Ui.Issue)) is { Length: > 0 } issues ? issues : c.Notes, Path($"/consultations/{c.Id}"), c.VoidedAt is not null))
            .Concat(Needs.Select(n => new TimelineEntry(n.OpenedOn, "need",
                Ui.L("人材ニーズ", "Talent need") + "（" + Ui.Label(Ui.NeedStatuses, n.Status) + "）",
                n.Role + " / " + Ui.Label(Ui.EmploymentForms, n.EmploymentForm), Path($"/needs/{n.Id}"), n.Status == "cancelled")))
            .Concat(referred.Select(r => new TimelineEntry(JapanTime.DayOf(r.ReferredAt), "referral",
                Ui.L("取次", "Referral") + "（" + r.FirmName + "）", r.Role, Path($"/referrals/{r.Id}"), r.Status == "withdrawn")))
            .Concat(referred.Where(r => r.Status is "accepted" or "declined" or "expired").Select(r => new TimelineEntry(
                JapanTime.DayOf((r.AnsweredAt ?? r.ChangedAt)), "referral",
                Ui.L("取次の回答", "Referral answered") + "（" + r.FirmName + "：" + Ui.Label(Ui.ReferralStatuses, r.Status) + "）", r.Role,
                Path($"/referrals/{r.Id}"), false)))
            .Concat(Introductions.Select(i => new TimelineEntry(i.IntroducedOn, "introduction",
                Ui.L("紹介", "Introduction") + "（" + (i.FirmName ?? Ui.L("センター", "center")) + "）", $"{NameOf(i.CandidateId)} / {i.NeedRole}",
                Path($"/introductions/{i.Id}"), false)))
            .Concat(Placements.Select(p => new TimelineEntry(p.OfferAcceptedOn, "placement",
                Ui.L("成約", "Placement") + "（" + Ui.L($"入社 {Ui.Date(p.StartOn)}", $"starts {Ui.Date(p.StartOn)}") + "）", $"{NameOf(p.CandidateId)} / {p.NeedRole}",
                Path($"/placements/{p.Id}"), p.Status == "cancelled")))
            .Concat(Placements.Where(p => p.EndedOn is not null).Select(p => new TimelineEntry(p.EndedOn!.Value, "placement",
                Ui.L("離職", "Left"), $"{NameOf(p.CandidateId)} / {p.NeedRole}", Path($"/placements/{p.Id}"), false)))
            .OrderByDescending(e => e.Date).ThenBy(e => e.Kind, StringComparer.Ordinal)
            .ToList();
        return Page();
    }
}
