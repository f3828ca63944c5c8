using Matching.Platform;
using Matching.Platform.Auth;
using Matching.Platform.Http;
using Matching.Web.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Matching.Web;

/// <summary>
/// The web UI: server-rendered Razor Pages, Japanese by default with an English switch, for coordinators,
/// recruiters, program offices and operators. It calls the services only through their HTTP API.
/// </summary>
public sealed class WebModule : ServiceModule
{
    public const string ServiceName = "web";

    public override string Name => ServiceName;

    public override IReadOnlyList<string> Routes { get; } = ["/", "/signin", "/signout", "/account", "/admin/{**rest}", "/culture", "/site.css", "/print-date.css", "/combobox.js", "/p/{**rest}"];

    public override void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddRazorPages(o =>
            {
                o.Conventions.ConfigureFilter(new Microsoft.AspNetCore.Mvc.ResponseCacheAttribute { NoStore = true, Location = Microsoft.AspNetCore.Mvc.ResponseCacheLocation.None });
                o.Conventions.Add(new PageAccessConvention());
            })
            .AddApplicationPart(typeof(WebModule).Assembly);
        // The platform sends X-Frame-Options: DENY (and frame-ancestors 'none') on every response, not only on the one
        // that first sets the antiforgery cookie.
        services.AddAntiforgery(o => o.SuppressXFrameOptionsHeader = true);
        services.AddHttpContextAccessor();
        // Japanese text goes out as text, not as numeric character references.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddHttpClient<ApiClient>(c => c.Timeout = TimeSpan.FromSeconds(30))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { UseCookies = false });
    }

    public override void MapEndpoints(IEndpointRouteBuilder routes)
    {
        // Each page declares its rule ([PageAccess]) and checks the user itself by asking the API, which enforces
        // every rule again on each call.
        routes.MapRazorPages();
        MapFile(routes, "site.css", "text/css; charset=utf-8");
        MapFile(routes, "combobox.js", "text/javascript; charset=utf-8");
        routes.MapGet("/print-date.css", (string? date) => PrintDateStylesheet(date)).Allow(Access.Public).ExcludeFromDescription();
        routes.MapGet("/culture", (string? lang, string? returnUrl, HttpContext http) =>
        {
            var culture = lang == "en" ? "en" : "ja";
            http.Response.Cookies.Append(Microsoft.AspNetCore.Localization.CookieRequestCultureProvider.DefaultCookieName,
                Microsoft.AspNetCore.Localization.CookieRequestCultureProvider.MakeCookieValue(new Microsoft.AspNetCore.Localization.RequestCulture(culture)),
                new CookieOptions { Path = "/", MaxAge = TimeSpan.FromDays(365), SameSite = SameSiteMode.Lax, IsEssential = true, Secure = http.Request.IsHttps });
            return Results.LocalRedirect(LocalUrl.OrHome(returnUrl));
        }).Allow(Access.Public).ExcludeFromDescription();
    }

    /// <summary>
    /// The print date at the foot of every printed page of a report, as a stylesheet (a margin box's text comes only
    /// from CSS, and the Content-Security-Policy allows no inline style). The text is built from a parsed date, never
    /// from the request's text; the language follows <c>?culture=</c>.
    /// </summary>
    private static IResult PrintDateStylesheet(string? date)
    {
        var day = DateOnly.TryParseExact(date, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d) ? d : (DateOnly?)null;
        var css = day is { } printed
            ? $"@media print {{ @page {{ @bottom-left {{ content: \"{Ui.L("印刷日：", "Printed: ")}{Ui.Date(printed)}\"; font-size: 9pt; }} }} }}\n"
            : "";
        return Results.Text(css, "text/css; charset=utf-8");
    }

    /// <summary>A file of wwwroot, embedded in the assembly, at <c>/{name}</c>.</summary>
    private static void MapFile(IEndpointRouteBuilder routes, string name, string contentType) =>
        routes.MapGet("/" + name, () => Results.Stream(typeof(WebModule).Assembly.GetManifestResourceStream("wwwroot/" + name)!, contentType))
            .Allow(Access.Public).ExcludeFromDescription();
}
