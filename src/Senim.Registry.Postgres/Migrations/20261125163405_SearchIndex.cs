using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Senim.Registry.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class SearchIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Full-text search over the register: a GIN index on the 'simple' text-search vector of
            // AiSystems.SearchText (already lowercased by Senim, so Kazakh and Russian need no dictionary).
            migrationBuilder.Sql("""
                CREATE INDEX "IX_AiSystems_SearchVector" ON "AiSystems" USING GIN (to_tsvector('simple'::regconfig, "SearchText"));
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_AiSystems_SearchVector";""");
        }
    }
}
