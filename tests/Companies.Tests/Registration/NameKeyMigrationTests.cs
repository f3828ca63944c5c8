using Dapper;
using Matching.Contracts;
using Matching.Testing;

namespace Matching.Companies.Tests.Registration;

/// <summary>Migration 0007 recomputes the keys of companies written before it, exactly as <see cref="CompanyName.Key"/> does now.</summary>
public sealed class NameKeyMigrationTests
{
    private sealed record Row(string Name, string NameKana, string NameKey, string ReadingKey);

    [Fact]
    public async Task Keys_written_by_the_previous_schema_become_the_keys_of_the_legal_form_free_rule()
    {
        await using var schema = await SchemaBefore.OpenAsync(typeof(CompaniesModule).Assembly, 7);
        var connection = schema.Connection;
        // Every legal form before and after a name and its reading, plus names the rule must leave alone.
        var names = CompanyName.LegalForms.SelectMany(f => new[] { (f + " 北見精機", "キタミセイキ"), ("北見精機" + f, f + "キタミセイキ") })
            .Concat([("(株)北見精機", "カブシキガイシャ キタミセイキ"), ("㈱網走精機", "あばしりせいき"), ("株式会社", "カブシキガイシャ"),
                     ("北見株式会社販売", "キタミカブシキガイシャハンバイ"), ("ＡＢＣ商事", "エービーシーショウジ")])
            .ToList();
        foreach (var (name, kana) in names)
        {
            // As CompanyDetails.ToColumns wrote them before 0007.
            await connection.ExecuteAsync(
                """
                INSERT INTO companies (id, program, name, name_kana, name_folded, name_key, prefecture_code, municipality_code, registered_at, version)
                VALUES (@id, 'demo', @name, @kana, @folded, @key, '01', '012084', '2026-04-01T00:00:00+00:00', 1)
                """,
                new { id = Guid.NewGuid().ToString(), name, kana, folded = KanaFolding.Fold(name + " " + kana), key = KanaFolding.Fold(name) });
        }

        await schema.MigrateAsync();

        var rows = await connection.QueryAsync<Row>(
            "SELECT name AS Name, name_kana AS NameKana, name_key AS NameKey, reading_key AS ReadingKey FROM companies");
        Assert.All(rows, r => Assert.Equal((CompanyName.Key(r.Name), CompanyName.Key(r.NameKana)), (r.NameKey, r.ReadingKey)));
        Assert.Equal(names.Count, rows.Count());
    }
}
