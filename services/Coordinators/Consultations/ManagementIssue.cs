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
