using System.Text.Json;
using Matching.Contracts;
using Matching.Platform.Data;

namespace Matching.Platform.Messaging;

/// <summary>
/// 送信箱 — events caused by a change, stored in the change's own transaction.
/// The <see cref="OutboxDispatcher"/> publishes them after commit, so a crash in between loses nothing.
/// </summary>
public sealed class Outbox
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly DatabaseTransaction transaction;

    internal Outbox(DatabaseTransaction transaction) => this.transaction = transaction;

    internal const string InsertSql = """
        INSERT INTO outbox_messages (message_id, message_type, body, program, created_at, attempts)
        VALUES (@messageId, @messageType, @body, @program, @createdAt, 0)
        """;

    /// <summary>Events added in this transaction.</summary>
    public int Count { get; private set; }

    public async Task AddAsync<TEvent>(TEvent message, CancellationToken ct)
        where TEvent : class, IIntegrationEvent
    {
        await transaction.ExecuteAsync(
            InsertSql,
            new
            {
                messageId = message.EventId,
                messageType = TypeName(typeof(TEvent)),
                body = JsonSerializer.Serialize(message, Json),
                program = message.Program,
                createdAt = DateTimeOffset.UtcNow,
            },
            ct);
        Count++;
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, string> TypeNames = new();

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Type> Types = new(StringComparer.Ordinal);

    /// <summary>
    /// The type a stored message names (the inverse of <see cref="TypeName"/>), resolved once per name: resolving walks
    /// the loaded assemblies. Throws <see cref="TypeLoadException"/> (or a file load exception) for a type that is gone.
    /// </summary>
    internal static Type TypeOf(string name) => Types.GetOrAdd(name, static n => Type.GetType(n, throwOnError: true)!);

    /// <summary>Assembly-qualified without version, so a rebuilt contracts assembly still resolves stored messages.</summary>
    internal static string TypeName(Type type) =>
        TypeNames.GetOrAdd(type, static t => $"{t.FullName}, {t.Assembly.GetName().Name}");
}
