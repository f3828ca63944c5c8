namespace Matching.Coordinators.Consultations;

/// <summary>How the coordinator met the manager: 訪問, 電話, オンライン, セミナー等.</summary>
internal enum ConsultationChannel
{
    Visit,
    Phone,
    Online,
    Seminar,
}

/// <summary>Channels by the names requests and stored rows carry (<c>visit</c> …), with their Japanese labels for files.</summary>
internal static class ConsultationChannels
{
    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        ["visit"] = "訪問", ["phone"] = "電話", ["online"] = "オンライン", ["seminar"] = "セミナー等",
    };

    public static bool IsName(string name) => Labels.ContainsKey(name);

    public static string Label(string name) => Labels.GetValueOrDefault(name, name);
}
