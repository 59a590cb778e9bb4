// The plugins under test are Linux-only (see the guest agent's LinuxOnly.cs); so are these tests.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
