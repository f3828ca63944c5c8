using Matching.Platform.Http;

namespace Matching.Coordinators.Consultations;

/// <summary>How the coordinator met the manager: 訪問, 電話, オンライン, セミナー等.</summary>
internal enum ConsultationChannel
{
    Visit,
    Phone,
    Online,
    Seminar,
}

/// <summary>Channels by the names requests and stored rows carry (<c>visit</c> …), with their labels for files.</summary>
internal static class ConsultationChannels
{
    private static readonly Dictionary<string, LocalizedText> Labels = new(StringComparer.Ordinal)
    {
        ["visit"] = new("訪問", "Visit"), ["phone"] = new("電話", "Phone"), ["online"] = new("オンライン", "Online"), ["seminar"] = new("セミナー等", "Seminar"),
    };

    public static bool IsName(string name) => Labels.ContainsKey(name);

    public static string Label(string name) => Labels.TryGetValue(name, out var label) ? label.ToString() : name;
}
