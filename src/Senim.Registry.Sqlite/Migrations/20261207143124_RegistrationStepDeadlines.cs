using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Senim.Registry.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class RegistrationStepDeadlines : Migration
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

            migrationBuilder.CreateIndex(
                name: "IX_AiSystems_StepDueAt",
                table: "AiSystems",
                column: "StepDueAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
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
