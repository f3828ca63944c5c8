using System.Collections.Frozen;

namespace Matching.Contracts;

/// <summary>
/// 市区町村 — a municipality or ward of Japan by its 全国地方公共団体コード, with its name and reading, from the CC0 list
/// shipped in Places/ (embedded in this assembly, so nothing outside the repository is read). Wards of designated cities
/// are named with their city, 札幌市中央区.
/// </summary>
public sealed record Municipality(MunicipalityCode Code, string Name, string Kana)
{
    private const string Resource = "Matching.Contracts.Places.municipalities-localgovjp.csv";

    private static readonly Lazy<(IReadOnlyList<Municipality> All, FrozenDictionary<string, Municipality> ByCode)> List = new(Load);

    public PrefectureCode Prefecture => Code.Prefecture;

    /// <summary>北海道北見市: the name with its prefecture, where a name alone is ambiguous (府中市 is in Tokyo and Hiroshima).</summary>
    public string FullName => Prefecture.Name + Name;

    public static IReadOnlyList<Municipality> All => List.Value.All;

    public static IEnumerable<Municipality> In(PrefectureCode prefecture) => All.Where(m => m.Prefecture == prefecture);

    public static Municipality? Find(string? code) =>
        code is not null && List.Value.ByCode.TryGetValue(code, out var m) ? m : null;

    /// <summary>The municipalities whose name or reading (kana-folded, with or without the prefecture) contains the text.</summary>
    public static IReadOnlyList<Municipality> Matching(string? text)
    {
        var folded = KanaFolding.Fold(text);
        if (folded.Length == 0)
            return [];
        return All.Where(m => KanaFolding.Fold(m.FullName).Contains(folded, StringComparison.Ordinal)
                              || KanaFolding.Fold(m.Kana).Contains(folded, StringComparison.Ordinal)).ToList();
    }

    /// <summary>"北海道 北見市" for a known code, the prefecture and the code for a valid code the list lacks, else the text.</summary>
    public static string Describe(string? code) =>
        Find(code) is { } m ? $"{m.Prefecture.Name} {m.Name}"
        : MunicipalityCode.TryParse(code, out var valid) ? $"{valid.Prefecture.Name}（{code}）"
        : code ?? "";

    private static (IReadOnlyList<Municipality>, FrozenDictionary<string, Municipality>) Load()
    {
        using var stream = typeof(Municipality).Assembly.GetManifestResourceStream(Resource)
                           ?? throw new InvalidOperationException($"{Resource} is not embedded.");
        using var reader = new StreamReader(stream);
        reader.ReadLine();
        var all = new List<Municipality>();
        while (reader.ReadLine() is { } line)
        {
            // pid,pref,cid,city,citykana,…,lgcode: only the web site's phrase is ever quoted, so the columns used split plainly.
            var cells = line.Split(',');
            all.Add(new Municipality(MunicipalityCode.Parse(cells[^1]), cells[3].Replace(" ", "", StringComparison.Ordinal),
                KanaFolding.Fold(cells[4])));
        }
        return (all, all.ToFrozenDictionary(m => m.Code.Value));
    }
}
