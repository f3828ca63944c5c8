using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Matching.Platform.Http;

/// <summary>
/// The headers every response of every process carries (pages, problem documents, files): no script but the
/// product's own files, never framed, no content sniffing, no referrer outside the site, and HSTS over TLS.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// Only the product's own files run or style a page: no inline script, no inline style, no event-handler
    /// attributes (the pages keep their script and style under the web UI's <c>wwwroot</c>).
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
        + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public const string StrictTransportSecurity = "max-age=31536000";

    /// <summary>Sets the headers on every response, whoever writes it (an error page as much as a page).</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                // For browsers that predate frame-ancestors; the antiforgery's own SAMEORIGIN is switched off (WebModule).
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "same-origin";
                if (context.Request.IsHttps)
                    headers.StrictTransportSecurity = StrictTransportSecurity;
                return Task.CompletedTask;
            });
            return next(context);
        });

    /// <summary>
    /// <c>Matching:Http:KnownProxies</c>: addresses and networks (<c>10.0.0.0/8, 192.0.2.7</c>) of the TLS-terminating
    /// proxies, ingress and gateway in front of this process. Their <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c>
    /// are honoured (the client's address in the audit log, https for HSTS and Secure cookies); anyone else's are ignored.
    /// Nothing is honoured without the setting.
    /// </summary>
    public static IServiceCollection AddKnownProxies(this IServiceCollection services, IConfiguration configuration)
    {
        var proxies = (configuration["Matching:Http:KnownProxies"] ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // The defaults trust loopback: only what is configured is trusted here.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            // An ingress and then the gateway: every known proxy in the chain is passed, up to the first unknown address.
            o.ForwardLimit = null;
            foreach (var proxy in proxies)
            {
                if (proxy.Contains('/', StringComparison.Ordinal))
                    o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(proxy));
                else
                    o.KnownProxies.Add(IPAddress.Parse(proxy));
            }
        });
        return services;
    }

    public static IApplicationBuilder UseKnownProxies(this IApplicationBuilder app, IConfiguration configuration) =>
        string.IsNullOrWhiteSpace(configuration["Matching:Http:KnownProxies"]) ? app : app.UseForwardedHeaders();
}
