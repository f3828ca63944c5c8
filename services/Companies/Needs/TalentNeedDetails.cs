using FluentValidation;
using Matching.Contracts;
using Matching.Platform.Http;

namespace Matching.Companies.Needs;

/// <summary>緊急度.</summary>
internal enum Urgency
{
    Low,
    Normal,
    High,
}

/// <summary>募集中, 取次済, 充足, 取下げ.</summary>
internal enum NeedStatus
{
    Open,
    Referred,
    Filled,
    Cancelled,
}

/// <summary>
/// 人材ニーズ — what a company needs: the role, what it is about, the skills, the employment form, pay, where and how remote,
/// how urgent. Opening and editing share it and its rules.
/// </summary>
internal record TalentNeedDetails
{
    public string? Role { get; init; }

    [MultiLine]
    public string? Description { get; init; }

    [MultiLine]
    public string? RequiredSkills { get; init; }

    [MultiLine]
    public string? PreferredSkills { get; init; }

    public EmploymentForm? EmploymentForm { get; init; }

    public PayUnit? PayUnit { get; init; }

    public long? PayMinYen { get; init; }

    public long? PayMaxYen { get; init; }

    /// <summary>Where the work is, when it is not at the company's own address.</summary>
    public string? MunicipalityCode { get; init; }

    public RemoteWork? Remote { get; init; }

    public Urgency? Urgency { get; init; }

    /// <summary>募集人数: how many placements fill the need (1 when not given).</summary>
    public int? Openings { get; init; }

    public static readonly LocalizedText RoleLabel = new("募集する役割", "Role");
    public static readonly LocalizedText DescriptionLabel = new("業務内容", "Description");
    public static readonly LocalizedText RequiredSkillsLabel = new("必須スキル", "Required skills");
    public static readonly LocalizedText PreferredSkillsLabel = new("歓迎スキル", "Preferred skills");
    public static readonly LocalizedText EmploymentFormLabel = new("雇用形態", "Employment form");
    public static readonly LocalizedText PayUnitLabel = new("給与の単位", "Pay unit");
    public static readonly LocalizedText RemoteLabel = new("リモート可否", "Remote work");
    public static readonly LocalizedText UrgencyLabel = new("緊急度", "Urgency");
    public static readonly LocalizedText OpeningsInvalid = new("募集人数は 1〜99 人で入力してください。", "openings is 1 to 99.");
    public static readonly LocalizedText PayInvalid = new(
        "給与は 0 円以上 1 億円以下で、下限は上限以下にしてください。", "Pay is 0 to 100,000,000 yen, and the minimum is not above the maximum.");
    public static readonly LocalizedText PayNeedsUnit = new(
        "給与を入力する場合は、年収・月額・時給のいずれかを選んでください。", "Choose year, month or hour when you give a pay range.");

    internal sealed class Validator : AbstractValidator<TalentNeedDetails>
    {
        public Validator()
        {
            RuleFor(r => r.Role).NotEmpty().Label(RoleLabel).MaximumLength(100).Label(RoleLabel);
            RuleFor(r => r.Description).MaximumLength(4000).Label(DescriptionLabel);
            RuleFor(r => r.RequiredSkills).MaximumLength(1000).Label(RequiredSkillsLabel);
            RuleFor(r => r.PreferredSkills).MaximumLength(1000).Label(PreferredSkillsLabel);
            RuleFor(r => r.EmploymentForm).NotNull().Label(EmploymentFormLabel).IsInEnum().Label(EmploymentFormLabel);
            RuleFor(r => r.PayUnit).IsInEnum().Label(PayUnitLabel)
                .NotNull().Message(PayNeedsUnit).When(r => r.PayMinYen is not null || r.PayMaxYen is not null);
            RuleFor(r => r.PayMinYen).InclusiveBetween(0, 100_000_000).Message(PayInvalid);
            RuleFor(r => r.PayMaxYen).InclusiveBetween(0, 100_000_000).Message(PayInvalid)
                .GreaterThanOrEqualTo(r => r.PayMinYen).Message(PayInvalid).When(r => r.PayMinYen is not null && r.PayMaxYen is not null);
            RuleFor(r => r.MunicipalityCode).Must(Contracts.MunicipalityCode.IsValid).Message(Registration.CompanyDetails.MunicipalityInvalid)
                .When(r => !string.IsNullOrWhiteSpace(r.MunicipalityCode));
            RuleFor(r => r.Remote).IsInEnum().Label(RemoteLabel);
            RuleFor(r => r.Urgency).IsInEnum().Label(UrgencyLabel);
            RuleFor(r => r.Openings).InclusiveBetween(1, 99).Message(OpeningsInvalid).When(r => r.Openings is not null);
        }
    }

    internal static string Name<TEnum>(TEnum value) where TEnum : struct, Enum =>
        MatchingJson.Options.PropertyNamingPolicy!.ConvertName(value.ToString());

    private static string? Trimmed(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>What a recruiter is shown of a valid need, as the events carry it.</summary>
    internal Contracts.Companies.TalentNeedTerms Terms() => new(
        Trimmed(Description), Trimmed(RequiredSkills), Trimmed(PreferredSkills), PayUnit is { } u ? Name(u) : null, PayMinYen, PayMaxYen,
        Name(Remote ?? RemoteWork.None), Name(Urgency ?? Needs.Urgency.Normal));

    /// <summary>The column values of a valid need.</summary>
    internal object ToColumns() => new
    {
        role = Role!.Trim(),
        description = Trimmed(Description),
        requiredSkills = Trimmed(RequiredSkills),
        preferredSkills = Trimmed(PreferredSkills),
        employmentForm = Name(EmploymentForm!.Value),
        payUnit = PayUnit is { } u ? Name(u) : null,
        payMinYen = PayMinYen,
        payMaxYen = PayMaxYen,
        municipalityCode = string.IsNullOrWhiteSpace(MunicipalityCode) ? null : Contracts.MunicipalityCode.Parse(MunicipalityCode).Value,
        remote = Name(Remote ?? RemoteWork.None),
        urgency = Name(Urgency ?? Needs.Urgency.Normal),
        openings = Openings ?? 1,
    };
}
