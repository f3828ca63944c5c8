using Matching.Placements.Copies;
using Matching.Placements.Fees;
using Matching.Placements.FollowUps;
using Matching.Placements.Hiring;
using Matching.Placements.Introductions;
using Matching.Placements.Settings;
using Matching.Platform;
using Matching.Platform.Auth;
using Matching.Platform.Data;
using Matching.Platform.Hosting;
using Matching.Platform.Http;
using Matching.Platform.Tenancy;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Matching.Placements;

/// <summary>
/// 紹介・成約・アフターフォロー — candidates introduced for talent needs and their stages, the placements (成約) they become
/// with where the person came from (道外・県外, U・I・Jターン), fees and refunds, grants, and the follow-ups that show
/// whether the person stays (定着).
/// </summary>
public sealed class PlacementsModule : ServiceModule
{
    public const string ServiceName = "placements";

    public override string Name => ServiceName;

    public override IReadOnlyList<string> Routes { get; } =
    [
        "/api/programs/{program}/introductions/{**rest}", "/api/programs/{program}/placements/{**rest}", "/api/programs/{program}/follow-ups/{**rest}",
        "/api/programs/{program}/placement-settings/{**rest}", "/api/programs/{program}/fee-terms/{**rest}", "/openapi/placements.json",
    ];

