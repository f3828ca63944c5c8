using Matching.Contracts;
using Matching.Platform.Auth;
using Matching.Web.Api;
using Microsoft.AspNetCore.Mvc;

namespace Matching.Web.Pages.Program;

/// <summary>A program's home, by role: the coordinator's day, the office's count, the recruiter's referrals.</summary>
[PageAccess(ProgramRole.Coordinator, ProgramRole.Office, ProgramRole.Recruiter)]
public sealed class HomeModel(ApiClient api, TimeProvider clock) : ProgramPage(api)
{
    public string ProgramName { get; private set; } = "";

    public FiscalYear Year { get; private set; }

    public DateOnly AsOf { get; private set; }

    public long Count { get; private set; }

    public IReadOnlyList<Consultation> Recent { get; private set; } = [];

    /// <summary>A firm's referrals awaiting its answer; for a coordinator, those due within two business days.</summary>
    public IReadOnlyList<Referral> Waiting { get; private set; } = [];

    /// <summary>For a recruiter: its firm in the program's registry (none before the office registers it).</summary>
    public Firm? OwnFirm { get; private set; }

    /// <summary>For a coordinator: the firms' answers (and expiries) of the last two weeks.</summary>
    public IReadOnlyList<Referral> Answered { get; private set; } = [];

    /// <summary>For a coordinator: what is due, overdue first, then today, then the week ahead.</summary>
    public IReadOnlyList<DueItem> Due { get; private set; } = [];

    public DateOnly Today { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var program = await Api.GetAsync<ProgramInfo>($"/api/programs/{ProgramSlug}", ct);
        if (!program.Ok)
            return Failed(program);
        ProgramName = program.Value!.Name;
        if (Is(ProgramRole.Recruiter))
        {
            var waiting = await Api.GetAsync<ListPage<Referral>>($"/api/programs/{ProgramSlug}/referrals?status=sent&pageSize=20", ct);
            Waiting = waiting.Value?.Items ?? [];
            var own = await Api.GetAsync<IReadOnlyList<Firm>>($"/api/programs/{ProgramSlug}/firms", ct);
            OwnFirm = own.Value is [var firm] ? firm : null;
            return Page();
        }

        var today = Today = Ui.Today(clock);
        Year = FiscalYear.Of(today);
        var count = await Api.GetAsync<ConsultationCount>($"/api/programs/{ProgramSlug}/kpis/consultations?fiscalYear={Year.StartYear}&asOf={today:yyyy-MM-dd}", ct);
        if (!count.Ok)
            return Failed(count);
        (Count, AsOf) = (count.Value!.Count, count.Value.AsOf);
        if (Is(ProgramRole.Coordinator))
        {
            var open = await Api.GetAsync<ListPage<Referral>>($"/api/programs/{ProgramSlug}/referrals?status=sent&pageSize=200", ct);
            Waiting = open.Value?.Items.Where(r => r.BusinessDaysLeft <= 2).OrderBy(r => r.Deadline).ToList() ?? [];
            var since = Uri.EscapeDataString(clock.GetUtcNow().AddDays(-14).ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            var changed = await Api.GetAsync<ListPage<Referral>>($"/api/programs/{ProgramSlug}/referrals?since={since}&pageSize=200", ct);
            Answered = changed.Value?.Items.Where(r => r.Status is "accepted" or "declined" or "expired").OrderByDescending(r => r.ChangedAt).Take(10).ToList() ?? [];
            Due = await DueItems.UpToAsync(Api, ProgramSlug, CurrentUser.Id, today.AddDays(7), ct);
        }
        var recent = await Api.GetAsync<ListPage<Consultation>>($"/api/programs/{ProgramSlug}/consultations?pageSize=10", ct);
        Recent = recent.Value?.Items.Where(c => c.VoidedAt is null).ToList() ?? [];
        return Page();
    }
}
