using System.Text.Json;
using System.Text.Json.Serialization;

namespace Matching.Platform.Http;

/// <summary>The JSON of the API (web defaults, enums as camelCase strings), for the code that reads or writes it outside ASP.NET's own binding.</summary>
public static class MatchingJson
{
    // Only the names: an integer (12345, -1, "7") would be an undefined value that is stored and fails every page reading it.
    public static readonly JsonStringEnumConverter EnumConverter = new(JsonNamingPolicy.CamelCase, allowIntegerValues: false);

    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Converters = { EnumConverter } };
}
