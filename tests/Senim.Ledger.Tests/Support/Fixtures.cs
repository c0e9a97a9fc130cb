namespace Senim.Ledger.Tests.Support;

/// <summary>The vectors of ../shared/fixtures/tlog/README.md (produced by Go's sumdb/tlog).</summary>
internal static class Fixtures
{
    public static readonly string[] Roots =
    [
        "40766b2033429026f53d54502679a839706b4741f8dcaf3a8bba5f41b5ffe075",
        "2f27a5082c1d42afa488ac350a9fc4390c084f54f71ecdff859e98db8429b479",
        "a64bf26e09128f6fe2fe6f8b2d8c801e166b57c047a7cd9b2b809e7a96a2f1cb",
        "256b9e8825e5d370a4ae005d0901ea291977e2927f5cf8e3e72660dd09519edb",
        "1aa68d3074905a581f84cbbd0f753794904fd80451bc4c13e69d9a53bc59502c",
        "08783a523d260480de2ccf0976d7411ed8adaf06f75d5a5de2254c58f968eca9",
        "9139601cc1ca8ab2a7a0c2c134c04845f2b1ba549a83d6c845cfcda439cc585d",
    ];

    public const string EmptyRoot = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    public static readonly string[] InclusionOf3In7 =
    [
        "049d7dcdb56bcfebd313304c9839f196a3d4b6ef3bdc0b08298f93ac8191f0a8",
        "2f27a5082c1d42afa488ac350a9fc4390c084f54f71ecdff859e98db8429b479",
        "e429c5b5ccaa9523c37297f1846766f903137e82195c5199e6be57130d1006c8",
    ];

    public static readonly string[] ConsistencyFrom3To7 =
    [
        "049d7dcdb56bcfebd313304c9839f196a3d4b6ef3bdc0b08298f93ac8191f0a8",
        "27479b6ab321d2ee477452f68ba527748e863cafe8fbd1df2bf89d1570d1b697",
        "2f27a5082c1d42afa488ac350a9fc4390c084f54f71ecdff859e98db8429b479",
        "e429c5b5ccaa9523c37297f1846766f903137e82195c5199e6be57130d1006c8",
    ];

    /// <summary>The repository root (the folder holding Senim.slnx), found from the test assembly.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(System.IO.Path.Combine(dir.FullName, "Senim.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Senim.slnx not found above the test assembly.");
    }

    /// <summary>The shared fixtures README, to check the vectors above were transcribed exactly.</summary>
    public static string? SharedReadme()
    {
        var path = System.IO.Path.Combine(RepositoryRoot(), "..", "shared", "fixtures", "tlog", "README.md");
        return System.IO.File.Exists(path) ? System.IO.File.ReadAllText(path) : null;
    }
}