    public override void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddServiceDatabase<PlacementsModule>(configuration, Name);
        services.AddSingleton(PlacementOptions.From(configuration));
        services.AddSingleton<PlacementSweep>();
        services.AddHostedService(sp => sp.GetRequiredService<PlacementSweep>());
    }

    public override void AddConsumers(IBusRegistrationConfigurator bus)
    {
        bus.AddServiceHistory<PlacementsModule>(Name);
        bus.AddServiceConsumer<ProgramCreatedConsumer<PlacementsModule>>(Name);
        bus.AddServiceConsumer<ProgramRenamedConsumer<PlacementsModule>>(Name);
        bus.AddServiceConsumer<FirmRegistrationCopyConsumer<PlacementsModule>>(Name);
        bus.AddServiceConsumer<CompanyRegisteredCopyConsumer>(Name);
        bus.AddServiceConsumer<CompanyUpdatedCopyConsumer>(Name);
        bus.AddServiceConsumer<NeedOpenedCopyConsumer>(Name);
        bus.AddServiceConsumer<NeedChangedCopyConsumer>(Name);
        bus.AddServiceConsumer<CandidateRegisteredCopyConsumer>(Name);
        bus.AddServiceConsumer<CandidateUpdatedCopyConsumer>(Name);
        bus.AddServiceConsumer<ConsentGivenCopyConsumer>(Name);
        bus.AddServiceConsumer<ConsentWithdrawnCopyConsumer>(Name);
        bus.AddServiceConsumer<CandidateErasedCopyConsumer>(Name);
        bus.AddServiceConsumer<CandidatesMergedCopyConsumer>(Name);
        bus.AddServiceConsumer<NeedReferredCopyConsumer>(Name);
        bus.AddServiceConsumer<ReferralAcceptedCopyConsumer>(Name);
        bus.AddServiceConsumer<ReferralDeclinedCopyConsumer>(Name);
        bus.AddServiceConsumer<ReferralExpiredCopyConsumer>(Name);
        bus.AddServiceConsumer<ReferralWithdrawnCopyConsumer>(Name);
    }

    public override void MapEndpoints(IEndpointRouteBuilder routes)
    {
        var database = routes.ServiceProvider.GetRequiredService<ServiceDatabase<PlacementsModule>>();
        var clock = routes.ServiceProvider.GetRequiredService<TimeProvider>();
        var program = routes.MapProgramApi(this, new ProgramDirectory(database));
        var coordinators = Access.Program(ProgramRole.Coordinator);
        var staff = Access.Program(ProgramRole.Coordinator, ProgramRole.Office);
        var office = Access.Program(ProgramRole.Office);
        var everyone = Access.Program(ProgramRole.Coordinator, ProgramRole.Office, ProgramRole.Recruiter);
        var introducers = Access.Program(ProgramRole.Coordinator, ProgramRole.Recruiter);

        var introductions = program.MapGroup("/introductions").WithTags("Introductions");
        introductions.MapPost("/", Introducing.IntroduceAsync).Validate(new Introducing.IntroduceValidator()).Allow(introducers);
        introductions.MapGet("/", IntroductionViews.ListAsync).Validate(new IntroductionViews.Validator()).Allow(everyone);
        introductions.MapGet("/{id:guid}", IntroductionViews.GetAsync).Allow(everyone);
        introductions.MapPost("/{id:guid}/stage", Introducing.ChangeStageAsync).Validate(new Introducing.StageValidator(clock)).Allow(introducers);
        introductions.MapPost("/{id:guid}/placement", Placing.PlaceAsync).Validate(new Placing.Validator()).Allow(introducers);

        var placements = program.MapGroup("/placements").WithTags("Placements");
        placements.MapGet("/", PlacementViews.ListAsync).Validate(new PlacementViews.Validator()).Allow(everyone);
        placements.MapGet("/{id:guid}", PlacementViews.GetAsync).Allow(everyone);
        placements.MapPost("/{id:guid}/cancel", Placing.CancelAsync).Validate(new Placing.CancelValidator()).Allow(introducers);
        placements.MapPost("/{id:guid}/end", Placing.EndAsync).Validate(new Placing.EndValidator(clock)).Allow(staff);
        placements.MapPost("/{id:guid}/grants", (string program, Guid id, Grants.Request request, HttpContext http, ServiceDatabase<PlacementsModule> db,
                CancellationToken ct) => Grants.SaveAsync(program, id, null, request, http, db, clock, ct))
            .Validate(new Grants.Validator()).Allow(staff);
        placements.MapPut("/{id:guid}/grants/{grantId:guid}", (string program, Guid id, Guid grantId, Grants.Request request, HttpContext http,
                ServiceDatabase<PlacementsModule> db, CancellationToken ct) => Grants.SaveAsync(program, id, grantId, request, http, db, clock, ct))
            .Validate(new Grants.Validator()).Allow(staff);

        var followUps = program.MapGroup("/follow-ups").WithTags("Follow-ups");
        followUps.MapGet("/due", FollowUpEndpoints.MineAsync).Allow(coordinators);
        followUps.MapGet("/", FollowUpEndpoints.ListAsync).Validate(new FollowUpEndpoints.ListValidator()).Allow(staff);
        followUps.MapGet("/export.csv", FollowUpEndpoints.CsvAsync).Validate(new FollowUpEndpoints.ListValidator()).Allow(staff);
        followUps.MapGet("/calendar.ics", FollowUpEndpoints.CalendarAsync).Allow(coordinators);
        followUps.MapPost("/{id:guid}", FollowUpEndpoints.RecordAsync).Validate(new FollowUpEndpoints.RecordValidator(clock)).Allow(coordinators);

        var settings = program.MapGroup("/placement-settings").WithTags("Placement settings");
        settings.MapGet("/", PlacementSettings.GetAsync).Allow(everyone);
        settings.MapPut("/", PlacementSettings.PutAsync).Validate(new PlacementSettings.Validator()).Allow(office);
        settings.MapPost("/counting-rules", PlacementSettings.SetRuleAsync).Validate(new PlacementSettings.RuleValidator()).Allow(office);

        var fees = program.MapGroup("/fee-terms").WithTags("Fee terms");
        fees.MapGet("/", FeeTerms.ListAsync).Allow(office);
        fees.MapPut("/{firmId:guid}", FeeTerms.PutAsync).Validate(new FeeTerms.Validator()).Allow(office);
        _ = database;
    }
}
