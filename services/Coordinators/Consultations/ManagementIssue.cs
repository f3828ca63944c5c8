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

/// <summary>Management issues by the names requests and stored rows carry (<c>salesChannels</c> …), with their Japanese labels for files.</summary>
internal static class ManagementIssues
{
    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        ["salesChannels"] = "販路開拓", ["succession"] = "事業承継", ["overseasExpansion"] = "海外展開", ["dx"] = "DX・IT化",
        ["organisation"] = "組織・人材育成", ["newBusiness"] = "新規事業", ["productivity"] = "生産性向上", ["other"] = "その他",
    };

    public static bool IsName(string name) => Labels.ContainsKey(name);

    public static string Label(string name) => Labels.GetValueOrDefault(name, name);
}
