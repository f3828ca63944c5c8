using System.Text;
using Microsoft.Data.Sqlite;

namespace Matching.Testing;

/// <summary>
/// Looks for a person's values in every SQLite database of a data folder: every text column of every table through SQL,
/// and the bytes of each database file and its WAL (what SQL no longer reaches: free space, pages the WAL still holds).
/// Each value is looked for as written and as JSON escapes it (\u9234), so a document or an event body counts too.
/// </summary>
public static class PersonalDataScan
{
    /// <summary>Where the values were found: <c>candidates.db: provisions.candidate_name</c>, <c>candidates.db-wal: bytes</c>; empty when nowhere.</summary>
    public static IReadOnlyList<string> Find(string dataDirectory, params string[] values)
    {
        var forms = values.SelectMany(FormsOf).Distinct().ToList();
        var found = new List<string>();
        foreach (var file in Directory.GetFiles(dataDirectory, "*.db").Order())
        {
            // The bytes first: the last connection to close checkpoints the WAL, which would hide what it held.
            foreach (var raw in new[] { file, file + "-wal" }.Where(File.Exists))
                if (InBytes(raw, forms) is { } value)
                    found.Add($"{Path.GetFileName(raw)}: bytes ({value})");
            found.AddRange(InTables(file, forms).Select(place => $"{Path.GetFileName(file)}: {place}"));
        }
        return found;
    }

    /// <summary>How many tables and text columns the scan read, so a test can say it looked at something.</summary>
    public static (int Databases, int Tables, int Columns) Extent(string dataDirectory)
    {
        var (databases, tables, columns) = (0, 0, 0);
        foreach (var file in Directory.GetFiles(dataDirectory, "*.db"))
        {
            databases++;
            var schema = TextColumns(file);
            tables += schema.Count;
            columns += schema.Sum(t => t.Value.Count);
        }
        return (databases, tables, columns);
    }

    private static IEnumerable<string> FormsOf(string value)
    {
        yield return value;
        if (value.Any(c => c > 127))
        {
            yield return string.Concat(value.Select(c => c > 127 ? $"\\u{(int)c:x4}" : c.ToString()));
            yield return string.Concat(value.Select(c => c > 127 ? $"\\u{(int)c:X4}" : c.ToString()));
        }
    }

    private static SqliteConnection Open(string file)
    {
        var connection = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False;Default Timeout=30");
        connection.Open();
        return connection;
    }

    /// <summary>Each table with the columns that can hold text (declared TEXT/CHAR/CLOB, or no type at all).</summary>
    private static Dictionary<string, List<string>> TextColumns(string file)
    {
        using var connection = Open(file);
        var tables = new List<string>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
            using var reader = command.ExecuteReader();
            while (reader.Read())
                tables.Add(reader.GetString(0));
        }
        var result = new Dictionary<string, List<string>>();
        foreach (var table in tables)
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT name, type FROM pragma_table_info('{table.Replace("'", "''", StringComparison.Ordinal)}')";
            using var reader = command.ExecuteReader();
            var columns = new List<string>();
            while (reader.Read())
            {
                var type = reader.GetString(1).ToUpperInvariant();
                if (type.Length == 0 || type.Contains("TEXT", StringComparison.Ordinal) || type.Contains("CHAR", StringComparison.Ordinal)
                    || type.Contains("CLOB", StringComparison.Ordinal) || type.Contains("BLOB", StringComparison.Ordinal))
                    columns.Add(reader.GetString(0));
            }
            result[table] = columns;
        }
        return result;
    }

    private static IEnumerable<string> InTables(string file, List<string> forms)
    {
        var schema = TextColumns(file);
        using var connection = Open(file);
        foreach (var (table, columns) in schema)
            foreach (var column in columns)
            {
                using var command = connection.CreateCommand();
                command.CommandText = $"SELECT COUNT(*) FROM \"{table}\" WHERE " +
                    string.Join(" OR ", forms.Select((_, i) => $"instr(CAST(\"{column}\" AS TEXT), @v{i}) > 0"));
                for (var i = 0; i < forms.Count; i++)
                    command.Parameters.AddWithValue($"@v{i}", forms[i]);
                if ((long)command.ExecuteScalar()! > 0)
                    yield return $"{table}.{column}";
            }
    }

    private static string? InBytes(string file, List<string> forms)
    {
        byte[] bytes;
        using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        {
            bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
        }
        return forms.FirstOrDefault(form => bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(form)) >= 0);
    }
}
