using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Senim.Registry.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class EnforcementCases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "EnforcementCases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Origin = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    OriginId = table.Column<Guid>(type: "uuid", nullable: true),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    SystemId = table.Column<Guid>(type: "uuid", nullable: true),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Subject = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    OpenedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    OpenedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    ResponseDeadlineId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ResponseDueDate = table.Column<DateOnly>(type: "date", nullable: true),
                    ResponseDueAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Decision = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DecisionReasons = table.Column<string>(type: "character varying(5000)", maxLength: 5000, nullable: true),
                    OffenderCategory = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    OffenceDate = table.Column<DateOnly>(type: "date", nullable: true),
                    FineUnits = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    FineAmount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    UnitValue = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    UnitYear = table.Column<int>(type: "integer", nullable: true),
                    FineRepeat = table.Column<bool>(type: "boolean", nullable: false),
                    FineTraceJson = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    SuspensionOrdered = table.Column<bool>(type: "boolean", nullable: false),
                    AppealDeadlineId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    AppealDueDate = table.Column<DateOnly>(type: "date", nullable: true),
                    AppealDueAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    AppealedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    AppealOutcome = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    AppealDecidedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ClosedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EnforcementCases", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EnforcementCases_AiSystems_SystemId",
                        column: x => x.SystemId,
                        principalTable: "AiSystems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_EnforcementCases_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "EnforcementDecisions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationName = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    Bin = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: true),
                    NaturalPerson = table.Column<bool>(type: "boolean", nullable: false),
                    SystemId = table.Column<Guid>(type: "uuid", nullable: true),
                    RegisterNumber = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Reasons = table.Column<string>(type: "character varying(5000)", maxLength: 5000, nullable: false),
                    Category = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Repeat = table.Column<bool>(type: "boolean", nullable: false),
                    FineUnits = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    FineAmount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    UnitValue = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    UnitYear = table.Column<int>(type: "integer", nullable: true),
                    SuspensionOrdered = table.Column<bool>(type: "boolean", nullable: false),
                    AppealOutcome = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    AppealOf = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EnforcementDecisions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "EnforcementEvidence",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    FileName = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Size = table.Column<long>(type: "bigint", nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    StorageKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    AddedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EnforcementEvidence", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EnforcementEvidence_EnforcementCases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "EnforcementCases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_EnforcementCases_OrganisationId_DecidedAt",
                table: "EnforcementCases",
                columns: new[] { "OrganisationId", "DecidedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_EnforcementCases_Status_OpenedAt",
                table: "EnforcementCases",
                columns: new[] { "Status", "OpenedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_EnforcementCases_SystemId",
                table: "EnforcementCases",
                column: "SystemId");

            migrationBuilder.CreateIndex(
                name: "IX_EnforcementDecisions_At",
                table: "EnforcementDecisions",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_EnforcementDecisions_CaseId",
                table: "EnforcementDecisions",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_EnforcementEvidence_CaseId",
                table: "EnforcementEvidence",
                column: "CaseId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EnforcementDecisions");

            migrationBuilder.DropTable(
                name: "EnforcementEvidence");

            migrationBuilder.DropTable(
                name: "EnforcementCases");
        }
    }
}
