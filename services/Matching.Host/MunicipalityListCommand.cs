using System.Globalization;
using System.Text;
using Matching.Contracts;
using Matching.Platform.Imports;

namespace Matching.Host;

/// <summary>
/// <c>Matching.Host municipalities import &lt;file&gt;… [--csv &lt;path&gt;]</c>: keeps the repository's municipality list
/// current from 総務省's 全国地方公共団体コード list (CSV in Shift_JIS or UTF-8, or the .xlsx, first sheet; its 政令指定都市
/// sheet saved as a second file adds the wards). It rewrites the list in its own format: names as the official list has
/// them (a ward after its city, 札幌市 中央区), readings in hiragana (the official file has half-width katakana), and
/// the coordinates, web site and phrase kept from the current list for a code it already has (empty for a new one).
/// A code the official list no longer has (a merged municipality, a redrawn ward) is dropped.
/// </summary>
public static class MunicipalityListCommand
{
    public const string Verb = "municipalities";

    /// <summary>The list in the repository, relative to its root (the command's working directory by default).</summary>
    public const string RepositoryCsv = "shared/Matching.Contracts/Places/municipalities-localgovjp.csv";

    private const string Header = "pid,pref,cid,city,citykana,lat,lng,url,phrase,lgcode";

    private static readonly string[] OfficialColumns = ["団体コード", "都道府県名(漢字)", "市区町村名(漢字)", "都道府県名(カナ)", "市区町村名(カナ)"];

    private sealed record Entry(MunicipalityCode Code, string Prefecture, string Name, string Kana);

    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken ct)
    {
        var files = new List<string>();
        var csv = RepositoryCsv;
        for (var i = 2; i < args.Length; i++)
        {
            if (args[i] == "--csv" && i + 1 < args.Length)
                csv = args[++i];
            else
                files.Add(args[i]);
        }
        if (args is not [_, "import", ..] || files.Count == 0)
        {
            await output.WriteLineAsync($"Usage: {Verb} import <official list .csv or .xlsx>… [--csv <list to rewrite, default {RepositoryCsv}>]");
            return 2;
        }
        if (!File.Exists(csv))
        {
            await output.WriteLineAsync($"{csv} does not exist: run the command at the repository's root or give --csv.");
            return 2;
        }
        var official = new List<byte[]>();
        foreach (var file in files)
            official.Add(await File.ReadAllBytesAsync(file, ct));
        var current = await File.ReadAllBytesAsync(csv, ct);
        string rewritten;
        try
        {
            rewritten = Rewrite(current, official, out var summary);
            await output.WriteLineAsync(summary);
        }
        catch (Exception e) when (e is UnreadableFileException or FormatException)
        {
            await output.WriteLineAsync(e is UnreadableFileException u ? u.Reason.En : e.Message);
            return 1;
        }
        await File.WriteAllTextAsync(csv, rewritten, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), ct);
        return 0;
    }

    /// <summary>The list (UTF-8 text without its BOM) the official files make of <paramref name="current"/>.</summary>
    public static string Rewrite(byte[] current, IReadOnlyList<byte[]> official, out string summary)
    {
        var kept = TabularFile.Read(current).Rows.Skip(1).ToDictionary(r => r.Cell(9), r => r.Cells);
        var entries = official.SelectMany(Entries).GroupBy(e => e.Code.Value).Select(g => g.Last()).OrderBy(e => e.Code.Value, StringComparer.Ordinal).ToList();
        if (entries.Count == 0)
            throw new FormatException("No municipality found: the official list has a header row with 団体コード and 市区町村名（漢字）.");
        var lines = new StringBuilder(Header).Append('\n');
        foreach (var entry in WithWardsAfterTheirCity(entries))
        {
            var code = entry.Code.Value;
            var rest = kept.TryGetValue(code, out var cells) ? cells.Skip(5).Take(4).ToArray() : ["", "", "", ""];
            string[] fields =
            [
                int.Parse(code[..2], CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture), entry.Prefecture,
                int.Parse(code[..5], CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture), entry.Name, entry.Kana, .. rest, code,
            ];
            lines.AppendJoin(',', fields.Select(Quoted)).Append('\n');
        }
        var added = entries.Count(e => !kept.ContainsKey(e.Code.Value));
        var dropped = kept.Keys.Count(k => entries.All(e => e.Code.Value != k));
        summary = $"{entries.Count} municipalities and wards: {added} added, {dropped} dropped.";
        return lines.ToString();
    }

    private static IEnumerable<Entry> Entries(byte[] file)
    {
        var rows = TabularFile.Read(file).Rows;
        var headerAt = rows.ToList().FindIndex(r => r.Cells.Any(c => Key(c) == OfficialColumns[0]));
        if (headerAt < 0)
            yield break;
        var columns = OfficialColumns.Select(name => rows[headerAt].Cells.Select(Key).ToList().IndexOf(name)).ToArray();
        if (columns.Any(c => c < 0))
            throw new FormatException($"The official list lacks a column: it has {string.Join(", ", OfficialColumns)}.");
        foreach (var row in rows.Skip(headerAt + 1))
        {
            var name = row.Cell(columns[2]).Trim();
            if (name.Length == 0)
                continue; // a prefecture's own row
            // A workbook may hold the code as a number, which loses Hokkaido's leading zero.
            var text = row.Cell(columns[0]).Trim().PadLeft(6, '0');
            if (!MunicipalityCode.TryParse(text, out var code))
                throw new FormatException($"Line {row.Line}: {row.Cell(columns[0])} is not a 6-digit 団体コード with its check digit.");
            yield return new Entry(code, row.Cell(columns[1]).Trim(), name, Hiragana(row.Cell(columns[4])));
        }
    }

    /// <summary>A ward named with its city (札幌市中央区) is written as the list writes it, the city, a space, the ward.</summary>
    private static IEnumerable<Entry> WithWardsAfterTheirCity(IReadOnlyList<Entry> entries)
    {
        var cities = entries.Where(e => e.Name.EndsWith('市')).ToList();
        foreach (var entry in entries)
        {
            var city = cities.FirstOrDefault(c => c.Code.Prefecture == entry.Code.Prefecture && entry.Name.Length > c.Name.Length
                                                  && entry.Name.StartsWith(c.Name, StringComparison.Ordinal) && entry.Name.EndsWith('区'));
            if (city is null || entry.Name.Contains(' ', StringComparison.Ordinal))
            {
                yield return entry;
                continue;
            }
            var kana = entry.Kana.StartsWith(city.Kana, StringComparison.Ordinal) && !entry.Kana.Contains(' ', StringComparison.Ordinal)
                ? $"{city.Kana} {entry.Kana[city.Kana.Length..]}" : entry.Kana;
            yield return entry with { Name = $"{city.Name} {entry.Name[city.Name.Length..]}", Kana = kana };
        }
    }

    /// <summary>ｻｯﾎﾟﾛｼ → さっぽろし: NFKC widens half-width katakana, then katakana becomes hiragana (ー stays).</summary>
    private static string Hiragana(string kana) =>
        string.Concat(kana.Trim().Normalize(NormalizationForm.FormKC).Select(c => c is >= 'ァ' and <= 'ヶ' ? (char)(c - 0x60) : c));

    /// <summary>A header as compared: without spaces or line breaks, full-width brackets as ASCII.</summary>
    private static string Key(string header) =>
        string.Concat(header.Normalize(NormalizationForm.FormKC).Where(c => !char.IsWhiteSpace(c)));

    private static string Quoted(string field) =>
        field.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{field.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : field;
}
