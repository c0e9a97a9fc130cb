using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Senim.Registry.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class OrganisationVerification : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Organisations_Bin",
                table: "Organisations");

            migrationBuilder.AddColumn<string>(
                name: "SignatureSha256",
                table: "WorkflowEvents",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            // ADR 0022: organisations registered before verification existed start unverified (their listed systems stay
            // listed; nothing new is published in their name until they verify).
            migrationBuilder.AddColumn<string>(
                name: "Verification",
                table: "Organisations",
                type: "TEXT",
                maxLength: 40,
                nullable: false,
                defaultValue: "Unverified");

            migrationBuilder.AddColumn<DateTime>(
                name: "VerifiedAt",
                table: "Organisations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AlterColumn<Guid>(
                name: "SystemId",
                table: "LogEntries",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "TEXT");

            migrationBuilder.AddColumn<Guid>(
                name: "OrganisationId",
                table: "LogEntries",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ActSignatures",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SystemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Act = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    EventId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Content = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    ContentSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Challenge = table.Column<string>(type: "TEXT", maxLength: 4096, nullable: false),
                    Cms = table.Column<byte[]>(type: "BLOB", nullable: false),
                    CmsSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SignedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    SignerSubject = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    SignerName = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    SignerIssuer = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    CertificateSerial = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    SigningTime = table.Column<DateTime>(type: "TEXT", nullable: true),
                    VerifiedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActSignatures", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "BinDisputes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Bin = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    ClaimantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    HolderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FiledBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    FiledByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    FiledAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Statement = table.Column<string>(type: "TEXT", maxLength: 5000, nullable: false),
                    EvidenceFileName = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    EvidenceContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    EvidenceSize = table.Column<long>(type: "INTEGER", nullable: true),
                    EvidenceSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    EvidenceStorageKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    State = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    DecidedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DecidedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    DecidedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Decision = table.Column<string>(type: "TEXT", maxLength: 5000, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BinDisputes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BinDisputes_Organisations_ClaimantId",
                        column: x => x.ClaimantId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_BinDisputes_Organisations_HolderId",
                        column: x => x.HolderId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "OrganisationEvents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Bin = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Method = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    EvidenceSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 5000, nullable: true),
                    FromOrganisationId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OrganisationEvents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "OrganisationVerifications",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Method = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Bin = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ActorId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ActorName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Current = table.Column<bool>(type: "INTEGER", nullable: false),
                    EventId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Challenge = table.Column<string>(type: "TEXT", maxLength: 4096, nullable: true),
                    Cms = table.Column<byte[]>(type: "BLOB", nullable: true),
                    CmsSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    SignerSubject = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    SignerIssuer = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    CertificateSerial = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    CertificateSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    SignerIin = table.Column<string>(type: "TEXT", maxLength: 12, nullable: true),
                    SignerRole = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    SigningTime = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 5000, nullable: true),
                    EvidenceFileName = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    EvidenceContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    EvidenceSize = table.Column<long>(type: "INTEGER", nullable: true),
                    EvidenceSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    EvidenceStorageKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OrganisationVerifications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SignatureChallenges",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Use = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SystemId = table.Column<Guid>(type: "TEXT", nullable: true),
                    IssuedTo = table.Column<Guid>(type: "TEXT", nullable: false),
                    Nonce = table.Column<string>(type: "TEXT", maxLength: 86, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4096, nullable: false),
                    ActContent = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: true),
                    IssuedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UsedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SignatureChallenges", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Organisations_Bin",
                table: "Organisations",
                column: "Bin");

            migrationBuilder.CreateIndex(
                name: "IX_Organisations_VerifiedBin",
                table: "Organisations",
                column: "Bin",
                unique: true,
                filter: "\"Verification\" <> 'Unverified' AND \"DeletedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_LogEntries_OrganisationId_Index",
                table: "LogEntries",
                columns: new[] { "OrganisationId", "Index" });

            migrationBuilder.CreateIndex(
                name: "IX_ActSignatures_EventId",
                table: "ActSignatures",
                column: "EventId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ActSignatures_SystemId",
                table: "ActSignatures",
                column: "SystemId");

            migrationBuilder.CreateIndex(
                name: "IX_BinDisputes_ClaimantId",
                table: "BinDisputes",
                column: "ClaimantId");

            migrationBuilder.CreateIndex(
                name: "IX_BinDisputes_HolderId",
                table: "BinDisputes",
                column: "HolderId");

            migrationBuilder.CreateIndex(
                name: "IX_BinDisputes_State_FiledAt",
                table: "BinDisputes",
                columns: new[] { "State", "FiledAt" });

            migrationBuilder.CreateIndex(
                name: "IX_OrganisationEvents_OrganisationId_At",
                table: "OrganisationEvents",
                columns: new[] { "OrganisationId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_OrganisationVerifications_OrganisationId_At",
                table: "OrganisationVerifications",
                columns: new[] { "OrganisationId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_SignatureChallenges_ExpiresAt",
                table: "SignatureChallenges",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_SignatureChallenges_IssuedTo_IssuedAt",
                table: "SignatureChallenges",
                columns: new[] { "IssuedTo", "IssuedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SignatureChallenges_Nonce",
                table: "SignatureChallenges",
                column: "Nonce",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ActSignatures");

            migrationBuilder.DropTable(
                name: "BinDisputes");

            migrationBuilder.DropTable(
                name: "OrganisationEvents");

            migrationBuilder.DropTable(
                name: "OrganisationVerifications");

            migrationBuilder.DropTable(
                name: "SignatureChallenges");

            migrationBuilder.DropIndex(
                name: "IX_Organisations_Bin",
                table: "Organisations");

            migrationBuilder.DropIndex(
                name: "IX_Organisations_VerifiedBin",
                table: "Organisations");

            migrationBuilder.DropIndex(
                name: "IX_LogEntries_OrganisationId_Index",
                table: "LogEntries");

            migrationBuilder.DropColumn(
                name: "SignatureSha256",
                table: "WorkflowEvents");

            migrationBuilder.DropColumn(
                name: "Verification",
                table: "Organisations");

            migrationBuilder.DropColumn(
                name: "VerifiedAt",
                table: "Organisations");

            migrationBuilder.DropColumn(
                name: "OrganisationId",
                table: "LogEntries");

            migrationBuilder.AlterColumn<Guid>(
                name: "SystemId",
                table: "LogEntries",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "TEXT",
                oldNullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Organisations_Bin",
                table: "Organisations",
                column: "Bin",
                unique: true);
        }
    }
}
