// The guest agent is Linux-only; so are the tests that drive it.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
