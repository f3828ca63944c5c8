using Matching.Platform.Auth;
using Matching.Web.Api;
using Microsoft.AspNetCore.Mvc;

namespace Matching.Web.Pages.Program;

/// <summary>
/// The office's KPIs as the plan's table (数値目標) gives them: the list as that table, and a form to define one more,
/// with a preview of the table the definition gives before it is saved. A KPI defined by mistake is deleted while
/// nothing rests on it (the API has no edit: the office deletes and defines it again).
/// </summary>
[PageAccess(ProgramRole.Office)]
public sealed class KpiDefinitionsModel(ApiClient api) : ProgramPage(api)
{
    /// <summary>Blank target rows the form offers: the plans' tables have at most a baseline, three years and a total.</summary>
    public const int TargetRows = 6;

    public IReadOnlyList<KpiDefinitionView> Kpis { get; private set; } = [];

    /// <summary>The table the form's definition gives (after プレビュー).</summary>
    public KpiDefinitionView? Preview { get; private set; }

    [BindProperty] public string? Code { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? NameEn { get; set; }
    [BindProperty] public string? Unit { get; set; }
    [BindProperty] public string Direction { get; set; } = "increase";
    [BindProperty] public string Source { get; set; } = "counted";
    [BindProperty] public string? CountedKind { get; set; }
    [BindProperty] public decimal? Baseline { get; set; }
    [BindProperty] public string? BaselineLabel { get; set; }
    [BindProperty] public List<TargetRow> Targets { get; set; } = [];

    /// <summary>One row of the targets in the form; a row without a kind is left out.</summary>
    public sealed class TargetRow
    {
        public string? Kind { get; set; }
        public int? FiscalYear { get; set; }
        public int? ToFiscalYear { get; set; }
        public decimal? Value { get; set; }
    }

    /// <summary>Why the API kept a KPI the office asked to delete (a value or a published year rests on it).</summary>
    public ApiProblem? DeleteProblem { get; private set; }

    /// <summary>The code of the KPI to delete: a name apart from the form's <see cref="Code"/>, which keeps what was typed there.</summary>
    public async Task<IActionResult> OnPostDeleteAsync(string deleteCode, CancellationToken ct)
    {
        var result = await Api.SendAsync<object>(HttpMethod.Delete, $"/api/programs/{ProgramSlug}/kpis/{Uri.EscapeDataString(deleteCode)}", null, ct);
        if (result.Ok)
            return Redirect(Path($"/kpi-definitions?deleted={Uri.EscapeDataString(deleteCode)}"));
        if ((int)result.Status is not (404 or 409))
            return Failed(result);
        DeleteProblem = result.Problem;
        Response.StatusCode = (int)result.Status;
        return await LoadAsync(ct) ?? Page();
    }

    /// <summary>What the field shows: the text as typed where it could not be read, else the value.</summary>
    public string? Typed(string field, object? value) =>
        ModelState.TryGetValue(field, out var entry) && entry.Errors.Count > 0 ? entry.AttemptedValue
            : Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken ct)
    {
        Problem = Forms.Unreadable(ModelState);
        Preview = Problem is null ? Definition() : null;
        return await LoadAsync(ct) ?? Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Forms.Unreadable(ModelState) is { } unreadable)
        {
            Problem = unreadable;
            Response.StatusCode = 400;
            return await LoadAsync(ct) ?? Page();
        }
        var definition = Definition();
        var result = await Api.PostAsync<KpiDefinitionView>($"/api/programs/{ProgramSlug}/kpis", new
        {
            code = definition.Code, name = definition.Name, nameEn = definition.NameEn, unit = definition.Unit, direction = definition.Direction,
            source = definition.Source, countedKind = definition.CountedKind, baseline = definition.Baseline, baselineLabel = definition.BaselineLabel,
            targets = definition.Targets.Select(t => t.Kind == "cumulative"
                ? (object)new { kind = t.Kind, fromFiscalYear = t.FromFiscalYear, toFiscalYear = t.ToFiscalYear, value = t.Value }
                : new { kind = t.Kind, fiscalYear = t.FiscalYear, value = t.Value }),
        }, ct);
        if (!result.Ok && result.Problem is { } problem)
            result = result with { Problem = OnFormRows(problem) };
        Preview = result.Ok ? null : definition;
        return await AnsweredAsync(result, d => Path($"/kpi-definitions?defined={Uri.EscapeDataString(d?.Code ?? "")}"), () => LoadAsync(ct), 400, 409);
    }

    /// <summary>The rows of the form that have a kind, in order, with the fiscal year where the target needs one.</summary>
    private IReadOnlyList<(int Row, KpiTargetView Target)> SentTargets() =>
        [.. Targets.Select((t, i) => (Row: i, t)).Where(p => !string.IsNullOrWhiteSpace(p.t.Kind)).Select(p => (p.Row, p.t.Kind == "cumulative"
            ? new KpiTargetView(p.t.Kind!, null, p.t.FiscalYear, p.t.ToFiscalYear, p.t.Value)
            : new KpiTargetView(p.t.Kind!, p.t.FiscalYear, null, null, p.t.Value)))];

    private KpiDefinitionView Definition() => new(
        (Code ?? "").Trim(), (Name ?? "").Trim(), string.IsNullOrWhiteSpace(NameEn) ? null : NameEn.Trim(), (Unit ?? "").Trim(), Direction, Source,
        Source == "counted" ? CountedKind : null, Baseline, string.IsNullOrWhiteSpace(BaselineLabel) ? null : BaselineLabel.Trim(),
        [.. SentTargets().Select(t => t.Target)], null);

    /// <summary>The API numbers the targets it was sent; the form's rows include blank ones: the errors go to the row they are about.</summary>
    private ApiProblem OnFormRows(ApiProblem problem)
    {
        var rows = SentTargets();
        var errors = problem.Errors.ToDictionary(e => RowKey(e.Key, rows), e => e.Value, StringComparer.OrdinalIgnoreCase);
        return problem with { Errors = errors };
    }

    private static string RowKey(string key, IReadOnlyList<(int Row, KpiTargetView Target)> rows)
    {
        var end = key.IndexOf(']', StringComparison.Ordinal);
        if (!key.StartsWith("targets[", StringComparison.OrdinalIgnoreCase) || end < 0)
            return key;
        return int.TryParse(key[8..end], out var sent) && sent < rows.Count ? $"targets[{rows[sent].Row}]{key[(end + 1)..]}" : key;
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var kpis = await Api.GetAsync<IReadOnlyList<KpiDefinitionView>>($"/api/programs/{ProgramSlug}/kpis", ct);
        if (!kpis.Ok)
            return Failed(kpis);
        Kpis = kpis.Value ?? [];
        while (Targets.Count < TargetRows)
            Targets.Add(new TargetRow());
        return null;
    }
}
