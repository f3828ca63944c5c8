using System.Text.Encodings.Web;
using Matching.Web.Api;
using Microsoft.AspNetCore.Html;

namespace Matching.Web;

/// <summary>Field errors next to their field, announced to screen readers and linked to the input.</summary>
public static class Forms
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    public static IHtmlContent Error(ApiProblem? problem, string field) =>
        problem?.For(field) is { } message
            ? new HtmlString($"<p class=\"error\" id=\"{field}-error\">{Encoder.Encode(message)}</p>")
            : HtmlString.Empty;

    /// <summary>
    /// aria attributes for an input whose field may have an error; the input of the first error also takes the focus,
    /// so after a failed post the user is where the first thing to correct is.
    /// </summary>
    public static IHtmlContent Aria(ApiProblem? problem, string field) =>
        problem?.For(field) is not null
            ? new HtmlString($"aria-invalid=\"true\" aria-describedby=\"{field}-error\"" + (IsFirstError(problem, field) ? " autofocus" : ""))
            : HtmlString.Empty;

    /// <summary><c>autofocus</c> for the first field of a form opened afresh (no problem to show).</summary>
    public static IHtmlContent FocusFirst(ApiProblem? problem) => problem is null ? new HtmlString("autofocus") : HtmlString.Empty;

    private static bool IsFirstError(ApiProblem problem, string field) =>
        problem.Errors.Keys.FirstOrDefault() is { } first && string.Equals(first, field, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Fields the page could not read as numbers (二百, 1,2,3): a problem shown like the API's, so a mistyped number is
    /// corrected instead of going to the API as no value. Null when every field was read.
    /// </summary>
    public static ApiProblem? Unreadable(Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary state)
    {
        var fields = state.Where(e => e.Value is { Errors.Count: > 0 }).Select(e => e.Key).ToList();
        return fields.Count == 0 ? null : new ApiProblem(
            Matching.Platform.Http.PlatformTexts.ValidationFailed.ToString(),
            fields.ToDictionary(f => char.ToLowerInvariant(f[0]) + f[1..], _ => new[] { Ui.L("半角の数字で入力してください。", "Enter a number.") },
                StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>The problem's title when it has no field errors to show (e.g. a wrong password).</summary>
    public static IHtmlContent Summary(ApiProblem? problem) =>
        problem is null ? HtmlString.Empty
            : new HtmlString($"<div class=\"alert\" role=\"alert\">{Encoder.Encode(problem.Title ?? "")}</div>");
}
