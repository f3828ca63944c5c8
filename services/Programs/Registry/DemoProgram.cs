using Matching.Contracts;
using Matching.Contracts.Programs;
using Matching.Platform.Data;
using Matching.Platform.Tenancy;

namespace Matching.Programs.Registry;

/// <summary>The program a newcomer finds on the first start of the embedded default (demo mode only).</summary>
internal static class DemoProgram
{
    public const string Slug = "demo";
    public const string Name = "デモ プロフェッショナル人材センター";

    public static async Task EnsureAsync(ServiceDatabase database, TimeProvider clock, CancellationToken ct)
    {
        await using var tx = await database.BeginAsync(ct);
        var now = clock.GetUtcNow();
        if (await ProgramDirectory.AddAsync(tx, Slug, Name, now, ct))
            await tx.Outbox.AddAsync(new ProgramCreated(EventIds.New(), Slug, now, Name), ct);
        await tx.CommitAsync(ct);
    }
}
