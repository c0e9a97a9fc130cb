using System.Data.Common;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using Senim.Ledger;
using Senim.Ledger.Checkpoints;
using Senim.Ledger.Merkle;
using Senim.Ledger.Notes;
using Senim.Ledger.Storage;

namespace Senim.Registry.Log;

/// <summary>What the register knows about an entry besides its bytes: the system (or organisation) and event it records.</summary>
public sealed record LogEntryDraft(Guid? SystemId, Guid? EventId, string Kind, string? RecordHash, byte[] Data, Guid? OrganisationId = null);

/// <summary>
/// Senim.Ledger's <see cref="ILogStore"/> over the register database, on the DbContext's own connection and
/// transaction, so an append commits or rolls back with the register change it records. Appends lock the single
/// <c>LogHeads</c> row (an UPDATE: a row lock on PostgreSQL, the write lock on SQLite) until the transaction ends,
/// so two appenders never read the same head and no index is ever reused. Every read and write is asynchronous
/// ADO.NET: a proof's or an append's stored hashes are read in one query. Raw SQL keeps bulk appends fast
/// (PostgreSQL COPY, a prepared statement on SQLite).
/// </summary>
public sealed class RegistryLogStore(RegistryDb db) : ILogStore
{
    /// <summary>Nodes per query when many are read at once (two parameters each on SQLite).</summary>
    private const int NodesPerQuery = 400;

    private IReadOnlyList<LogEntryDraft>? _pending;

