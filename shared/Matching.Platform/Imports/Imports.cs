using System.Text.Json;
using Matching.Platform.Auth;
using Matching.Platform.Data;
using Matching.Platform.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Matching.Platform.Imports;

public sealed record ImportColumn(int Index, string Header, string? Field, IReadOnlyList<string> Samples);

public sealed record ImportFieldView(string Key, string Label, bool Required);

public sealed record ImportCheckView(int ErrorCount, IReadOnlyList<ImportError> Errors, ImportCounts Counts, IReadOnlyList<ImportError> Warnings);

public sealed record ImportProgress(int Done, int Total);

/// <summary>An import as the API shows it: the file, its columns and their mapping, the check (preview), then the outcome.</summary>
public sealed record ImportView(
    Guid Id, string Kind, string FileName, string Format, string Encoding, string Status, int Rows,
    IReadOnlyList<ImportColumn> Columns, IReadOnlyList<ImportFieldView> Fields, ImportCheckView? Check, ImportCounts? Outcome,
    ImportProgress? Progress, string? Message, DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt, int Version);

public sealed record ImportMappingRequest(IReadOnlyList<string?>? Columns, int? Version);

public sealed record ImportCommitRequest(int? Version);

/// <summary>
/// 取込 — the one way a service takes a file in: upload (the file is read, its columns mapped by their headers or by the
/// mapping this program chose before, every row checked), map the columns again if needed (the choice is remembered per
/// program), then commit: every row in one transaction, or none. The commit runs in the background with a progress count.
/// </summary>
public static class Imports
{
    /// <summary>Errors shown with a check; the count says how many there are in all.</summary>
    public const int ShownErrors = 500;

    private const int Samples = 3;

    public static RouteGroupBuilder MapImports<TModule>(this RouteGroupBuilder group, params ImportKind[] kinds)
        where TModule : ServiceModule
    {
        var imports = group.MapGroup("/imports").WithTags("Imports");
        var staff = Access.Program(ProgramRole.Coordinator, ProgramRole.Office);
        imports.MapPost("/", (string program, string? kind, string? fileName, HttpContext http, ServiceDatabase<TModule> database,
                IConfiguration configuration, TimeProvider clock, CancellationToken ct) =>
            UploadAsync(program, kind, fileName, http, database, kinds, configuration, clock, ct)).Allow(staff);
        imports.MapGet("/{id:guid}", async (string program, Guid id, ServiceDatabase<TModule> database, ImportRunner runner, CancellationToken ct) =>
            await ReadAsync(database, program, id, kinds, runner, ct) is { } view ? (IResult)TypedResults.Ok(view) : Problems.NotFound(ImportTexts.UnknownImport)).Allow(staff);
        imports.MapPut("/{id:guid}/mapping", (string program, Guid id, ImportMappingRequest request, ServiceDatabase<TModule> database,
                ImportRunner runner, CancellationToken ct) => MapColumnsAsync(program, id, request, database, kinds, runner, ct))
            .Validate<ImportMappingRequest>().Allow(staff);
        imports.MapPost("/{id:guid}/commit", (string program, Guid id, ImportCommitRequest request, ServiceDatabase<TModule> database,
                ImportRunner runner, TimeProvider clock, ILoggerFactory logs, CancellationToken ct) =>
            CommitAsync(program, id, request, database, kinds, runner, clock, logs.CreateLogger("Matching.Imports"), ct))
            .Validate<ImportCommitRequest>().Allow(staff);

        var services = ((IEndpointRouteBuilder)group).ServiceProvider;
        services.GetRequiredService<IHostApplicationLifetime>().ApplicationStarted.Register(() => _ = ResumeInterruptedAsync(
            services.GetRequiredService<ServiceDatabase<TModule>>(), kinds, services.GetRequiredService<ImportRunner>(),
            services.GetRequiredService<TimeProvider>(), services.GetRequiredService<ILoggerFactory>().CreateLogger("Matching.Imports"), CancellationToken.None));
        return group;
    }

