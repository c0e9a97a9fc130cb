using System.Text;

namespace Senim.Ledger.Notes;

/// <summary>
/// Keeps a signer key in a file, in the C2SP skey text format (PRIVATE+KEY+name+keyid+base64), readable only by
/// its owner (mode 0600 on Unix). The verifier key sits beside it in <c>&lt;file&gt;.pub</c> for publishing. Keys
/// never go into a database.
/// </summary>
public static class FileKeyStore
{
    /// <summary>Loads the signer key at <paramref name="path"/>, or creates a new one named <paramref name="name"/> if the file does not exist.</summary>
    public static NoteSigner LoadOrCreate(string path, string name, byte type = NoteKeys.Ed25519Type, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            Create(path, name, type);
        }

        var signer = Load(path, clock);
        if (signer.Name != name)
        {
            signer.Dispose();
            throw new LedgerException(LedgerError.UnknownKey, $"{path} holds the key of '{signer.Name}', not of '{name}'.");
        }

        return signer;
    }

    /// <summary>Loads the signer key at <paramref name="path"/>.</summary>
    public static NoteSigner Load(string path, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new LedgerException(LedgerError.Missing, $"No key file at {path}.");
        }

        if (info.Length > NoteKeys.MaxKeyText)
        {
            throw new LedgerException(LedgerError.Malformed, $"{path} is too large to be a key file.");
        }

        if (!OperatingSystem.IsWindows() && (info.UnixFileMode & (UnixFileMode.GroupRead | UnixFileMode.OtherRead | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0)
        {
            throw new LedgerException(LedgerError.Malformed, $"{path} can be read or written by others; make it readable by its owner only (chmod 600).");
        }

        return NoteKeys.ParseSignerKey(File.ReadAllText(path, Encoding.UTF8), clock);
    }

    /// <summary>Creates a new key file (fails if it exists) and its <c>.pub</c> file; returns the verifier key.</summary>
    public static string Create(string path, string name, byte type = NoteKeys.Ed25519Type)
    {
        ArgumentNullException.ThrowIfNull(path);
        var (signerKey, verifierKey) = NoteKeys.Generate(name, type);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null && OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else if (directory is not null)
        {
            // The key's folder is the owner's only, like the key.
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(path, options))
        {
            stream.Write(Encoding.UTF8.GetBytes(signerKey + "\n"));
            stream.Flush(flushToDisk: true);
        }

        File.WriteAllText(path + ".pub", verifierKey + "\n");
        return verifierKey;
    }
}
