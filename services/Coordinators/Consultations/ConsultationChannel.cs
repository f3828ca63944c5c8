namespace Matching.Coordinators.Consultations;

/// <summary>How the coordinator met the manager: 訪問, 電話, オンライン, セミナー等.</summary>
internal enum ConsultationChannel
{
    Visit,
    Phone,
    Online,
    Seminar,
}
