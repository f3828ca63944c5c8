namespace Matching.Contracts.Companies;

/// <summary>
/// What a recruiter is shown of a talent need (求人条件): the work, the skills, the pay range (per year, month or hour,
/// in yen), where and how remote. Carried by <see cref="TalentNeedOpened"/> and <see cref="TalentNeedChanged"/>; absent
/// on events published before it existed.
/// </summary>
public sealed record TalentNeedTerms(
    string? Description,
    string? RequiredSkills,
    string? PreferredSkills,
    string? PayUnit,
    long? PayMinYen,
    long? PayMaxYen,
    string Remote,
    string Urgency);
