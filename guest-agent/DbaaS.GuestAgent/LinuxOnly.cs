// The agent runs beside a database on Linux (/proc, prctl, unix file modes): it says so once, for the analyzers.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
