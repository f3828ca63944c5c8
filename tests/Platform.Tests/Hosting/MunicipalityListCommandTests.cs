using System.Text;
using Matching.Contracts;
using Matching.Host;
using Matching.Testing;

namespace Matching.Platform.Tests.Hosting;

/// <summary>
/// <c>municipalities import</c> rewrites the repository's municipality list from 総務省's 全国地方公共団体コード list:
/// names and readings from the official file, what only the current list knows kept, a code no longer listed dropped.
/// </summary>
public sealed class MunicipalityListCommandTests
{
    private const string OfficialHeader = "団体コード,\"都道府県名\n（漢字）\",\"市区町村名\n（漢字）\",\"都道府県名\n（カナ）\",\"市区町村名\n（カナ）\"";

    private static string CodeOf(string fiveDigits) =>
        Enumerable.Range(0, 10).Select(d => fiveDigits + d).Single(c => MunicipalityCode.TryParse(c, out _));

    [Fact]
    public async Task The_official_list_in_shift_jis_with_half_width_kana_rewrites_the_list_in_its_own_format()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        using var folder = new TempFolder("municipality-import");
        var newWard = CodeOf("22138");
        var official = Path.Combine(folder.Path, "000925835.csv");
        await File.WriteAllTextAsync(official, string.Join("\r\n",
            OfficialHeader,
            "010006,北海道,,ﾎｯｶｲﾄﾞｳ,",
            "011002,北海道,札幌市,ﾎｯｶｲﾄﾞｳ,ｻｯﾎﾟﾛｼ",
            "011011,北海道,札幌市中央区,ﾎｯｶｲﾄﾞｳ,ｻｯﾎﾟﾛｼﾁｭｳｵｳｸ",
            "221309,静岡県,浜松市,ｼｽﾞｵｶｹﾝ,ﾊﾏﾏﾂｼ",
            $"{newWard},静岡県,浜松市中央区,ｼｽﾞｵｶｹﾝ,ﾊﾏﾏﾂｼﾁｭｳｵｳｸ") + "\r\n", Encoding.GetEncoding(932));
        var csv = Path.Combine(folder.Path, "municipalities-localgovjp.csv");
        await File.WriteAllTextAsync(csv, """
            pid,pref,cid,city,citykana,lat,lng,url,phrase,lgcode
            1,北海道,1100,札幌市,さっぽろし,43.06208877,141.3543886,https://www.city.sapporo.jp/,"市民の力, ""みなぎる""街",011002
            1,北海道,1101,札幌市 中央区,さっぽろし ちゅうおうく,43.0553865,141.3409671,https://www.city.sapporo.jp/chuo/,市電のふるさと中央区,011011
            22,静岡県,22130,浜松市,はままつし,34.71083333,137.7266667,https://www.city.hamamatsu.shizuoka.jp/,やらまいか,221309
            22,静岡県,22131,浜松市 中区,はままつし なかく,34.71111111,137.7266667,https://www.city.hamamatsu.shizuoka.jp/c-shinko/,中区,221317

            """.Replace("\r\n", "\n", StringComparison.Ordinal), new UTF8Encoding(true));
        using var output = new StringWriter();

        var exit = await MunicipalityListCommand.RunAsync(["municipalities", "import", official, "--csv", csv], output, CancellationToken.None);

        Assert.True(exit == 0, output.ToString());
        Assert.Equal("4 municipalities and wards: 1 added, 1 dropped.", output.ToString().Trim());
        var bytes = await File.ReadAllBytesAsync(csv);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.Equal(
            [
                "pid,pref,cid,city,citykana,lat,lng,url,phrase,lgcode",
                "1,北海道,1100,札幌市,さっぽろし,43.06208877,141.3543886,https://www.city.sapporo.jp/,\"市民の力, \"\"みなぎる\"\"街\",011002",
                "1,北海道,1101,札幌市 中央区,さっぽろし ちゅうおうく,43.0553865,141.3409671,https://www.city.sapporo.jp/chuo/,市電のふるさと中央区,011011",
                "22,静岡県,22130,浜松市,はままつし,34.71083333,137.7266667,https://www.city.hamamatsu.shizuoka.jp/,やらまいか,221309",
                $"22,静岡県,22138,浜松市 中央区,はままつし ちゅうおうく,,,,,{newWard}",
            ],
            Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void The_repository_s_list_written_as_an_official_list_comes_back_unchanged()
    {
        var path = Path.Combine(Repository.Root, MunicipalityListCommand.RepositoryCsv);
        var current = File.ReadAllBytes(path);
        var official = new StringBuilder(OfficialHeader).Append('\n');
        foreach (var m in Municipality.All)
        {
            var katakana = string.Concat(m.Kana.Select(c => c is >= 'ぁ' and <= 'ゖ' ? (char)(c + 0x60) : c));
            official.Append(m.Code.Value).Append(',').Append(m.Prefecture.Name).Append(',').Append(m.Name).Append(",,").Append(katakana).Append('\n');
        }

        var rewritten = MunicipalityListCommand.Rewrite(current, [Encoding.UTF8.GetBytes(official.ToString())], out var summary);

        Assert.Equal("1916 municipalities and wards: 0 added, 0 dropped.", summary);
        Assert.Equal(Encoding.UTF8.GetString(current).TrimStart('\uFEFF'), rewritten);
    }
}
