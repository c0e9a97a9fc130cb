using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using Senim.Ledger;
using Senim.Ledger.Checkpoints;
using Senim.Ledger.Merkle;
using Senim.Ledger.Notes;
using Senim.Ledger.Storage;
using Senim.Registry.Data;
using Senim.Registry.Model;

namespace Senim.Registry.Log;

/// <summary>What the register knows about an entry besides its bytes: the system and event it records.</summary>
public sealed record LogEntryDraft(Guid SystemId, Guid? EventId, string Kind, string? RecordHash, byte[] Data);

/// <summary>
/// Senim.Ledger's <see cref="ILogStore"/> over the register database, on the DbContext's own connection and
/// transaction, so an append commits or rolls back with the register change it records. Appends lock the single
/// <c>LogHeads</c> row (an UPDATE: a row lock on PostgreSQL, the write lock on SQLite) until the transaction ends,
/// so two appenders never read the same head and no index is ever reused. Raw SQL keeps bulk appends fast
/// (PostgreSQL COPY, a prepared statement on SQLite).
/// </summary>
public sealed class RegistryLogStore(RegistryDb db) : ILogStore
{
    private IReadOnlyList<LogEntryDraft>? _pending;

    /// <summary>Appends the drafts as one batch with one signed checkpoint. Must run inside the register's transaction.</summary>
    public AppendResult Append(IReadOnlyList<LogEntryDraft> drafts, LogKey key)
    {
        ArgumentNullException.ThrowIfNull(drafts);
        ArgumentNullException.ThrowIfNull(key);
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Log appends run inside the register's transaction.");
        }

