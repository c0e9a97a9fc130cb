using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Senim.Registry.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class DeadlinesAndStatistics : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "StepDeadline",
                table: "AiSystems",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "StepDueAt",
                table: "AiSystems",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "StepDueDate",
                table: "AiSystems",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "StepOverdueNotifiedAt",
                table: "AiSystems",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "StatDays",
                columns: table => new
                {
                    Measure = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Count = table.Column<long>(type: "INTEGER", nullable: false),
                    Sum = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StatDays", x => new { x.Measure, x.Key, x.Day });
                });

            migrationBuilder.CreateIndex(
                name: "IX_AiSystems_StepDueAt",
                table: "AiSystems",
                column: "StepDueAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "StatDays");

            migrationBuilder.DropIndex(
                name: "IX_AiSystems_StepDueAt",
                table: "AiSystems");

            migrationBuilder.DropColumn(
                name: "StepDeadline",
                table: "AiSystems");

            migrationBuilder.DropColumn(
                name: "StepDueAt",
                table: "AiSystems");

            migrationBuilder.DropColumn(
                name: "StepDueDate",
                table: "AiSystems");

            migrationBuilder.DropColumn(
                name: "StepOverdueNotifiedAt",
                table: "AiSystems");
        }
    }
}
