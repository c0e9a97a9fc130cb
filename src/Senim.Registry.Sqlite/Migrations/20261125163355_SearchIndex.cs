using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Senim.Registry.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SearchIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Full-text search over the register: an FTS5 index that follows AiSystems.SearchText
            // through triggers, keyed by the table's implicit rowid.
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE SystemSearch USING fts5(
                    SearchText, content='AiSystems', content_rowid='rowid',
                    tokenize='unicode61 remove_diacritics 2');
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER AiSystems_search_insert AFTER INSERT ON AiSystems BEGIN
                    INSERT INTO SystemSearch(rowid, SearchText) VALUES (new.rowid, new.SearchText);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER AiSystems_search_delete AFTER DELETE ON AiSystems BEGIN
                    INSERT INTO SystemSearch(SystemSearch, rowid, SearchText) VALUES ('delete', old.rowid, old.SearchText);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER AiSystems_search_update AFTER UPDATE OF SearchText ON AiSystems BEGIN
                    INSERT INTO SystemSearch(SystemSearch, rowid, SearchText) VALUES ('delete', old.rowid, old.SearchText);
                    INSERT INTO SystemSearch(rowid, SearchText) VALUES (new.rowid, new.SearchText);
                END;
                """);
            migrationBuilder.Sql("INSERT INTO SystemSearch(SystemSearch) VALUES ('rebuild');");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS AiSystems_search_update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS AiSystems_search_delete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS AiSystems_search_insert;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS SystemSearch;");
        }
    }
}
