using System.Diagnostics;
using System.Text.Json;
using DbaaS.Contracts.Guest;
using DbaaS.GuestAgent.Datastores;
using DbaaS.GuestAgent.Datastores.Common;
using DbaaS.GuestAgent.Messaging;

namespace DbaaS.GuestAgent.Rpc;

/// <summary>
/// Opens each message from the guest queue, checks it is for this instance in a version it speaks, runs the method,
/// and answers calls (those with a reply_to) on <c>dbaas.replies</c>. Whatever arrives, the answer is a reply or a
/// log line, never a crash. Logs name the method and correlation id, never the arguments.
/// </summary>
public sealed class RpcDispatcher(string instanceId, byte[] key, GuestRpcMethods methods, SealedPublisher publisher, IGuestLog log)
{
    const int MaxLoggedMethodLength = 64;

    public async Task HandleAsync(IncomingMessage message, CancellationToken cancellationToken)
    {
        var envelope = Open(message, out var rejection);
        if (envelope is null)
        {
            log.Warn($"rejected a message{Correlation(message)}: {rejection!.Message}");
            await ReplyAsync(message, "(unopened)", null, rejection);
            return;
        }
        var method = envelope.Method ?? "";
        var logged = method.Length > MaxLoggedMethodLength ? method[..MaxLoggedMethodLength] + "…" : method;
        if (envelope.Version != GuestEnvelope.CurrentVersion)
        {
            log.Warn($"rejected {logged}{Correlation(message)}: envelope version {envelope.Version}");
            await ReplyAsync(message, logged, null, new GuestError(GuestErrorTypes.UnsupportedVersion,
                $"envelope version {envelope.Version} is not supported; this guest agent speaks version {GuestEnvelope.CurrentVersion}"));
            return;
        }
        if (!methods.TryGet(method, out var handler))
        {
            log.Warn($"rejected unknown method {logged}{Correlation(message)}");
            await ReplyAsync(message, logged, null, new GuestError(GuestErrorTypes.UnknownMethod,
                $"the guest agent has no method '{logged}'"));
            return;
        }

        var started = Stopwatch.GetTimestamp();
        JsonElement? result = null;
        GuestError? error;
        try
        {
            result = await handler(envelope.Args, cancellationToken);
            error = null;
        }
        catch (RpcArgumentException exception)
        {
            error = new GuestError(GuestErrorTypes.BadArguments, exception.Message);
        }
        catch (ArgumentException exception)
        {
            // The plugins' own name and password rules (NameRules): the caller's input, not the engine, is at fault.
            error = new GuestError(GuestErrorTypes.BadArguments, exception.Message);
        }
        catch (EngineObjectNotFoundException exception)
        {
            error = new GuestError(GuestErrorTypes.NotFound, exception.Message);
        }
        catch (EngineObjectExistsException exception)
        {
            error = new GuestError(GuestErrorTypes.AlreadyExists, exception.Message);
        }
        catch (NotSupportedException exception)
        {
            error = new GuestError(GuestErrorTypes.NotSupported, exception.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            error = new GuestError(GuestErrorTypes.Failed, $"{method} was interrupted: the guest agent is stopping");
        }
        catch (Exception exception)
        {
            // The plugin's message is meant for users ("mariadbd did not start: ..."); the log has the stack.
            error = new GuestError(GuestErrorTypes.Failed, $"{method} failed: {exception.Message}");
        }
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (error is null)
            log.Info($"{method}{Correlation(message)}: ok in {elapsed:0} ms");
        else
            log.Warn($"{method}{Correlation(message)}: {error.Type} in {elapsed:0} ms: {error.Message}");
        await ReplyAsync(message, method, result, error);
    }

    GuestEnvelope? Open(IncomingMessage message, out GuestError? rejection)
    {
        rejection = null;
        GuestEnvelope? envelope;
        try
        {
            var plaintext = EnvelopeSeal.Open(key, instanceId, message.Body);
            envelope = JsonSerializer.Deserialize(plaintext, GuestJson.Default.GuestEnvelope);
        }
        catch (EnvelopeRejectedException exception)
        {
            rejection = new GuestError(GuestErrorTypes.InvalidEnvelope, exception.Message);
            return null;
        }
        catch (JsonException)
        {
            rejection = new GuestError(GuestErrorTypes.InvalidEnvelope, "the message opened but is not a JSON envelope");
            return null;
        }
        if (envelope is null || string.IsNullOrEmpty(envelope.Method))
            rejection = new GuestError(GuestErrorTypes.InvalidEnvelope, "the envelope has no method");
        else if (!string.Equals(envelope.InstanceId, instanceId, StringComparison.Ordinal))
            rejection = new GuestError(GuestErrorTypes.InvalidEnvelope, "the envelope is addressed to another instance");
        return rejection is null ? envelope : null;
    }

    async Task ReplyAsync(IncomingMessage message, string method, JsonElement? result, GuestError? error)
    {
        if (string.IsNullOrEmpty(message.ReplyTo)) return;
        try
        {
            // Not the agent's stopping token: the answer to a call that ran is still sent while the agent stops.
            await publisher.ReplyAsync(message.ReplyTo, message.CorrelationId, result, error, CancellationToken.None);
        }
        catch (Exception exception)
        {
            log.Warn($"could not send the reply to {method}{Correlation(message)}: {exception.Message}");
        }
    }

    static string Correlation(IncomingMessage message) =>
        message.CorrelationId is { Length: > 0 } id ? $" (correlation {id})" : " (cast)";
}
