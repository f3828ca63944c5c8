using Matching.Platform;
using Matching.Platform.Auth;
using Matching.Programs.Accounts;
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
    [
        "/api/programs", "/api/programs/{program}", "/api/programs/{program}/kpis", "/api/programs/{program}/kpis/{**rest}", "/api/programs/{program}/audit", "/api/programs/{program}/recruiting-firms",
        "/api/session/{**rest}", "/api/me/{**rest}", "/api/users/{**rest}", "/api/audit", "/openapi/programs.json",
    ];

    public override void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddServiceDatabase<ProgramsModule>(configuration, Name, keepsAuditLog: true);
        services.AddSingleton(configuration.GetSection("Matching:Accounts").Get<AccountOptions>() ?? new AccountOptions());
        services.AddSingleton<AccountStore>();
        services.AddSingleton(new Referrals.ReferralLinks(configuration.GetValue<Uri?>("Matching:Referrals:PublicAddress")));
        // This process holds the accounts, so it checks sessions and tokens itself.
        services.AddSingleton<IAccountAuthenticator>(sp => sp.GetRequiredService<AccountStore>());
        if (OidcSignIn.IsConfigured(configuration))
            OidcSignIn.Add(services, configuration);
    }

    public override void AddConsumers(IBusRegistrationConfigurator bus)
    {
        bus.AddServiceHistory<ProgramsModule>(Name);
        bus.AddServiceBatchConsumer<ConsultationLoggedConsumer>(Name);
        bus.AddServiceConsumer<ConsultationVoidedConsumer>(Name);
        bus.AddServiceBatchConsumer<CompanyRegisteredConsumer>(Name);
        bus.AddServiceConsumer<SeminarHeldConsumer>(Name);
        bus.AddServiceConsumer<TalentNeedOpenedConsumer>(Name);
        bus.AddServiceConsumer<NeedReferredConsumer>(Name);
        bus.AddServiceConsumer<Referrals.ReferredNoticeConsumer>(Name);
        bus.AddServiceConsumer<Referrals.AcceptedNoticeConsumer>(Name);
        bus.AddServiceConsumer<Referrals.DeclinedNoticeConsumer>(Name);
        bus.AddServiceConsumer<Referrals.ExpiredNoticeConsumer>(Name);
        bus.AddServiceConsumer<CandidateRegisteredConsumer>(Name);
        bus.AddServiceConsumer<CandidateIntroducedConsumer>(Name);
        bus.AddServiceConsumer<PlacementMadeConsumer>(Name);
        bus.AddServiceConsumer<PlacementCancelledConsumer>(Name);
        bus.AddServiceConsumer<RetentionReachedConsumer>(Name);
        bus.AddServiceConsumer<EmploymentEndedConsumer>(Name);
        bus.AddServiceConsumer<FollowUps.FollowUpOverdueNoticeConsumer>(Name);
        bus.AddServiceConsumer<AuditRecordedConsumer>(Name);
        bus.AddServiceConsumer<RecruiterFirmCopyConsumer>(Name);
    }

    public override void MapEndpoints(IEndpointRouteBuilder routes)
    {
        var database = routes.ServiceProvider.GetRequiredService<ServiceDatabase<ProgramsModule>>();
        var accountOptions = routes.ServiceProvider.GetRequiredService<AccountOptions>();
        var registry = routes.MapGroup("/api/programs").WithGroupName(Name).WithTags("Programs");
        registry.MapPost("/", CreateProgram.HandleAsync).Validate(new CreateProgram.Validator()).Allow(Access.Admin);
        registry.MapGet("/", ListPrograms.HandleAsync).Allow(Access.SignedIn);
        registry.MapGet("/{program}", GetProgram.HandleAsync).Allow(Access.AnyMember().OrAdmin());
        registry.MapPut("/{program}", RenameProgram.HandleAsync).Validate(new RenameProgram.Validator()).Allow(Access.Admin);

        var program = routes.MapProgramApi(this, new ProgramDirectory(database));
        var kpis = program.MapGroup("/kpis").WithTags("KPIs");
        var staff = Access.Program(ProgramRole.Coordinator, ProgramRole.Office);
        var office = Access.Program(ProgramRole.Office);
        kpis.MapGet("/consultations", GetConsultationCount.HandleAsync).Validate(new GetConsultationCount.Validator()).Allow(staff);
        kpis.MapGet("/progress", GetKpiProgress.HandleAsync).Validate(new GetConsultationCount.Validator()).Allow(staff);
        kpis.MapGet("/progress.csv", ExportKpiProgress.CsvAsync).Validate(new GetConsultationCount.Validator()).Allow(staff);
        kpis.MapGet("/progress.xlsx", ExportKpiProgress.XlsxAsync).Validate(new GetConsultationCount.Validator()).Allow(staff);
        kpis.MapGet("/", ListKpis.HandleAsync).Allow(staff);
        kpis.MapPost("/", DefineKpi.HandleAsync).Validate(new DefineKpi.Validator()).Allow(office);
        kpis.MapDelete("/{code}", DeleteKpi.HandleAsync).Allow(office);
        kpis.MapPut("/{code}/actuals/{fiscalYear:int}", EnterKpiValue.ActualAsync).Validate(new EnterKpiValue.Validator()).Allow(office);
        kpis.MapPut("/{code}/references/{fiscalYear:int}", EnterKpiValue.ReferenceAsync).Validate(new EnterKpiValue.Validator()).Allow(office);
        kpis.MapPut("/{code}/totals/{fiscalYear:int}", EnterKpiValue.TotalAsync).Validate(new EnterKpiValue.Validator()).Allow(office);
        kpis.MapGet("/{code}/entries", EnterKpiValue.HistoryAsync).Allow(staff);
        kpis.MapGet("/{code}/breakdown", GetKpiBreakdown.HandleAsync).Validate(new GetKpiBreakdown.Validator()).Allow(staff);
        kpis.MapGet("/{code}/breakdown/export.csv", ExportKpiBreakdown.CsvAsync).Validate(new GetKpiBreakdown.Validator()).Allow(staff);
        kpis.MapGet("/{code}/breakdown/export.xlsx", ExportKpiBreakdown.XlsxAsync).Validate(new GetKpiBreakdown.Validator()).Allow(staff);
        kpis.MapPost("/locks/{fiscalYear:int}", LockFiscalYear.HandleAsync).Allow(office);
        program.MapGet("/recruiting-firms", ListRecruitingFirms.HandleAsync).WithTags("Accounts").Allow(Access.Program(ProgramRole.Office).OrAdmin());
        program.MapGet("/audit", ListAuditLog.ForProgramAsync).WithTags("Audit").Validate(new ListAuditLog.Validator())
            .Allow(Access.Program(ProgramRole.Office).OrAdmin());

        var session = routes.MapGroup("/api/session").WithGroupName(Name).WithTags("Accounts");
        session.MapPost("/", SignIn.HandleAsync).Validate(new SignIn.Validator()).Allow(Access.Public);
        session.MapDelete("/", SignOut.HandleAsync).Allow(Access.Public);
        if (OidcSignIn.IsConfigured(routes.ServiceProvider.GetRequiredService<IConfiguration>()))
            session.MapGet("/oidc", OidcSignIn.Challenge).Allow(Access.Public);

        var me = routes.MapGroup("/api/me").WithGroupName(Name).WithTags("Accounts").Allow(Access.SignedIn);
        me.MapGet("/", Me.Handle);
        me.MapGet("/notifications", NotificationAddress.GetAsync);
        me.MapPut("/notifications", NotificationAddress.PutAsync).Validate(new NotificationAddress.Validator());
        me.MapGet("/tokens", ListTokens.HandleAsync);
        me.MapPost("/tokens", CreateToken.HandleAsync).Validate(new CreateToken.Validator());
        me.MapDelete("/tokens/{id:guid}", RevokeToken.HandleAsync);

        var users = routes.MapGroup("/api/users").WithGroupName(Name).WithTags("Accounts").Allow(Access.Admin);
        users.MapGet("/", ListUsers.HandleAsync);
        users.MapPost("/", CreateUser.HandleAsync).Validate(new CreateUser.Validator(accountOptions));
        users.MapPut("/{id:guid}/memberships", ChangeMemberships.HandleAsync).Validate(new ChangeMemberships.Validator());
        users.MapPost("/{id:guid}/unlock", UnlockUser.HandleAsync);
        users.MapPost("/{id:guid}/password", UserAccountCommands.PasswordAsync).Validate(new UserAccountCommands.PasswordValidator(accountOptions));
        users.MapPost("/{id:guid}/deactivate", UserAccountCommands.DeactivateAsync);
        users.MapPost("/{id:guid}/activate", UserAccountCommands.ActivateAsync);
        routes.MapGet("/api/audit", ListAuditLog.AllAsync).WithGroupName(Name).WithTags("Audit").Validate(new ListAuditLog.Validator()).Allow(Access.Admin);
    }

    public override async Task StartAsync(IServiceProvider services, CancellationToken ct)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        await RecruiterFirms.LinkOrAnnounceAsync(services.GetRequiredService<ServiceDatabase<ProgramsModule>>(), services.GetRequiredService<TimeProvider>(), ct);
        if (configuration.GetValue<bool>("Matching:Demo:Enabled"))
        {
            await DemoProgram.EnsureAsync(services.GetRequiredService<ServiceDatabase<ProgramsModule>>(), services.GetRequiredService<TimeProvider>(), ct);
            await DemoAccounts.EnsureAsync(services.GetRequiredService<AccountStore>(), ct);
        }
        await StaffRosters.AnnounceChangesAsync(services.GetRequiredService<ServiceDatabase<ProgramsModule>>(), services.GetRequiredService<TimeProvider>(), ct);
    }
}
