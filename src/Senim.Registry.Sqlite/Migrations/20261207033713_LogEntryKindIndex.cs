using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Senim.Registry.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class LogEntryKindIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_LogEntries_Kind_Index",
                table: "LogEntries",
                columns: new[] { "Kind", "Index" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_LogEntries_Kind_Index",
                table: "LogEntries");
        }
    }
}
