// The end-to-end tests run engines as processes on Linux, as the process compute driver does.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
