using Matching.Candidates.Consents;
using Matching.Candidates.Disclosure;
using Matching.Candidates.Duplicates;
using Matching.Candidates.Erasure;
using Matching.Candidates.Imports;
using Matching.Candidates.Matches;
using Matching.Candidates.Needs;
using Matching.Candidates.Profiles;
using Matching.Candidates.Provisions;
using Matching.Candidates.Retention;
using Matching.Candidates.SelfRegistration;
using Matching.Candidates.Sharing;
using Matching.Candidates.Skills;
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

namespace Matching.Candidates;

/// <summary>
/// 人材データバンク — the program's candidates (professionals who may move to the region, work for its companies part-time, or
/// be seconded), their consents to the provision of their data, the record of each provision, and the skill vocabulary.
/// </summary>
public sealed class CandidatesModule : ServiceModule
{
    public const string ServiceName = "candidates";

    public override string Name => ServiceName;

    public override IReadOnlyList<string> Routes { get; } =
    [
        "/api/programs/{program}/candidates/{**rest}", "/api/programs/{program}/skills/{**rest}", "/api/programs/{program}/provisions/{**rest}",
        "/openapi/candidates.json",
    ];

    public override void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddServiceDatabase<CandidatesModule>(configuration, Name);
        services.AddSingleton<CandidatePool>();
        services.AddHostedService<CandidatePoolWarmer>();
        services.AddSingleton(new SelfRegistrationLinks(configuration.GetValue<Uri?>("Matching:Candidates:PublicAddress")));
        services.AddSingleton(RetentionOptions.From(configuration));
        services.AddSingleton<RetentionSweep>();
        services.AddHostedService(sp => sp.GetRequiredService<RetentionSweep>());
    }

    public override void AddConsumers(IBusRegistrationConfigurator bus)
    {
        bus.AddServiceHistory<CandidatesModule>(Name);
        bus.AddServiceConsumer<ProgramCreatedConsumer<CandidatesModule>>(Name);
        bus.AddServiceConsumer<ProgramRenamedConsumer<CandidatesModule>>(Name);
        bus.AddServiceConsumer<SkillSeedConsumer>(Name);
        bus.AddServiceConsumer<FirmRegistrationCopyConsumer<CandidatesModule>>(Name);
        bus.AddServiceConsumer<CompanyRegisteredCopyConsumer>(Name);
        bus.AddServiceConsumer<CompanyUpdatedCopyConsumer>(Name);
        bus.AddServiceConsumer<NeedOpenedCopyConsumer>(Name);
        bus.AddServiceConsumer<NeedChangedCopyConsumer>(Name);
    }

    public override void MapEndpoints(IEndpointRouteBuilder routes)
    {
        var database = routes.ServiceProvider.GetRequiredService<ServiceDatabase<CandidatesModule>>();
        var clock = routes.ServiceProvider.GetRequiredService<TimeProvider>();
        var program = routes.MapProgramApi(this, new ProgramDirectory(database));
        var coordinators = Access.Program(ProgramRole.Coordinator);
        var staff = Access.Program(ProgramRole.Coordinator, ProgramRole.Office);
        var office = Access.Program(ProgramRole.Office);
        var recruiters = Access.Program(ProgramRole.Recruiter);

        var candidates = program.MapGroup("/candidates").WithTags("Candidates");
        candidates.MapPost("/", RegisterCandidate.HandleAsync).Validate(new RegisterCandidate.Validator(clock))
            .Allow(Access.Program(ProgramRole.Coordinator, ProgramRole.Recruiter));
        candidates.MapGet("/", ListCandidates.HandleAsync).Validate(new ListCandidates.Validator()).Allow(staff);
        candidates.MapGet("/{id:guid}", GetCandidate.HandleAsync).Allow(staff);
        candidates.MapGet("/names", CandidateNames.HandleAsync).Allow(staff);
        candidates.MapImports<CandidatesModule>(new CandidateListImport(clock));
        candidates.MapPut("/{id:guid}", UpdateCandidate.HandleAsync).Validate(new UpdateCandidate.Validator(clock)).Allow(coordinators);
        candidates.MapPost("/{id:guid}/consents", ConsentRecords.GiveAsync).Validate(new ConsentRecords.GiveValidator(clock)).Allow(coordinators);
        candidates.MapPost("/{id:guid}/consents/{consentId:guid}/withdraw", ConsentRecords.WithdrawAsync)
            .Validate(new ConsentRecords.WithdrawValidator()).Allow(coordinators);

        candidates.MapGet("/{id:guid}/duplicates", CandidateDuplicates.ForCandidateAsync).Allow(staff);
        candidates.MapPost("/{id:guid}/merge", MergeCandidates.HandleAsync).Validate(new MergeCandidates.Validator()).Allow(coordinators);
        // 開示: the person's own record, given by the office on the person's request; each one is in the audit log.
        candidates.MapGet("/{id:guid}/disclosure", PersonalDataDisclosure.GetAsync).Allow(office);
        candidates.MapGet("/{id:guid}/disclosure.csv", PersonalDataDisclosure.CsvAsync).Allow(office);
        candidates.MapGet("/{id:guid}/disclosure.xlsx", PersonalDataDisclosure.XlsxAsync).Allow(office);
        candidates.MapPost("/{id:guid}/erasure", EraseCandidate.HandleAsync).Validate(new EraseCandidate.Validator()).Allow(staff);

        // 本人による登録: public, the person confirms by the mailed link; the answer says nothing about anyone.
        candidates.MapGet("/self-registrations/consent-text", SelfRegistrations.GetText).Allow(Access.Public);
        candidates.MapPost("/self-registrations", SelfRegistrations.RegisterAsync).Validate(new SelfRegistrations.Validator(clock)).Allow(Access.Public);
        candidates.MapPost("/self-registrations/confirm", SelfRegistrations.ConfirmAsync).Validate(new SelfRegistrations.ConfirmValidator()).Allow(Access.Public);

        candidates.MapPost("/matches", FindMatches.HandleAsync).Validate(new FindMatches.Validator()).Allow(coordinators);
        candidates.MapGet("/retention", RetentionSetting.GetAsync).Allow(staff);
        candidates.MapPut("/retention", RetentionSetting.PutAsync).Validate(new RetentionSetting.Validator()).Allow(office);
        candidates.MapGet("/match-weights", MatchWeightsSetting.GetAsync).Allow(staff);
        candidates.MapPut("/match-weights", MatchWeightsSetting.PutAsync).Validate(new MatchWeightsSetting.Validator()).Allow(office);
        candidates.MapGet("/needs/{needId:guid}/matches", NeedMatches.ForNeedAsync).Validate(new NeedMatches.Validator()).Allow(coordinators);
        candidates.MapGet("/{id:guid}/needs", NeedMatches.ForCandidateAsync).Validate(new NeedMatches.Validator()).Allow(coordinators);
        candidates.MapGet("/needs/{needId:guid}/shortlist", Shortlists.GetAsync).Allow(staff);
        candidates.MapPut("/needs/{needId:guid}/shortlist/{candidateId:guid}", Shortlists.PutAsync).Validate(new Shortlists.Validator()).Allow(coordinators);
        candidates.MapDelete("/needs/{needId:guid}/shortlist/{candidateId:guid}", Shortlists.DeleteAsync).Allow(coordinators);

        // What a recruiting firm sees: anonymised unless a consent covers it; each full read is a recorded provision.
        candidates.MapGet("/shared", SharedProfiles.ListAsync).Validate(new SharedProfiles.Validator()).Allow(recruiters);
        candidates.MapGet("/{id:guid}/shared", SharedProfiles.GetAsync).Allow(recruiters);

        var skills = program.MapGroup("/skills").WithTags("Skill vocabulary");
        skills.MapGet("/", SkillVocabulary.GetAsync).Allow(Access.AnyMember());
        skills.MapPost("/", SkillVocabulary.AddAsync).Validate(new SkillVocabulary.AddValidator()).Allow(office);
        skills.MapPut("/{code}", SkillVocabulary.ReplaceAsync).Validate(new SkillVocabulary.Validator()).Allow(office);

        var provisions = program.MapGroup("/provisions").WithTags("Provision records");
        provisions.MapGet("/", ProvisionRecords.ListAsync).Validate(new ProvisionRecords.Validator()).Allow(office);
        provisions.MapGet("/export.csv", ProvisionRecords.CsvAsync).Validate(new ProvisionRecords.Validator()).Allow(office);
        provisions.MapGet("/export.xlsx", ProvisionRecords.XlsxAsync).Validate(new ProvisionRecords.Validator()).Allow(office);
    }
}
