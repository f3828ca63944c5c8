using System.Text.Json;
using System.Text.Json.Serialization;

namespace Matching.Platform.Http;

/// <summary>The JSON of the API (web defaults, enums as camelCase strings), for the code that reads or writes it outside ASP.NET's own binding.</summary>
public static class MatchingJson
{
    public static readonly JsonStringEnumConverter EnumConverter = new(JsonNamingPolicy.CamelCase);

    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Converters = { EnumConverter } };
}
