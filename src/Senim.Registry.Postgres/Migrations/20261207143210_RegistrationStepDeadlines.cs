using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Senim.Registry.Postgres.Migrations
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
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "StepDueAt",
                table: "AiSystems",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "StepDueDate",
                table: "AiSystems",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "StepOverdueNotifiedAt",
                table: "AiSystems",
                type: "timestamp with time zone",
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
