using Matching.Platform.Data;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Coordinators.Staff;

/// <summary>The program's coordinators a consultation's coordinators are chosen from, main first.</summary>
internal static class StaffEndpoints
{
    public static async Task<Ok<IReadOnlyList<StaffCopy.Member>>> ListAsync(string program, ServiceDatabase<CoordinatorsModule> database, CancellationToken ct)
    {
        await using var tx = await database.BeginReadAsync(ct);
        return TypedResults.Ok(await StaffCopy.MembersAsync(tx, program, ct));
    }
}
