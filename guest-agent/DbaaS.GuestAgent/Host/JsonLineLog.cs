using System.Buffers;
using System.Text.Json;
using DbaaS.GuestAgent.Datastores;

namespace DbaaS.GuestAgent.Host;

/// <summary>
/// One JSON object per line (ts, level, msg, error), written whole so lines from concurrent work never interleave.
/// Callers pass only secret-free text: no passwords, keys or envelope arguments ever reach a message.
/// </summary>
public sealed class JsonLineLog(Stream output) : IGuestLog
{
    readonly Lock _gate = new();

    public static JsonLineLog ToStandardError() => new(Console.OpenStandardError());

    public void Info(string message) => Write("info", message, null);

    public void Warn(string message) => Write("warn", message, null);

    public void Error(string message, Exception? exception = null) => Write("error", message, exception);

    void Write(string level, string message, Exception? exception)
    {
        var line = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(line))
        {
            json.WriteStartObject();
            json.WriteString("ts", DateTimeOffset.UtcNow);
            json.WriteString("level", level);
            json.WriteString("msg", message);
            if (exception is not null)
            {
                json.WriteString("error", exception.GetType().FullName);
                json.WriteString("error_message", exception.Message);
                if (exception.StackTrace is { } stack) json.WriteString("stack", stack);
            }
            json.WriteEndObject();
        }
        lock (_gate)
        {
            try
            {
                output.Write(line.WrittenSpan);
                output.Write("\n"u8);
                output.Flush();
            }
            catch (IOException)
            {
                // stderr closed (the driver went away): the agent must keep serving regardless.
            }
        }
    }
}
