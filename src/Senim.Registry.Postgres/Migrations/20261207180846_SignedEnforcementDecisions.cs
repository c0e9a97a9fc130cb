using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Senim.Registry.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class SignedEnforcementDecisions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "CaseId",
                table: "SignatureChallenges",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SignatureSha256",
                table: "EnforcementDecisions",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AlterColumn<Guid>(
                name: "SystemId",
                table: "ActSignatures",
                type: "uuid",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "uuid");

            migrationBuilder.AddColumn<Guid>(
                name: "CaseId",
                table: "ActSignatures",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_ActSignatures_CaseId",
                table: "ActSignatures",
                column: "CaseId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ActSignatures_CaseId",
                table: "ActSignatures");

            migrationBuilder.DropColumn(
                name: "CaseId",
                table: "SignatureChallenges");

            migrationBuilder.DropColumn(
                name: "SignatureSha256",
                table: "EnforcementDecisions");

            migrationBuilder.DropColumn(
                name: "CaseId",
                table: "ActSignatures");

            migrationBuilder.AlterColumn<Guid>(
                name: "SystemId",
                table: "ActSignatures",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "uuid",
                oldNullable: true);
        }
    }
}
