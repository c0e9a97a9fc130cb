using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Senim.Registry.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class CitizenRequests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CaseEvents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseKind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    From = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    To = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ActorRole = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ActorId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ActorName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Text = table.Column<string>(type: "TEXT", maxLength: 5000, nullable: true),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseEvents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PersonalData",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Sealed = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PersonalData", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CitizenRequests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TrackingHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    SystemId = table.Column<Guid>(type: "TEXT", nullable: true),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    NamedSystem = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    NamedOrganisation = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    ContentLink = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ContentFileKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ContentSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    LabelVerdict = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    LabelRegisterNumber = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    LabelWarnings = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    DeadlineId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    FiledAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DueDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DueAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    FiledBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    HandlerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AssignedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Answer = table.Column<string>(type: "TEXT", maxLength: 5000, nullable: true),
                    AnsweredAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    OutcomeText = table.Column<string>(type: "TEXT", maxLength: 5000, nullable: true),
                    EscalatedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ClosedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    PersonalDataId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ContactHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ErasedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CitizenRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CitizenRequests_AiSystems_SystemId",
                        column: x => x.SystemId,
                        principalTable: "AiSystems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CitizenRequests_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CitizenRequests_PersonalData_PersonalDataId",
                        column: x => x.PersonalDataId,
                        principalTable: "PersonalData",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CaseEvents_CaseKind_CaseId_Sequence",
                table: "CaseEvents",
                columns: new[] { "CaseKind", "CaseId", "Sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CitizenRequests_ContactHash_FiledAt",
                table: "CitizenRequests",
                columns: new[] { "ContactHash", "FiledAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CitizenRequests_Kind_ClosedAt",
                table: "CitizenRequests",
                columns: new[] { "Kind", "ClosedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CitizenRequests_OrganisationId_DueAt",
                table: "CitizenRequests",
                columns: new[] { "OrganisationId", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CitizenRequests_PersonalDataId",
                table: "CitizenRequests",
                column: "PersonalDataId");

            migrationBuilder.CreateIndex(
                name: "IX_CitizenRequests_Status_DueAt",
                table: "CitizenRequests",
                columns: new[] { "Status", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CitizenRequests_SystemId",
                table: "CitizenRequests",
                column: "SystemId");

            migrationBuilder.CreateIndex(
                name: "IX_CitizenRequests_TrackingHash",
                table: "CitizenRequests",
                column: "TrackingHash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CaseEvents");

            migrationBuilder.DropTable(
                name: "CitizenRequests");

            migrationBuilder.DropTable(
                name: "PersonalData");
        }
    }
}