        _pending = drafts;
        try
        {
            return new LogAppender(this, key.Origin, key.Signer).Append([.. drafts.Select(d => d.Data)]);
        }
        finally
        {
            _pending = null;
        }
    }

    public string? ReadCheckpoint() => Read(() =>
    {
        using var command = Command("""SELECT "Note" FROM "LogCheckpoints" ORDER BY "Size" DESC LIMIT 1""");
        return command.ExecuteScalar() as string;
    });

    /// <summary>The committed signed checkpoint of exactly <paramref name="size"/> entries, or null.</summary>
    public string? ReadCheckpoint(long size) => Read(() =>
    {
        using var command = Command("""SELECT "Note" FROM "LogCheckpoints" WHERE "Size" = @size""");
        Add(command, "size", size);
        return command.ExecuteScalar() as string;
    });

    public IReadOnlyList<byte[]> ReadEntries(long start, int count) => Read(() =>
    {
        using var command = Command("""SELECT "Index", "Data" FROM "LogEntries" WHERE "Index" >= @start AND "Index" < @end ORDER BY "Index" """);
        Add(command, "start", start);
        Add(command, "end", start + count);
        var entries = new List<byte[]>(count);
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                if (reader.GetInt64(0) != start + entries.Count)
                {
                    break;
                }

                entries.Add((byte[])reader.GetValue(1));
            }
        }

        if (start < 0 || count < 0 || entries.Count != count)
        {
            throw new LedgerException(LedgerError.Missing, $"Entries [{start}, {start + count}) are not all in the log.");
        }

        return entries;
    });

    public void ReadHashes(int level, long start, Span<MerkleHash> destination)
    {
        var length = destination.Length;
        var hashes = Read(() =>
        {
            using var command = Command("""SELECT "Index", "Hash" FROM "LogHashes" WHERE "Level" = @level AND "Index" >= @start AND "Index" < @end ORDER BY "Index" """);
            Add(command, "level", level);
            Add(command, "start", start);
            Add(command, "end", start + length);
            var found = new List<MerkleHash>(length);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var bytes = (byte[])reader.GetValue(1);
                if (reader.GetInt64(0) != start + found.Count || bytes.Length != MerkleHash.Size)
                {
                    break;
                }

                found.Add(new MerkleHash(bytes));
            }

            return found;
        });
        if (hashes.Count != destination.Length)
        {
            throw new LedgerException(LedgerError.Missing, $"Stored hashes [{start}, {start + destination.Length}) at level {level} are not all in the log.");
        }

        hashes.CopyTo(destination);
    }

    public ILogAppendSession BeginAppend()
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Log appends run inside the register's transaction.");
        }

        // Lock the head row until the transaction ends: PostgreSQL takes a row lock, SQLite the database write lock.
        using (var lockHead = Command("""UPDATE "LogHeads" SET "Size" = "Size" WHERE "Id" = @id"""))
        {
            Add(lockHead, "id", LogHead.SingletonId);
            if (lockHead.ExecuteNonQuery() != 1)
            {
                throw new LedgerException(LedgerError.Missing, "The log's head row is missing: the database was altered.");
            }
        }

        long size;
        using (var head = Command("""SELECT "Size" FROM "LogHeads" WHERE "Id" = @id"""))
        {
            Add(head, "id", LogHead.SingletonId);
            size = Convert.ToInt64(head.ExecuteScalar(), CultureInfo.InvariantCulture);
        }

        return new Session(this, size, ReadCheckpoint());
    }

    private void Commit(long headSize, LogBatch batch)
    {
        if (batch.OldSize != headSize)
        {
            throw new LedgerException(LedgerError.Conflict, $"The log has {headSize} entries, not {batch.OldSize}.");
        }

        var drafts = _pending ?? throw new InvalidOperationException("Appends go through RegistryLogStore.Append, which knows what each entry records.");
        if (drafts.Count != batch.Entries.Count)
        {
            throw new InvalidOperationException("The batch does not match the drafts it was made from.");
        }

        var root = Checkpoint.ParseBody(SignedNote.Parse(batch.SignedCheckpoint).Text).Root;
        if (db.Database.GetDbConnection() is NpgsqlConnection npgsql)
        {
            CopyPostgres(npgsql, batch, drafts);
        }
        else
        {
            InsertSqlite(batch, drafts);
        }

        using (var checkpoint = Command("""INSERT INTO "LogCheckpoints" ("Size", "Root", "Note") VALUES (@size, @root, @note)"""))
        {
            Add(checkpoint, "size", batch.NewSize);
            Add(checkpoint, "root", root.ToArray());
            Add(checkpoint, "note", batch.SignedCheckpoint);
            checkpoint.ExecuteNonQuery();
        }

        using var head = Command("""UPDATE "LogHeads" SET "Size" = @size WHERE "Id" = @id AND "Size" = @old""");
        Add(head, "size", batch.NewSize);
        Add(head, "id", LogHead.SingletonId);
        Add(head, "old", batch.OldSize);
        if (head.ExecuteNonQuery() != 1)
        {
            throw new LedgerException(LedgerError.Conflict, $"The log no longer has {batch.OldSize} entries.");
        }
    }

    private static void CopyPostgres(NpgsqlConnection connection, LogBatch batch, IReadOnlyList<LogEntryDraft> drafts)
    {
        using (var entries = connection.BeginBinaryImport("""COPY "LogEntries" ("Index", "SystemId", "EventId", "Kind", "RecordHash", "Data", "LeafHash") FROM STDIN (FORMAT BINARY)"""))
        {
            for (var i = 0; i < drafts.Count; i++)
            {
                var draft = drafts[i];
                entries.StartRow();
                entries.Write(batch.OldSize + i, NpgsqlDbType.Bigint);
                entries.Write(draft.SystemId, NpgsqlDbType.Uuid);
                if (draft.EventId is { } eventId)
                {
                    entries.Write(eventId, NpgsqlDbType.Uuid);
                }
                else
                {
                    entries.WriteNull();
                }

                entries.Write(draft.Kind, NpgsqlDbType.Varchar);
                if (draft.RecordHash is { } recordHash)
                {
                    entries.Write(recordHash, NpgsqlDbType.Varchar);
                }
                else
                {
                    entries.WriteNull();
                }

                entries.Write(draft.Data, NpgsqlDbType.Bytea);
                entries.Write(Rfc9162.LeafHash(draft.Data).ToArray(), NpgsqlDbType.Bytea);
            }

            entries.Complete();
        }

        using var hashes = connection.BeginBinaryImport("""COPY "LogHashes" ("Level", "Index", "Hash") FROM STDIN (FORMAT BINARY)""");
        foreach (var stored in batch.Hashes)
        {
            hashes.StartRow();
            hashes.Write(stored.Level, NpgsqlDbType.Integer);
            hashes.Write(stored.Index, NpgsqlDbType.Bigint);
            hashes.Write(stored.Hash.ToArray(), NpgsqlDbType.Bytea);
        }

        hashes.Complete();
    }

    private void InsertSqlite(LogBatch batch, IReadOnlyList<LogEntryDraft> drafts)
    {
        using (var entry = Command("""INSERT INTO "LogEntries" ("Index", "SystemId", "EventId", "Kind", "RecordHash", "Data", "LeafHash") VALUES (@index, @system, @event, @kind, @record, @data, @leaf)"""))
        {
            var index = Add(entry, "index", 0L);
            var system = Add(entry, "system", "");
            var eventId = Add(entry, "event", DBNull.Value);
            var kind = Add(entry, "kind", "");
            var record = Add(entry, "record", DBNull.Value);
            var data = Add(entry, "data", Array.Empty<byte>());
            var leaf = Add(entry, "leaf", Array.Empty<byte>());
            entry.Prepare();
            for (var i = 0; i < drafts.Count; i++)
            {
                var draft = drafts[i];
                index.Value = batch.OldSize + i;
                system.Value = SqliteGuid(draft.SystemId);
                eventId.Value = draft.EventId is { } id ? SqliteGuid(id) : DBNull.Value;
                kind.Value = draft.Kind;
                record.Value = (object?)draft.RecordHash ?? DBNull.Value;
                data.Value = draft.Data;
                leaf.Value = Rfc9162.LeafHash(draft.Data).ToArray();
                entry.ExecuteNonQuery();
            }
        }

        using var hash = Command("""INSERT INTO "LogHashes" ("Level", "Index", "Hash") VALUES (@level, @index, @hash)""");
        var level = Add(hash, "level", 0);
        var at = Add(hash, "index", 0L);
        var value = Add(hash, "hash", Array.Empty<byte>());
        hash.Prepare();
        foreach (var stored in batch.Hashes)
        {
            level.Value = stored.Level;
            at.Value = stored.Index;
            value.Value = stored.Hash.ToArray();
            hash.ExecuteNonQuery();
        }
    }

    // EF Core's SQLite provider stores a Guid as upper-case text; write it the same way so EF reads it back.
    private static string SqliteGuid(Guid id) => id.ToString().ToUpperInvariant();

    private DbCommand Command(string sql)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        return command;
    }

    private static DbParameter Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@" + name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return parameter;
    }

    /// <summary>Runs a read on the context's connection, opening it for the read when no transaction holds it open.</summary>
    private T Read<T>(Func<T> read)
    {
        db.Database.OpenConnection();
        try
        {
            return read();
        }
        finally
        {
            db.Database.CloseConnection();
        }
    }

    private sealed class Session(RegistryLogStore store, long headSize, string? checkpoint) : ILogAppendSession
    {
        public string? Checkpoint { get; } = checkpoint;

        public void ReadHashes(int level, long start, Span<MerkleHash> destination) => store.ReadHashes(level, start, destination);

        public void Commit(LogBatch batch)
        {
            ArgumentNullException.ThrowIfNull(batch);
            store.Commit(headSize, batch);
        }

        // The lock is the transaction's: it ends with the register's commit or rollback.
        public void Dispose()
        {
        }
    }
}
