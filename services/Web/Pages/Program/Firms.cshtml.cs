using Matching.Platform.Auth;
using Matching.Web.Api;
using Microsoft.AspNetCore.Mvc;

namespace Matching.Web.Pages.Program;

/// <summary>
/// 登録民間人材ビジネス事業者 — the program's registry of recruiting firms: coordinators see who they can refer to; the
/// office registers firms and suspends or withdraws a registration with its reason.
/// </summary>
[PageAccess(ProgramRole.Coordinator, ProgramRole.Office)]
public sealed class FirmsModel(ApiClient api, TimeProvider clock) : ProgramPage(api)
{
    public IReadOnlyList<Firm> Firms { get; private set; } = [];

    /// <summary>This fiscal year's referrals per firm (事業者別の取次実績).</summary>
    public IReadOnlyList<FirmFigure> Figures { get; private set; } = [];

    public Contracts.FiscalYear Year { get; private set; }

    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? NameKana { get; set; }
    [BindProperty] public string? LicenceNumber { get; set; }
    [BindProperty] public string? CorporateNumber { get; set; }
    [BindProperty] public string? HeadOffice { get; set; }
    [BindProperty] public string? Areas { get; set; }
    [BindProperty] public List<string> Industries { get; set; } = [];
    [BindProperty] public List<string> Specialties { get; set; } = [];
    [BindProperty] public string? ContactName { get; set; }
    [BindProperty] public string? ContactEmail { get; set; }
    [BindProperty] public string? FeeRule { get; set; }

    [BindProperty] public Guid FirmId { get; set; }
    [BindProperty] public string? Status { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public int Version { get; set; }

    public static readonly IReadOnlyList<(string Value, string Ja, string En)> SpecialtyOptions =
    [
        ("executive", "経営幹部", "Executives"),
        ("engineering", "技術者", "Engineers"),
        ("digital", "DX・IT", "Digital, IT"),
        ("sales", "営業・販路開拓", "Sales"),
        ("backOffice", "管理部門", "Back office"),
        ("sideJob", "副業・兼業", "Side jobs"),
        ("secondment", "出向", "Secondment"),
        ("succession", "事業承継", "Succession"),
    ];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    public async Task<IActionResult> OnPostRegisterAsync(CancellationToken ct)
    {
        if (!Is(ProgramRole.Office))
            return Refused(403);
        var areas = (Areas ?? "").Split([',', '、', ' ', '　'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var contacts = string.IsNullOrWhiteSpace(ContactName) && string.IsNullOrWhiteSpace(ContactEmail)
            ? Array.Empty<object>()
            : [new { name = ContactName, email = string.IsNullOrWhiteSpace(ContactEmail) ? null : ContactEmail.Trim() }];
        var result = await Api.PostAsync<Created>($"/api/programs/{ProgramSlug}/firms", new
        {
            name = Name, nameKana = NameKana, licenceNumber = LicenceNumber, corporateNumber = CorporateNumber, headOffice = HeadOffice,
            areas, industries = Industries, specialties = Specialties, contacts, feeRule = FeeRule,
        }, ct);
        return await AnsweredAsync(result, _ => Path("/firms"), () => LoadAsync(ct), 400, 409);
    }

    public async Task<IActionResult> OnPostStatusAsync(CancellationToken ct)
    {
        if (!Is(ProgramRole.Office))
            return Refused(403);
        var result = await Api.PostAsync<Firm>($"/api/programs/{ProgramSlug}/firms/{FirmId}/status",
            new { status = string.IsNullOrEmpty(Status) ? null : Status, reason = Reason, version = Version }, ct);
        return await AnsweredAsync(result, _ => Path("/firms"), () => LoadAsync(ct), 400, 409);
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var firms = await Api.GetAsync<IReadOnlyList<Firm>>($"/api/programs/{ProgramSlug}/firms", ct);
        if (!firms.Ok)
            return Failed(firms);
        Firms = firms.Value!;
        Year = Contracts.FiscalYear.Of(Ui.Today(clock));
        var figures = await Api.GetAsync<IReadOnlyList<FirmFigure>>($"/api/programs/{ProgramSlug}/firms/figures?fiscalYear={Year.StartYear}", ct);
        Figures = figures.Value ?? [];
        return null;
    }
}
