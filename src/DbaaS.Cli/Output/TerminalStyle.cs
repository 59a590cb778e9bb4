using Spectre.Console;

namespace DbaaS.Cli.Output;

/// <summary>
/// Decides between colour and plain text. Spectre writes ANSI codes even into a pipe when TERM=xterm,
/// so plain is chosen whenever stdout is not the real terminal, NO_COLOR is set, or TERM=dumb.
/// Plain also means ASCII borders, which survive any log file or encoding.
/// </summary>
internal sealed class TerminalStyle
{
    // Wide enough that redirected tables never wrap; Spectre only uses the width a table needs.
    private const int RedirectedWidth = 4096;

    private TerminalStyle(IAnsiConsole console, bool plain)
    {
        Console = console;
        Plain = plain;
    }

    public IAnsiConsole Console { get; }

    public bool Plain { get; }

    public Style HeaderStyle => Plain ? Style.Plain : new Style(decoration: Decoration.Bold);

    public static TerminalStyle For(TextWriter stdout, IReadOnlyDictionary<string, string?> environment)
    {
        var plain = !WritesToInteractiveConsole(stdout)
            || !string.IsNullOrEmpty(environment.GetValueOrDefault("NO_COLOR"))
            || environment.GetValueOrDefault("TERM") == "dumb";

        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(stdout),
            Ansi = plain ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = plain ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = InteractionSupport.No,
            Enrichment = new ProfileEnrichment { UseDefaultEnrichers = false },
        });
        if (plain)
        {
            console.Profile.Width = RedirectedWidth;
            console.Profile.Capabilities.Unicode = false;
        }
        return new TerminalStyle(console, plain);
    }

    private static bool WritesToInteractiveConsole(TextWriter stdout) =>
        ReferenceEquals(stdout, System.Console.Out) && !System.Console.IsOutputRedirected;
}