    private static ImportKind? KindOf(IEnumerable<ImportKind> kinds, string? name) => kinds.FirstOrDefault(k => k.Name == name);

    private static async Task<IResult> UploadAsync(
        string program, string? kindName, string? fileName, HttpContext http, ServiceDatabase database, ImportKind[] kinds,
        IConfiguration configuration, TimeProvider clock, CancellationToken ct)
    {
        var kind = kindName is null && kinds.Length == 1 ? kinds[0] : KindOf(kinds, kindName);
        if (kind is null)
            return Problems.Invalid("kind", ImportTexts.UnknownKind.Format(string.Join(", ", kinds.Select(k => k.Name))));
        fileName = string.IsNullOrWhiteSpace(fileName) ? "import.csv" : fileName.Trim();
        if (fileName.Length > 260)
            return Problems.Invalid("fileName", ImportTexts.FileNameInvalid);
        if (!RequestText.IsClean(fileName))
            return Problems.Invalid("fileName", PlatformTexts.ForbiddenCharacters);

        var limit = configuration.GetValue<long?>("Matching:Imports:MaxFileBytes") ?? 64L * 1024 * 1024;
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            size.MaxRequestBodySize = limit + 1;
        if (http.Request.ContentLength > limit)
            return TooLarge(limit);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > limit)
                return TooLarge(limit);
        }
        var content = buffer.ToArray();

        TabularFile file;
        try
        {
            file = TabularFile.Read(content);
        }
        catch (UnreadableFileException e)
        {
            return Problems.Invalid("file", e.Reason);
        }
        var (headers, dataRows) = Split(kind, file);
        if (dataRows.Count == 0)
            return Problems.Invalid("file", ImportTexts.NoDataRows);
        var refused = headers.Select(h => (Header: h, Reason: kind.RefusedHeader(h))).Where(r => r.Reason is not null).ToList();
        if (refused.Count > 0)
        {
            var (names, reason) = (string.Join("、", refused.Select(r => r.Header)), refused[0].Reason!);
            return Problems.Invalid("file", new LocalizedText(
                ImportTexts.RefusedColumns.Format(names, reason.Ja).Ja, ImportTexts.RefusedColumns.Format(names, reason.En).En));
        }

        var id = Guid.CreateVersion7();
        List<ImportColumn> columns;
        ImportCheck check;
        // Checking every row takes a while on a large file: it reads, and the one writer stays free for everyone else.
        await using (var reading = await database.BeginReadAsync(ct))
        {
            var remembered = (await reading.QueryAsync<(string Header, string Field)>(
                "SELECT header AS Header, field AS Field FROM import_mappings WHERE program = @program AND kind = @kind",
                new { program, kind = kind.Name }, ct)).ToDictionary(m => m.Header, m => m.Field, StringComparer.Ordinal);
            var fields = kind.FixedColumns ?? Suggest(kind, headers, remembered);
            columns = Columns(headers, fields, dataRows);
            check = await CheckAsync(reading, program, kind, columns, dataRows, ct);
        }
        await using var tx = await database.BeginAsync(ct);
        await tx.ExecuteAsync("""
            INSERT INTO imports (id, program, kind, file_name, content, format, encoding, row_count, columns, status, check_result, created_by, created_at, version)
            VALUES (@id, @program, @kind, @fileName, @content, @format, @encoding, @rows, @columns, 'checked', @check, @createdBy, @createdAt, 1)
            """, new
        {
            id, program, kind = kind.Name, fileName, content, format = file.Format, encoding = file.Encoding, rows = dataRows.Count,
            columns = JsonSerializer.Serialize(columns, MatchingJson.Options), check = JsonSerializer.Serialize(check, MatchingJson.Options),
            createdBy = http.User.MatchingUser()?.UserName ?? "-", createdAt = clock.GetUtcNow(),
        }, ct);
        await tx.CommitAsync(ct);
        var view = await ReadAsync(database, program, id, kinds, null, ct);
        return TypedResults.Created($"{http.Request.PathBase}{http.Request.Path.Value?.TrimEnd('/')}/{id}", view);
    }

    private static ProblemHttpResult TooLarge(long limit) =>
        TypedResults.Problem(Problems.Of(StatusCodes.Status413PayloadTooLarge, ImportTexts.TooLarge.Format(limit / (1024 * 1024))));

    private static (IReadOnlyList<string> Headers, IReadOnlyList<TabularRow> Rows) Split(ImportKind kind, TabularFile file)
    {
        if (kind.FixedColumns is { } fixedColumns)
            return (fixedColumns.Select((f, i) => f ?? $"#{i + 1}").ToList(), file.Rows);
        var width = file.Rows.Max(r => r.Cells.Count);
        var header = file.Rows[0];
        var headers = Enumerable.Range(0, width).Select(i => header.Cell(i).Trim()).ToList();
        return (headers, file.Rows.Skip(1).ToList());
    }

    /// <summary>Each column's field: what this program chose for the header before, else the field whose usual headers match.</summary>
    internal static IReadOnlyList<string?> Suggest(ImportKind kind, IReadOnlyList<string> headers, IReadOnlyDictionary<string, string> remembered)
    {
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var result = new string?[headers.Count];
        for (var pass = 0; pass < 2; pass++)
        {
            for (var i = 0; i < headers.Count; i++)
            {
                if (result[i] is not null)
                    continue;
                var key = ImportKind.HeaderKey(headers[i]);
                if (key.Length == 0)
                    continue;
                var field = pass == 0
                    ? remembered.TryGetValue(key, out var r) && kind.Fields.Any(f => f.Key == r) ? r : null
                    : kind.Fields.FirstOrDefault(f => ImportKind.HeaderKey(f.Key) == key || f.Headers.Any(h => ImportKind.HeaderKey(h) == key)
                                                      || ImportKind.HeaderKey(f.Label.Ja) == key || ImportKind.HeaderKey(f.Label.En) == key)?.Key;
                if (field is not null && taken.Add(field))
                    result[i] = field;
            }
        }
        return result;
    }

    private static List<ImportColumn> Columns(IReadOnlyList<string> headers, IReadOnlyList<string?> fields, IReadOnlyList<TabularRow> rows) =>
        headers.Select((h, i) => new ImportColumn(i, h, i < fields.Count ? fields[i] : null,
            rows.Take(Samples).Select(r => r.Cell(i)).ToList())).ToList();

    private static List<ImportRow> Map(IReadOnlyList<ImportColumn> columns, IReadOnlyList<TabularRow> rows) =>
        rows.Select(r => new ImportRow(r.Line, columns.Where(c => c.Field is not null)
            .ToDictionary(c => c.Field!, c => r.Cell(c.Index), StringComparer.Ordinal))).ToList();

    private static async Task<ImportCheck> CheckAsync(
        DatabaseTransaction tx, string program, ImportKind kind, IReadOnlyList<ImportColumn> columns, IReadOnlyList<TabularRow> rows, CancellationToken ct)
    {
        var unmapped = kind.Fields.Where(f => f.Required && columns.All(c => c.Field != f.Key))
            .Select(f => new ImportError(0, f.Key, ImportTexts.RequiredFieldUnmapped.Format(f.Label).ToString())).ToList();
        if (unmapped.Count > 0)
            return new ImportCheck(unmapped, new ImportCounts(0, 0, 0));
        var check = await kind.CheckAsync(tx, program, Map(columns, rows), ct);
        return check with { Errors = check.Errors.OrderBy(e => e.Line).ToList(), Warnings = check.Warnings?.OrderBy(e => e.Line).ToList() };
    }

    private sealed record Stored(
        Guid Id, string Program, string Kind, string FileName, byte[] Content, string Format, string Encoding, int Rows, string Columns, string Status,
        string? CheckResult, string? Outcome, string? Message, DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt, int Version, int AppliedRows);

    private const string StoredSql = """
        SELECT id AS Id, program AS Program, kind AS Kind, file_name AS FileName, content AS Content, format AS Format, encoding AS Encoding,
               row_count AS Rows, columns AS Columns,
               status AS Status, check_result AS CheckResult, outcome AS Outcome, message AS Message, created_at AS CreatedAt,
               finished_at AS FinishedAt, version AS Version, applied_rows AS AppliedRows
          FROM imports
        """;

    private const string SelectSql = StoredSql + " WHERE program = @program AND id = @id";

    private const string InterruptedSql = StoredSql + " WHERE status = 'committing' ORDER BY created_at";

    private static async Task<ImportView?> ReadAsync(
        ServiceDatabase database, string program, Guid id, ImportKind[] kinds, ImportRunner? runner, CancellationToken ct)
    {
        var stored = await database.QuerySingleOrDefaultAsync<Stored>(SelectSql, new { program, id }, ct);
        return stored is null ? null : View(stored, kinds, runner);
    }

    private static ImportView View(Stored stored, ImportKind[] kinds, ImportRunner? runner)
    {
        var kind = KindOf(kinds, stored.Kind);
        var columns = JsonSerializer.Deserialize<List<ImportColumn>>(stored.Columns, MatchingJson.Options)!;
        var check = stored.CheckResult is null ? null : JsonSerializer.Deserialize<ImportCheck>(stored.CheckResult, MatchingJson.Options);
        var outcome = stored.Outcome is null ? null : JsonSerializer.Deserialize<ImportCounts>(stored.Outcome, MatchingJson.Options);
        var progress = runner?.ProgressOf(stored.Id) is { } p ? new ImportProgress(p.Done, p.Total) : null;
        return new ImportView(
            stored.Id, stored.Kind, stored.FileName, stored.Format, stored.Encoding, stored.Status, stored.Rows,
            columns, kind?.Fields.Select(f => new ImportFieldView(f.Key, f.Label.ToString(), f.Required)).ToList() ?? [],
            check is null ? null : new ImportCheckView(check.Errors.Count, check.Errors.Take(ShownErrors).ToList(), check.Counts,
                check.Warnings?.Take(ShownErrors).ToList() ?? []),
            outcome, progress, stored.Message, stored.CreatedAt, stored.FinishedAt, stored.Version);
    }

    private static async Task<IResult> MapColumnsAsync(
        string program, Guid id, ImportMappingRequest request, ServiceDatabase database, ImportKind[] kinds,
        ImportRunner runner, CancellationToken ct)
    {
        await using var read = await database.BeginReadAsync(ct);
        var stored = await read.QuerySingleOrDefaultAsync<Stored>(SelectSql, new { program, id }, ct);
        if (stored is null || KindOf(kinds, stored.Kind) is not { } kind)
            return Problems.NotFound(ImportTexts.UnknownImport);
        if (stored.Status is not ("checked" or "failed"))
            return Problems.Conflict(ImportTexts.AlreadyCommitted);
        var columns = JsonSerializer.Deserialize<List<ImportColumn>>(stored.Columns, MatchingJson.Options)!;
        var errors = new Dictionary<string, string[]>();
        if (request.Version is null)
            errors["version"] = [PlatformTexts.Required.Format("version").ToString()];
        if (request.Columns is null || request.Columns.Count != columns.Count)
            errors["columns"] = [ImportTexts.ColumnsCount.Format(columns.Count).ToString()];
        else
        {
            var chosen = request.Columns.Select(c => string.IsNullOrWhiteSpace(c) ? null : c.Trim()).ToList();
            var problems = chosen.Where(c => c is not null && kind.Fields.All(f => f.Key != c)).Select(c => ImportTexts.UnknownField.Format(c).ToString())
                .Concat(chosen.Where(c => c is not null).GroupBy(c => c).Where(g => g.Count() > 1).Select(g => ImportTexts.FieldTwice.Format(g.Key).ToString()))
                .ToArray();
            if (problems.Length > 0)
                errors["columns"] = problems;
            columns = columns.Select(c => c with { Field = chosen[c.Index] }).ToList();
        }
        if (errors.Count > 0)
            return Problems.Invalid(errors);
        if (stored.Version != request.Version)
            return Problems.Conflict(ImportTexts.Changed);

        var file = TabularFile.Read(stored.Content);
        var (_, rows) = Split(kind, file);
        var check = await CheckAsync(read, program, kind, columns, rows, ct);
        await read.DisposeAsync();

        await using var tx = await database.BeginAsync(ct);
        var changed = await tx.ExecuteAsync("""
            UPDATE imports SET columns = @columns, check_result = @check, status = 'checked', message = NULL, version = version + 1
             WHERE program = @program AND id = @id AND version = @version AND status IN ('checked', 'failed')
            """, new
        {
            program, id, version = stored.Version, columns = JsonSerializer.Serialize(columns, MatchingJson.Options),
            check = JsonSerializer.Serialize(check, MatchingJson.Options),
        }, ct);
        if (changed == 0)
            return Problems.Conflict(ImportTexts.Changed);
        if (kind.FixedColumns is null)
        {
            foreach (var column in columns.Where(c => c.Field is not null && ImportKind.HeaderKey(c.Header).Length > 0))
            {
                var header = ImportKind.HeaderKey(column.Header);
                await tx.ExecuteAsync("DELETE FROM import_mappings WHERE program = @program AND kind = @kind AND header = @header",
                    new { program, kind = kind.Name, header }, ct);
                await tx.ExecuteAsync("INSERT INTO import_mappings (program, kind, header, field) VALUES (@program, @kind, @header, @field)",
                    new { program, kind = kind.Name, header, field = column.Field }, ct);
            }
        }
        await tx.CommitAsync(ct);
        return TypedResults.Ok(await ReadAsync(database, program, id, kinds, runner, ct));
    }

    private static async Task<IResult> CommitAsync(
        string program, Guid id, ImportCommitRequest request, ServiceDatabase database, ImportKind[] kinds,
        ImportRunner runner, TimeProvider clock, ILogger logger, CancellationToken ct)
    {
        if (request.Version is null)
            return Problems.Invalid("version", PlatformTexts.Required.Format("version"));
        Stored? stored;
        await using (var tx = await database.BeginAsync(ct))
        {
            stored = await tx.QuerySingleOrDefaultAsync<Stored>(SelectSql, new { program, id }, ct);
            if (stored is null || KindOf(kinds, stored.Kind) is null)
                return Problems.NotFound(ImportTexts.UnknownImport);
            if (stored.Status is not ("checked" or "failed"))
                return Problems.Conflict(ImportTexts.AlreadyCommitted);
            if (stored.Version != request.Version)
                return Problems.Conflict(ImportTexts.Changed);
            var check = stored.CheckResult is null ? null : JsonSerializer.Deserialize<ImportCheck>(stored.CheckResult, MatchingJson.Options);
            if (check is null || check.Errors.Count > 0)
                return TypedResults.Problem(Problems.Of(StatusCodes.Status422UnprocessableEntity, ImportTexts.NotReady));
            await tx.ExecuteAsync("UPDATE imports SET status = 'committing', message = NULL, version = version + 1 WHERE program = @program AND id = @id AND version = @version",
                new { program, id, version = stored.Version }, ct);
            await tx.CommitAsync(ct);
        }

        Enqueue(runner, database, stored, KindOf(kinds, stored.Kind)!, clock, logger);
        return TypedResults.Accepted($"imports/{id}", await ReadAsync(database, program, id, kinds, runner, ct));
    }

    /// <summary>Runs the commit of a stored import from the rows it has applied so far (none, unless it was interrupted).</summary>
    private static void Enqueue(ImportRunner runner, ServiceDatabase database, Stored stored, ImportKind kind, TimeProvider clock, ILogger logger)
    {
        var columns = JsonSerializer.Deserialize<List<ImportColumn>>(stored.Columns, MatchingJson.Options)!;
        var rows = Map(columns, Split(kind, TabularFile.Read(stored.Content)).Rows);
        runner.Enqueue(stored.Id, rows.Count, (progress, stopping) => RunAsync(database, stored.Program, stored.Id, kind, rows, stored.AppliedRows, progress, clock, logger, stopping));
    }

    /// <summary>
    /// Commits left 'committing' by a process that stopped (a crash, a restart) go on where their last batch ended,
    /// so a commit once begun always ends with every row written; one interrupted before its first batch is checked again.
    /// </summary>
    internal static async Task ResumeInterruptedAsync(ServiceDatabase database, ImportKind[] kinds, ImportRunner runner, TimeProvider clock, ILogger logger, CancellationToken ct)
    {
        foreach (var stored in await database.QueryAsync<Stored>(InterruptedSql, null, ct))
        {
            if (KindOf(kinds, stored.Kind) is { } kind)
            {
                logger.LogInformation("Import {ImportId} of {Program} was interrupted after {Applied} rows; it goes on", stored.Id, stored.Program, stored.AppliedRows);
                Enqueue(runner, database, stored, kind, clock, logger);
            }
        }
    }

    /// <summary>Rows written per transaction: SQLite's one writer is held for a short moment at a time, never for a whole file.</summary>
    internal const int BatchRows = 500;

    /// <summary>
    /// Checks every row again against the database as it is now (reading: nobody waits), then writes the rows in short
    /// batches. Each batch commits with the count of rows applied, so only one writer applies a batch (replicas, a
    /// resumed run) and a commit interrupted by a crash resumes after its last batch: all rows end up written, none twice.
    /// </summary>
    private static async Task RunAsync(
        ServiceDatabase database, string program, Guid id, ImportKind kind, List<ImportRow> rows, int applied,
        IProgress<int> progress, TimeProvider clock, ILogger logger, CancellationToken ct)
    {
        try
        {
            if (applied == 0)
            {
                ImportCheck check;
                await using (var read = await database.BeginReadAsync(ct))
                    check = await kind.CheckAsync(read, program, rows, ct);
                if (check.Errors.Count > 0)
                {
                    await FinishAsync(database, program, id, "failed", check, null, ImportTexts.NotReady, clock, CancellationToken.None);
                    return;
                }
            }
            var counts = applied == 0 ? new ImportCounts(0, 0, 0) : await OutcomeSoFarAsync(database, program, id, ct);
            progress.Report(applied);
            while (applied < rows.Count)
            {
                var batch = rows.GetRange(applied, Math.Min(BatchRows, rows.Count - applied));
                await using var tx = await database.BeginAsync(ct);
                var written = await kind.CommitAsync(tx, program, batch, NoProgress, ct);
                if (written.Errors.Count > 0)
                {
                    // Checked before; only a change made since (by another user) can refuse a row now: it is left out.
                    var refused = written.Errors.Select(e => e.Line).ToHashSet();
                    logger.LogWarning("Import {ImportId}: {Count} rows were refused by changes made since the check; they are skipped", id, refused.Count);
                    written = await kind.CommitAsync(tx, program, batch.Where(r => !refused.Contains(r.Line)).ToList(), NoProgress, ct);
                    written = written with { Counts = written.Counts with { Skipped = written.Counts.Skipped + refused.Count } };
                }
                var next = applied + batch.Count;
                var total = new ImportCounts(counts.Registered + written.Counts.Registered, counts.Updated + written.Counts.Updated, counts.Skipped + written.Counts.Skipped);
                var last = next >= rows.Count;
                var advanced = await tx.ExecuteAsync("""
                    UPDATE imports SET applied_rows = @next, outcome = @outcome, version = version + 1,
                                       status = CASE WHEN @last = 1 THEN 'committed' ELSE status END,
                                       finished_at = CASE WHEN @last = 1 THEN @at ELSE finished_at END
                     WHERE program = @program AND id = @id AND status = 'committing' AND applied_rows = @applied
                    """, new { program, id, next, applied, last = last ? 1 : 0, outcome = JsonSerializer.Serialize(total, MatchingJson.Options), at = clock.GetUtcNow() }, ct);
                if (advanced == 0)
                    return; // Another runner applied this batch (a replica resuming the same import): its writes stand, ours roll back.
                if (last && kind.HoldsPersonalData)
                    await ForgetFileAsync(tx, program, id, ct);
                await tx.CommitAsync(ct);
                (applied, counts) = (next, total);
                progress.Report(applied);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException && applied == 0)
        {
            logger.LogError(ex, "Import {ImportId} of {Program} failed; nothing was written", id, program);
            await FinishAsync(database, program, id, "failed", null, null, ImportTexts.Failed, clock, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Import {ImportId} of {Program} stopped after {Applied} rows; it goes on at the next start", id, program, applied);
        }
    }

    private static readonly IProgress<int> NoProgress = new Progress<int>();

    private sealed record Kept(string Columns, string? CheckResult);

    /// <summary>The file, its sample cells and the check's messages (they quote cells and name people) go; the counts stay.</summary>
    private static async Task ForgetFileAsync(DatabaseTransaction tx, string program, Guid id, CancellationToken ct)
    {
        var kept = await tx.QuerySingleOrDefaultAsync<Kept>(
            "SELECT columns AS Columns, check_result AS CheckResult FROM imports WHERE program = @program AND id = @id", new { program, id }, ct)
            ?? throw new InvalidOperationException($"Import {id} is gone while it commits.");
        var columns = JsonSerializer.Deserialize<List<ImportColumn>>(kept.Columns, MatchingJson.Options)!;
        var check = kept.CheckResult is null ? null : JsonSerializer.Deserialize<ImportCheck>(kept.CheckResult, MatchingJson.Options);
        await tx.ExecuteAsync("UPDATE imports SET content = @content, columns = @columns, check_result = @check WHERE program = @program AND id = @id", new
        {
            program, id, content = Array.Empty<byte>(),
            columns = JsonSerializer.Serialize(columns.Select(c => c with { Samples = [] }), MatchingJson.Options),
            check = check is null ? null : JsonSerializer.Serialize(new ImportCheck([], check.Counts, []), MatchingJson.Options),
        }, ct);
    }

    private static async Task<ImportCounts> OutcomeSoFarAsync(ServiceDatabase database, string program, Guid id, CancellationToken ct) =>
        await database.QuerySingleOrDefaultAsync<string>("SELECT outcome FROM imports WHERE program = @program AND id = @id", new { program, id }, ct) is { } json
            ? JsonSerializer.Deserialize<ImportCounts>(json, MatchingJson.Options)!
            : new ImportCounts(0, 0, 0);

    private static async Task FinishAsync(
        ServiceDatabase database, string program, Guid id, string status, ImportCheck? check, ImportCounts? outcome, LocalizedText message,
        TimeProvider clock, CancellationToken ct)
    {
        await using var tx = await database.BeginAsync(ct);
        await tx.ExecuteAsync("""
            UPDATE imports SET status = @status, check_result = COALESCE(@check, check_result), outcome = @outcome, message = @message,
                               finished_at = @at, version = version + 1
             WHERE program = @program AND id = @id
            """, new
        {
            program, id, status, check = check is null ? null : JsonSerializer.Serialize(check, MatchingJson.Options),
            outcome = outcome is null ? null : JsonSerializer.Serialize(outcome, MatchingJson.Options), message = message.Ja + " / " + message.En,
            at = clock.GetUtcNow(),
        }, ct);
        await tx.CommitAsync(ct);
    }
}
