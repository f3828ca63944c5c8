using Matching.Platform;
using Matching.Platform.Data;
using Matching.Platform.Hosting;
using Matching.Platform.Http;
using Matching.Platform.Tenancy;
using Matching.Programs.Kpis;
using Matching.Programs.Registry;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Matching.Programs;

/// <summary>Programs (tenants), their KPIs, and the ledger of counted events that feeds them.</summary>
public sealed class ProgramsModule : ServiceModule
{
    public const string ServiceName = "programs";

    public override string Name => ServiceName;

    public override IReadOnlyList<string> Routes { get; } =
        ["/api/programs", "/api/programs/{program}", "/api/programs/{program}/kpis/{**rest}", "/openapi/programs.json"];

    public override void AddServices(IServiceCollection services, IConfiguration configuration) =>
        services.AddServiceDatabase<ProgramsModule>(configuration, Name);

    public override void AddConsumers(IBusRegistrationConfigurator bus)
    {
        bus.AddServiceBatchConsumer<ConsultationLoggedConsumer>(Name);
        bus.AddServiceConsumer<ConsultationVoidedConsumer>(Name);
    }

    public override void MapEndpoints(IEndpointRouteBuilder routes)
    {
        var database = routes.ServiceProvider.GetRequiredService<ServiceDatabase<ProgramsModule>>();
        var registry = routes.MapGroup("/api/programs").WithGroupName(Name).WithTags("Programs");
        registry.MapPost("/", CreateProgram.HandleAsync).Validate(new CreateProgram.Validator());
        registry.MapGet("/", ListPrograms.HandleAsync);
        registry.MapGet("/{program}", GetProgram.HandleAsync);

        var kpis = routes.MapProgramApi(this, new ProgramDirectory(database)).MapGroup("/kpis").WithTags("KPIs");
        kpis.MapGet("/consultations", GetConsultationCount.HandleAsync).Validate(new GetConsultationCount.Validator());
    }

    public override async Task StartAsync(IServiceProvider services, CancellationToken ct)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        if (configuration.GetValue<bool>("Matching:Demo:Enabled"))
            await DemoProgram.EnsureAsync(services.GetRequiredService<ServiceDatabase<ProgramsModule>>(), services.GetRequiredService<TimeProvider>(), ct);
    }
}
