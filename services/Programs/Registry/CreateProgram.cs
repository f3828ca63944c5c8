using FluentValidation;
using Matching.Contracts;
using Matching.Contracts.Programs;
using Matching.Platform.Data;
using Matching.Platform.Http;
using Matching.Platform.Tenancy;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Programs.Registry;

/// <summary>
/// A program (事業) — a Professional Talent Center or a regional HR department — is a tenant:
/// every record of every service belongs to one.
/// </summary>
internal static class CreateProgram
{
    public sealed record Request(string Slug, string Name);

    public sealed record Response(string Slug, string Name);

    public static readonly LocalizedText SlugLabel = new("識別子", "Slug");
    public static readonly LocalizedText NameLabel = new("名称", "Name");
    public static readonly LocalizedText SlugShape = new(
        "識別子は半角英小文字・数字・ハイフンの 2〜40 文字で、英小文字か数字で始めてください。",
        "The slug is 2–40 lower-case letters, digits or hyphens, starting with a letter or digit.");
    public static readonly LocalizedText SlugTaken = new("この識別子のプログラムは既に登録されています。", "A program with this slug already exists.");

    public sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.Slug).NotEmpty().Label(SlugLabel)
                .Matches("^[a-z0-9][a-z0-9-]{1,39}$").Message(SlugShape);
            RuleFor(r => r.Name).NotEmpty().Label(NameLabel).MaximumLength(200).Label(NameLabel);
        }
    }

    public static async Task<Results<Created<Response>, ProblemHttpResult>> HandleAsync(
        Request request, ServiceDatabase<ProgramsModule> database, TimeProvider clock, CancellationToken ct)
    {
        await using var tx = await database.BeginAsync(ct);
        var now = clock.GetUtcNow();
        if (!await ProgramDirectory.AddAsync(tx, request.Slug, request.Name.Trim(), now, ct))
            return Problems.Conflict(SlugTaken);
        await tx.Outbox.AddAsync(new ProgramCreated(EventIds.New(), request.Slug, now, request.Name.Trim()), ct);
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/programs/{request.Slug}", new Response(request.Slug, request.Name.Trim()));
    }
}
