using System.Globalization;
using Matching.Web.Api;

namespace Matching.Web.Pages.Program;

/// <summary>A consultation as the logging and correction forms post it.</summary>
public sealed class ConsultationForm
{
    public Guid? CompanyId { get; set; }

    public string? Date { get; set; }

    public string? Channel { get; set; } = "visit";

    /// <summary>メイン — the main coordinator, one of the program's coordinators.</summary>
    public Guid? MainCoordinator { get; set; }

    /// <summary>サブ — the program's other coordinators who took part.</summary>
    public List<Guid> SubCoordinators { get; set; } = [];

    /// <summary>People from outside the program's coordinators, by name, separated by 、 or commas.</summary>
    public string? Coordinators { get; set; }

    /// <summary>The program's coordinators to choose from (not posted: the page reads them).</summary>
    [Microsoft.AspNetCore.Mvc.ModelBinding.BindNever]
    public IReadOnlyList<StaffMember> Roster { get; set; } = [];

    public List<string> Issues { get; set; } = [];

    public string? OtherIssue { get; set; }

    public string? Notes { get; set; }

    public string? NextAction { get; set; }

    public string? NextActionDate { get; set; }

    public bool NeedIdentified { get; set; }

    /// <summary>The form of a consultation as it reads: its coordinators with an account as main and sub, the others by name.</summary>
    public static ConsultationForm Of(Consultation c)
    {
        var staff = c.Staff ?? [.. c.Coordinators.Select(n => new ConsultationPerson(null, n))];
        var accounts = staff.Where(p => p.UserId is not null).Select(p => p.UserId!.Value).ToList();
        var mainHasAccount = staff is [{ UserId: not null }, ..];
        return new()
        {
            CompanyId = c.CompanyId, Date = c.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Channel = c.Channel,
            MainCoordinator = mainHasAccount ? accounts[0] : null,
            SubCoordinators = mainHasAccount ? [.. accounts.Skip(1)] : accounts,
            Coordinators = string.Join("、", staff.Where(p => p.UserId is null).Select(p => p.Name)),
            Issues = [.. c.Issues], OtherIssue = c.OtherIssue, Notes = c.Notes,
            NextAction = c.NextAction, NextActionDate = c.NextActionDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            NeedIdentified = c.NeedIdentified,
        };
    }

    /// <summary>The program's coordinators, main first, as Coordinators knows them.</summary>
    public static async Task<IReadOnlyList<StaffMember>> RosterAsync(ApiClient api, string program, CancellationToken ct) =>
        (await api.GetAsync<IReadOnlyList<StaffMember>>($"/api/programs/{program}/consultations/coordinators", ct)).Value ?? [];

    private static string? Text(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;

    /// <summary>The content fields of the API's request (logging adds company and date, correcting the version).</summary>
    public Dictionary<string, object?> ToContent() => new()
    {
        ["coordinatorIds"] = (MainCoordinator is { } main ? [main] : new List<Guid>()).Concat(SubCoordinators.Where(s => s != MainCoordinator)).Distinct().ToList(),
        ["coordinators"] = Ui.Names(Coordinators),
        ["channel"] = Text(Channel),
        ["issues"] = Issues,
        ["otherIssue"] = Text(OtherIssue),
        ["notes"] = Notes,
        ["nextAction"] = Text(NextAction),
        ["nextActionDate"] = Text(NextActionDate),
        ["needIdentified"] = NeedIdentified,
    };
}
