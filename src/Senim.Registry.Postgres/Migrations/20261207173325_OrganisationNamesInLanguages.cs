using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Senim.Registry.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class OrganisationNamesInLanguages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "NameEn",
                table: "Organisations",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "NameKk",
                table: "Organisations",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "NameRu",
                table: "Organisations",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            // The one name each organisation had goes to the language its letters show (ScriptLanguage.Detect): a letter
            // only Kazakh Cyrillic has → kk, other Cyrillic (U+0400–U+04FF) → ru, anything else → en. "Name" itself stays:
            // it is the default name.
            migrationBuilder.Sql("UPDATE \"Organisations\" SET \"NameKk\" = \"Name\" WHERE \"Name\" ~ '[ӘәҒғҚқҢңӨөҰұҮүҺһІі]';");
            migrationBuilder.Sql("UPDATE \"Organisations\" SET \"NameRu\" = \"Name\" WHERE \"NameKk\" IS NULL AND \"Name\" ~ '[Ѐ-ӿ]';");
            migrationBuilder.Sql("UPDATE \"Organisations\" SET \"NameEn\" = \"Name\" WHERE \"NameKk\" IS NULL AND \"NameRu\" IS NULL AND \"Name\" <> '';");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "NameEn",
                table: "Organisations");

            migrationBuilder.DropColumn(
                name: "NameKk",
                table: "Organisations");

            migrationBuilder.DropColumn(
                name: "NameRu",
                table: "Organisations");
        }
    }
}