    /// <summary>Appends the drafts as one batch with one signed checkpoint. Must run inside the register's transaction.</summary>
    public async Task<AppendResult> AppendAsync(IReadOnlyList<LogEntryDraft> drafts, LogKey key, CancellationToken cancellationToken = default)
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
            return await new LogAppender(this, key.Origin, key.Signer).AppendAsync([.. drafts.Select(d => d.Data)], cancellationToken);
        }
        finally
        {
            _pending = null;
        }
    }

    public ValueTask<string?> ReadCheckpointAsync(CancellationToken cancellationToken = default) => ReadAsync(async () =>
    {
        await using var command = Command("""SELECT "Note" FROM "LogCheckpoints" ORDER BY "Size" DESC LIMIT 1""");
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }, cancellationToken);

    /// <summary>The committed signed checkpoint of exactly <paramref name="size"/> entries, or null.</summary>
    public ValueTask<string?> ReadCheckpointAsync(long size, CancellationToken cancellationToken = default) => ReadAsync(async () =>
    {
        await using var command = Command("""SELECT "Note" FROM "LogCheckpoints" WHERE "Size" = @size""");
        Add(command, "size", size);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }, cancellationToken);

    public ValueTask<IReadOnlyList<byte[]>> ReadEntriesAsync(long start, int count, CancellationToken cancellationToken = default) => ReadAsync<IReadOnlyList<byte[]>>(async () =>
    {
        await using var command = Command("""SELECT "Index", "Data" FROM "LogEntries" WHERE "Index" >= @start AND "Index" < @end ORDER BY "Index" """);
        Add(command, "start", start);
        Add(command, "end", start + count);
        var entries = new List<byte[]>(Math.Max(0, count));
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
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
    }, cancellationToken);

    public async ValueTask ReadHashesAsync(int level, long start, Memory<MerkleHash> destination, CancellationToken cancellationToken = default)
    {
        var length = destination.Length;
        var hashes = await ReadAsync(async () =>
        {
            await using var command = Command("""SELECT "Index", "Hash" FROM "LogHashes" WHERE "Level" = @level AND "Index" >= @start AND "Index" < @end ORDER BY "Index" """);
            Add(command, "level", level);
            Add(command, "start", start);
            Add(command, "end", start + length);
            var found = new List<MerkleHash>(length);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var bytes = (byte[])reader.GetValue(1);
                if (reader.GetInt64(0) != start + found.Count || bytes.Length != MerkleHash.Size)
                {
                    break;
                }

                found.Add(new MerkleHash(bytes));
            }

            return found;
        }, cancellationToken);
        if (hashes.Count != destination.Length)
        {
            throw new LedgerException(LedgerError.Missing, $"Stored hashes [{start}, {start + destination.Length}) at level {level} are not all in the log.");
        }

        hashes.CopyTo(destination.Span);
    }

    public async ValueTask ReadNodesAsync(ReadOnlyMemory<TreeNode> nodes, Memory<MerkleHash> destination, CancellationToken cancellationToken = default)
    {
        var distinct = new HashSet<TreeNode>(nodes.Length);
        foreach (var node in nodes.Span)
        {
            distinct.Add(node);
        }

        var wanted = distinct.ToArray();
        var found = await ReadAsync(async () =>
        {
            var hashes = new Dictionary<TreeNode, MerkleHash>(wanted.Length);
            for (var at = 0; at < wanted.Length; at += NodesPerQuery)
            {
                await using var command = NodesQuery(wanted.AsSpan(at, Math.Min(NodesPerQuery, wanted.Length - at)));
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    var bytes = (byte[])reader.GetValue(2);
                    if (bytes.Length == MerkleHash.Size)
                    {
                        hashes[new TreeNode(reader.GetInt32(0), reader.GetInt64(1))] = new MerkleHash(bytes);
                    }
                }
            }

            return hashes;
        }, cancellationToken);
        for (var i = 0; i < nodes.Length; i++)
        {
            var node = nodes.Span[i];
            destination.Span[i] = found.TryGetValue(node, out var hash) ? hash : throw new LedgerException(LedgerError.Missing, $"Stored hash {node} is not in the log.");
        }
    }

    /// <summary>One query for a set of nodes: a join on the primary key (level, index), by arrays on PostgreSQL and a VALUES list on SQLite.</summary>
    private DbCommand NodesQuery(ReadOnlySpan<TreeNode> nodes)
    {
        if (db.Database.GetDbConnection() is NpgsqlConnection)
        {
            var command = Command("""SELECT h."Level", h."Index", h."Hash" FROM unnest(@levels, @indexes) AS n("L", "I") JOIN "LogHashes" h ON h."Level" = n."L" AND h."Index" = n."I" """);
            var levels = new int[nodes.Length];
            var indexes = new long[nodes.Length];
            for (var i = 0; i < nodes.Length; i++)
            {
                (levels[i], indexes[i]) = nodes[i];
            }

            Add(command, "levels", levels);
            Add(command, "indexes", indexes);
            return command;
        }

        var sql = new System.Text.StringBuilder("""WITH n("L", "I") AS (VALUES """);
        for (var i = 0; i < nodes.Length; i++)
        {
            sql.Append(i == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture, $"(@l{i}, @i{i})");
        }

        sql.Append(""") SELECT h."Level", h."Index", h."Hash" FROM n JOIN "LogHashes" h ON h."Level" = n."L" AND h."Index" = n."I" """);
        var values = Command(sql.ToString());
        for (var i = 0; i < nodes.Length; i++)
        {
            Add(values, string.Create(CultureInfo.InvariantCulture, $"l{i}"), nodes[i].Level);
            Add(values, string.Create(CultureInfo.InvariantCulture, $"i{i}"), nodes[i].Index);
        }

        return values;
    }

    public async ValueTask<ILogAppendSession> BeginAppendAsync(CancellationToken cancellationToken = default)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Log appends run inside the register's transaction.");
        }

        // Lock the head row until the transaction ends: PostgreSQL takes a row lock, SQLite the database write lock.
        await using (var lockHead = Command("""UPDATE "LogHeads" SET "Size" = "Size" WHERE "Id" = @id"""))
        {
            Add(lockHead, "id", LogHead.SingletonId);
            if (await lockHead.ExecuteNonQueryAsync(cancellationToken) != 1)
            {
                throw new LedgerException(LedgerError.Missing, "The log's head row is missing: the database was altered.");
            }
        }

        long size;
        await using (var head = Command("""SELECT "Size" FROM "LogHeads" WHERE "Id" = @id"""))
        {
            Add(head, "id", LogHead.SingletonId);
            size = Convert.ToInt64(await head.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        }

        return new Session(this, size, await ReadCheckpointAsync(cancellationToken));
    }

    private async ValueTask CommitAsync(long headSize, LogBatch batch, CancellationToken cancellationToken)
    {
        if (batch.OldSize != headSize)
        {
            throw new LedgerException(LedgerError.Conflict, $"The log has {headSize} entries, not {batch.OldSize}.");
        }

        var drafts = _pending ?? throw new InvalidOperationException("Appends go through RegistryLogStore.AppendAsync, which knows what each entry records.");
        if (drafts.Count != batch.Entries.Count)
        {
            throw new InvalidOperationException("The batch does not match the drafts it was made from.");
        }

        var root = Checkpoint.ParseBody(SignedNote.Parse(batch.SignedCheckpoint).Text).Root;
        if (db.Database.GetDbConnection() is NpgsqlConnection npgsql)
        {
            await CopyPostgresAsync(npgsql, batch, drafts, cancellationToken);
        }
        else
        {
            await InsertSqliteAsync(batch, drafts, cancellationToken);
        }

        await using (var checkpoint = Command("""INSERT INTO "LogCheckpoints" ("Size", "Root", "Note") VALUES (@size, @root, @note)"""))
        {
            Add(checkpoint, "size", batch.NewSize);
            Add(checkpoint, "root", root.ToArray());
            Add(checkpoint, "note", batch.SignedCheckpoint);
            await checkpoint.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var head = Command("""UPDATE "LogHeads" SET "Size" = @size WHERE "Id" = @id AND "Size" = @old""");
        Add(head, "size", batch.NewSize);
        Add(head, "id", LogHead.SingletonId);
        Add(head, "old", batch.OldSize);
        if (await head.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            throw new LedgerException(LedgerError.Conflict, $"The log no longer has {batch.OldSize} entries.");
        }
    }

    private static async Task CopyPostgresAsync(NpgsqlConnection connection, LogBatch batch, IReadOnlyList<LogEntryDraft> drafts, CancellationToken cancellationToken)
    {
        await using (var entries = await connection.BeginBinaryImportAsync("""COPY "LogEntries" ("Index", "SystemId", "OrganisationId", "EventId", "Kind", "RecordHash", "Data", "LeafHash") FROM STDIN (FORMAT BINARY)""", cancellationToken))
        {
            for (var i = 0; i < drafts.Count; i++)
            {
                var draft = drafts[i];
                await entries.StartRowAsync(cancellationToken);
                await entries.WriteAsync(batch.OldSize + i, NpgsqlDbType.Bigint, cancellationToken);
                foreach (var id in new[] { draft.SystemId, draft.OrganisationId, draft.EventId })
                {
                    if (id is { } value)
                    {
                        await entries.WriteAsync(value, NpgsqlDbType.Uuid, cancellationToken);
                    }
                    else
                    {
                        await entries.WriteNullAsync(cancellationToken);
                    }
                }

                await entries.WriteAsync(draft.Kind, NpgsqlDbType.Varchar, cancellationToken);
                if (draft.RecordHash is { } recordHash)
                {
                    await entries.WriteAsync(recordHash, NpgsqlDbType.Varchar, cancellationToken);
                }
                else
                {
                    await entries.WriteNullAsync(cancellationToken);
                }

                await entries.WriteAsync(draft.Data, NpgsqlDbType.Bytea, cancellationToken);
                await entries.WriteAsync(Rfc9162.LeafHash(draft.Data).ToArray(), NpgsqlDbType.Bytea, cancellationToken);
            }

            await entries.CompleteAsync(cancellationToken);
        }

        await using var hashes = await connection.BeginBinaryImportAsync("""COPY "LogHashes" ("Level", "Index", "Hash") FROM STDIN (FORMAT BINARY)""", cancellationToken);
        foreach (var stored in batch.Hashes)
        {
            await hashes.StartRowAsync(cancellationToken);
            await hashes.WriteAsync(stored.Level, NpgsqlDbType.Integer, cancellationToken);
            await hashes.WriteAsync(stored.Index, NpgsqlDbType.Bigint, cancellationToken);
            await hashes.WriteAsync(stored.Hash.ToArray(), NpgsqlDbType.Bytea, cancellationToken);
        }

        await hashes.CompleteAsync(cancellationToken);
    }

    private async Task InsertSqliteAsync(LogBatch batch, IReadOnlyList<LogEntryDraft> drafts, CancellationToken cancellationToken)
    {
        await using (var entry = Command("""INSERT INTO "LogEntries" ("Index", "SystemId", "OrganisationId", "EventId", "Kind", "RecordHash", "Data", "LeafHash") VALUES (@index, @system, @organisation, @event, @kind, @record, @data, @leaf)"""))
        {
            var index = Add(entry, "index", 0L);
            var system = Add(entry, "system", DBNull.Value);
            var organisation = Add(entry, "organisation", DBNull.Value);
            var eventId = Add(entry, "event", DBNull.Value);
            var kind = Add(entry, "kind", "");
            var record = Add(entry, "record", DBNull.Value);
            var data = Add(entry, "data", Array.Empty<byte>());
            var leaf = Add(entry, "leaf", Array.Empty<byte>());
            await entry.PrepareAsync(cancellationToken);
            for (var i = 0; i < drafts.Count; i++)
            {
                var draft = drafts[i];
                index.Value = batch.OldSize + i;
                system.Value = draft.SystemId is { } systemId ? SqliteGuid(systemId) : DBNull.Value;
                organisation.Value = draft.OrganisationId is { } organisationId ? SqliteGuid(organisationId) : DBNull.Value;
                eventId.Value = draft.EventId is { } id ? SqliteGuid(id) : DBNull.Value;
                kind.Value = draft.Kind;
                record.Value = (object?)draft.RecordHash ?? DBNull.Value;
                data.Value = draft.Data;
                leaf.Value = Rfc9162.LeafHash(draft.Data).ToArray();
                await entry.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        await using var hash = Command("""INSERT INTO "LogHashes" ("Level", "Index", "Hash") VALUES (@level, @index, @hash)""");
        var level = Add(hash, "level", 0);
        var at = Add(hash, "index", 0L);
        var value = Add(hash, "hash", Array.Empty<byte>());
        await hash.PrepareAsync(cancellationToken);
        foreach (var stored in batch.Hashes)
        {
            level.Value = stored.Level;
            at.Value = stored.Index;
            value.Value = stored.Hash.ToArray();
            await hash.ExecuteNonQueryAsync(cancellationToken);
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
    private async ValueTask<T> ReadAsync<T>(Func<Task<T>> read, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            return await read();
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private sealed class Session(RegistryLogStore store, long headSize, string? checkpoint) : LogAppendSession(store, checkpoint)
    {
        public override ValueTask CommitAsync(LogBatch batch, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(batch);
            return store.CommitAsync(headSize, batch, cancellationToken);
        }

        // The lock is the transaction's: it ends with the register's commit or rollback.
        public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
