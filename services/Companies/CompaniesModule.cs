using Matching.Platform;
using Matching.Platform.Auth;
using Matching.Platform.Data;
using Matching.Platform.Hosting;
using Matching.Platform.Http;
using Matching.Platform.Tenancy;
using Matching.Companies.Registration;
using Matching.Companies.Search;
using Matching.Companies.Needs;
using Matching.Companies.Imports;
using Matching.Platform.Imports;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Matching.Companies;

/// <summary>The program's client companies and, later, their talent needs.</summary>
public sealed class CompaniesModule : ServiceModule
{
    public const string ServiceName = "companies";

    public override string Name => ServiceName;

    public override IReadOnlyList<string> Routes { get; } =
        ["/api/programs/{program}/companies/{**rest}", "/api/programs/{program}/needs/{**rest}", "/openapi/companies.json"];

    public override void AddServices(IServiceCollection services, IConfiguration configuration) =>
        services.AddServiceDatabase<CompaniesModule>(configuration, Name);

    public override void AddConsumers(IBusRegistrationConfigurator bus)
    {
        bus.AddServiceHistory<CompaniesModule>(Name);
        bus.AddServiceConsumer<ProgramCreatedConsumer<CompaniesModule>>(Name);
        bus.AddServiceConsumer<ProgramRenamedConsumer<CompaniesModule>>(Name);
        bus.AddServiceConsumer<Needs.ConsultationLoggedConsumer>(Name);
        bus.AddServiceConsumer<Needs.NeedReferredConsumer>(Name);
        bus.AddServiceConsumer<Needs.ReferralAcceptedConsumer>(Name);
        bus.AddServiceConsumer<Needs.ReferralDeclinedConsumer>(Name);
        bus.AddServiceConsumer<Needs.ReferralExpiredConsumer>(Name);
        bus.AddServiceConsumer<Needs.ReferralWithdrawnConsumer>(Name);
        bus.AddServiceConsumer<Needs.PlacementMadeConsumer>(Name);
        bus.AddServiceConsumer<Needs.PlacementCancelledConsumer>(Name);
    }

    public override void MapEndpoints(IEndpointRouteBuilder routes)
    {
        var database = routes.ServiceProvider.GetRequiredService<ServiceDatabase<CompaniesModule>>();
        var program = routes.MapProgramApi(this, new ProgramDirectory(database));
        var companies = program.MapGroup("/companies").WithTags("Companies");
        var needs = program.MapGroup("/needs").WithTags("Talent needs");
        var staff = Access.Program(ProgramRole.Coordinator, ProgramRole.Office);
        var clock = routes.ServiceProvider.GetRequiredService<TimeProvider>();
        var coordinators = Access.Program(ProgramRole.Coordinator);
        companies.MapPost("/", RegisterCompany.HandleAsync).Validate(new CompanyDetails.Validator(clock)).Allow(coordinators);
        companies.MapPut("/{id:guid}", UpdateCompany.HandleAsync).Validate(new UpdateCompany.Validator(clock)).Allow(coordinators);
        companies.MapGet("/", SearchCompanies.HandleAsync).Validate(new SearchCompanies.Validator()).Allow(staff);
        companies.MapGet("/export.csv", ExportCompanies.HandleAsync).Validate(new SearchCompanies.Validator()).Allow(staff);
        companies.MapGet("/duplicates", FindLikelyDuplicates.HandleAsync).Validate(new FindLikelyDuplicates.Validator()).Allow(staff);
        companies.MapGet("/{id:guid}", GetCompany.HandleAsync).WithName("GetCompany").Allow(staff);
        companies.MapImports<CompaniesModule>(new CompanyListImport(clock), new CorporateNumberImport(clock));
        companies.MapPost("/{companyId:guid}/needs", OpenNeed.HandleAsync).Validate(new OpenNeed.Validator(clock)).Allow(coordinators);
        needs.MapGet("/", ListNeeds.HandleAsync).Validate(new ListNeeds.Validator()).Allow(staff);
        needs.MapGet("/{id:guid}", GetNeed.HandleAsync).Allow(staff);
        needs.MapPut("/{id:guid}", ChangeNeed.EditAsync).Validate(new ChangeNeed.EditValidator()).Allow(coordinators);
        needs.MapPost("/{id:guid}/status", ChangeNeed.ChangeStatusAsync).Validate(new ChangeNeed.StatusValidator()).Allow(coordinators);
    }
}
