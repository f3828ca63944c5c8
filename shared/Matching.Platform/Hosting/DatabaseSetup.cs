using Matching.Platform.Data;
using Matching.Platform.Messaging;
using Matching.Platform.Notifications;
using Matching.Platform.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Matching.Platform.Hosting;

public static class DatabaseSetup
{
    /// <summary>
    /// Gives the service <typeparamref name="TService"/> its own database (SQLite file under <c>Matching:Database:DataDirectory</c>
    /// by default; <c>ConnectionStrings:&lt;service&gt;</c> and <c>Matching:Database:Provider</c> choose otherwise),
    /// its outbox dispatcher, its event history relay and its readiness checks.
    /// </summary>
    /// <param name="keepsAuditLog">The service keeps the product's one audit log (<see cref="ServiceDatabase.KeepsAuditLog"/>).</param>
    public static IServiceCollection AddServiceDatabase<TService>(this IServiceCollection services, IConfiguration configuration, string service,
        bool keepsAuditLog = false)
        where TService : ServiceModule
    {
        var provider = configuration["Matching:Database:Provider"] ?? "sqlite";
        var dialect = provider.Equals("sqlserver", StringComparison.OrdinalIgnoreCase) ? SqlDialect.SqlServer : SqlDialect.Sqlite;
        var connectionString = configuration.GetConnectionString(service) ?? DefaultSqlite(configuration, service);
        if (dialect == SqlDialect.Sqlite)
            EnsureFolderOf(connectionString);

        var database = new ServiceDatabase<TService>(service, dialect, connectionString, new OutboxSignal())
        {
            Receipts = DeliveryReceipts.Registered(services),
            KeepsAuditLog = keepsAuditLog,
        };
        services.AddSingleton(database);
        services.AddSingleton(new MigratedDatabase(database, typeof(TService).Assembly));
        services.AddSingleton<IHostedService>(sp => new OutboxDispatcher(
            database,
            sp.GetRequiredService<MassTransit.IBus>(),
            sp.GetRequiredService<OutboxOptions>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<OutboxDispatcher>>()));
        services.AddNotificationDispatcher(database);
        services.AddWebhookDispatcher(database);
        services.AddSingleton<IHostedService>(sp => new HistoryRelay(
            database,
            sp.GetRequiredService<MassTransit.IBus>(),
            sp.GetRequiredService<BusOptions>(),
            sp.GetRequiredService<HistoryOptions>(),
            sp.GetRequiredService<OutboxOptions>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<HistoryRelay>>()));
        services.AddHealthChecks()
            .AddCheck($"catch-up-{service}", new CatchUpHealthCheck(database), failureStatus: HealthStatus.Degraded, tags: ["ready"])
            .AddCheck($"database-{service}", new DatabaseHealthCheck(database), tags: ["ready"])
            .Add(new HealthCheckRegistration($"outbox-{service}",
                sp => new OutboxHealthCheck(database, sp.GetRequiredService<OutboxOptions>(), sp.GetRequiredService<TimeProvider>()),
                failureStatus: HealthStatus.Degraded, tags: ["ready"]));
        return services;
    }

    private static string DefaultSqlite(IConfiguration configuration, string service)
    {
        var folder = configuration["Matching:Database:DataDirectory"] ?? "data";
        return $"Data Source={Path.Combine(folder, service + ".db")};Pooling=True;Default Timeout=30";
    }

    private static void EnsureFolderOf(string sqliteConnectionString)
    {
        var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(sqliteConnectionString);
        var folder = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (!string.IsNullOrEmpty(folder))
            Directory.CreateDirectory(folder);
    }

    /// <summary>A database and the assembly holding its service's migration scripts.</summary>
    public sealed record MigratedDatabase(ServiceDatabase Database, System.Reflection.Assembly Migrations);

    private sealed class DatabaseHealthCheck(ServiceDatabase database) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await database.ExecuteScalarAsync<int>("SELECT 1", null, cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                return HealthCheckResult.Unhealthy($"The {database.Service} database does not answer.", ex);
            }
        }
    }
}
