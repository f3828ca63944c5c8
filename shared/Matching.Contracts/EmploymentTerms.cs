namespace Matching.Contracts;

/// <summary>
/// 雇用形態 — how a professional would work for a company: what a talent need offers and what a candidate wishes for.
/// Events and KPI breakdowns carry it by its camelCase name (<c>fullTime</c> …).
/// </summary>
public enum EmploymentForm
{
    /// <summary>正社員</summary>
    FullTime,

    /// <summary>契約社員</summary>
    Contract,

    /// <summary>副業・兼業</summary>
    SideJob,

    /// <summary>出向・在籍型出向</summary>
    Secondment,

    /// <summary>業務委託</summary>
    Outsourcing,
}

/// <summary>What a pay amount is per: 年収, 月額, 時給.</summary>
public enum PayUnit
{
    Year,
    Month,
    Hour,
}

/// <summary>リモート可否 (a need) or リモート希望 (a candidate): none, partly, fully remote.</summary>
public enum RemoteWork
{
    None,
    Partial,
    Full,
}
