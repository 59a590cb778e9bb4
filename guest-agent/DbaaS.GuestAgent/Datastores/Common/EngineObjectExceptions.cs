namespace DbaaS.GuestAgent.Datastores.Common;

/// <summary>A database, user or grant the call names is not in the engine: answered as not_found.</summary>
public sealed class EngineObjectNotFoundException(string message) : Exception(message);

/// <summary>A database or user the call would create or rename to is in the engine already: answered as already_exists.</summary>
public sealed class EngineObjectExistsException(string message) : Exception(message);
