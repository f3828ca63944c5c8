using Matching.Platform.Http;

namespace Matching.Coordinators.Consultations;

/// <summary>経営課題 — the management issues a consultation is about; the fixed list the office reports on, plus その他.</summary>
internal enum ManagementIssue
{
    /// <summary>販路開拓</summary>
    SalesChannels,

    /// <summary>事業承継</summary>
    Succession,

    /// <summary>海外展開</summary>
    OverseasExpansion,

    /// <summary>DX・IT化</summary>
    Dx,

    /// <summary>組織・人材育成</summary>
    Organisation,

    /// <summary>新規事業</summary>
    NewBusiness,

    /// <summary>生産性向上</summary>
    Productivity,

    /// <summary>その他 (described in OtherIssue)</summary>
    Other,
}

/// <summary>Management issues by the names requests and stored rows carry (<c>salesChannels</c> …), with their labels for files.</summary>
internal static class ManagementIssues
{
    private static readonly Dictionary<string, LocalizedText> Labels = new(StringComparer.Ordinal)
    {
        ["salesChannels"] = new("販路開拓", "Sales channels"), ["succession"] = new("事業承継", "Succession"),
        ["overseasExpansion"] = new("海外展開", "Overseas expansion"), ["dx"] = new("DX・IT化", "DX / IT"),
        ["organisation"] = new("組織・人材育成", "Organisation and people"), ["newBusiness"] = new("新規事業", "New business"),
        ["productivity"] = new("生産性向上", "Productivity"), ["other"] = new("その他", "Other"),
    };

    public static bool IsName(string name) => Labels.ContainsKey(name);

    public static string Label(string name) => Labels.TryGetValue(name, out var label) ? label.ToString() : name;
}
