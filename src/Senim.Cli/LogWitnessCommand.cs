using System.CommandLine;
using System.Net;
using System.Text;
using Senim.Ledger;
using Senim.Ledger.Notes;
using Senim.Ledger.Witnessing;

namespace Senim.Cli;

/// <summary>
/// `senim log witness add-checkpoint|serve`: a C2SP tlog-witness that cosigns a log's checkpoints only after checking
/// consistency with the last one it cosigned. `add-checkpoint` handles one request body from a file; `serve` speaks
/// the HTTP protocol on a loopback or LAN address with the framework's HttpListener (no web host).
/// </summary>
internal static class LogWitnessCommand
{
    public static Command Create(CliContext context)
    {
        var keyFile = new Option<string>("--key-file") { Description = "The witness's cosigner key file (make one with `senim log keygen NAME --witness --out FILE`).", Required = true };
        var logs = new Option<string[]>("--log") { Description = "A log to witness: its public key (name+keyid+base64, or a file holding it); the origin is the key's name. Repeat for more logs.", Required = true, AllowMultipleArgumentsPerToken = false };
        var state = new Option<string>("--state") { Description = "The file where the witness keeps the latest checkpoint it cosigned per log.", Required = true };

        var request = new Argument<string>("REQUEST") { Description = "A file holding the add-checkpoint request body (old size, consistency proof, blank line, signed checkpoint), or - for standard input." };
        var add = new Command("add-checkpoint", "Handle one add-checkpoint request: print the cosignature line, or the protocol's error. Exit codes: 0 cosigned, 1 refused (the status is printed), 2 invalid input.")
        {
            request, keyFile, logs, state,
        };
        add.SetAction(parse =>
        {
            var witness = Open(context, parse.GetValue(keyFile)!, parse.GetValue(logs)!, parse.GetValue(state)!);
            if (witness is null)
            {
                return ExitCodes.InvalidInput;
            }

            byte[] body;
            var file = parse.GetValue(request)!;
            try
            {
                body = file == "-" ? ReadBounded(Console.OpenStandardInput()) : ReadBounded(File.OpenRead(file));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                context.Error.WriteLine($"{file}: {ex.Message}");
                return ExitCodes.InvalidInput;
            }

            var response = witness.AddCheckpoint(body);
            if (response.StatusCode == 200)
            {
                context.Output.Write(response.Body);
                return ExitCodes.Ok;
            }

            context.Error.Write($"{response.StatusCode} ({response.ContentType}): {response.Body}");
            return ExitCodes.Failure;
        });

        var listen = new Option<string>("--listen") { Description = "host:port to listen on (default 127.0.0.1:7380).", DefaultValueFactory = _ => "127.0.0.1:7380" };
        var maxRequests = new Option<int>("--max-requests") { Description = "Stop after this many requests (0: run until interrupted).", DefaultValueFactory = _ => 0 };
        var serve = new Command("serve", "Serve the C2SP tlog-witness protocol: POST /add-checkpoint.") { keyFile, logs, state, listen, maxRequests };
        serve.SetAction(async (parse, cancellationToken) =>
        {
            var witness = Open(context, parse.GetValue(keyFile)!, parse.GetValue(logs)!, parse.GetValue(state)!);
            if (witness is null)
            {
                return ExitCodes.InvalidInput;
            }

            return await ServeAsync(context, witness, parse.GetValue(listen)!, parse.GetValue(maxRequests), cancellationToken);
        });

        var witnessCommand = new Command("witness", "Act as a C2SP witness for one or more logs.");
        witnessCommand.Subcommands.Add(add);
        witnessCommand.Subcommands.Add(serve);
        return witnessCommand;
    }

