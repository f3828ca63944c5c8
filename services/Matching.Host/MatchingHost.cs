using Matching.Candidates;
using Matching.Placements;
using Matching.Companies;
using Matching.Coordinators;
using Matching.Platform;
using Matching.Platform.Auth;
using Matching.Platform.Hosting;
using Matching.Programs;
using Matching.Web;

namespace Matching.Host;

/// <summary>
/// The one executable. Without <c>--services</c> it runs every service in one process (embedded default:
/// in-memory bus, one SQLite file per service, demo data). With <c>--services companies,coordinators</c> it runs
/// those only; <c>--services gateway</c> runs the reverse proxy that gives clients one address in front of them.
/// </summary>
public static class MatchingHost
{
    public const string Gateway = "gateway";

    public static IReadOnlyList<ServiceModule> AllModules() =>
        [new ProgramsModule(), new CompaniesModule(), new CoordinatorsModule(), new CandidatesModule(), new PlacementsModule(), new WebModule()];

    public static async Task<WebApplication> BuildAsync(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // Settings ship beside the executable, wherever it is started from; relative data paths follow the working directory.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        configure?.Invoke(builder);

        var all = AllModules();
        var selection = Selection(builder.Configuration["services"], all);
        var modules = all.Where(m => selection.Contains(m.Name)).ToList();
        var embedded = builder.Configuration["services"] is null;
        // Demo data belongs to the embedded default only, unless configuration says otherwise.
        builder.Configuration["Matching:Demo:Enabled"] ??= embedded ? "true" : "false";

        builder.AddMatchingPlatform(modules);
        // Sample companies and consultations, entered through the API, when the embedded default runs in demo mode.
        if (embedded && builder.Configuration.GetValue<bool>("Matching:Demo:Enabled") && builder.Configuration.GetValue("Matching:Demo:SampleData", true))
            builder.Services.AddHostedService<DemoData>();
        var gateway = selection.Contains(Gateway);
        var remoteAccounts = gateway && GatewayRoutes.Configure(builder, all.Where(m => !selection.Contains(m.Name)));

        var app = builder.Build();
        await app.PrepareAsync(modules);
        if (remoteAccounts)
            app.UseMiddleware<GatewayIdentity>();
        app.UseMatchingPlatform(modules);
        // Behind the gateway each service checks its own rules on the user the gateway vouches for.
        if (gateway)
        {
            // Uploaded files (imports) are larger than any other request: the service behind checks their own limit.
            var importLimit = (builder.Configuration.GetValue<long?>("Matching:Imports:MaxFileBytes") ?? 64L * 1024 * 1024) + 1;
            app.MapReverseProxy(proxy => proxy.Use((context, next) =>
            {
                if (HttpMethods.IsPost(context.Request.Method) && context.Request.Path.Value?.EndsWith("/imports", StringComparison.Ordinal) == true
                    && context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
                    size.MaxRequestBodySize = importLimit;
                return next();
            })).Allow(Access.Public);
        }
        return app;
    }

    private static HashSet<string> Selection(string? services, IReadOnlyList<ServiceModule> all)
    {
        var known = all.Select(m => m.Name).Append(Gateway).ToHashSet(StringComparer.Ordinal);
        if (services is null)
            return all.Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        var chosen = services.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => s.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        var unknown = chosen.Except(known).ToList();
        if (unknown.Count > 0 || chosen.Count == 0)
            throw new ArgumentException($"--services takes a comma-separated list of: {string.Join(", ", known)}; unknown: {string.Join(", ", unknown)}");
        return chosen;
    }
}
