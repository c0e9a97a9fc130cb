using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Senim.Registry.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class StatisticsAllTimeIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_StatDays_Day_Measure",
                table: "StatDays",
                columns: new[] { "Day", "Measure" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_StatDays_Day_Measure",
                table: "StatDays");
        }
    }
}
