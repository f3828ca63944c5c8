using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Matching.Platform.Http;

/// <summary>
/// A browser that asked for a page (not <c>/api/…</c>) and got an error — a page that does not exist, a method the page
/// does not take, a failure — gets an HTML page in its language with the way home, not a JSON problem. API clients keep
/// RFC 9457 problem details.
/// </summary>
internal sealed class HtmlProblemWriter : IProblemDetailsWriter
{
    private static readonly string[] ApiPrefixes = ["/api/", "/openapi/", "/health/"];

    public bool CanWrite(ProblemDetailsContext context)
    {
        var request = context.HttpContext.Request;
        if (ApiPrefixes.Any(p => request.Path.StartsWithSegments(p.TrimEnd('/'), StringComparison.OrdinalIgnoreCase)))
            return false;
        var accept = request.Headers.Accept.ToString();
        return accept.Contains("text/html", StringComparison.OrdinalIgnoreCase);
    }

    public async ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var response = context.HttpContext.Response;
        // A status page is written after the localization middleware has returned: answer in the language the request chose.
        if (context.HttpContext.Features.Get<Microsoft.AspNetCore.Localization.IRequestCultureFeature>() is { } culture)
            System.Globalization.CultureInfo.CurrentUICulture = culture.RequestCulture.UICulture;
        var status = context.ProblemDetails.Status ?? response.StatusCode;
        var english = LocalizedText.IsEnglish;
        var title = context.ProblemDetails.Title;
        if (PlatformTexts.StatusTitles.TryGetValue(status, out var known) && (title is null || PlatformTexts.IsFrameworkTitle(title)))
            title = known.ToString();
        title ??= english ? "Something went wrong" : "エラーが発生しました";
        title = title.TrimEnd('。'); // a heading, not a sentence (problem titles end with 。)
        var advice = status switch
        {
            404 => english ? "The page or record does not exist, or you are not a member of its program." : "お探しの画面やデータは見つからないか、あなたが参加していないプログラムのものです。",
            403 => english ? "Your role does not include this page. Roles are given by the system operator: ask them if you need it."
                : "あなたの役割ではこの画面は使えません。役割の追加・変更はシステム管理者が行います。必要な場合はシステム管理者にお問い合わせください。",
            >= 500 => english ? "Please try again later. If it keeps happening, tell your system operator the time it happened." : "時間をおいて再度お試しください。繰り返し起きる場合は、発生した日時をシステム管理者にお知らせください。",
            _ => english ? "The request could not be handled." : "このリクエストは処理できませんでした。",
        };
        var home = english ? "Back to home" : "ホームへ戻る";
        response.ContentType = "text/html; charset=utf-8";
        await response.WriteAsync($"""
            <!DOCTYPE html>
            <html lang="{(english ? "en" : "ja")}">
            <head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" />
            <title>{WebUtility.HtmlEncode(title)} - Matching</title><link rel="stylesheet" href="/site.css" /></head>
            <body>
            <header class="top"><a class="brand" href="/">Matching</a></header>
            <main id="main"><section class="narrow">
            <h1>{WebUtility.HtmlEncode(title)}</h1>
            <p>{WebUtility.HtmlEncode(advice)}</p>
            <p class="muted">{status}</p>
            <p><a href="/">{home}</a></p>
            </section></main>
            </body>
            </html>
            """, context.HttpContext.RequestAborted);
    }
}
