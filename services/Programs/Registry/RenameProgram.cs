using FluentValidation;
using Matching.Contracts;
using Matching.Contracts.Programs;
using Matching.Platform.Auth;
using Matching.Platform.Data;
using Matching.Platform.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Programs.Registry;

/// <summary>
/// A program's name changes (a center renamed by its prefecture, a typo at creation); its slug, and so every record
/// and link, stays. <see cref="ProgramRenamed"/> gives the other services' copies the new name (the consultation
/// log's export names the program).
/// </summary>
internal static class RenameProgram
{
    public sealed record Request(string Name);

    public const string Renamed = "program-renamed";

    internal const string Sql = "UPDATE programs SET name = @name WHERE slug = @program";

    public sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.Name).NotEmpty().Label(CreateProgram.NameLabel).MaximumLength(200).Label(CreateProgram.NameLabel);
        }
    }

    public static async Task<Results<Ok<GetProgram.Response>, ProblemHttpResult>> HandleAsync(
        string program, Request request, ServiceDatabase<ProgramsModule> database, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var name = request.Name.Trim();
        await using var tx = await database.BeginAsync(ct);
        var before = await tx.QuerySingleOrDefaultAsync<GetProgram.Response>(GetProgram.Sql, new { program }, ct);
        if (before is null)
            return Problems.UnknownProgram(program);
        await tx.ExecuteAsync(Sql, new { program, name }, ct);
        var user = http.User.MatchingUser();
        var at = clock.GetUtcNow();
        await AuditTrail.RecordAsync(tx, new AuditEntry(Renamed, program, user?.Id, user?.UserName, program, $"{before.Name} → {name}"), at, ct);
        await tx.Outbox.AddAsync(new ProgramRenamed(EventIds.New(), program, at, name), ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(before with { Name = name });
    }
}
