using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Senim.Registry.Sqlite.Migrations
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
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SignatureSha256",
                table: "EnforcementDecisions",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AlterColumn<Guid>(
                name: "SystemId",
                table: "ActSignatures",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "TEXT");

            migrationBuilder.AddColumn<Guid>(
                name: "CaseId",
                table: "ActSignatures",
                type: "TEXT",
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
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "TEXT",
                oldNullable: true);
        }
    }
}
