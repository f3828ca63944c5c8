using FluentValidation;
using Matching.Platform.Http;

namespace Matching.Coordinators.Consultations;

/// <summary>
/// What a consultation says: who met the manager and how, the management issues (経営課題) discussed, notes, the next
/// action and whether a talent need came out of it. Logging and correcting share it and its rules; the company and the
/// date are fixed at logging (a consultation logged for the wrong company or day is voided and logged again, so that the
/// counts of both fiscal years stay right).
/// </summary>
internal record ConsultationContent
{
    /// <summary>Named coordinators: outside staff, or names as a file gives them (a coordinator's name is that coordinator).</summary>
    public IReadOnlyList<string>? Coordinators { get; init; }

    /// <summary>The program's coordinators chosen by account, the main one first; named ones follow them.</summary>
    public IReadOnlyList<Guid>? CoordinatorIds { get; init; }

    public ConsultationChannel? Channel { get; init; }

    public IReadOnlyList<ManagementIssue>? Issues { get; init; }

    public string? OtherIssue { get; init; }

    [MultiLine]
    public string? Notes { get; init; }

    public string? NextAction { get; init; }

    public DateOnly? NextActionDate { get; init; }

    public bool NeedIdentified { get; init; }

    public const int MaxCoordinators = 5;

    public static readonly LocalizedText CoordinatorsLabel = new("担当コーディネーター", "Coordinators");
    public static readonly LocalizedText ChannelLabel = new("相談方法", "Channel");
    public static readonly LocalizedText NotesLabel = new("相談内容", "Notes");
    public static readonly LocalizedText NextActionLabel = new("次回アクション", "Next action");
    public static readonly LocalizedText OtherIssueLabel = new("その他の経営課題", "Other issue");
    public static readonly LocalizedText TooManyCoordinators = new(
        "担当コーディネーターは 5 人までです。", "At most five coordinators.");
    public static readonly LocalizedText CoordinatorNameInvalid = new(
        "担当コーディネーターの名前は 1〜100 文字で、重複なく入力してください。", "Each coordinator's name is 1 to 100 characters, each named once.");
    public static readonly LocalizedText CoordinatorIdsInvalid = new(
        "担当コーディネーターは重複なく選んでください。", "Choose each coordinator once.");
    public static readonly LocalizedText IssueInvalid = new(
        "経営課題は一覧から選んでください。", "Choose the issues from the list.");
    public static readonly LocalizedText OtherIssueNeeded = new(
        "経営課題で「その他」を選んだ場合は、内容を入力してください。", "Describe the issue when you choose Other.");
    public static readonly LocalizedText NextActionDateRange = new(
        "次回アクション日は相談日以降、2 年以内の日付を入力してください。", "The next action date is on or after the consultation date and within two years of it.");

    internal sealed class Validator : AbstractValidator<ConsultationContent>
    {
        public Validator()
        {
            RuleFor(r => r.Coordinators).NotEmpty().Label(CoordinatorsLabel).When(r => r.CoordinatorIds is not { Count: > 0 });
            RuleFor(r => r.Coordinators)
                .Must(c => (c?.Count ?? 0) <= MaxCoordinators).Message(TooManyCoordinators)
                .Must(c => c!.All(n => !string.IsNullOrWhiteSpace(n) && n.Trim().Length <= 100 && !n.Contains('\n', StringComparison.Ordinal))
                           && c!.Select(n => n.Trim()).Distinct(StringComparer.Ordinal).Count() == c!.Count)
                .Message(CoordinatorNameInvalid)
                .When(r => r.Coordinators is { Count: > 0 });
            RuleFor(r => r.CoordinatorIds)
                .Must(ids => ids!.Count <= MaxCoordinators).Message(TooManyCoordinators)
                .Must(ids => ids!.All(i => i != Guid.Empty) && ids!.Distinct().Count() == ids!.Count).Message(CoordinatorIdsInvalid)
                .When(r => r.CoordinatorIds is { Count: > 0 });
            RuleFor(r => r.Coordinators).Must((r, c) => (r.CoordinatorIds?.Count ?? 0) + (c?.Count ?? 0) <= MaxCoordinators).Message(TooManyCoordinators)
                .When(r => r.CoordinatorIds is { Count: > 0 and <= MaxCoordinators } && r.Coordinators is { Count: > 0 and <= MaxCoordinators });
            RuleFor(r => r.Channel).NotNull().Label(ChannelLabel).IsInEnum().Label(ChannelLabel);
            RuleFor(r => r.Issues).Must(i => i is null || i.All(Enum.IsDefined)).Message(IssueInvalid);
            RuleFor(r => r.OtherIssue).NotEmpty().Message(OtherIssueNeeded)
                .When(r => r.Issues?.Contains(ManagementIssue.Other) == true);
            RuleFor(r => r.OtherIssue).MaximumLength(200).Label(OtherIssueLabel);
            RuleFor(r => r.Notes).MaximumLength(4000).Label(NotesLabel);
            RuleFor(r => r.NextAction).MaximumLength(500).Label(NextActionLabel);
        }
    }

    /// <summary>The next action may not come before the consultation, nor more than two years after it.</summary>
    internal static bool NextActionDateFits(DateOnly date, DateOnly? next) => next is null || (next >= date && next <= date.AddYears(2));

    internal string CoordinatorsText => string.Join('\n', Coordinators!.Select(n => n.Trim()));

    internal string IssuesText => string.Join(',', (Issues ?? []).Distinct().Order().Select(IssueName));

    internal static string IssueName(ManagementIssue issue) => MatchingJson.Options.PropertyNamingPolicy!.ConvertName(issue.ToString());

    internal static ManagementIssue[] ParseIssues(string text) =>
        text.Length == 0 ? [] : text.Split(',').Select(n => Enum.Parse<ManagementIssue>(n, ignoreCase: true)).ToArray();

    internal static string[] ParseCoordinators(string text) => text.Split('\n');
}
