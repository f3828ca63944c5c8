using Matching.Coordinators.Companies;
using Matching.Coordinators.Consultations;
using Matching.Coordinators.Seminars;
using Matching.Platform;
using Matching.Platform.Auth;
using Matching.Platform.Data;
using Matching.Platform.Hosting;
using Matching.Platform.Http;
using Matching.Platform.Imports;
using Matching.Platform.Tenancy;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Matching.Coordinators;

/// <summary>The coordinators' work: consultation log, later the recruiter registry and referrals (取次).</summary>
public sealed class CoordinatorsModule : ServiceModule
{
    public const string ServiceName = "coordinators";

    public override string Name => ServiceName;

    public override IReadOnlyList<string> Routes { get; } =
        ["/api/programs/{program}/consultations/{**rest}", "/api/programs/{program}/seminars/{**rest}", "/openapi/coordinators.json"];

    public override void AddServices(IServiceCollection services, IConfiguration configuration) =>
        services.AddServiceDatabase<CoordinatorsModule>(configuration, Name);

    public override void AddConsumers(IBusRegistrationConfigurator bus)
    {
        bus.AddServiceHistory<CoordinatorsModule>(Name);
        bus.AddServiceConsumer<ProgramCreatedConsumer<CoordinatorsModule>>(Name);
        bus.AddServiceConsumer<CompanyRegisteredConsumer>(Name);
        bus.AddServiceConsumer<CompanyUpdatedConsumer>(Name);
        bus.AddServiceConsumer<TalentNeedOpenedConsumer>(Name);
    }

    public override void MapEndpoints(IEndpointRouteBuilder routes)
    {
        var database = routes.ServiceProvider.GetRequiredService<ServiceDatabase<CoordinatorsModule>>();
        var program = routes.MapProgramApi(this, new ProgramDirectory(database));
        var consultations = program.MapGroup("/consultations").WithTags("Consultations");
        var seminars = program.MapGroup("/seminars").WithTags("Seminars");
        var coordinators = Access.Program(ProgramRole.Coordinator);
        var staff = Access.Program(ProgramRole.Coordinator, ProgramRole.Office);
        consultations.MapPost("/", LogConsultation.HandleAsync).Validate(new LogConsultation.Validator(routes.ServiceProvider.GetRequiredService<TimeProvider>()))
            .Allow(coordinators);
        consultations.MapGet("/{id:guid}", GetConsultation.HandleAsync).Allow(staff);
        consultations.MapGet("/", ListConsultations.HandleAsync).Validate(new ListConsultations.Validator()).Allow(staff);
        consultations.MapPut("/{id:guid}", CorrectConsultation.HandleAsync).Validate(new CorrectConsultation.Validator()).Allow(coordinators);
        consultations.MapImports<CoordinatorsModule>(new ConsultationLogImport(routes.ServiceProvider.GetRequiredService<TimeProvider>()));
        seminars.MapPost("/", HoldSeminar.HandleAsync).Validate(new HoldSeminar.Validator(routes.ServiceProvider.GetRequiredService<TimeProvider>())).Allow(coordinators);
        seminars.MapGet("/", HoldSeminar.ListAsync).Allow(staff);
        seminars.MapGet("/{id:guid}", HoldSeminar.GetAsync).Allow(staff);
        consultations.MapPost("/{id:guid}/void", VoidConsultation.HandleAsync).Validate(new VoidConsultation.Validator()).Allow(coordinators);
    }
}
