namespace Senim.Registry.Files;

/// <summary>
/// Files only Senim's own user may read (on Unix: folders 700, files 600; Windows keeps its ACLs). The database holds
/// the register and the evidence folder what organisations uploaded: no other local user may read them.
/// </summary>
public static class PrivateFiles
{
    /// <summary>rwx for the owner only.</summary>
    public const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>rw for the owner only.</summary>
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates the folder and any missing parent as 700; a folder that exists is left as the operator made it.</summary>
    public static void CreateFolder(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        // Directory.CreateDirectory gives the mode to the last folder only: each missing parent is made here, outermost first.
        var missing = new Stack<string>();
        for (var folder = Path.GetFullPath(path); !Directory.Exists(folder); folder = Path.GetDirectoryName(folder)!)
        {
            missing.Push(folder);
            if (Path.GetDirectoryName(folder) is null)
            {
                break;
            }
        }

        while (missing.TryPop(out var folder))
        {
            Directory.CreateDirectory(folder, FolderMode);
        }
    }

    /// <summary>Sets an existing file to 600 (nothing when it does not exist).</summary>
    public static void Restrict(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!OperatingSystem.IsWindows() && File.Exists(path))
        {
            File.SetUnixFileMode(path, FileMode);
        }
    }

    /// <summary>Options that create a new file as 600 (failing when it exists, unless <paramref name="mode"/> says otherwise).</summary>
    public static FileStreamOptions Create(FileAccess access = FileAccess.Write, System.IO.FileMode mode = System.IO.FileMode.CreateNew, FileOptions options = FileOptions.None)
    {
        var created = new FileStreamOptions { Mode = mode, Access = access, Share = FileShare.None, Options = options };
        if (!OperatingSystem.IsWindows())
        {
            created.UnixCreateMode = FileMode;
        }

        return created;
    }

    /// <summary>Writes a new text file as 600 (via a temporary file, so a reader never sees half of it), replacing one that exists.</summary>
    public static void WriteText(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(path);
        var temporary = path + ".part";
        File.Delete(temporary);
        using (var stream = new FileStream(temporary, Create()))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(text);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
