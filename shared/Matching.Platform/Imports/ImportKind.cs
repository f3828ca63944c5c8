using System.Text;
using Matching.Contracts;
using Matching.Platform.Data;
using Matching.Platform.Http;

namespace Matching.Platform.Imports;

/// <summary>A field a file's column can be mapped to, with the header texts offices commonly give it.</summary>
public sealed record ImportField(string Key, LocalizedText Label, bool Required, params string[] Headers);

/// <summary>One data row of an import as field → text, after the mapping, with its line in the file.</summary>
public sealed record ImportRow(int Line, IReadOnlyDictionary<string, string> Values)
{
    public string? this[string field] => Values.TryGetValue(field, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
}

/// <summary>A reason a row (or the file, when <see cref="Line"/> is 0) cannot be imported.</summary>
public sealed record ImportError(int Line, string? Field, string Message);

/// <summary>What a commit would do (the check) or did (the outcome): rows registered, updated and left alone.</summary>
public sealed record ImportCounts(int Registered, int Updated, int Skipped);

/// <param name="Warnings">Rows a commit leaves out, and why (a probable duplicate); they do not stop the commit.</param>
public sealed record ImportCheck(IReadOnlyList<ImportError> Errors, ImportCounts Counts, IReadOnlyList<ImportError>? Warnings = null);

/// <summary>
/// One kind of file a service imports (a company list, a consultation log, the NTA corporate number data): its fields,
/// how its rows are checked against the rules and the database, and how they are written, all rows in one transaction.
/// </summary>
public abstract class ImportKind
{
    public abstract string Name { get; }

    public abstract LocalizedText Title { get; }

    public abstract IReadOnlyList<ImportField> Fields { get; }

    /// <summary>
    /// Why a column with this header may not even be uploaded (an item the law says not to collect), or null. A file with
    /// such a column is refused before anything of it is stored.
    /// </summary>
    public virtual LocalizedText? RefusedHeader(string header) => null;

    /// <summary>
    /// The file holds personal data (a talent list): once its rows are written, the stored file and the sample cells
    /// shown with its columns are dropped, so the people's data lives only where an erasure finds it.
    /// </summary>
    public virtual bool HoldsPersonalData => false;

    /// <summary>For files without a header row (fixed columns, like the NTA's), the field of each column; null otherwise.</summary>
    public virtual IReadOnlyList<string?>? FixedColumns => null;

    /// <summary>Every problem of every row; counts of what a commit would do. Runs inside the commit's transaction too.</summary>
    public abstract Task<ImportCheck> CheckAsync(DatabaseTransaction tx, string program, IReadOnlyList<ImportRow> rows, CancellationToken ct);

    /// <summary>
    /// Checks every row again inside the commit's transaction (the database may have changed since the preview) and,
    /// only when no row has an error, writes them all, reporting how many rows are done. Answers the check it made.
    /// </summary>
    public abstract Task<ImportCheck> CommitAsync(
        DatabaseTransaction tx, string program, IReadOnlyList<ImportRow> rows, IProgress<int> progress, CancellationToken ct);

    /// <summary>Header text as compared for mapping: NFKC, kana-folded, without spaces, brackets and marks.</summary>
    public static string HeaderKey(string header)
    {
        var folded = KanaFolding.Fold(header);
        var key = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (!char.IsPunctuation(c) && !char.IsSymbol(c) && c is not ('※' or '*' or '＊'))
                key.Append(c);
        }
        return key.ToString();
    }
}
