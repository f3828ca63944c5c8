using System.Globalization;
using Matching.Web.Api;

namespace Matching.Web.Pages.Program;

/// <summary>A consultation as the logging and correction forms post it.</summary>
public sealed class ConsultationForm
{
    public Guid? CompanyId { get; set; }

    public string? Date { get; set; }

    public string? Channel { get; set; } = "visit";

    /// <summary>One or more names, separated by 、 or commas; the first is the main coordinator.</summary>
    public string? Coordinators { get; set; }

    public List<string> Issues { get; set; } = [];

    public string? OtherIssue { get; set; }

    public string? Notes { get; set; }

    public string? NextAction { get; set; }

    public string? NextActionDate { get; set; }

    public bool NeedIdentified { get; set; }

    public static ConsultationForm Of(Consultation c) => new()
    {
        CompanyId = c.CompanyId, Date = c.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Channel = c.Channel,
        Coordinators = string.Join("、", c.Coordinators), Issues = [.. c.Issues], OtherIssue = c.OtherIssue, Notes = c.Notes,
        NextAction = c.NextAction, NextActionDate = c.NextActionDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        NeedIdentified = c.NeedIdentified,
    };

    private static string? Text(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;

    /// <summary>The content fields of the API's request (logging adds company and date, correcting the version).</summary>
    public Dictionary<string, object?> ToContent() => new()
    {
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
