using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Matching.Platform.Http;

/// <summary>RFC 9457 problem details, built one way for every service.</summary>
public static class Problems
{
    public static ProblemDetails Of(int status, LocalizedText title, string? detail = null) => new()
    {
        Status = status,
        Title = title.ToString(),
        Detail = detail,
        Type = $"https://tools.ietf.org/html/rfc9110#section-15.{(status >= 500 ? "6" : "5")}.{SectionOf(status)}",
    };

    // ProblemHttpResult goes through IProblemDetailsService: application/problem+json, instance and trace id added.
    public static ProblemHttpResult NotFound(LocalizedText title, string? detail = null) =>
        TypedResults.Problem(Of(StatusCodes.Status404NotFound, title, detail));

    public static ProblemHttpResult UnknownProgram(string program) =>
        NotFound(PlatformTexts.UnknownProgram.Format(program));

    public static ProblemHttpResult Conflict(LocalizedText title, string? detail = null) =>
        TypedResults.Problem(Of(StatusCodes.Status409Conflict, title, detail));

    /// <summary>A 400 with field errors (<c>errors</c>: field → messages), as a validator would produce.</summary>
    public static ValidationProblem Invalid(string field, LocalizedText message) =>
        Invalid(new Dictionary<string, string[]> { [field] = [message.ToString()] });

    public static ValidationProblem Invalid(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: PlatformTexts.ValidationFailed.ToString());

    private static int SectionOf(int status) => status switch
    {
        400 => 1, 401 => 2, 403 => 4, 404 => 5, 405 => 6, 409 => 10, 413 => 14, 415 => 16, 422 => 21,
        500 => 1, 503 => 4,
        _ => 1,
    };
}
