using Matching.Platform;
using Matching.Platform.Auth;
using Matching.Platform.Data;
using Matching.Platform.Hosting;
using Matching.Platform.Http;
using Matching.Platform.Tenancy;
using Matching.Companies.Registration;
using Matching.Companies.Search;
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
        ["/api/programs/{program}/companies/{**rest}", "/openapi/companies.json"];

    public override void AddServices(IServiceCollection services, IConfiguration configuration) =>
        services.AddServiceDatabase<CompaniesModule>(configuration, Name);

    public override void AddConsumers(IBusRegistrationConfigurator bus) =>
        bus.AddServiceConsumer<ProgramCreatedConsumer<CompaniesModule>>(Name);

    public override void MapEndpoints(IEndpointRouteBuilder routes)
    {
        var database = routes.ServiceProvider.GetRequiredService<ServiceDatabase<CompaniesModule>>();
        var companies = routes.MapProgramApi(this, new ProgramDirectory(database)).MapGroup("/companies").WithTags("Companies");
        var staff = Access.Program(ProgramRole.Coordinator, ProgramRole.Office);
        companies.MapPost("/", RegisterCompany.HandleAsync).Validate(new RegisterCompany.Validator()).Allow(Access.Program(ProgramRole.Coordinator));
        companies.MapGet("/", SearchCompanies.HandleAsync).Validate(new SearchCompanies.Validator()).Allow(staff);
        companies.MapGet("/duplicates", FindLikelyDuplicates.HandleAsync).Validate(new FindLikelyDuplicates.Validator()).Allow(staff);
        companies.MapGet("/{id:guid}", GetCompany.HandleAsync).WithName("GetCompany").Allow(staff);
    }
}
