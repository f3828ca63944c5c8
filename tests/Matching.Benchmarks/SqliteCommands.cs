using Microsoft.Data.Sqlite;

namespace Matching.Benchmarks;

/// <summary>Generating data straight into a service's SQLite file: one statement, or a prepared one bound again per row.</summary>
internal static class SqliteCommands
{
    public static void Exec(SqliteConnection connection, SqliteTransaction tx, string sql, params (string, object)[] values)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        Bind(command, values);
        command.ExecuteNonQuery();
    }

    public static void Bind(SqliteCommand command, params (string Name, object Value)[] values)
    {
        command.Parameters.Clear();
        foreach (var (name, value) in values)
            command.Parameters.AddWithValue(name, value);
    }
}
