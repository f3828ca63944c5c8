using System.Data.Common;
using System.Text.Json;
using Matching.Platform.Data;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace Matching.Platform.Http;

/// <summary>
/// Turns what a handler cannot know about — unreadable JSON, a body over the limit, a unique index refusing a row —
/// into problem details. Anything else is a 500 problem without internals.
/// </summary>
internal sealed class RequestExceptionHandler(IProblemDetailsService problemDetails, ILogger<RequestExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        // The exception has left the localization middleware behind: answer in the language the request chose.
        if (httpContext.Features.Get<Microsoft.AspNetCore.Localization.IRequestCultureFeature>() is { } culture)
        {
            System.Globalization.CultureInfo.CurrentCulture = culture.RequestCulture.Culture;
            System.Globalization.CultureInfo.CurrentUICulture = culture.RequestCulture.UICulture;
        }
        var problem = exception switch
        {
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
                Problems.Of(StatusCodes.Status413PayloadTooLarge, PlatformTexts.BodyTooLarge),
            BadHttpRequestException { InnerException: JsonException json } => JsonProblem(json),
            BadHttpRequestException bad when bad.Message.Contains("body was provided", StringComparison.OrdinalIgnoreCase) =>
                WithField(Problems.Of(StatusCodes.Status400BadRequest, PlatformTexts.ValidationFailed), "body", PlatformTexts.MissingBody),
            BadHttpRequestException bad => Problems.Of(bad.StatusCode, PlatformTexts.BadRequest, bad.Message),
            DbException db when SqlDialect.Sqlite.IsUniqueViolation(db) || SqlDialect.SqlServer.IsUniqueViolation(db) =>
                Problems.Of(StatusCodes.Status409Conflict, PlatformTexts.Conflict),
            _ => Problems.Of(StatusCodes.Status500InternalServerError, PlatformTexts.ServerError),
        };
        if (problem.Status >= 500)
            logger.LogError(exception, "{Method} {Path} failed.", httpContext.Request.Method, httpContext.Request.Path);
        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    private static ProblemDetails JsonProblem(JsonException json)
    {
        var problem = Problems.Of(StatusCodes.Status400BadRequest, PlatformTexts.ValidationFailed);
        // A reader error (the text is not JSON at all) comes wrapped; a value of the wrong type does not.
        var field = json.InnerException is JsonException ? null : FieldOf(json.Path);
        return field is null
            ? WithField(problem, "body", PlatformTexts.MalformedBody)
            : WithField(problem, field, PlatformTexts.InvalidValue);
    }

    private static ProblemDetails WithField(ProblemDetails problem, string field, LocalizedText message)
    {
        problem.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [message.ToString()] };
        return problem;
    }

    /// <summary>"$.company.date" → "company.date"; "$" or none → null (the body as a whole is unreadable).</summary>
    private static string? FieldOf(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? null : path.TrimStart('$', '.');
}
