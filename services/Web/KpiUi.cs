using System.Globalization;
using Matching.Web.Api;

namespace Matching.Web;

/// <summary>How the UI names KPIs' targets, sources and units, in Japanese and English (the codes are the API's).</summary>
public static class KpiUi
{
    /// <summary>The forms of targets in the plans' tables (増加分, KPI増加分の累計 …).</summary>
    public static readonly IReadOnlyList<(string Value, string Ja, string En)> TargetKinds =
    [
        ("yearly", "増加分", "Yearly increase"),
        ("cumulative", "KPI増加分の累計", "Cumulative increase"),
        ("level", "目標値（水準）", "Level"),
        ("atLeastBaseline", "現状値以上", "At least the baseline"),
        ("reference", "参照値（後から入力）", "Reference (entered later)"),
    ];

    public static readonly IReadOnlyList<(string Value, string Ja, string En)> Sources =
    [
        ("counted", "記録から数える", "Counted from the records"),
        ("entered", "手入力する", "Entered by hand"),
    ];

    public static readonly IReadOnlyList<(string Value, string Ja, string En)> Directions =
    [
        ("increase", "増加を目指す", "To increase"),
        ("decrease", "減少を目指す", "To decrease"),
    ];

    /// <summary>What the KPI ledger counts (the API's counted kinds).</summary>
    public static readonly IReadOnlyList<(string Value, string Ja, string En)> CountedKinds =
    [
        ("consultation", "経営者との相談件数", "Consultations with managers"),
        ("company-registered", "企業の登録数", "Companies registered"),
        ("seminar-held", "セミナー・イベントの開催数", "Seminars and events held"),
        ("need-opened", "人材ニーズの件数", "Talent needs opened"),
        ("handoff", "民間人材ビジネス事業者への取次件数（事業者ごと）", "Handoffs to recruiters (one per firm)"),
        ("handoff-need", "取次した人材ニーズの件数", "Needs handed off"),
        ("candidate-registered", "人材データバンクへの登録者数", "Candidates registered in the data bank"),
        ("introduction", "紹介件数", "Introductions"),
        ("placement", "成約・就職件数", "Placements"),
        ("placement-from-outside-prefecture", "道外・県外から就職した人数", "Hires from outside the prefecture"),
        ("retained-6m", "6 か月定着者数", "Retained after 6 months"),
        ("retained-12m", "12 か月定着者数", "Retained after 12 months"),
    ];

    public static string Unit(string unit) => Ui.English ? Contracts.Programs.KpiUnit.English(unit) : unit;

    /// <summary>The column heading of the plans (平成29年度 増加分 …), as the API's progress labels it, or its English.</summary>
    public static string LineLabel(string kind, int from, int to) => Contracts.Programs.KpiLineLabel.Of(kind, from, to, Ui.English);

    public static string LineLabel(ProgressLine line) => LineLabel(line.Kind, line.FromFiscalYear, line.ToFiscalYear);

    public static string LineLabel(Correction c) => c.Kind is { } kind ? LineLabel(kind, c.FromFiscalYear, c.ToFiscalYear) : c.Label;

    public static string LineLabel(KpiTargetView target) => LineLabel(target.Kind, target.From, target.To);

    public static string KpiName(string name, string? nameEn) => Ui.English && !string.IsNullOrWhiteSpace(nameEn) ? nameEn : name;

    /// <summary>A KPI figure as the tables show it: 1,234.5, or "-" where there is none.</summary>
    public static string Figure(decimal? value) => value?.ToString("#,0.####", CultureInfo.InvariantCulture) ?? "-";
}
