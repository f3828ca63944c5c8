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

    /// <summary>aria attributes for an input whose field may have an error.</summary>
    public static IHtmlContent Aria(ApiProblem? problem, string field) =>
        problem?.For(field) is not null
            ? new HtmlString($"aria-invalid=\"true\" aria-describedby=\"{field}-error\"")
            : HtmlString.Empty;

    /// <summary>The problem's title when it has no field errors to show (e.g. a wrong password).</summary>
    public static IHtmlContent Summary(ApiProblem? problem) =>
        problem is null ? HtmlString.Empty
            : new HtmlString($"<div class=\"alert\" role=\"alert\">{Encoder.Encode(problem.Title ?? "")}</div>");
}
