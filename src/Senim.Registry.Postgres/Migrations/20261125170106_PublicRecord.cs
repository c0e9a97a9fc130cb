using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Senim.Registry.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class PublicRecord : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AiSystems_Status_RegisteredAt",
                table: "AiSystems");

            migrationBuilder.DropIndex(
                name: "IX_AiSystems_Status_Sector",
                table: "AiSystems");

            migrationBuilder.DropIndex(
                name: "IX_AiSystems_Status_SortName",
                table: "AiSystems");

            migrationBuilder.DropIndex(
                name: "IX_AiSystems_Status_Tier",
                table: "AiSystems");

            migrationBuilder.AddColumn<int>(
                name: "Listed",
                table: "AiSystems",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "PublicJson",
                table: "AiSystems",
                type: "text",
                nullable: true);

            // Systems already public before this migration are listed; their public records are rebuilt on start.
            migrationBuilder.Sql("UPDATE \"AiSystems\" SET \"Listed\" = 1 WHERE \"Status\" IN ('Published', 'Registered', 'RegisteredWithConditions', 'Refused', 'Suspended', 'Withdrawn');");

            migrationBuilder.CreateIndex(
                name: "IX_AiSystems_Listed_RegisteredAt_Id",
                table: "AiSystems",
                columns: new[] { "Listed", "RegisteredAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AiSystems_Listed_Sector_UpdatedAt_Id",
                table: "AiSystems",
                columns: new[] { "Listed", "Sector", "UpdatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AiSystems_Listed_SortName_Id",
                table: "AiSystems",
                columns: new[] { "Listed", "SortName", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AiSystems_Listed_Tier_UpdatedAt_Id",
                table: "AiSystems",
                columns: new[] { "Listed", "Tier", "UpdatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AiSystems_Listed_UpdatedAt_Id",
                table: "AiSystems",
                columns: new[] { "Listed", "UpdatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AiSystems_OrganisationId_Listed",
                table: "AiSystems",
                columns: new[] { "OrganisationId", "Listed" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AiSystems_Listed_RegisteredAt_Id",
                table: "AiSystems");

            migrationBuilder.DropIndex(
                name: "IX_AiSystems_Listed_Sector_UpdatedAt_Id",
                table: "AiSystems");

            migrationBuilder.DropIndex(
                name: "IX_AiSystems_Listed_SortName_Id",
                table: "AiSystems");

            migrationBuilder.DropIndex(
                name: "IX_AiSystems_Listed_Tier_UpdatedAt_Id",
                table: "AiSystems");

            migrationBuilder.DropIndex(
                name: "IX_AiSystems_Listed_UpdatedAt_Id",
                table: "AiSystems");

            migrationBuilder.DropIndex(
                name: "IX_AiSystems_OrganisationId_Listed",
                table: "AiSystems");

            migrationBuilder.DropColumn(
                name: "Listed",
                table: "AiSystems");

            migrationBuilder.DropColumn(
                name: "PublicJson",
                table: "AiSystems");

            migrationBuilder.CreateIndex(
                name: "IX_AiSystems_Status_RegisteredAt",
                table: "AiSystems",
                columns: new[] { "Status", "RegisteredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_AiSystems_Status_Sector",
                table: "AiSystems",
                columns: new[] { "Status", "Sector" });

            migrationBuilder.CreateIndex(
                name: "IX_AiSystems_Status_SortName",
                table: "AiSystems",
                columns: new[] { "Status", "SortName" });

            migrationBuilder.CreateIndex(
                name: "IX_AiSystems_Status_Tier",
                table: "AiSystems",
                columns: new[] { "Status", "Tier" });
        }
    }
}
