namespace DbaaS.GuestAgent.Datastores.Common;

/// <summary>
/// The engine or one of its tools failed (exit code, start that never answered, stop that never finished). Its
/// message is meant for the user's fault field, so it never carries a secret: callers redact before throwing.
/// Invalid input is an <see cref="ArgumentException"/>; something the engine cannot do, <see cref="NotSupportedException"/>.
/// </summary>
public sealed class EngineException(string message, Exception? inner = null) : Exception(message, inner);
