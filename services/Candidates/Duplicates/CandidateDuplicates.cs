using Matching.Candidates.Profiles;
using Matching.Contracts;
using Matching.Platform.Data;
using Matching.Platform.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Candidates.Duplicates;

/// <summary>
/// 重複登録の候補 — records of the program that are probably the same person: the same e-mail (any case), the same phone
/// (digits only), or the same name and reading after folding (NFKC, kana, without spaces) with the same birth year.
/// Asked before a registration (a coordinator confirms to register anyway) and on a profile, to merge.
/// </summary>
internal static class CandidateDuplicates
{
    /// <param name="MatchedOn">email, phone, nameAndBirthYear.</param>
    public sealed record Possible(
        Guid Id, string Name, string NameKana, string PrefectureName, int? BirthYear, DateTimeOffset RegisteredAt, Guid? SourceFirmId, IReadOnlyList<string> MatchedOn);

    public static readonly LocalizedText Found = new(
        "同じ方と思われる登録があります。別の方なら confirmNotDuplicate を true にして登録してください。",
        "This person seems to be registered already. If it is someone else, register with confirmNotDuplicate true.");

    // Each way of being the same person is one indexed look-up (the keys are generated columns, migration 0006): the e-mail
    // in lower case, the phone without separators, the name key without spaces (鈴木 一郎 = 鈴木一郎) with the birth year.
    private const string Columns = """
        SELECT id AS Id, name AS Name, name_kana AS NameKana, email AS Email, phone AS Phone, prefecture_code AS PrefectureCode,
               birth_year AS BirthYear, registered_at AS RegisteredAt, source_firm_id AS SourceFirmId, name_key AS NameKey
          FROM candidates
        """;

    private const string Sql = $"""
        SELECT * FROM (
            {Columns} WHERE program = @program AND email_key = @email AND id <> @exceptId
            UNION
            {Columns} WHERE program = @program AND phone_key = @phone AND id <> @exceptId
            UNION
            {Columns} WHERE program = @program AND name_compact = @nameKey AND birth_year = @birthYear AND id <> @exceptId
        ) d
         ORDER BY RegisteredAt, Id
        """;

    private sealed class Row
    {
        public Guid Id { get; init; }
        public string Name { get; init; } = "";
        public string NameKana { get; init; } = "";
        public string? Email { get; init; }
        public string? Phone { get; init; }
        public string PrefectureCode { get; init; } = "";
        public int? BirthYear { get; init; }
        public DateTimeOffset RegisteredAt { get; init; }
        public Guid? SourceFirmId { get; init; }
        public string NameKey { get; init; } = "";
    }

    private static string? Digits(string? phone) => phone is null ? null : string.Concat(phone.Where(char.IsAsciiDigit));

    private static string NameKey(CandidateRecord r) => (KanaFolding.Fold(r.Name) + "\u001F" + KanaFolding.Fold(r.NameKana)).Replace(" ", "", StringComparison.Ordinal);

    /// <summary>What makes two records probably the same person, one key per rule (for comparing rows of a file among themselves).</summary>
    public static IEnumerable<(string Rule, string Key)> Keys(CandidateRecord record) =>
        Keys(record.Email, record.Phone, record.BirthYear, NameKey(record));

    /// <param name="nameKey">The stored name key (folded name and reading); its spaces do not count.</param>
    public static IEnumerable<(string Rule, string Key)> Keys(string? email, string? phone, int? birthYear, string nameKey)
    {
        if (email?.Trim().ToLowerInvariant() is { Length: > 0 } mail)
            yield return ("email", mail);
        if (Digits(phone) is { Length: > 0 } digits)
            yield return ("phone", digits);
        if (birthYear is { } year)
            yield return ("nameAndBirthYear", $"{year}\u001F{nameKey.Replace(" ", "", StringComparison.Ordinal)}");
    }

    public static async Task<IReadOnlyList<Possible>> FindAsync(DatabaseTransaction tx, string program, CandidateRecord record, Guid exceptId, CancellationToken ct)
    {
        var email = record.Email?.Trim().ToLowerInvariant();
        var phone = Digits(record.Phone);
        var nameKey = NameKey(record);
        var rows = await tx.QueryAsync<Row>(Sql, new { program, exceptId, email, phone, birthYear = record.BirthYear, nameKey }, ct);
        return [.. rows.Select(r => new Possible(r.Id, r.Name, r.NameKana, PrefectureCode.Parse(r.PrefectureCode).Name, r.BirthYear, r.RegisteredAt,
            r.SourceFirmId,
            [.. new[]
            {
                email is not null && string.Equals(r.Email, email, StringComparison.OrdinalIgnoreCase) ? "email" : null,
                phone is not null && Digits(r.Phone) == phone ? "phone" : null,
                r.BirthYear == record.BirthYear && r.BirthYear is not null && r.NameKey.Replace(" ", "", StringComparison.Ordinal) == nameKey ? "nameAndBirthYear" : null,
            }.OfType<string>()]))];
    }

    /// <summary>The 409 a registration gets while it may repeat someone: the possible duplicates, for the caller to confirm or merge.</summary>
    public static ProblemHttpResult Conflict(IReadOnlyList<Possible> duplicates)
    {
        var problem = Problems.Of(StatusCodes.Status409Conflict, Found);
        problem.Extensions["duplicates"] = duplicates;
        return TypedResults.Problem(problem);
    }

    public static async Task<Results<Ok<IReadOnlyList<Possible>>, ProblemHttpResult>> ForCandidateAsync(
        string program, Guid id, ServiceDatabase<CandidatesModule> database, CancellationToken ct)
    {
        await using var read = await database.BeginReadAsync(ct);
        if (await CandidateStore.GetAsync(read, program, id, ct) is not { } candidate)
            return Problems.NotFound(GetCandidate.UnknownCandidate);
        return TypedResults.Ok(await FindAsync(read, program, candidate.Record, id, ct));
    }
}
