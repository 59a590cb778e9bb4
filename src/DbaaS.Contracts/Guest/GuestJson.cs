using System.Text.Json;
using System.Text.Json.Serialization;

namespace DbaaS.Contracts.Guest;

/// <summary>Source-generated JSON for the guest protocol, so the trimmed guest agent needs no reflection.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, WriteIndented = false)]
[JsonSerializable(typeof(GuestEnvelope))]
[JsonSerializable(typeof(GuestReply))]
[JsonSerializable(typeof(GuestConfig))]
[JsonSerializable(typeof(PrepareArgs))]
[JsonSerializable(typeof(PrepareResult))]
[JsonSerializable(typeof(ResizeVolumeArgs))]
[JsonSerializable(typeof(ApplyFlavorArgs))]
[JsonSerializable(typeof(VolumeInfo))]
[JsonSerializable(typeof(PingResult))]
[JsonSerializable(typeof(Diagnostics))]
[JsonSerializable(typeof(HeartbeatArgs))]
[JsonSerializable(typeof(CreateDatabasesArgs))]
[JsonSerializable(typeof(DatabaseRef))]
[JsonSerializable(typeof(DatabaseList))]
[JsonSerializable(typeof(CreateUsersArgs))]
[JsonSerializable(typeof(UserRef))]
[JsonSerializable(typeof(UserInfo))]
[JsonSerializable(typeof(UserList))]
[JsonSerializable(typeof(ChangePasswordsArgs))]
[JsonSerializable(typeof(UpdateUserArgs))]
[JsonSerializable(typeof(GrantAccessArgs))]
[JsonSerializable(typeof(RevokeAccessArgs))]
[JsonSerializable(typeof(EnableRootArgs))]
[JsonSerializable(typeof(RootCredentials))]
[JsonSerializable(typeof(RootStatus))]
[JsonSerializable(typeof(JsonElement))]
public sealed partial class GuestJson : JsonSerializerContext;
