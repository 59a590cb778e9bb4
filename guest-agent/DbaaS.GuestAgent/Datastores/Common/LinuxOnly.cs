// The guest agent drives engines through /proc, signals, Unix file modes and system users: it runs on Linux only.
// Declared for the whole assembly so the platform analyzer (CA1416) checks callers, not every Unix call here.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