    private static Witness? Open(CliContext context, string keyFile, string[] logKeys, string statePath)
    {
        try
        {
            var signer = FileKeyStore.Load(keyFile);
            if (signer is not CosignatureSigner cosigner)
            {
                signer.Dispose();
                context.Error.WriteLine($"{keyFile} is a log key; a witness signs with a cosigner key (keygen --witness).");
                return null;
            }

            var logs = new Dictionary<string, IReadOnlyList<NoteVerifier>>(StringComparer.Ordinal);
            foreach (var text in logKeys)
            {
                var keyText = File.Exists(text) && new FileInfo(text).Length < 4096 ? File.ReadAllText(text) : text;
                var key = NoteKeys.ParseVerifierKey(keyText);
                if (key.Type != NoteKeys.Ed25519Type)
                {
                    context.Error.WriteLine($"--log {key.Name}: a log's key is an Ed25519 note key (type 0x01).");
                    return null;
                }

                logs[key.Name] = logs.TryGetValue(key.Name, out var existing) ? [.. existing, key] : [key];
            }

            return new Witness(cosigner, logs, new FileWitnessState(statePath));
        }
        catch (LedgerException ex)
        {
            context.Error.WriteLine(ex.Message);
            return null;
        }
    }

    private static async Task<int> ServeAsync(CliContext context, Witness witness, string listen, int maxRequests, CancellationToken cancellationToken)
    {
        var colon = listen.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(listen.AsSpan(colon + 1), System.Globalization.CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            context.Error.WriteLine($"--listen {listen}: expected host:port.");
            return ExitCodes.InvalidInput;
        }

        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://{listen[..colon]}:{port}/");
        try
        {
            listener.Start();
        }
        catch (HttpListenerException ex)
        {
            context.Error.WriteLine($"Cannot listen on {listen}: {ex.Message}");
            return ExitCodes.Failure;
        }

        context.Output.WriteLine($"witness listening on http://{listen}/add-checkpoint");
        await using var stop = cancellationToken.Register(listener.Stop);
        var handled = 0;
        while (!cancellationToken.IsCancellationRequested && (maxRequests == 0 || handled < maxRequests))
        {
            HttpListenerContext exchange;
            try
            {
                exchange = await listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                break;
            }

            handled++;
            WitnessResponse response;
            if (exchange.Request.Url?.AbsolutePath != "/add-checkpoint")
            {
                response = new WitnessResponse(404, "text/plain; charset=utf-8", "Not found: this witness serves POST /add-checkpoint.\n");
            }
            else if (exchange.Request.HttpMethod != "POST")
            {
                response = new WitnessResponse(405, "text/plain; charset=utf-8", "Use POST.\n");
            }
            else if (exchange.Request.ContentLength64 > Witness.MaxRequestBytes)
            {
                response = new WitnessResponse(413, "text/plain; charset=utf-8", "Request too large.\n");
            }
            else
            {
                byte[] body;
                try
                {
                    body = ReadBounded(exchange.Request.InputStream);
                }
                catch (IOException)
                {
                    exchange.Response.Abort();
                    continue;
                }

                response = witness.AddCheckpoint(body);
            }

            var bytes = Encoding.UTF8.GetBytes(response.Body);
            exchange.Response.StatusCode = response.StatusCode;
            exchange.Response.ContentType = response.ContentType;
            exchange.Response.ContentLength64 = bytes.Length;
            try
            {
                await exchange.Response.OutputStream.WriteAsync(bytes, cancellationToken);
                exchange.Response.Close();
            }
            catch (Exception ex) when (ex is HttpListenerException or IOException or OperationCanceledException)
            {
                exchange.Response.Abort();
            }

            context.Output.WriteLine($"{response.StatusCode} add-checkpoint");
        }

        return ExitCodes.Ok;
    }

    private static byte[] ReadBounded(Stream stream)
    {
        using (stream)
        {
            var buffer = new byte[Witness.MaxRequestBytes + 1];
            var total = 0;
            int read;
            while (total < buffer.Length && (read = stream.Read(buffer, total, buffer.Length - total)) > 0)
            {
                total += read;
            }

            return buffer[..total];
        }
    }
}
