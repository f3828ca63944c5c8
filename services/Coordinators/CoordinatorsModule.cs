using Matching.Coordinators.Companies;
using Matching.Coordinators.Consultations;
using Matching.Coordinators.Recruiters;
using Matching.Coordinators.Referrals;
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

/// <summary>The coordinators' work: consultation log, seminars, the recruiter registry and referrals (取次).</summary>
public sealed class CoordinatorsModule : ServiceModule
{
    public const string ServiceName = "coordinators";

    public override string Name => ServiceName;

    public override IReadOnlyList<string> Routes { get; } =
    [
        "/api/programs/{program}/consultations/{**rest}", "/api/programs/{program}/seminars/{**rest}", "/api/programs/{program}/firms/{**rest}",
        "/api/programs/{program}/referrals/{**rest}", "/openapi/coordinators.json",
    ];

    public override void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddServiceDatabase<CoordinatorsModule>(configuration, Name);
        services.AddSingleton(ReferralOptions.From(configuration));
        services.AddSingleton<ReferralDeadlines>();
        services.AddHostedService(sp => sp.GetRequiredService<ReferralDeadlines>());
    }

    public override void AddConsumers(IBusRegistrationConfigurator bus)
    {
        bus.AddServiceHistory<CoordinatorsModule>(Name);
        bus.AddServiceConsumer<ProgramCreatedConsumer<CoordinatorsModule>>(Name);
        bus.AddServiceConsumer<ProgramRenamedConsumer<CoordinatorsModule>>(Name);
        bus.AddServiceConsumer<CompanyRegisteredConsumer>(Name);
        bus.AddServiceConsumer<Recruiters.RecruiterFirmNamedConsumer>(Name);
        bus.AddServiceConsumer<CompanyUpdatedConsumer>(Name);
        bus.AddServiceConsumer<TalentNeedOpenedConsumer>(Name);
        bus.AddServiceConsumer<NeedOpenedCopyConsumer>(Name);
        bus.AddServiceConsumer<NeedChangedCopyConsumer>(Name);
        bus.AddServiceConsumer<Recruiters.CandidateIntroducedWebhookConsumer>(Name);
        bus.AddServiceConsumer<Recruiters.IntroductionStageWebhookConsumer>(Name);
        bus.AddServiceConsumer<Staff.ProgramStaffChangedConsumer>(Name);
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
        consultations.MapGet("/coordinators", Staff.StaffEndpoints.ListAsync).Allow(staff);
        consultations.MapGet("/next-actions", NextActions.HandleAsync).Validate(new NextActions.Validator()).Allow(staff);
        consultations.MapGet("/", ListConsultations.HandleAsync).Validate(new ListConsultations.Validator()).Allow(staff);
        consultations.MapGet("/export", (string program, string? format, ListConsultations.Request request, ServiceDatabase<CoordinatorsModule> database, TimeProvider clock, CancellationToken ct) =>
                format is null or "csv" or "xlsx"
                    ? ListConsultations.ExportAsync(program, format ?? "csv", request, database, clock, ct)
                    : Task.FromResult<IResult>(Problems.Invalid("format", ListConsultations.FormatUnknown)))
            .Validate(new ListConsultations.Validator()).Allow(staff);
        consultations.MapPut("/{id:guid}", CorrectConsultation.HandleAsync).Validate(new CorrectConsultation.Validator()).Allow(coordinators);
        consultations.MapImports<CoordinatorsModule>(new ConsultationLogImport(routes.ServiceProvider.GetRequiredService<TimeProvider>()));
        seminars.MapPost("/", HoldSeminar.HandleAsync).Validate(new HoldSeminar.Validator(routes.ServiceProvider.GetRequiredService<TimeProvider>())).Allow(coordinators);
        seminars.MapGet("/", HoldSeminar.ListAsync).Allow(staff);
        seminars.MapGet("/{id:guid}", HoldSeminar.GetAsync).Allow(staff);
        consultations.MapPost("/{id:guid}/void", VoidConsultation.HandleAsync).Validate(new VoidConsultation.Validator()).Allow(coordinators);

        // 登録民間人材ビジネス事業者 and 取次: the office keeps the registry; coordinators refer; a firm answers its own.
        var clock = routes.ServiceProvider.GetRequiredService<TimeProvider>();
        var office = Access.Program(ProgramRole.Office);
        var recruiters = Access.Program(ProgramRole.Recruiter);
        var everyone = Access.Program(ProgramRole.Coordinator, ProgramRole.Office, ProgramRole.Recruiter);
        var firms = program.MapGroup("/firms").WithTags("Recruiting firms");
        firms.MapPost("/", FirmEndpoints.RegisterAsync).Validate(new FirmEndpoints.RegisterValidator(clock)).Allow(office);
        firms.MapGet("/", FirmEndpoints.ListAsync).Allow(everyone);
        firms.MapGet("/suggestions", FirmSuggestions.HandleAsync).Allow(coordinators);
        firms.MapGet("/figures", FirmFigures.HandleAsync).Validate(new FirmFigures.Validator()).Allow(staff);
        firms.MapGet("/{id:guid}", FirmEndpoints.GetAsync).Allow(everyone);
        firms.MapPut("/{id:guid}", FirmEndpoints.UpdateAsync).Validate(new FirmEndpoints.UpdateValidator()).Allow(office);
        firms.MapPost("/{id:guid}/status", FirmEndpoints.ChangeStatusAsync).Validate(new FirmEndpoints.StatusValidator(clock)).Allow(office);
        var webhookOptions = routes.ServiceProvider.GetRequiredService<Platform.Webhooks.WebhookOptions>();
        var firmAndOffice = Access.Program(ProgramRole.Office, ProgramRole.Recruiter);
        firms.MapGet("/{id:guid}/webhook", FirmWebhooks.GetAsync).Allow(firmAndOffice);
        firms.MapPut("/{id:guid}/webhook", FirmWebhooks.PutAsync).Validate(new FirmWebhooks.EndpointValidator(webhookOptions)).Allow(firmAndOffice);
        firms.MapPost("/{id:guid}/webhook/rotate", FirmWebhooks.RotateAsync).Validate(new FirmWebhooks.RotateValidator()).Allow(firmAndOffice);
        firms.MapGet("/{id:guid}/webhook/deliveries", FirmWebhooks.LogAsync).Validate(new FirmWebhooks.LogValidator()).Allow(firmAndOffice);
        firms.MapPost("/{id:guid}/webhook/deliveries/{deliveryId}/replay", FirmWebhooks.ReplayAsync).Allow(firmAndOffice);
        firms.MapPost("/{id:guid}/webhook/replay-failed", FirmWebhooks.ReplayFailedAsync).Validate(new FirmWebhooks.ReplayFailedValidator()).Allow(firmAndOffice);
        var referrals = program.MapGroup("/referrals").WithTags("Referrals");
        referrals.MapPost("/", ReferralEndpoints.ReferAsync).Validate(new ReferralEndpoints.ReferValidator()).Allow(coordinators);
        referrals.MapGet("/", ReferralEndpoints.ListAsync).Validate(new ReferralEndpoints.ListValidator()).Allow(everyone);
        referrals.MapGet("/{id:guid}", ReferralEndpoints.GetAsync).Allow(everyone);
        referrals.MapPost("/{id:guid}/accept", ReferralEndpoints.AcceptAsync).Validate(new ReferralEndpoints.AnswerValidator()).Allow(recruiters);
        referrals.MapPost("/{id:guid}/decline", ReferralEndpoints.DeclineAsync).Validate(new ReferralEndpoints.DeclineValidator()).Allow(recruiters);
        referrals.MapPost("/{id:guid}/withdraw", ReferralEndpoints.WithdrawAsync).Validate(new ReferralEndpoints.WithdrawValidator()).Allow(coordinators);
    }

    public override Task StartAsync(IServiceProvider services, CancellationToken ct) =>
        FirmAnnouncements.AnnouncePendingAsync(services.GetRequiredService<ServiceDatabase<CoordinatorsModule>>(), services.GetRequiredService<TimeProvider>(), ct);
}
