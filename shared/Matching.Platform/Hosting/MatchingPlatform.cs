using System.Text.Json;
using System.Text.Json.Serialization;
using Matching.Platform.Auth;
using Matching.Platform.Data;
using Matching.Platform.Http;
using Matching.Platform.Messaging;
using Matching.Platform.Notifications;
using Matching.Platform.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Matching.Platform.Hosting;

/// <summary>What every Matching process sets up, whichever services it runs.</summary>
public static class MatchingPlatform
{
    public static readonly string[] Cultures = ["ja", "en"];

    public static WebApplicationBuilder AddMatchingPlatform(this WebApplicationBuilder builder, IReadOnlyList<ServiceModule> modules)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;

        if (configuration.GetValue<TimeSpan?>("Matching:Clock:Offset") is { } offset && offset != TimeSpan.Zero)
            services.TryAddSingleton<TimeProvider>(new OffsetClock(offset));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(configuration.GetSection("Matching:Outbox").Get<OutboxOptions>() ?? new OutboxOptions());
        services.AddSingleton(configuration.GetSection("Matching:History").Get<HistoryOptions>() ?? new HistoryOptions());
        services.AddMatchingNotifications(configuration);
        services.AddMatchingWebhooks(configuration);
        services.AddSingleton<Imports.ImportRunner>();
        services.AddHostedService(sp => sp.GetRequiredService<Imports.ImportRunner>());

        builder.WebHost.ConfigureKestrel(k =>
            k.Limits.MaxRequestBodySize = configuration.GetValue<long?>("Matching:Http:MaxRequestBodyBytes") ?? 1_048_576);

        services.ConfigureHttpJsonOptions(o =>
            o.SerializerOptions.Converters.Add(MatchingJson.EnumConverter));
        // Unreadable bodies reach the exception handler, which answers with field-level problem details.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        // Before the JSON writer: the first writer that can write a problem does.
        services.AddSingleton<Microsoft.AspNetCore.Http.IProblemDetailsWriter, Http.HtmlProblemWriter>();
        services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
            context.ProblemDetails.Extensions["traceId"] = context.HttpContext.TraceIdentifier;
            // Problems written by the framework itself (404 for no route, 413, 415 …) get the localized title too.
            if (context.ProblemDetails.Status is { } status && PlatformTexts.StatusTitles.TryGetValue(status, out var title)
                && (context.ProblemDetails.Title is null || PlatformTexts.IsFrameworkTitle(context.ProblemDetails.Title)))
                context.ProblemDetails.Title = title.ToString();
        });
        services.AddExceptionHandler<RequestExceptionHandler>();
        services.AddKnownProxies(configuration);
        services.AddRequestLocalization(o =>
        {
            o.SetDefaultCulture(Cultures[0]).AddSupportedCultures(Cultures).AddSupportedUICultures(Cultures);
            o.ApplyCurrentCultureToResponseHeaders = true;
        });
        Validation.ConfigureGlobally();

        // Antiforgery tokens of the web UI and the sign-in state of OpenID Connect are protected with these keys:
        // replicas of a service share the folder.
        var keys = configuration["Matching:KeysDirectory"] ?? Path.Combine(configuration["Matching:Database:DataDirectory"] ?? "data", "keys");
        services.AddDataProtection().SetApplicationName("Matching").PersistKeysToFileSystem(new DirectoryInfo(keys));

        services.AddAuthentication(MatchingAuthenticationHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, MatchingAuthenticationHandler>(MatchingAuthenticationHandler.SchemeName, null);
        if (configuration["Matching:Auth:EdgeSecret"] is { Length: > 0 } edgeSecret)
            // The freshness of a signed identity is real time between two processes, not the business clock a
            // Matching:Clock:Offset may move.
            services.AddSingleton(new EdgeIdentity(edgeSecret, TimeProvider.System));

        services.AddHealthChecks();
        // Registered before the modules' databases, which report their consumers' commits to it (in-memory bus only).
        if (BusSetup.IsInMemory(configuration))
            services.AddSingleton(new DeliveryReceipts());
        foreach (var module in modules)
        {
            module.AddServices(services, configuration);
            services.AddOpenApi(module.Name, o => o.ShouldInclude = d => d.GroupName == module.Name);
        }
        services.AddMatchingBus(configuration, modules);
        AddTelemetry(builder);
        return builder;
    }

    /// <summary>Applies every database's migrations and runs the modules' start-up work, before serving.</summary>
    public static async Task PrepareAsync(this WebApplication app, IReadOnlyList<ServiceModule> modules, CancellationToken ct = default)
    {
        foreach (var migrated in app.Services.GetServices<DatabaseSetup.MigratedDatabase>())
        {
            await Migrator.ApplyAsync(migrated.Database, "platform", typeof(MatchingPlatform).Assembly, ct);
            await Migrator.ApplyAsync(migrated.Database, migrated.Database.Service, migrated.Migrations, ct);
            // A service's first start, or a consumer new in this release: ask the publishers for their history.
            var queues = app.Services.GetServices<ConsumerQueue>().Where(q => q.Service == migrated.Database.Service).ToList();
            await CatchUp.RequestForNewQueuesAsync(migrated.Database, queues, ct);
        }
        foreach (var module in modules)
            await module.StartAsync(app.Services, ct);
    }

    public static WebApplication UseMatchingPlatform(this WebApplication app, IReadOnlyList<ServiceModule> modules)
    {
        app.UseKnownProxies(app.Configuration);
        app.UseSecurityHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRequestLocalization();
        app.UseAuthentication();
        app.UseMiddleware<AccessMiddleware>();

        // Liveness has no checks: the process answers. Readiness asks every database and the bus.
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).Allow(Access.Public);
        // Readiness says what each check found (a catch-up's progress, an outbox backlog), not only the overall status.
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = WriteReadinessAsync })
            .Allow(Access.Public);
        app.MapOpenApi().Allow(Access.Public);
        foreach (var module in modules)
            module.MapEndpoints(app);
        return app;
    }

    /// <summary><c>{"status":"Degraded","checks":{"catch-up-programs":{"status":"Degraded","description":"…"}}}</c></summary>
    private static Task WriteReadinessAsync(HttpContext context, Microsoft.Extensions.Diagnostics.HealthChecks.HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, MatchingJson.Options));
    }

    private static void AddTelemetry(WebApplicationBuilder builder)
    {
        // Exporting is opt-in (standard OpenTelemetry variable OTEL_EXPORTER_OTLP_ENDPOINT). Without an exporter no
        // spans or metrics are recorded at all, so an unobserved process pays nothing for them.
        if (string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
            return;
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(builder.Configuration["OTEL_SERVICE_NAME"] ?? "matching"))
            .WithTracing(t => t
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddSource("MassTransit"))
            .WithMetrics(m => m
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddMeter("MassTransit", "Matching.Outbox", "Matching.History"))
            .UseOtlpExporter();
    }
}
